//! `allocate`, and the amount text both it and `calculateSplit` hand back.
//!
//! Both ends cross the boundary once: an array of plain numbers is copied into wasm as a
//! `Float64Array` (anything else is converted by the general path, which decides every error), and
//! the shares come back as a view of their paise that JS turns into two-decimal text. Paise below
//! 2^53 are exact doubles, so the text is exactly `Paise::to_text`'s; no valid total is larger
//! (amounts are capped at 10^12 paise).

use super::{optional_arg, to_js_error};
use crate::money::allocate::{allocate_numbers, allocate_shares};
use crate::money::amount::Paise;
use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// The ratios written into `out` (a view of wasm memory) when they are an array of numbers only:
// their count n; -2 - n, read before any element is, when more than fit (wasm asks again with
// room for n); -1 when they are not all numbers, or more than the general reader takes
// (snapshot::MAX_ITEMS): the general path decides.
export function numericRatiosInto(ratios, out) {
  try {
    if (!Array.isArray(ratios)) return -1;
    const n = ratios.length;
    if (!(typeof n === "number" && n >= 0 && n <= 1000000 && n === Math.floor(n))) return -1;
    if (n > out.length) return -2 - n;
    for (let i = 0; i < n; i++) {
      const v = ratios[i];
      if (typeof v !== "number") return -1;
      out[i] = v;
    }
    return n;
  } catch (_) {
    return -1;
  }
}
// Paise (an integer below 2^53) as Paise::to_text writes it: "0.05", "12.30", "-1.25".
const CENTS = Array.from({ length: 100 }, (_, c) => (c < 10 ? ".0" : ".") + c);
const text = (p) => {
  if (p < 0) return "-" + text(-p);
  const c = p % 100;
  return (p - c) / 100 + CENTS[c];
};
export function amountTexts(paise) {
  const shares = [];
  for (let i = 0; i < paise.length; i++) shares.push(text(paise[i]));
  return shares;
}
// A SplitPlan from splitPlanParts (src/js/split.rs): amounts as paise in `a`, in the order of the
// keys below, and the strings one after another in `s`, each preceded in `a` by its length.
export function splitPlan(a, s) {
  let i = 0, at = 0;
  const str = () => s.slice(at, (at += a[i++]));
  const t = () => text(a[i++]);
  const num = () => a[i++] / 100;
  const orderAmount = t(), mdrBorneBy = str();
  const marketplace = { amount: t(), ownAmount: t(), commission: t(), commissionTax: t(), fee: t(), net: t() };
  const vendors = [];
  for (let n = a[i++]; n > 0; n--) {
    vendors.push({ subMid: str(), gross: t(), commission: t(), commissionTax: t(), amount: t(), fee: t(), net: t() });
  }
  const mdr_borne_by = str(), amount = num(), split = [];
  for (let n = a[i++]; n > 0; n--) split.push({ sub_mid: str(), amount: num(), merchant_commission: num() });
  return { orderAmount, mdrBorneBy, marketplace, vendors, splitSettlementDetails: { mdr_borne_by, marketplace: { amount }, vendor: { split } } };
}
"#)]
extern "C" {
    /// The ratios into `out` when they are an array of numbers only (any numbers: the core
    /// refuses NaN or negative ones with their paths, as it does on the general path) and fit:
    /// their count; -2 - n when there are n, more than fit; -1 when they are not all numbers.
    /// Never throws.
    #[wasm_bindgen(js_name = numericRatiosInto)]
    fn numeric_ratios_into(ratios: &JsValue, out: &mut [f64]) -> i32;

    /// An array of the two-decimal texts of `paise` (each an integer below 2^53).
    #[wasm_bindgen(js_name = amountTexts)]
    fn amount_texts(paise: &[f64]) -> JsValue;

    /// The `SplitPlan` object from its parts (see `split::plan_to_js`).
    #[wasm_bindgen(js_name = splitPlan)]
    pub(crate) fn split_plan(amounts: &[f64], strings: &str) -> JsValue;
}

/// The largest paise JS formats exactly (2^53): every amount the contract accepts is far below.
pub(crate) const EXACT_PAISE: i64 = 1 << 53;

/// The error for an amount beyond [`EXACT_PAISE`], which no valid input produces.
pub(crate) fn beyond_exact() -> crate::Error {
    crate::Error::new(crate::Code::InvalidAmount, "", "an amount is beyond 2^53 paise")
}

/// `paise` as an exact double, or `None` beyond [`EXACT_PAISE`].
pub(crate) fn exact(paise: Paise) -> Option<f64> {
    (-EXACT_PAISE..=EXACT_PAISE).contains(&paise.0).then_some(paise.0 as f64)
}

/// The ratios as the one-crossing read takes them, when they are an array of numbers: up to 16
/// into `few` (no allocation, no array handed over), more into a vector of their count.
fn numeric_ratios<'a>(ratios: &JsValue, few: &'a mut [f64; 16], more: &'a mut Vec<f64>) -> Option<&'a [f64]> {
    let mut count = numeric_ratios_into(ratios, few);
    let mut out: &'a mut [f64] = few;
    if count < -1 {
        *more = vec![0.0; usize::try_from(-2 - i64::from(count)).ok()?];
        count = numeric_ratios_into(ratios, more);
        out = more;
    }
    // A count above the room given (the array grew in between) is the general path's too.
    out.get(..usize::try_from(count).ok()?)
}

/// For tests (`tests/wasm_fast_paths.rs`): the ratios as the one-crossing read takes them.
#[doc(hidden)]
pub fn fast_ratios(ratios: &JsValue) -> Option<Vec<f64>> {
    numeric_ratios(ratios, &mut [0.0; 16], &mut Vec::new()).map(<[f64]>::to_vec)
}

/// Splits `total` by `ratios` with largest-remainder allocation in paise; the shares always sum
/// exactly to `total`. Throws `RATIO_INVALID`, `EMPTY_RATIOS` or an amount code.
/// @example
/// ```ts
/// allocate("100", [1, 1, 1]); // ["33.34", "33.33", "33.33"]
/// allocate("10", [0, 1, 2]);  // ["0.00", "3.33", "6.67"]
/// ```
#[wasm_bindgen(js_name = allocate, unchecked_return_type = "string[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Amount")] total: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<number | string>")] ratios: &JsValue,
) -> Result<JsValue, JsValue> {
    let total = optional_arg(total, "total").map_err(to_js_error)?;
    // A few ratios (the usual call) are written into a buffer on the stack: no allocation for
    // them and no second crossing to hand over the array.
    let (mut few, mut more) = ([0.0f64; 16], Vec::new());
    let shares = match numeric_ratios(ratios, &mut few, &mut more) {
        Some(numbers) => allocate_numbers(total.as_ref(), numbers),
        None => {
            let ratios = optional_arg(ratios, "ratios").map_err(to_js_error)?;
            allocate_shares(total.as_ref(), ratios.as_ref())
        }
    }
    .map_err(to_js_error)?;
    // Each share is at most the total, and a total is at most 10^12 paise: always exact.
    let mut paise = Vec::with_capacity(shares.len());
    for share in shares {
        paise.push(exact(share).ok_or_else(|| to_js_error(beyond_exact()))?);
    }
    Ok(amount_texts(&paise))
}
