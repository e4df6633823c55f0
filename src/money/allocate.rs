//! Largest-remainder (Hamilton) allocation in paise.
//!
//! Every ratio is scaled to an integer at the ratios' common number of decimals, so each share's
//! exact value `total × w / W` is a fraction of integers: the share is its floor, and the paise
//! left over go one each to the largest remainders, ties to the lower index. Most inputs fit
//! `u128`; the rest take an exact big-integer path.

use crate::error::{cat, index, Code, Error, Result};
use crate::json::Json;
use crate::money::amount::{parse_amount, Paise};
use crate::money::bignum::BigUint;
use crate::money::largest::{heap_select, largest};
use crate::money::ratio::Ratio;
use crate::prelude::*;

/// `allocate(total, ratios)` of the contract on JSON values, as paise: the contract layer
/// (`contract::money::allocate_json`) writes them as amount strings, the wasm binding hands JS the
/// paise. Errors: amount codes at `total`; `RATIO_INVALID` at `ratios[i]`, or at `ratios` when it
/// is not an array or every ratio is zero; `EMPTY_RATIOS` at `ratios`.
pub fn allocate_shares(total: Option<&Json>, ratios: Option<&Json>) -> Result<Vec<Paise>> {
    let total = parse_amount(total, "total")?;
    let items = match ratios {
        Some(Json::Array(items)) => items,
        other => {
            let kind = other.map_or("missing", Json::kind);
            return Err(Error::new(
                Code::RatioInvalid,
                "ratios",
                cat(&["ratios must be an array of numbers or decimal text, not ", kind]),
            ));
        }
    };
    // Read without building a path per ratio; only a refused ratio is read again with its path.
    // A plain loop: `collect::<Result<Vec<_>>>()` instantiates an iterator adapter of its own,
    // which the browser build would carry for this one call.
    let mut parsed = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        parsed.push(Ratio::from_json(item, "").or_else(|_| Ratio::from_json(item, &index("ratios", i)))?);
    }
    allocate(total, &parsed)
}

/// [`allocate_shares`] for ratios that are all JS numbers (the binding's fast path): the same
/// shares and the same errors in the same order, without a `Json` value per ratio. Whole-number
/// ratios below 2^53 (the usual kind) go straight to their weights, with no `Ratio` each.
// Used by the wasm binding (and the tests) only.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn allocate_numbers(total: Option<&Json>, ratios: &[f64]) -> Result<Vec<Paise>> {
    let total = parse_amount(total, "total")?;
    let mut weights = Vec::with_capacity(ratios.len());
    for n in ratios {
        match whole_number(*n) {
            Some(w) => weights.push(u128::from(w)),
            None => break,
        }
    }
    if weights.len() == ratios.len() {
        let units = checked_total(total, ratios.is_empty(), weights.iter().all(|w| *w == 0))?;
        if let Some(shares) = shares_of_weights(units, weights) {
            return to_paise(shares);
        }
    }
    let mut parsed = Vec::with_capacity(ratios.len());
    for (i, n) in ratios.iter().enumerate() {
        parsed.push(Ratio::from_number(*n, "").or_else(|_| Ratio::from_number(*n, &index("ratios", i)))?);
    }
    allocate(total, &parsed)
}

/// `n` when it is a whole number from 0 to 2^53 - 1: exactly the ratio [`Ratio::from_number`]
/// reads from it (an integer that an `f64` holds exactly, whose shortest text is its digits).
fn whole_number(n: f64) -> Option<u64> {
    ((0.0..9_007_199_254_740_992.0).contains(&n) && n as u64 as f64 == n).then_some(n as u64)
}

/// Splits `total` paise by `ratios`. The shares sum exactly to `total`; each is the floor or the
/// ceiling of its exact proportional value. Errors (with the contract's paths): `EMPTY_RATIOS`
/// and all-zero `RATIO_INVALID` at `ratios`, a negative total at `total`.
pub fn allocate(total: Paise, ratios: &[Ratio]) -> Result<Vec<Paise>> {
    let units = checked_total(total, ratios.is_empty(), ratios.iter().all(Ratio::is_zero))?;
    let scale = ratios.iter().map(|r| r.scale).max().unwrap_or(0);
    let floors = match allocate_u128(units, ratios, scale) {
        Some(shares) => shares,
        None => allocate_big(units, ratios, scale),
    };
    to_paise(floors)
}

