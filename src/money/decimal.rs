//! Cargo feature `rust_decimal`: [`Paise`] to and from [`rust_decimal::Decimal`], what a Rust
//! backend's NUMERIC(…, 2) columns hold. The conversion in is exact to the paisa or refused: a
//! value with a non-zero third decimal is `TOO_MANY_DECIMALS` (never rounded), and one beyond
//! ±10000000000.00, the contract's maximum, is `INVALID_AMOUNT`. Trailing zeros are not decimals:
//! `1.500` is `1.50`.

use rust_decimal::Decimal;

use crate::error::{fail, Code, Error};
use crate::money::amount::{Paise, MAX_PAISE};
use crate::prelude::*;

impl TryFrom<Decimal> for Paise {
    type Error = Error;

    fn try_from(value: Decimal) -> Result<Paise, Error> {
        let exact = value.normalize();
        let scale = exact.scale();
        if scale > 2 {
            return Err(fail(
                Code::TooManyDecimals,
                "",
                &[
                    "the amount has more than two decimal places (",
                    &value.to_string(),
                    "); round it to the paisa first",
                ],
            ));
        }
        let paise = exact.mantissa().checked_mul(if scale == 2 { 1 } else { 10_i128.pow(2 - scale) });
        match paise.and_then(|p| i64::try_from(p).ok()).filter(|p| p.unsigned_abs() <= MAX_PAISE.unsigned_abs()) {
            Some(p) => Ok(Paise(p)),
            None => Err(fail(
                Code::InvalidAmount,
                "",
                &["the amount is beyond the maximum of 10000000000.00, got ", &value.to_string()],
            )),
        }
    }
}

/// Exact, with scale 2: `Paise(149950)` is `1499.50`.
impl From<Paise> for Decimal {
    fn from(amount: Paise) -> Decimal {
        Decimal::new(amount.0, 2)
    }
}
