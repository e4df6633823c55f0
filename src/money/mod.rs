//! Money: amounts in paise, percentages, ratios and largest-remainder allocation.

pub mod allocate;
pub mod amount;
pub mod bignum;
mod largest;
pub mod percent;
pub mod ratio;

pub use allocate::{allocate, allocate_json};
pub use amount::Paise;
pub use percent::Percent;
pub use ratio::Ratio;