/// The checks made before any share is computed, in the contract's order; the total as a `u64`.
fn checked_total(total: Paise, empty: bool, all_zero: bool) -> Result<u64> {
    if empty {
        return Err(Error::new(Code::EmptyRatios, "ratios", "ratios must hold at least one ratio"));
    }
    if all_zero {
        return Err(Error::new(Code::RatioInvalid, "ratios", "at least one ratio must be above zero"));
    }
    u64::try_from(total.0).map_err(|_| {
        Error::new(Code::NegativeAmount, "total", cat(&["total must not be negative, got ", &total.to_text()]))
    })
}

fn to_paise(floors: Vec<u64>) -> Result<Vec<Paise>> {
    let mut shares = Vec::with_capacity(floors.len());
    for units in floors {
        let Ok(units) = i64::try_from(units) else {
            return Err(Error::new(Code::InvalidAmount, "total", "a share does not fit the amount range"));
        };
        shares.push(Paise(units));
    }
    Ok(shares)
}

/// The fast path: `None` when a scaled ratio or `total × Σ ratios` leaves `u128`. When the
/// products also fit `u64` (whole-number ratios of ordinary size), each share is divided in `u64`,
/// which wasm divides natively, instead of through 128-bit software division.
fn allocate_u128(total: u64, ratios: &[Ratio], scale: u64) -> Option<Vec<u64>> {
    let mut weights = Vec::with_capacity(ratios.len());
    for ratio in ratios {
        weights.push(ratio.scaled_u128(scale)?);
    }
    shares_of_weights(total, weights)
}

/// Largest remainder over integer weights: `None` when `total × Σ weights` leaves `u128`.
fn shares_of_weights(total: u64, weights: Vec<u128>) -> Option<Vec<u64>> {
    let mut sum: u128 = 0;
    for weight in &weights {
        sum = sum.checked_add(*weight)?;
    }
    if sum == 0 {
        return None; // `allocate` refuses all-zero ratios before this; never divide by zero.
    }
    // total × w ≤ total × Σ w for every ratio, so this one check covers every product below.
    let largest_product = u128::from(total).checked_mul(sum)?;
    let narrow = match (u64::try_from(largest_product), u64::try_from(sum)) {
        (Ok(_), Ok(sum)) => Some(sum),
        _ => None,
    };
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut handed_out: u64 = 0;
    for (i, weight) in weights.into_iter().enumerate() {
        let (floor, remainder) = match (narrow, u64::try_from(weight)) {
            (Some(sum), Ok(weight)) => {
                let product = total.checked_mul(weight)?;
                (product / sum, u128::from(product % sum))
            }
            _ => {
                let product = u128::from(total).checked_mul(weight)?;
                (u64::try_from(product / sum).ok()?, product % sum)
            }
        };
        shares.push(floor);
        handed_out = handed_out.checked_add(floor)?;
        if remainder > 0 {
            remainders.push((remainder, i));
        }
    }
    hand_out_leftover(&mut shares, remainders, total.checked_sub(handed_out)?);
    Some(shares)
}

/// The exact path for ratios too long or too far apart for `u128`.
fn allocate_big(total: u64, ratios: &[Ratio], scale: u64) -> Vec<u64> {
    let scaled: Vec<BigUint> = {
        let mut powers = Vec::new();
        ratios.iter().map(|r| r.scaled_big(scale, &mut powers)).collect()
    };
    let sum = scaled.iter().fold(BigUint::zero(), |acc, w| acc.add(w));
    let mut shares = Vec::with_capacity(ratios.len());
    let mut remainders = Vec::new();
    let mut handed_out: u64 = 0;
    for (i, weight) in scaled.iter().enumerate() {
        if weight.is_zero() {
            shares.push(0);
            continue;
        }
        let product = weight.mul_small(total);
        let floor = floor_quotient(&product, &sum, total);
        let remainder = product.checked_sub(&sum.mul_small(floor)).unwrap_or_default();
        shares.push(floor);
        handed_out = handed_out.saturating_add(floor);
        if !remainder.is_zero() {
            remainders.push((remainder, i));
        }
    }
    // A heap alone, not `largest`'s quickselect: this rare path would otherwise carry a second
    // copy of the whole selection, instantiated for big remainders.
    let Ok(leftover) = usize::try_from(total.saturating_sub(handed_out)) else { return shares };
    heap_select(&mut remainders, leftover);
    for (_, i) in remainders.iter().take(leftover) {
        if let Some(share) = shares.get_mut(*i) {
            *share = share.saturating_add(1);
        }
    }
    shares
}

