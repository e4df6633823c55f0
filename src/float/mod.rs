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
//! `plain.rs` and `ties.rs` turn JavaScript's text into Rust's where the two differ; `text.rs`
//! holds the small text readers they and the amount readers share.

mod engine;
mod plain;
mod read;
#[cfg(test)]
mod samples;
mod short;
mod text;
mod ties;

use crate::prelude::*;
use engine::imp;
use read::{is_json_number, parse_short};
use short::short_decimal;

pub use plain::plain_decimal;
pub(crate) use text::{parse_int, split_once_at, trim};
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
mod tests {
    use super::samples::samples;
    use super::*;

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
