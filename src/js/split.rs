//! The Juspay side: `calculateSplit`, `juspaySplitMetadata`, `validateJuspaySplit`, `orderStatus`.

use super::{from_js, from_js_at, optional_arg, to_js, to_js_error};
use crate::contract;
use crate::json::Json;
use crate::prelude::*;
use wasm_bindgen::prelude::*;

/// Computes who gets what from an order: commissions, their tax, each vendor's settled amount, an
/// optional fee preview, and the `split_settlement_details` to send to Juspay.
/// @example
/// ```ts
/// const plan = calculateSplit({
///   orderAmount: "1000",
///   vendors: [{ subMid: "V1", amount: "600", commission: { percent: "10" } }, { subMid: "V2", amount: "400" }],
/// });
/// plan.vendors[0].amount; // "540.00"
/// ```
#[wasm_bindgen(js_name = calculateSplit, unchecked_return_type = "SplitPlan")]
pub fn calculate_split(
    #[wasm_bindgen(unchecked_param_type = "SplitInput")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    let input = from_js(input).map_err(to_js_error)?;
    let plan = contract::split::calculate_split_json(&input).map_err(to_js_error)?;
    Ok(to_js(&plan))
}

/// The JSON text to send as the `metadata.split_settlement_details` form field, from a
/// `SplitPlan` or from `split_settlement_details` itself.
#[wasm_bindgen(js_name = juspaySplitMetadata)]
pub fn juspay_split_metadata(
    #[wasm_bindgen(js_name = planOrDetails, unchecked_param_type = "SplitPlan | JuspaySplitSettlementDetails")]
    plan_or_details: &JsValue,
) -> Result<String, JsValue> {
    let value = from_js(plan_or_details).map_err(to_js_error)?;
    contract::juspay::split_metadata_json(&value).map_err(to_js_error)
}

/// Checks a `split_settlement_details` value (an object or JSON text) as Juspay would and reports
/// every problem with its path. Only an unreadable `orderAmount` throws.
#[wasm_bindgen(js_name = validateJuspaySplit, unchecked_return_type = "ValidationResult")]
pub fn validate_juspay_split(
    #[wasm_bindgen(js_name = orderAmount, unchecked_param_type = "Amount")] order_amount: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | string")] details: &JsValue,
) -> Result<JsValue, JsValue> {
    let order_amount = optional_arg(order_amount, "orderAmount").map_err(to_js_error)?;
    let details = match optional_arg(details, "") {
        Ok(details) => details,
        // A payload that is not JSON at all is the payload's problem: report it, do not throw.
        Err(problem) => return Ok(to_js(&crate::contract::validation_result(&[problem]))),
    };
    let result = contract::juspay::validate_split_json(order_amount.as_ref(), details.as_ref()).map_err(to_js_error)?;
    Ok(to_js(&result))
}

/// What a Juspay order status (name or id) means. Unknown values give `status: "UNKNOWN"`.
/// @example
/// ```ts
/// orderStatus("charged"); // { status: "CHARGED", statusId: 21, terminal: true, success: true, failed: false, ... }
/// orderStatus(26);         // AUTHENTICATION_FAILED: failed: true, terminal: false (the buyer may retry)
/// ```
#[wasm_bindgen(js_name = orderStatus, unchecked_return_type = "OrderStatusInfo")]
pub fn order_status(
    #[wasm_bindgen(js_name = statusOrId, unchecked_param_type = "string | number")] status_or_id: &JsValue,
) -> JsValue {
    // A value that is not JSON (a function, a symbol) is simply an unknown status.
    let value = from_js_at(status_or_id, "statusOrId").unwrap_or(Json::Null);
    to_js(&contract::juspay::order_status_json(&value))
}
