//! Exact ties between two shortest texts, where Rust and JavaScript choose differently.

use crate::prelude::*;

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
    let (mantissa, exponent) = super::split_once_at(unsigned, b"eE").unwrap_or((unsigned, "0"));
    let exponent = super::parse_int(exponent)?;
    let fraction_len = super::split_once_at(mantissa, b".").map_or(0, |(_, f)| f.len()) as i64;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::float::plain::plain_decimal;
    use crate::float::samples::samples;

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
}