/// The largest `q` in `0..=max` with `q × divisor ≤ dividend`, by binary search: a share's floor
/// never exceeds the total, so no big division is needed.
fn floor_quotient(dividend: &BigUint, divisor: &BigUint, max: u64) -> u64 {
    let (mut low, mut high) = (0u64, max);
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if divisor.mul_small(mid) <= *dividend {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

/// Gives one more paisa to each of the `leftover` largest remainders, ties to the lower index.
/// `leftover` is below the number of non-zero remainders (they sum to `leftover × Σ w`, each
/// below `Σ w`), so a zero ratio never gets a paisa.
pub(crate) fn hand_out_leftover<R: Ord>(shares: &mut [u64], mut remainders: Vec<(R, usize)>, leftover: u64) {
    let Ok(leftover) = usize::try_from(leftover) else { return };
    for (_, i) in largest(&mut remainders, leftover) {
        if let Some(share) = shares.get_mut(*i) {
            *share = share.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paise(values: &[i64]) -> Vec<Paise> {
        values.iter().copied().map(Paise).collect()
    }

    fn ints(values: &[u64]) -> Vec<Ratio> {
        values.iter().copied().map(Ratio::from_int).collect()
    }

    #[test]
    fn every_path_agrees() {
        // Small weights take the u64 path, weights near 2^64 the u128 one; the big path takes all.
        for ratios in [ints(&[3, 0, 7, 7, 1, 12]), ints(&[u64::MAX, 1, 0, u64::MAX / 3, 5])] {
            for total in [0u64, 1, 5, 99, 100, 12345, 1_000_000_000_000] {
                let fast = allocate_u128(total, &ratios, 0).unwrap();
                assert_eq!(fast, allocate_big(total, &ratios, 0), "total {total}");
                assert_eq!(fast.iter().sum::<u64>(), total);
            }
        }
    }

    #[test]
    fn numbers_take_the_same_path_as_json() {
        let total = Json::String("1234.56".into());
        for ratios in [
            vec![1.0, 2.5, 0.0, 7.0],
            vec![0.1, 0.2, 0.30000000000000004],
            vec![0.0, 0.0],
            vec![],
            vec![1.0, -1.0],
            vec![f64::NAN],
        ] {
            let json = Json::Array(ratios.iter().copied().map(Json::Number).collect());
            assert_eq!(
                allocate_numbers(Some(&total), &ratios),
                allocate_shares(Some(&total), Some(&json)),
                "{ratios:?}"
            );
        }
        let bad = Json::Bool(true);
        assert_eq!(
            allocate_numbers(Some(&bad), &[1.0]),
            allocate_shares(Some(&bad), Some(&Json::Array(vec![Json::Number(1.0)])))
        );
        assert_eq!(allocate_numbers(None, &[1.0]), allocate_shares(None, Some(&Json::Array(vec![Json::Number(1.0)]))));
    }

    #[test]
    fn leftover_goes_to_largest_remainders_then_lower_index() {
        // 100 over [1,1,1]: remainders tie, so the first gets the paisa.
        assert_eq!(allocate(Paise(100), &ints(&[1, 1, 1])).unwrap(), paise(&[34, 33, 33]));
        // 10 over [1,3]: exact 2.5 and 7.5, tie → lower index.
        assert_eq!(allocate(Paise(10), &ints(&[1, 3])).unwrap(), paise(&[3, 7]));
        // 7 over [1,2,4]: exact 1, 2, 4.
        assert_eq!(allocate(Paise(7), &ints(&[1, 2, 4])).unwrap(), paise(&[1, 2, 4]));
    }
}
