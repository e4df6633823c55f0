//! Number text: the shortest round-trip decimal text of an `f64`, and JSON number text read back.
//!
//! Natively this is Rust's own float formatting and parsing. In wasm it is the JavaScript engine's
//! (`String(n)`, `Number(text)`), which gives the same results (both write the shortest digits
//! that read back as the same double, and both read text correctly rounded) and keeps about 40 KB
//! of Rust's float code and tables out of the browser module. This file is the one place the core
//! calls into JavaScript; every caller sees the same functions on both targets.
//!
//! Amounts never pass through here as floats: an amount given as a JS number is read through its
//! text, exactly as the contract says.

use crate::prelude::*;
/// Rust's `{}` text of `n`: the shortest digits that read back as `n`, never with an exponent
/// (`0.30000000000000004`, `1000000000000000000000`, `-0`, `NaN`, `inf`).
pub fn shortest_text(n: f64) -> String {
    if !n.is_finite() {
        return non_finite_text(n).to_string();
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    short_decimal(n).unwrap_or_else(|| imp::shortest_text(n))
}

/// The text of a double that is a short decimal (`33.5`, `0.25`, `1499`): at most 15 digits and
/// 15 decimals, found by scaling, so ratios like these need no call out of wasm.
///
/// For `d = 0, 1, …` the candidate is `m = round(|n|·10^d)`; it is the answer when `m/10^d` reads
/// back as `|n|`, which one division checks exactly (`m < 2^53` and `10^d` are exact doubles, and
/// IEEE division is correctly rounded). It is Rust's answer too: the smallest `d` gives the fewest
/// digits, and with `m ≤ 10^15` decimals `10^-d` apart are more than a double's step apart, so no
/// other candidate of `d` decimals reads back as `n`; `|n|·10^d` is within 0.25 of that candidate,
/// so rounding finds it.
fn short_decimal(n: f64) -> Option<String> {
    let a = n.abs();
    let mut scale = 1.0;
    for decimals in 0..=15usize {
        let scaled = a * scale;
        if scaled >= 1e15 {
            return None;
        }
        // floor(scaled + 0.5) by truncation, which is floor for a non-negative double (core has no floor).
        let m = (scaled + 0.5) as u64 as f64;
        if m >= 1.0 && m / scale == a {
            // Written backwards into a buffer: at most 16 digits, a point, a leading 0 and a sign.
            let mut buffer = [0u8; 24];
            let mut at = buffer.len();
            let mut put = |b: u8| {
                at = at.saturating_sub(1);
                if let Some(slot) = buffer.get_mut(at) {
                    *slot = b;
                }
            };
            let mut digits = m as u64;
            let mut written = 0;
            while digits > 0 || written <= decimals {
                if written == decimals && decimals > 0 {
                    put(b'.');
                }
                put(b'0' + (digits % 10) as u8);
                digits /= 10;
                written += 1;
            }
            if n < 0.0 {
                put(b'-');
            }
            return buffer.get(at..).and_then(|text| core::str::from_utf8(text).ok()).map(String::from);
        }
        scale *= 10.0;
    }
    None
}

/// The text `JSON.stringify` writes for `n`: `null` when not finite, an exponent (`1e+21`,
/// `1.5e-7`) for huge and tiny numbers, `0` for both zeros, plain digits otherwise.
pub fn json_text(n: f64) -> String {
    if !n.is_finite() {
        return "null".to_string();
    }
    if n == 0.0 {
        return "0".to_string();
    }
    // From 1e-6 up JSON.stringify writes plain digits, so a short decimal is its text too (below
    // 1e-6 it switches to an exponent; short decimals stop below 1e15, far from the 1e21 switch).
    if n.abs() >= 1e-6 {
        if let Some(text) = short_decimal(n) {
            return text;
        }
    }
    imp::json_text(n)
}

/// Reads JSON number text (RFC 8259: `-?int[.frac][e[+-]digits]`), correctly rounded, as
/// `str::parse::<f64>` does; `None` for text of any other shape.
pub fn parse_json_number(text: &str) -> Option<f64> {
    if !is_json_number(text) {
        return None;
    }
    parse_short(text).or_else(|| imp::parse(text))
}

/// Reads well-formed JSON number text whose digits, as an integer `w`, are at most 2^53 and whose
/// decimal exponent `e` (after moving the point to the end) is within ±22, the shape of nearly
/// every amount and ratio; `None` for anything else. Then `w` and `10^|e|` are exact doubles and
/// `w × 10^e` or `w ÷ 10^-e` is a single IEEE operation, so the result is correctly rounded
/// (Clinger's fast path), the same double a full parser gives, without leaving wasm.
fn parse_short(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let negative = matches!(bytes.first(), Some(b'-'));
    let mut at = usize::from(negative);
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    let mut exponent: i32 = 0;
    let mut in_fraction = false;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                if mantissa > 0 || b != b'0' {
                    // 19 digits always fit a u64; longer mantissas are left to the full parser.
                    significant += 1;
                    if significant > 19 {
                        return None;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                }
                if in_fraction {
                    exponent = exponent.saturating_sub(1);
                }
            }
            b'.' => in_fraction = true,
            _ => break,
        }
        at += 1;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        let exp_negative = matches!(bytes.get(at), Some(b'-'));
        if let Some(b'+' | b'-') = bytes.get(at) {
            at += 1;
        }
        let mut written: i32 = 0;
        while let Some(&b) = bytes.get(at) {
            if !b.is_ascii_digit() || written > 10_000 {
                return None;
            }
            written = written * 10 + i32::from(b - b'0');
            at += 1;
        }
        exponent = exponent.saturating_add(if exp_negative { -written } else { written });
    }
    if at != bytes.len() || mantissa > 1 << 53 {
        return None;
    }
    let magnitude = if mantissa == 0 {
        0.0
    } else {
        if exponent.unsigned_abs() > 22 {
            return None;
        }
        // 10^k is an exact double up to k = 22, so each step of this product is exact too (and
        // smaller in the module than a table of them).
        let mut power = 1.0;
        for _ in 0..exponent.unsigned_abs() {
            power *= 10.0;
        }
        if exponent >= 0 {
            mantissa as f64 * power
        } else {
            mantissa as f64 / power
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn non_finite_text(n: f64) -> &'static str {
    if n.is_nan() {
        "NaN"
    } else if n < 0.0 {
        "-inf"
    } else {
        "inf"
    }
}

fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && matches!(b.get(int_start), Some(b'0'))) {
        return false;
    }
    if matches!(b.get(i), Some(b'.')) {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Rewrites number text with an exponent (`1e+21`, `-1.5e-7`, `1.2345e25`) as plain decimal text
/// by moving the point along the digits; text without an exponent comes back as it is. This is how
/// JavaScript's `String(n)` becomes Rust's `{}` form. An exponent beyond any `f64`'s is left alone
/// rather than written out.
pub fn plain_decimal(text: &str) -> String {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return text.to_string();
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (exp_negative, exp_digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, exponent.get(1..).unwrap_or("")),
        Some(b'+') => (false, exponent.get(1..).unwrap_or("")),
        _ => (false, exponent),
    };
    let mut exp: i64 = 0;
    for b in exp_digits.bytes() {
        if !b.is_ascii_digit() || exp > 1000 {
            return text.to_string();
        }
        exp = exp * 10 + i64::from(b - b'0');
    }
    if exp_digits.is_empty() {
        return text.to_string();
    }
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = String::with_capacity(int_part.len() + frac_part.len());
    digits.push_str(int_part);
    digits.push_str(frac_part);
    // Where the point falls in `digits`; both lengths are tiny, so this cannot overflow.
    let point = int_part.len() as i64 + if exp_negative { -exp } else { exp };
    let len = digits.len() as i64;
    let mut out = String::with_capacity(digits.len() + exp as usize + 3);
    out.push_str(sign);
    if point <= 0 {
        out.push_str("0.");
        push_zeros(&mut out, -point);
        out.push_str(&digits);
    } else if point >= len {
        out.push_str(&digits);
        push_zeros(&mut out, point - len);
    } else {
        let (int, frac) = digits.split_at_checked(point as usize).unwrap_or((&digits, ""));
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Where a double lies exactly halfway between two shortest candidates (`1715888522909781.25`:
/// `…781.2` and `…781.3` both read back as it), Rust writes the upper one and JavaScript the even
/// one. Given the text JavaScript wrote for `n` (either form), this returns Rust's choice: the
/// same text, its last digit one higher when `n` is exactly that tie.
///
/// A tie needs 16 or more significant digits and a last digit after the point (value
/// `D·10^-y`, `y ≥ 1`), and `n = (2D+1)/(2·10^y)` exactly, so `5^y` divides `2D+1 < 2·10^17`
/// (`y ≤ 24`): that is checked in integers, from `n`'s bits. The lower candidate's last digit is
/// never 9 (the upper would then be shorter), so raising it never carries.
pub fn ties_upward(n: f64, text: &str) -> String {
    tie_lower_digit_at(n, text)
        .and_then(|at| {
            let mut bytes = text.as_bytes().to_vec();
            let digit = bytes.get_mut(at)?;
            (b'0'..=b'8').contains(digit).then(|| *digit += 1)?;
            String::from_utf8(bytes).ok()
        })
        .unwrap_or_else(|| text.to_string())
}

/// The byte offset of the last digit of `text` when `n` is exactly the tie above that digit.
fn tie_lower_digit_at(n: f64, text: &str) -> Option<usize> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let sign_len = text.len() - unsigned.len();
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let exponent: i64 = match exponent.strip_prefix('+') {
        Some(e) => e.parse().ok()?,
        None => exponent.parse().ok()?,
    };
    let fraction_len = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    let mut digits: u64 = 0;
    let mut significant = 0;
    for b in mantissa.bytes().filter(u8::is_ascii_digit) {
        if digits > 0 || b != b'0' {
            significant += 1;
            digits = digits.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
    }
    let y = fraction_len.checked_sub(exponent)?;
    if significant < 16 || !(1..=24).contains(&y) {
        return None;
    }
    // n = m·2^e exactly; the tie is m·5^y·2^(e+1+y) = 2D+1, an odd integer.
    let bits = n.abs().to_bits();
    let (m, e) = match bits >> 52 {
        0 => (bits, -1074),
        biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased as i64 - 1075),
    };
    let odd = u128::from(digits) * 2 + 1;
    let scaled = u128::from(m).checked_mul(5u128.checked_pow(y as u32)?)?;
    let shift = u32::try_from(-(e + 1 + y)).ok().filter(|s| *s < 128)?;
    let exact = scaled.trailing_zeros() >= shift && scaled >> shift == odd;
    exact.then(|| sign_len + mantissa.len() - 1)
}

fn push_zeros(out: &mut String, count: i64) {
    for _ in 0..count {
        out.push('0');
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn shortest_text(n: f64) -> String {
        // Rust's `Display` for f64 is the shortest round-trip form and never uses an exponent.
        format!("{n}")
    }

    pub fn json_text(n: f64) -> String {
        if n.abs() >= 1e21 || n.abs() < 1e-6 {
            // Keep huge and tiny numbers short, as JSON.stringify does.
            format!("{n:e}").replace('e', "e+").replace("e+-", "e-")
        } else {
            format!("{n}")
        }
    }

    pub fn parse(text: &str) -> Option<f64> {
        text.parse().ok()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::prelude::*;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `String(n)`: the shortest round-trip digits (ECMA-262 Number::toString), with an
        /// exponent from 1e21 up and below 1e-6. Never throws for a number.
        #[wasm_bindgen(js_name = String)]
        fn js_string(n: f64) -> String;

        /// `Number(text)`: correctly rounded, as Rust's parser is. Never throws for a string.
        #[wasm_bindgen(js_name = Number)]
        fn js_number(text: &str) -> f64;
    }

    pub fn shortest_text(n: f64) -> String {
        super::plain_decimal(&json_text(n))
    }

    pub fn json_text(n: f64) -> String {
        super::ties_upward(n, &js_string(n))
    }

    pub fn parse(text: &str) -> Option<f64> {
        let n = js_number(text);
        (!n.is_nan()).then_some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spread of doubles: edge values, powers of ten on both sides of the exponent thresholds,
    /// and pseudo-random bit patterns (every exponent, every kind of mantissa).
    pub(crate) fn samples() -> Vec<f64> {
        let mut out = vec![
            0.1 + 0.2,
            1499.5,
            540.0,
            33.33,
            1e21,
            1e-7,
            1e-6,
            123456.789,
            9007199254740993.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1.7976931348623157e308,
            0.000001,
            999999999999999900000.0,
            1e22,
            2.5e-8,
        ];
        for e in -30..=30 {
            out.push(10f64.powi(e));
            out.push(1.5 * 10f64.powi(e));
        }
        // Short decimals, the common ratios and amounts.
        for d in 0..=16 {
            for m in [1u64, 5, 7, 33, 335, 1499, 149_950, 123_456_789, 999_999_999_999_999, 1_000_000_000_000_001] {
                out.push(m as f64 / 10f64.powi(d));
            }
        }
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let n = f64::from_bits(state);
            if n.is_finite() {
                out.push(n);
            }
        }
        let negatives: Vec<f64> = out.iter().map(|n| -n).collect();
        out.extend(negatives);
        out
    }

    #[test]
    fn plain_decimal_of_exponent_text_is_rusts_display() {
        for n in samples() {
            assert_eq!(plain_decimal(&format!("{n:e}")), format!("{n}"), "{n:e}");
            assert_eq!(plain_decimal(&format!("{n:E}")), format!("{n}"), "{n:E}");
            assert_eq!(shortest_text(n), format!("{n}"));
        }
    }

    #[test]
    fn plain_decimal_reads_javascripts_exponent_forms() {
        assert_eq!(plain_decimal("1e+21"), "1000000000000000000000");
        assert_eq!(plain_decimal("1.2345e+25"), "12345000000000000000000000");
        assert_eq!(plain_decimal("-1.5e-7"), "-0.00000015");
        assert_eq!(plain_decimal("5e-324"), format!("{}", 5e-324));
        assert_eq!(plain_decimal("33.33"), "33.33");
        assert_eq!(plain_decimal("1e"), "1e");
        assert_eq!(plain_decimal("1e99999"), "1e99999");
    }

    /// The lower of the two candidates of a tie, as JavaScript may write it: Rust's digits with
    /// the last one lowered.
    fn lowered(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        let at = text.find(['e', 'E']).unwrap_or(text.len()) - 1;
        bytes[at] -= 1;
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    // The ties are written as exact decimals, which is the point of them.
    #[allow(clippy::excessive_precision)]
    fn ties_go_to_the_upper_candidate_as_rust_writes_them() {
        // Exact ties: D.d5 with 16–17 significant digits, and 2^-24 (…390625e-8).
        let ties =
            [1715888522909781.25, -1715888522909781.25, 1125899906842624.25, 2251799813685247.75, 1234567890123456.75];
        for n in ties {
            let rust = format!("{n:e}");
            let lower = lowered(&rust);
            assert_eq!(lower.parse::<f64>().unwrap(), n, "{lower} reads back as {n}");
            assert_eq!(ties_upward(n, &lower), rust);
            assert_eq!(ties_upward(n, &rust), rust);
            assert_eq!(plain_decimal(&ties_upward(n, &plain_decimal(&lower))), format!("{n}"));
        }
        // Not ties: the text is kept.
        for n in samples() {
            let rust = format!("{n:e}");
            assert_eq!(ties_upward(n, &rust), rust);
            assert_eq!(ties_upward(n, &format!("{n}")), format!("{n}"));
        }
    }

    #[test]
    fn zeros_and_non_finite_values_read_as_rust_writes_them() {
        for n in [0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(shortest_text(n), format!("{n}"));
        }
        assert_eq!(json_text(-0.0), "0");
        assert_eq!(json_text(f64::NAN), "null");
        assert_eq!(json_text(1e21), "1e+21");
        assert_eq!(json_text(-1.5e-7), "-1.5e-7");
        assert_eq!(json_text(33.33), "33.33");
    }

    /// Number text at the edges of the fast path: 2^53 and past it, 10^22 and 10^23, 19 and 20
    /// digits, leading and trailing zeros, huge exponents on zero, and short decimals of every
    /// scale, as Rust's full parser reads them (bit for bit, so `-0` counts).
    pub(crate) fn edge_number_texts() -> Vec<String> {
        let mut out: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.0e5",
            "0e-400",
            "0e99999",
            "1",
            "-1",
            "9007199254740992",
            "9007199254740993",
            "9007199254740991",
            "900719925474099.3",
            "9007199254740993e-5",
            "1e22",
            "1e23",
            "12e21",
            "1e-22",
            "1e-23",
            "4.35",
            "0.1",
            "0.2",
            "0.3",
            "1499.50",
            "33.33",
            "0.000001",
            "1234567890123456789",
            "12345678901234567890",
            "1.234567890123456789",
            "0.00000000000000000000000001",
            "100000000000000000000000",
            "1E5",
            "1e+5",
            "2.5E-3",
            "1e400",
            "-1e400",
            "1e-400",
            "0.30000000000000004",
            "123456.789e3",
            "5e-324",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut state: u64 = 0x0123_4567_89AB_CDEF;
        for _ in 0..5_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let mantissa = (state >> 11) % 10u64.pow(1 + (state % 17) as u32);
            let exponent = (state >> 3) % 50;
            out.push(format!("{mantissa}e-{exponent}"));
            out.push(format!("{mantissa}e{}", exponent % 25));
            let decimals = (state % 12) as usize;
            let text = mantissa.to_string();
            if decimals > 0 && decimals < text.len() {
                out.push(format!("{}.{}", &text[..text.len() - decimals], &text[text.len() - decimals..]));
            }
        }
        out
    }

    #[test]
    fn the_fast_path_reads_what_the_full_parser_reads() {
        for text in edge_number_texts() {
            let full = text.parse::<f64>().ok().map(f64::to_bits);
            assert_eq!(parse_json_number(&text).map(f64::to_bits), full, "{text}");
            if let Some(fast) = parse_short(&text) {
                assert_eq!(Some(fast.to_bits()), full, "{text}");
            }
        }
        assert_eq!(parse_short("9007199254740993"), None, "past 2^53 is the full parser's");
        assert_eq!(parse_short("1e23"), None);
        assert_eq!(parse_short("33.33"), Some(33.33));
    }

    #[test]
    fn json_text_of_short_decimals_is_what_the_fallback_writes() {
        for n in samples() {
            assert_eq!(json_text(n), if n == 0.0 { "0".to_string() } else { imp::json_text(n) }, "{n:e}");
        }
    }

    #[test]
    fn parses_json_numbers_only_and_correctly_rounded() {
        for n in samples() {
            let text = format!("{n:e}");
            assert_eq!(parse_json_number(&text), Some(n), "{text}");
            assert_eq!(parse_json_number(&format!("{n}")), Some(n));
        }
        assert_eq!(parse_json_number("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_json_number("-0").map(f64::is_sign_negative), Some(true));
        for bad in ["", "-", "01", "1.", ".5", "+1", "1e", "1e+", " 1", "0x10", "Infinity", "NaN", "1_0"] {
            assert_eq!(parse_json_number(bad), None, "{bad:?}");
        }
    }
}
