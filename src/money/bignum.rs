//! A minimal unsigned big integer for the rare allocations whose ratios do not fit `u128` once
//! scaled to a common number of decimals (`1e-300` beside `1e300`, text with 40 decimals).
//!
//! Allocation only multiplies by a machine word, adds, subtracts and compares: the floor quotient
//! it needs is at most the total in paise, so it is found by binary search instead of division.

use crate::prelude::*;
use core::cmp::Ordering;

/// Little-endian 64-bit limbs with no high zero limbs, so equal values have equal limbs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BigUint {
    limbs: Vec<u64>,
}

/// The largest power of ten that fits a `u64`, to scale by ten nineteen digits at a time.
const TEN_POW_19: u64 = 10_000_000_000_000_000_000;

impl BigUint {
    /// Zero.
    pub fn zero() -> BigUint {
        BigUint { limbs: Vec::new() }
    }

    /// The value of a `u128`.
    pub fn from_u128(value: u128) -> BigUint {
        let mut big = BigUint { limbs: vec![value as u64, (value >> 64) as u64] };
        big.normalize();
        big
    }

    /// Reads ASCII decimal digits; anything else in `digits` is the caller's bug and is skipped.
    pub fn from_decimal_digits(digits: &[u8]) -> BigUint {
        let mut big = BigUint::zero();
        for chunk in digits.chunks(19) {
            let mut value: u64 = 0;
            let mut factor: u64 = 1;
            for &b in chunk.iter().filter(|b| b.is_ascii_digit()) {
                value = value * 10 + u64::from(b - b'0');
                factor *= 10;
            }
            big = big.mul_small(factor).add_small(value);
        }
        big
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// The value when it fits a `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        match self.limbs.as_slice() {
            [] => Some(0),
            [lo] => Some(u128::from(*lo)),
            [lo, hi] => Some(u128::from(*lo) | (u128::from(*hi) << 64)),
            _ => None,
        }
    }

    /// Decimal digits, without leading zeros (`"0"` for zero): nineteen digits at a time, each by
    /// one long division of the limbs by 10^19.
    #[cfg(feature = "serde")]
    pub fn to_decimal_digits(&self) -> String {
        let mut limbs = self.limbs.clone();
        let mut chunks = Vec::new();
        while !limbs.is_empty() {
            let mut rem: u128 = 0;
            for limb in limbs.iter_mut().rev() {
                let cur = (rem << 64) | u128::from(*limb);
                *limb = (cur / u128::from(TEN_POW_19)) as u64;
                rem = cur % u128::from(TEN_POW_19);
            }
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            chunks.push(rem as u64);
        }
        let mut text = chunks.pop().map_or_else(|| "0".to_string(), |top| top.to_string());
        for chunk in chunks.iter().rev() {
            let digits = chunk.to_string();
            text.extend(core::iter::repeat('0').take(19 - digits.len()));
            text.push_str(&digits);
        }
        text
    }

    fn normalize(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// `self × factor`.
    pub fn mul_small(&self, factor: u64) -> BigUint {
        if factor == 0 || self.is_zero() {
            return BigUint::zero();
        }
        let mut limbs = Vec::with_capacity(self.limbs.len() + 1);
        let mut carry: u128 = 0;
        for &limb in &self.limbs {
            // limb * factor + carry < 2^128: (2^64-1)^2 + (2^64-1) = 2^128 - 2^64.
            let wide = u128::from(limb) * u128::from(factor) + carry;
            limbs.push(wide as u64);
            carry = wide >> 64;
        }
        if carry > 0 {
            limbs.push(carry as u64);
        }
        BigUint { limbs }
    }

    fn add_small(mut self, value: u64) -> BigUint {
        let mut carry = value;
        for limb in self.limbs.iter_mut() {
            if carry == 0 {
                break;
            }
            let (sum, overflow) = limb.overflowing_add(carry);
            *limb = sum;
            carry = u64::from(overflow);
        }
        if carry > 0 {
            self.limbs.push(carry);
        }
        self
    }

    /// `self × other`, schoolbook: the operands here are at most a few thousand limbs.
    pub fn mul(&self, other: &BigUint) -> BigUint {
        if self.is_zero() || other.is_zero() {
            return BigUint::zero();
        }
        let mut limbs = vec![0u64; self.limbs.len() + other.limbs.len()];
        for (i, &a) in self.limbs.iter().enumerate() {
            let mut carry: u128 = 0;
            for (j, &b) in other.limbs.iter().enumerate() {
                let Some(slot) = limbs.get_mut(i + j) else { continue };
                // a·b + slot + carry ≤ (2^64−1)² + 2(2^64−1) = 2^128 − 1: no overflow.
                let wide = u128::from(a) * u128::from(b) + u128::from(*slot) + carry;
                *slot = wide as u64;
                carry = wide >> 64;
            }
            if let Some(slot) = limbs.get_mut(i + other.limbs.len()) {
                *slot = carry as u64;
            }
        }
        let mut out = BigUint { limbs };
        out.normalize();
        out
    }

    /// `self × 10^exponent`.
    pub fn mul_pow10(&self, exponent: u64) -> BigUint {
        let mut out = self.clone();
        let mut left = exponent;
        while left > 0 && !out.is_zero() {
            let step = left.min(19);
            let factor = if step == 19 { TEN_POW_19 } else { 10u64.pow(step as u32) };
            out = out.mul_small(factor);
            left -= step;
        }
        out
    }

    /// `self + other`.
    pub fn add(&self, other: &BigUint) -> BigUint {
        let (long, short) = if self.limbs.len() >= other.limbs.len() { (self, other) } else { (other, self) };
        let mut limbs = Vec::with_capacity(long.limbs.len() + 1);
        let mut carry = false;
        for (i, &a) in long.limbs.iter().enumerate() {
            let b = short.limbs.get(i).copied().unwrap_or(0);
            let (s1, o1) = a.overflowing_add(b);
            let (s2, o2) = s1.overflowing_add(u64::from(carry));
            limbs.push(s2);
            carry = o1 || o2;
        }
        if carry {
            limbs.push(1);
        }
        BigUint { limbs }
    }

    /// `self − other`, or `None` when `other` is larger.
    pub fn checked_sub(&self, other: &BigUint) -> Option<BigUint> {
        if *self < *other {
            return None;
        }
        let mut limbs = Vec::with_capacity(self.limbs.len());
        let mut borrow = false;
        for (i, &a) in self.limbs.iter().enumerate() {
            let b = other.limbs.get(i).copied().unwrap_or(0);
            let (d1, o1) = a.overflowing_sub(b);
            let (d2, o2) = d1.overflowing_sub(u64::from(borrow));
            limbs.push(d2);
            borrow = o1 || o2;
        }
        let mut out = BigUint { limbs };
        out.normalize();
        Some(out)
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &BigUint) -> Ordering {
        self.limbs.len().cmp(&other.limbs.len()).then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &BigUint) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_matches_u128_where_both_apply() {
        let values: [u128; 7] =
            [0, 1, 9, u64::MAX as u128, (u64::MAX as u128) + 1, 12345678901234567890123456789, u128::MAX / 3];
        for &a in &values {
            for &b in &values {
                let (x, y) = (BigUint::from_u128(a), BigUint::from_u128(b));
                assert_eq!(x.cmp(&y), a.cmp(&b));
                if let Some(product) = a.checked_mul(b) {
                    assert_eq!(x.mul(&y).to_u128(), Some(product));
                }
                if let Some(sum) = a.checked_add(b) {
                    assert_eq!(x.add(&y).to_u128(), Some(sum));
                }
                assert_eq!(x.checked_sub(&y).map(|d| d.to_u128()), a.checked_sub(b).map(Some));
            }
            for m in [0u64, 1, 10, u64::MAX] {
                if let Some(p) = a.checked_mul(u128::from(m)) {
                    assert_eq!(BigUint::from_u128(a).mul_small(m).to_u128(), Some(p));
                }
            }
        }
    }

    #[test]
    fn reads_long_decimal_text_and_scales_by_powers_of_ten() {
        let digits = b"340282366920938463463374607431768211455"; // u128::MAX
        assert_eq!(BigUint::from_decimal_digits(digits).to_u128(), Some(u128::MAX));
        let one_e40 = BigUint::from_u128(1).mul_pow10(40);
        let mut text = b"1".to_vec();
        text.extend(core::iter::repeat(b'0').take(40));
        assert_eq!(BigUint::from_decimal_digits(&text), one_e40);
        assert!(one_e40 > BigUint::from_u128(u128::MAX));
        assert_eq!(one_e40.checked_sub(&one_e40), Some(BigUint::zero()));
        let one_e80 = one_e40.mul(&one_e40);
        assert_eq!(one_e80, BigUint::from_u128(1).mul_pow10(80));
        assert_eq!(one_e80.mul(&BigUint::from_u128(7)), BigUint::from_u128(7).mul_pow10(80));
    }
}
