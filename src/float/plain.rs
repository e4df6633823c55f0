//! JavaScript's exponent form (`1e+21`) as Rust's plain digits.

use crate::prelude::*;

/// Rewrites number text with an exponent (`1e+21`, `-1.5e-7`, `1.2345e25`) as plain decimal text
/// by moving the point along the digits; text without an exponent comes back as it is. This is how
/// JavaScript's `String(n)` becomes Rust's `{}` form. An exponent beyond any `f64`'s is left alone
/// rather than written out.
pub fn plain_decimal(text: &str) -> String {
    let Some((mantissa, exponent)) = super::split_once_at(text, b"eE") else {
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
    let (int_part, frac_part) = super::split_once_at(mantissa, b".").unwrap_or((mantissa, ""));
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

fn push_zeros(out: &mut String, count: i64) {
    for _ in 0..count {
        out.push('0');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::float::samples::samples;

    #[test]
    fn plain_decimal_of_exponent_text_is_rusts_display() {
        for n in samples() {
            assert_eq!(plain_decimal(&format!("{n:e}")), format!("{n}"), "{n:e}");
            assert_eq!(plain_decimal(&format!("{n:E}")), format!("{n}"), "{n:E}");
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
}
