//! Amounts: rupees in (`"1499.50"`, `1499.5`), integer paise inside, two-decimal text out.

use crate::error::{fail, quoted, required, Code, Error, Result};
use crate::json::{number_text, wrong_type, Json};
use crate::prelude::*;

/// An amount of money in paise. Arithmetic is checked: an overflow is an error, never a wrap or a
/// panic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Paise(pub i64);

/// The largest accepted amount: 10,000,000,000.00 rupees.
pub const MAX_PAISE: i64 = 1_000_000_000_000;

impl Paise {
    /// Nothing.
    pub const ZERO: Paise = Paise(0);

    /// `self + other`, or `None` where the sum leaves `i64`.
    pub fn checked_add(self, other: Paise) -> Option<Paise> {
        self.0.checked_add(other.0).map(Paise)
    }

    /// `self − other`, or `None` where the difference leaves `i64`.
    pub fn checked_sub(self, other: Paise) -> Option<Paise> {
        self.0.checked_sub(other.0).map(Paise)
    }

    /// Adds, or fails with `INVALID_AMOUNT` at `path` where the sum leaves `i64`.
    pub fn add(self, other: Paise, path: &str) -> Result<Paise> {
        self.checked_add(other).ok_or_else(|| overflow(path))
    }

    /// Subtracts, or fails with `INVALID_AMOUNT` at `path` where the difference leaves `i64`.
    pub fn sub(self, other: Paise, path: &str) -> Result<Paise> {
        self.checked_sub(other).ok_or_else(|| overflow(path))
    }

    /// Sums, failing on overflow.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Paise>, path: &str) -> Result<Paise> {
        items.into_iter().try_fold(Paise::ZERO, |acc, p| acc.add(*p, path))
    }

    /// Two-decimal text: `"33.30"`, `"0.00"`, `"-1.25"`.
    pub fn to_text(self) -> String {
        let mut text = String::new();
        self.write_text(&mut text);
        text
    }

    /// Appends the two-decimal text of [`Paise::to_text`] to `out`, with no `String` of its own
    /// (`allocate` joins a thousand shares into one text).
    pub(crate) fn write_text(self, out: &mut String) {
        // Written digit by digit rather than with `format!`, which takes about twice as long: an
        // allocation over a thousand ratios writes a thousand of these per call.
        let mut digits = [0u8; 24];
        let mut at = digits.len();
        let mut rest = self.0.unsigned_abs();
        let mut put = |d: u8, at: &mut usize| {
            *at = at.saturating_sub(1);
            if let Some(slot) = digits.get_mut(*at) {
                *slot = d;
            }
        };
        put(b'0' + (rest % 10) as u8, &mut at);
        rest /= 10;
        put(b'0' + (rest % 10) as u8, &mut at);
        rest /= 10;
        put(b'.', &mut at);
        loop {
            put(b'0' + (rest % 10) as u8, &mut at);
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-', &mut at);
        }
        out.push_str(digits.get(at..).and_then(|d| core::str::from_utf8(d).ok()).unwrap_or("0.00"));
    }

    /// The shortest decimal text: `540`, `33.33`, `33.3`, as Juspay's JSON numbers are written.
    pub fn to_number_text(self) -> String {
        let text = self.to_text();
        // The text always has a point, so the zeros stop there.
        let trimmed = without_trailing_zeros(&text);
        let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
        if trimmed.is_empty() || trimmed == "-" {
            "0".to_string()
        } else {
            trimmed.to_string()
        }
    }

    /// This amount as a JSON number: the double nearest to its decimal value, so `33.33` is the
    /// double whose shortest text is again `33.33`. Up to 2^53 paise both the paise and 100 are
    /// exact doubles and IEEE division is correctly rounded, so one division gives that double;
    /// beyond, the decimal text is read instead.
    pub fn to_json_number(self) -> Json {
        const EXACT: i64 = 1 << 53;
        if (-EXACT..=EXACT).contains(&self.0) {
            return Json::Number(self.0 as f64 / 100.0);
        }
        Json::Number(crate::float::parse_json_number(&self.to_number_text()).unwrap_or(0.0))
    }

    /// This amount as two-decimal JSON text.
    pub fn to_json_text(self) -> Json {
        Json::String(self.to_text())
    }
}

pub(crate) fn overflow(path: &str) -> Error {
    Error::new(Code::InvalidAmount, path, "the amounts add up to more than can be represented")
}

/// Reads an amount from a JSON value: a string or a number. Absent or `null` is `MISSING_FIELD`;
/// any other type is `INVALID_TYPE`.
pub fn parse_amount(value: Option<&Json>, path: &str) -> Result<Paise> {
    match value {
        None | Some(Json::Null) => Err(required(path, field_name(path))),
        Some(Json::String(text)) => parse_amount_text(text, path),
        Some(Json::Number(n)) => parse_amount_number(*n, path),
        Some(other) => Err(wrong_type(Code::InvalidType, path, field_name(path), "a string or a number", other)),
    }
}

