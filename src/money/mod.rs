//! Money: amounts in paise, percentages, ratios and largest-remainder allocation.

pub mod allocate;
pub mod amount;
pub mod bignum;
#[cfg(feature = "rust_decimal")]
mod decimal;
mod largest;
pub mod percent;
pub mod ratio;
#[cfg(feature = "serde")]
mod serde_impls;

pub use allocate::allocate;
pub use amount::Paise;
pub use percent::Percent;
pub use ratio::Ratio;
