//! Number text: the shortest round-trip decimal text of an `f64`, and JSON number text read back.
//!
//! Natively this is Rust's own float formatting and parsing. In wasm it is the JavaScript engine's
//! (`String(n)`, `Number(text)`), which gives the same results (both write the shortest digits
//! that read back as the same double, and both read text correctly rounded) and keeps about 40 KB
//! of Rust's float code and tables out of the browser module. `engine.rs` is the one place the core
//! calls into JavaScript; every caller sees the same functions on both targets.
//!
//! Amounts never pass through here as floats: an amount given as a JS number is read through its
//! text, exactly as the contract says.
//!
//! `short.rs` writes short decimals and `read.rs` reads short number text without leaving wasm;
//! `plain.rs` and `ties.rs` turn JavaScript's text into Rust's where the two differ.

mod engine;
mod plain;
mod read;
mod short;
mod ties;

use crate::prelude::*;
use engine::imp;
use read::{is_json_number, parse_short};
use short::short_decimal;

pub use plain::plain_decimal;
pub use ties::ties_upward;

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

fn non_finite_text(n: f64) -> &'static str {
    if n.is_nan() {
        "NaN"
    } else if n < 0.0 {
        "-inf"
    } else {
        "inf"
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
    fn shortest_text_is_rusts_display() {
        for n in samples() {
            assert_eq!(shortest_text(n), format!("{n}"));
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
