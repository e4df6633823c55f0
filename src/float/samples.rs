//! The doubles the float tests run over (test builds only).

use crate::prelude::*;

/// A spread of doubles: edge values, powers of ten on both sides of the exponent thresholds,
/// and pseudo-random bit patterns (every exponent, every kind of mantissa).
pub(super) fn samples() -> Vec<f64> {
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
