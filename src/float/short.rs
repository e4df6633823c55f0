//! Short decimals (`33.5`, `0.25`, `1499`) written without leaving wasm.

use crate::prelude::*;

/// The text of a double that is a short decimal (`33.5`, `0.25`, `1499`): at most 15 digits and
/// 15 decimals, found by scaling, so ratios like these need no call out of wasm.
///
/// For `d = 0, 1, …` the candidate is `m = round(|n|·10^d)`; it is the answer when `m/10^d` reads
/// back as `|n|`, which one division checks exactly (`m < 2^53` and `10^d` are exact doubles, and
/// IEEE division is correctly rounded). It is Rust's answer too: the smallest `d` gives the fewest
/// digits, and with `m ≤ 10^15` decimals `10^-d` apart are more than a double's step apart, so no
/// other candidate of `d` decimals reads back as `n`; `|n|·10^d` is within 0.25 of that candidate,
/// so rounding finds it.
pub(super) fn short_decimal(n: f64) -> Option<String> {
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