/// Reads a number through its shortest round-trip text, so `0.1 + 0.2` is refused, not rounded.
pub fn parse_amount_number(n: f64, path: &str) -> Result<Paise> {
    if !n.is_finite() {
        return Err(fail(
            Code::InvalidAmount,
            path,
            &[field_name(path), " must be a finite number, not ", &crate::float::shortest_text(n)],
        ));
    }
    // Whole paise up to the maximum: p = round(100n) is below 2^53, so p and 100 are exact doubles
    // and p / 100 is correctly rounded; when that is n again, n's shortest text has at most two
    // decimals and reads as p paise. Anything else is read through its text.
    if (0.0..=MAX_PAISE as f64 / 100.0).contains(&n) {
        // round(100n), half away from zero, without std: the truncation and the difference are
        // exact below 2^52.
        let scaled = n * 100.0;
        let whole = scaled as u64 as f64;
        let p = if scaled - whole >= 0.5 { whole + 1.0 } else { whole };
        if p / 100.0 == n {
            return Ok(Paise(p as i64));
        }
    }
    parse_amount_text(&number_text(n), path)
}

/// `text` without its leading `'0'`s. `trim_start_matches` and `trim_end_matches` would each
/// link a pattern searcher into the browser module.
pub(crate) fn without_leading_zeros(mut text: &str) -> &str {
    while let Some(rest) = text.strip_prefix('0') {
        text = rest;
    }
    text
}

/// `text` without its trailing `'0'`s.
pub(crate) fn without_trailing_zeros(mut text: &str) -> &str {
    while let Some(rest) = text.strip_suffix('0') {
        text = rest;
    }
    text
}

/// Splits decimal text of the shape `-?digits[.digits]` into its sign, integer digits and fraction
/// digits (`""` when there is no point); `None` for any other text. Amounts and ratios share it.
pub(crate) fn decimal_parts(text: &str) -> Option<(bool, &str, &str)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac) = match crate::float::split_once_at(unsigned, b".") {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (all_digits(int_part) && frac.map_or(true, all_digits)).then_some((negative, int_part, frac.unwrap_or("")))
}

/// Reads amount text of the shape `-?digits[.digits]`. The checks run in the contract's order:
/// shape, sign, decimals, maximum.
pub fn parse_amount_text(text: &str, path: &str) -> Result<Paise> {
    let name = field_name(path);
    let Some((negative, int_part, frac)) = decimal_parts(text) else {
        return Err(fail(
            Code::InvalidAmount,
            path,
            &[name, " must be an amount in rupees like \"1499.50\", not ", &quoted(text)],
        ));
    };
    let nonzero = |s: &str| s.bytes().any(|b| b != b'0');
    if negative && (nonzero(int_part) || nonzero(frac)) {
        return Err(fail(Code::NegativeAmount, path, &[name, " must not be negative, got ", text]));
    }
    if frac.get(2..).is_some_and(nonzero) {
        return Err(fail(
            Code::TooManyDecimals,
            path,
            &[name, " has more than two decimal places (", text, "); round it to the paisa first"],
        ));
    }
    let too_big = || fail(Code::InvalidAmount, path, &[name, " is above the maximum of 10000000000.00, got ", text]);
    // Digit by digit, stopping as soon as the rupees pass the maximum, so no digit count can
    // overflow and no `parse` is linked.
    let mut rupees: i64 = 0;
    for b in int_part.bytes() {
        rupees = rupees * 10 + i64::from(b - b'0');
        if rupees > MAX_PAISE / 100 {
            return Err(too_big());
        }
    }
    let digit = |i: usize| frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
    let total = rupees * 100 + digit(0) * 10 + digit(1);
    if total > MAX_PAISE {
        return Err(too_big());
    }
    Ok(Paise(total))
}

