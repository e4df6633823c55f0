//! Percentages (commission, GST, MDR), read like amounts: at most two decimals, so a percentage
//! is an integer number of hundredths of a percent and applying it is exact integer arithmetic.

use crate::error::{fail, Code, Result};
use crate::json::Json;
use crate::money::amount::{parse_amount, Paise};
use crate::prelude::*;

/// A percentage in hundredths of a percent: `12.5` % is `Percent(1250)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(pub i64);

impl Percent {
    /// No percent.
    pub const ZERO: Percent = Percent(0);

    /// `self` percent of `amount`, rounded half-up to the paisa. Wide, so a huge percentage of a
    /// huge amount is a large number for the caller to compare, never an overflow. Half-up is
    /// exact for non-negative values; a negative product rounds half towards +∞.
    pub fn of(self, amount: i128) -> i128 {
        // `amount.saturating_mul(self)`, its overflow found with one division (whose helper the
        // module links anyway) rather than the inlined 128-bit overflow checks, several times larger.
        let (a, p) = (amount.unsigned_abs(), u128::from(self.0.unsigned_abs()));
        let product = if p != 0 && a > i128::MAX.unsigned_abs() / p {
            // Past i128 (or exactly i128::MIN, which saturating also gives): the bound of its sign.
            if (amount < 0) != (self.0 < 0) {
                i128::MIN
            } else {
                i128::MAX
            }
        } else {
            amount.wrapping_mul(i128::from(self.0))
        };
        product.saturating_add(5_000).div_euclid(10_000)
    }

    /// Two-decimal text without trailing zeros: `12.5`, `18`.
    pub fn to_text(self) -> String {
        Paise(self.0).to_number_text()
    }
}

/// Reads a percentage from a JSON number or text with the amount rules (`"12.5"`, `18`); the
/// codes are the amount codes, with messages that speak of a percentage.
pub fn parse_percent(value: Option<&Json>, path: &str) -> Result<Percent> {
    parse_amount(value, path).map(|p| Percent(p.0)).map_err(|e| match e.code {
        // The maximum is `MAX_PAISE` read as a percentage, written out.
        Code::InvalidAmount => fail(
            Code::InvalidAmount,
            path,
            &[path, " must be a percentage like 12.5 or \"18\" (at most 10000000000 and two decimals)"],
        ),
        Code::TooManyDecimals => fail(Code::TooManyDecimals, path, &[path, " may have at most two decimals"]),
        _ => e,
    })
}

/// Reads an optional percentage: absent or `null` is zero.
pub fn parse_optional_percent(value: Option<&Json>, path: &str) -> Result<Percent> {
    match value {
        None | Some(Json::Null) => Ok(Percent::ZERO),
        some => parse_percent(some, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_half_up_to_the_paisa() {
        // 12.5% of 0.99 = 0.12375 → 0.12; 18% of 0.25 = 0.045 → 0.05 (half goes up).
        assert_eq!(Percent(1250).of(99), 12);
        assert_eq!(Percent(1800).of(25), 5);
        assert_eq!(Percent(1800).of(24), 4);
        assert_eq!(Percent(0).of(1_000_000), 0);
        assert_eq!(Percent(10_000).of(12345), 12345);
    }

    #[test]
    fn the_written_maximum_is_max_paise() {
        use crate::money::amount::MAX_PAISE;
        let e = parse_percent(Some(&Json::str("x")), "p").unwrap_err();
        assert_eq!(
            e.message,
            format!(
                "p must be a percentage like 12.5 or \"18\" (at most {} and two decimals)",
                Paise(MAX_PAISE).to_number_text()
            )
        );
    }

    #[test]
    fn saturates_like_saturating_mul() {
        let amounts = [
            0,
            1,
            -1,
            7,
            -7,
            12345,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
            1 << 64,
            -(1 << 64),
            1 << 100,
            i128::MAX,
            i128::MIN,
            i128::MAX / 2,
            i128::MIN / 2,
            i128::MIN / 3 - 1,
            (i128::MAX / 10_000) + 1,
        ];
        let percents = [0, 1, -1, 2, -2, 100, 10_000, -10_000, 1_000_000_000_000, i64::MAX, i64::MIN, i64::MAX / 2 + 1];
        for &a in &amounts {
            for &p in &percents {
                let expected = a.saturating_mul(i128::from(p)).saturating_add(5_000).div_euclid(10_000);
                assert_eq!(Percent(p).of(a), expected, "{a} × {p}");
            }
        }
    }

    #[test]
    fn reads_like_an_amount() {
        assert_eq!(parse_percent(Some(&Json::str("12.5")), "p").unwrap(), Percent(1250));
        assert_eq!(parse_percent(Some(&Json::Number(18.0)), "p").unwrap(), Percent(1800));
        assert_eq!(parse_percent(Some(&Json::str("1.255")), "p").unwrap_err().code, Code::TooManyDecimals);
        assert_eq!(parse_percent(Some(&Json::str("-1")), "p").unwrap_err().code, Code::NegativeAmount);
        assert_eq!(parse_percent(Some(&Json::str("x")), "p").unwrap_err().code, Code::InvalidAmount);
        assert_eq!(parse_optional_percent(Some(&Json::Null), "p").unwrap(), Percent::ZERO);
    }
}
