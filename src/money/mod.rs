//! Money: amounts in paise and largest-remainder allocation.

pub mod allocate;
pub mod amount;