/// The last segment of a path, for messages: `vendors[1].amount` → `amount`.
fn field_name(path: &str) -> &str {
    if path.is_empty() {
        "the amount"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Code {
        parse_amount_text(text, "amount").unwrap_err().code
    }

    #[test]
    fn reads_rupee_text_into_paise() {
        assert_eq!(parse_amount_text("1499", "").unwrap(), Paise(149_900));
        assert_eq!(parse_amount_text("1499.5", "").unwrap(), Paise(149_950));
        assert_eq!(parse_amount_text("1499.50", "").unwrap(), Paise(149_950));
        assert_eq!(parse_amount_text("1.500", "").unwrap(), Paise(150));
        assert_eq!(parse_amount_text("0", "").unwrap(), Paise(0));
        assert_eq!(parse_amount_text("-0.00", "").unwrap(), Paise(0));
        assert_eq!(parse_amount_text("007.10", "").unwrap(), Paise(710));
        assert_eq!(parse_amount_text("10000000000.00", "").unwrap(), Paise(MAX_PAISE));
    }

    #[test]
    fn refuses_bad_text_with_the_first_failing_rule() {
        for bad in ["", " 1", "1 ", "+1", "1e3", ".5", "1.", "1,000", "abc", "--1", "1.2.3", "NaN", "Infinity", "٣"] {
            assert_eq!(code(bad), Code::InvalidAmount, "{bad:?}");
        }
        assert_eq!(code("-1"), Code::NegativeAmount);
        assert_eq!(code("-1.555"), Code::NegativeAmount);
        assert_eq!(code("-0.001"), Code::NegativeAmount);
        assert_eq!(code("1.555"), Code::TooManyDecimals);
        assert_eq!(code("99999999999999.999"), Code::TooManyDecimals);
        assert_eq!(code("10000000000.01"), Code::InvalidAmount);
        assert_eq!(code("99999999999999999999999999"), Code::InvalidAmount);
    }

    #[test]
    fn reads_numbers_through_their_shortest_text() {
        assert_eq!(parse_amount_number(1499.5, "").unwrap(), Paise(149_950));
        assert_eq!(parse_amount_number(0.1 + 0.2, "x").unwrap_err().code, Code::TooManyDecimals);
        assert_eq!(parse_amount_number(f64::NAN, "x").unwrap_err().code, Code::InvalidAmount);
        assert_eq!(parse_amount_number(f64::INFINITY, "x").unwrap_err().code, Code::InvalidAmount);
        assert_eq!(parse_amount_number(-5.0, "x").unwrap_err().code, Code::NegativeAmount);
        assert_eq!(parse_amount_number(1e300, "x").unwrap_err().code, Code::InvalidAmount);
        assert_eq!(parse_amount_number(5e-324, "x").unwrap_err().code, Code::TooManyDecimals);
        assert_eq!(parse_amount_number(-0.0, "x").unwrap(), Paise(0));
    }

    #[test]
    fn numbers_read_the_same_with_or_without_the_whole_paise_shortcut() {
        let mut values =
            vec![0.0, -0.0, 0.01, 0.1 + 0.2, 1.005, 33.33, 1499.5, 1e10, 1e10 + 0.01, 99_999_999.99, 5e-324, 1e-7];
        let mut state: u64 = 99;
        for _ in 0..200_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let paise = (state >> 20) % 1_100_000_000_001;
            values.push(paise as f64 / 100.0);
            values.push(f64::from_bits(state) % 1e11);
            values.push((paise as f64 / 100.0) + 0.001);
        }
        for n in values.into_iter().filter(|n| n.is_finite()) {
            let through_text = parse_amount_text(&number_text(n), "x");
            assert_eq!(parse_amount_number(n, "x"), through_text, "{n:e}");
        }
    }

    #[test]
    fn missing_and_wrong_types_have_their_own_codes() {
        assert_eq!(parse_amount(None, "a").unwrap_err().code, Code::MissingField);
        assert_eq!(parse_amount(Some(&Json::Null), "a").unwrap_err().code, Code::MissingField);
        assert_eq!(parse_amount(Some(&Json::Bool(true)), "a").unwrap_err().code, Code::InvalidType);
        assert_eq!(parse_amount(Some(&Json::Array(vec![])), "a").unwrap_err().code, Code::InvalidType);
        let e = parse_amount(Some(&Json::str("x")), "vendors[1].amount").unwrap_err();
        assert_eq!(e.path, "vendors[1].amount");
    }

    #[test]
    fn writes_two_decimals_and_json_numbers() {
        assert_eq!(Paise(3330).to_text(), "33.30");
        assert_eq!(Paise(0).to_text(), "0.00");
        assert_eq!(Paise(-125).to_text(), "-1.25");
        assert_eq!(Paise(5).to_text(), "0.05");
        assert_eq!(Paise(-5).to_text(), "-0.05");
        assert_eq!(Paise(100).to_text(), "1.00");
        assert_eq!(Paise(MAX_PAISE).to_text(), "10000000000.00");
        assert_eq!(Paise(i64::MIN).to_text(), "-92233720368547758.08");
        assert_eq!(Paise(i64::MAX).to_text(), "92233720368547758.07");
        assert_eq!(Paise(54000).to_number_text(), "540");
        assert_eq!(Paise(3333).to_number_text(), "33.33");
        assert_eq!(Paise(3330).to_number_text(), "33.3");
        assert_eq!(Paise(0).to_number_text(), "0");
        assert_eq!(Paise(5).to_number_text(), "0.05");
        assert_eq!(Paise(3333).to_json_number(), Json::Number(33.33));
    }

    #[test]
    fn json_numbers_are_the_doubles_nearest_their_decimal_text() {
        let mut state: u64 = 12345;
        let mut values = vec![
            0,
            1,
            5,
            10,
            99,
            3333,
            54000,
            MAX_PAISE,
            -125,
            (1 << 53) - 1,
            1 << 53,
            (1 << 53) + 1,
            i64::MAX,
            i64::MIN,
        ];
        for _ in 0..100_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            values.push((state >> 24) as i64 % (MAX_PAISE + 1));
            values.push((state >> 1) as i64);
        }
        for p in values {
            let expected: f64 = Paise(p).to_number_text().parse().unwrap();
            assert_eq!(Paise(p).to_json_number(), Json::Number(expected), "{p}");
        }
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert!(Paise(i64::MAX).add(Paise(1), "x").is_err());
        assert!(Paise(i64::MIN).sub(Paise(1), "x").is_err());
    }
}
