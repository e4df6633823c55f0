//! Ratios for allocation: exact non-negative decimals, read from JSON numbers (through their
//! shortest round-trip text) or from decimal text with any number of decimals.

use crate::error::{fail, quoted, Code, Error, Result};
use crate::json::{number_text, Json};
use crate::money::amount::{decimal_parts, without_leading_zeros, without_trailing_zeros, Paise};
use crate::money::bignum::BigUint;
use crate::prelude::*;

/// An exact non-negative decimal `mantissa / 10^scale`, kept without trailing zeros so that the
/// common scale of a set of ratios stays as small as their text allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub(crate) mantissa: Mantissa,
    pub(crate) scale: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Mantissa {
    Small(u128),
    Big(BigUint),
}

/// Integers below 2^53 are exact in an `f64` and their shortest text is their digits, so they can
/// skip the text round trip (this is the common case and keeps allocation free of heap work).
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The longest ratio text accepted (API.md, "Ratios"), in characters.
pub const MAX_TEXT: usize = 64;

impl Ratio {
    /// Zero, what `0`, `0.000` and `-0` read as.
    pub const ZERO: Ratio = Ratio { mantissa: Mantissa::Small(0), scale: 0 };

    /// A whole-number weight.
    pub fn from_int(value: u64) -> Ratio {
        Ratio { mantissa: Mantissa::Small(u128::from(value)), scale: 0 }
    }

    /// A weight equal to an amount, as fees are shared in proportion to settled amounts.
    pub fn from_paise(amount: Paise, path: &str) -> Result<Ratio> {
        u64::try_from(amount.0)
            .map(Ratio::from_int)
            .map_err(|_| invalid(path, " must not be negative, got ", &amount.to_text()))
    }

    /// Whether the ratio is zero (`0`, `0.0` and `-0` alike).
    pub fn is_zero(&self) -> bool {
        match &self.mantissa {
            Mantissa::Small(m) => *m == 0,
            Mantissa::Big(b) => b.is_zero(),
        }
    }

    /// Reads a ratio from a JSON number or decimal text of at most [`MAX_TEXT`] characters;
    /// anything else is `RATIO_INVALID`.
    pub fn from_json(value: &Json, path: &str) -> Result<Ratio> {
        match value {
            Json::Number(n) => Ratio::from_number(*n, path),
            // Checked before anything is read: a million digits took 25 s in the bignum. Text of
            // more than 64 bytes is longer than 64 characters or not ASCII: refused either way.
            Json::String(text) if text.len() > MAX_TEXT => Err(too_long(path)),
            Json::String(text) => Ratio::from_text(text, path),
            other => Err(invalid(path, " must be a number or decimal text, not ", other.kind())),
        }
    }

    /// Reads a ratio from a JS number: exactly the decimal of its shortest round-trip text.
    /// Negative, NaN and infinite numbers are `RATIO_INVALID` at `path`.
    pub fn from_number(n: f64, path: &str) -> Result<Ratio> {
        if !n.is_finite() {
            return Err(invalid(path, " must be a finite number, not ", &crate::float::shortest_text(n)));
        }
        if n < 0.0 {
            return Err(invalid(path, " must not be negative, got ", &number_text(n)));
        }
        if n < EXACT_INTEGER_LIMIT && n as u64 as f64 == n {
            // Exact: an integer below 2^53 converts without loss, and equals its shortest text.
            return Ok(Ratio::from_int(n as u64));
        }
        Ratio::from_text(&number_text(n), path)
    }

    /// Reads decimal text `-?digits[.digits]` with any number of decimals (unbounded here: the
    /// contract's limit on ratio text is `from_json`'s). `-0` is zero.
    pub fn from_text(text: &str, path: &str) -> Result<Ratio> {
        let Some((negative, int_part, frac)) = decimal_parts(text) else {
            return Err(invalid(path, " must be a number or decimal text like \"33.5\", not ", &quoted(text)));
        };
        let int_part = without_leading_zeros(int_part);
        let frac = without_trailing_zeros(frac);
        if int_part.is_empty() && frac.is_empty() {
            return Ok(Ratio::ZERO);
        }
        if negative {
            return Err(invalid(path, " must not be negative, got ", text));
        }
        let scale = u64::try_from(frac.len()).map_err(|_| invalid(path, " has too many decimals", ""))?;
        let digit_count = int_part.len() + frac.len();
        let significant = if int_part.is_empty() { without_leading_zeros(frac).len() } else { digit_count };
        let mantissa = if significant <= 38 {
            // At most 38 significant digits is below 10^38 < 2^127: this cannot overflow.
            let mut m: u128 = 0;
            for b in int_part.bytes().chain(frac.bytes()) {
                m = m * 10 + u128::from(b - b'0');
            }
            Mantissa::Small(m)
        } else {
            let mut digits = Vec::with_capacity(digit_count);
            digits.extend_from_slice(int_part.as_bytes());
            digits.extend_from_slice(frac.as_bytes());
            let start = digits.iter().position(|&b| b != b'0').unwrap_or(digits.len());
            Mantissa::Big(BigUint::from_decimal_digits(digits.get(start..).unwrap_or(&[])))
        };
        Ok(Ratio { mantissa, scale })
    }

