//! `allocate`.
//!
//! Both ends cross the boundary once: an array of plain numbers is copied into wasm as a
//! `Float64Array` (anything else is converted by the general path, which decides every error), and
//! the shares come back as one comma-joined string that JS splits.

use super::{optional_arg, to_js_error};
use crate::json::Json;
use crate::money::allocate::allocate_shares;
use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function numericRatios(ratios) {
  try {
    if (!Array.isArray(ratios)) return undefined;
    const n = ratios.length;
    // The general reader's limit on array length (snapshot::MAX_ITEMS) decides longer arrays.
    if (!(typeof n === "number" && n >= 0 && n <= 1000000 && n === Math.floor(n))) return undefined;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = ratios[i];
      if (typeof v !== "number") return undefined;
      out[i] = v;
    }
    return out;
  } catch (_) {
    return undefined;
  }
}
export function splitShares(text, count) {
  // indexOf and slice beat text.split(",") by a third on a thousand shares.
  const shares = new Array(count);
  let from = 0;
  for (let i = 0; i < count; i++) {
    const comma = text.indexOf(",", from);
    const to = comma < 0 ? text.length : comma;
    shares[i] = text.slice(from, to);
    from = to + 1;
  }
  return shares;
}
"#)]
extern "C" {
    /// The ratios when they are an array of numbers only (any numbers: the core refuses NaN or
    /// negative ones with their paths, as it does on the general path). Never throws.
    #[wasm_bindgen(js_name = numericRatios)]
    fn numeric_ratios(ratios: &JsValue) -> Option<Vec<f64>>;

    #[wasm_bindgen(js_name = splitShares)]
    fn split_shares(text: &str, count: u32) -> JsValue;
}

/// For tests (`tests/wasm_fast_paths.rs`): the ratios as the one-crossing read takes them.
#[doc(hidden)]
pub fn fast_ratios(ratios: &JsValue) -> Option<Vec<f64>> {
    numeric_ratios(ratios)
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
    let ratios = match numeric_ratios(ratios) {
        Some(numbers) => Some(Json::Array(numbers.into_iter().map(Json::Number).collect())),
        None => optional_arg(ratios, "ratios").map_err(to_js_error)?,
    };
    let shares = allocate_shares(total.as_ref(), ratios.as_ref()).map_err(to_js_error)?;
    // Amount text never holds a comma, so splitting the joined text in JS gives back exactly
    // these shares; one string crosses instead of an array of them.
    let mut text = String::with_capacity(shares.len() * 8);
    for (i, share) in shares.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        share.write_text(&mut text);
    }
    // `usize` is `u32` on wasm32: the count always fits.
    Ok(split_shares(&text, u32::try_from(shares.len()).unwrap_or(u32::MAX)))
}
