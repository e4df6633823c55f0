//! JSON number text: its shape, and the common short numbers read without leaving wasm.

/// Reads well-formed JSON number text whose digits, as an integer `w`, are at most 2^53 and whose
/// decimal exponent `e` (after moving the point to the end) is within ±22, the shape of nearly
/// every amount and ratio; `None` for anything else. Then `w` and `10^|e|` are exact doubles and
/// `w × 10^e` or `w ÷ 10^-e` is a single IEEE operation, so the result is correctly rounded
/// (Clinger's fast path), the same double a full parser gives, without leaving wasm.
pub(super) fn parse_short(text: &str) -> Option<f64> {
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

/// Whether `text` has the shape of a JSON number (RFC 8259).
pub(super) fn is_json_number(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    /// Number text at the edges of the fast path: 2^53 and past it, 10^22 and 10^23, 19 and 20
    /// digits, leading and trailing zeros, huge exponents on zero, and short decimals of every
    /// scale, as Rust's full parser reads them (bit for bit, so `-0` counts).
    fn edge_number_texts() -> Vec<String> {
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
            assert!(is_json_number(&text), "{text}");
            if let Some(fast) = parse_short(&text) {
                assert_eq!(Some(fast.to_bits()), full, "{text}");
            }
        }
        assert_eq!(parse_short("9007199254740993"), None, "past 2^53 is the full parser's");
        assert_eq!(parse_short("1e23"), None);
        assert_eq!(parse_short("33.33"), Some(33.33));
    }
}
