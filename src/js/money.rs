//! `allocate`.

use super::{optional_arg, to_js, to_js_error};
use crate::money::allocate::allocate_json;
use wasm_bindgen::prelude::*;

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
    let ratios = optional_arg(ratios, "ratios").map_err(to_js_error)?;
    let shares = allocate_json(total.as_ref(), ratios.as_ref()).map_err(to_js_error)?;
    Ok(to_js(&shares))
}