    /// This ratio as an integer at `scale` decimals (`scale` ≥ its own), when that fits a `u128`.
    pub(crate) fn scaled_u128(&self, scale: u64) -> Option<u128> {
        let Mantissa::Small(m) = self.mantissa else { return None };
        let shift = u32::try_from(scale.checked_sub(self.scale)?).ok()?;
        if shift == 0 {
            return Some(m);
        }
        10u128.checked_pow(shift)?.checked_mul(m)
    }

    /// This ratio as an integer at `scale` decimals (`scale` ≥ its own), exactly. `powers` keeps
    /// the powers of ten already built, since ratios of one input mostly share a few scales and
    /// building a large power is the costly part.
    pub(crate) fn scaled_big(&self, scale: u64, powers: &mut Vec<(u64, BigUint)>) -> BigUint {
        let base = match &self.mantissa {
            Mantissa::Small(m) => BigUint::from_u128(*m),
            Mantissa::Big(b) => b.clone(),
        };
        let shift = scale.saturating_sub(self.scale);
        if shift == 0 || base.is_zero() {
            return base;
        }
        if let Some((_, power)) = powers.iter().find(|(s, _)| *s == shift) {
            return base.mul(power);
        }
        let power = BigUint::from_u128(1).mul_pow10(shift);
        let scaled = base.mul(&power);
        powers.push((shift, power));
        scaled
    }
}

impl From<u64> for Ratio {
    fn from(value: u64) -> Ratio {
        Ratio::from_int(value)
    }
}

/// `RATIO_INVALID` for text over `MAX_TEXT`, which is not quoted back.
#[inline(never)]
fn too_long(path: &str) -> Error {
    invalid(path, " is longer than 64 characters; ratio text holds at most 64", "")
}

/// `RATIO_INVALID` at `path`, its message the path, `tail` and `detail`.
fn invalid(path: &str, tail: &str, detail: &str) -> Error {
    fail(Code::RatioInvalid, path, &[path, tail, detail])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(m: u128, scale: u64) -> Ratio {
        Ratio { mantissa: Mantissa::Small(m), scale }
    }

    #[test]
    fn text_is_normalised_without_trailing_zeros() {
        assert_eq!(Ratio::from_text("33.50", "r").unwrap(), small(335, 1));
        assert_eq!(Ratio::from_text("007", "r").unwrap(), small(7, 0));
        assert_eq!(Ratio::from_text("0.000", "r").unwrap(), Ratio::ZERO);
        assert_eq!(Ratio::from_text("-0.0", "r").unwrap(), Ratio::ZERO);
        assert_eq!(Ratio::from_text("100", "r").unwrap(), small(100, 0));
    }

    #[test]
    fn numbers_read_like_their_shortest_text() {
        for n in [0.0, 1.0, 2.5, 0.1, 1e-7, 123456.789, 9007199254740991.0, 9007199254740993.0, 1e21, 1e-300, 1e300] {
            assert_eq!(Ratio::from_number(n, "r").unwrap(), Ratio::from_text(&number_text(n), "r").unwrap(), "{n}");
        }
        assert_eq!(Ratio::from_number(0.1 + 0.2, "r").unwrap(), small(30000000000000004, 17));
    }

    #[test]
    fn long_text_becomes_a_big_mantissa() {
        let text = format!("0.{}1", "0".repeat(39));
        let r = Ratio::from_text(&text, "r").unwrap();
        assert_eq!(r.scale, 40);
        assert_eq!(r.mantissa, Mantissa::Small(1));
        let long = "1".repeat(45);
        let r = Ratio::from_text(&long, "r").unwrap();
        assert!(matches!(r.mantissa, Mantissa::Big(_)));
        assert_eq!(r.scaled_u128(0), None);
    }

    #[test]
    fn refuses_what_is_not_a_non_negative_decimal() {
        for bad in ["", "-1", "-0.5", "1e3", ".5", "1.", "+1", " 1", "abc", "1..2", "0x10"] {
            assert_eq!(Ratio::from_text(bad, "ratios[0]").unwrap_err().code, Code::RatioInvalid, "{bad:?}");
        }
        for bad in [-1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(Ratio::from_number(bad, "ratios[0]").unwrap_err().code, Code::RatioInvalid);
        }
        assert_eq!(Ratio::from_json(&Json::Bool(true), "ratios[1]").unwrap_err().path, "ratios[1]");
    }

    #[test]
    fn ratio_text_longer_than_64_characters_is_refused_before_it_is_read() {
        let longest = format!("1.{}", "5".repeat(62));
        assert_eq!(longest.len(), 64);
        assert!(Ratio::from_json(&Json::str(longest.clone()), "r").is_ok());
        assert!(Ratio::from_json(&Json::str("0".repeat(64)), "r").is_ok());
        // Any other text of up to 64 bytes is read and refused for its shape, as before.
        let e = Ratio::from_json(&Json::str("₹₹₹"), "r").unwrap_err();
        assert!(e.message.starts_with("r must be a number or decimal text"), "{}", e.message);
        for text in [format!("{longest}5"), "0".repeat(65), format!("1.{}", "3".repeat(1_000_000))] {
            let e = Ratio::from_json(&Json::str(text.clone()), "ratios[2]").unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (Code::RatioInvalid, "ratios[2]"));
            assert_eq!(e.message, "ratios[2] is longer than 64 characters; ratio text holds at most 64");
            assert!(e.message.len() < 100, "the text itself is not quoted back");
        }
        // A number is read from its own text, however long that is.
        assert!(Ratio::from_json(&Json::Number(1e300), "r").is_ok());
    }
}
