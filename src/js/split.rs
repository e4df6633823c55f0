//! The Juspay side: `calculateSplit`, `juspaySplitMetadata`, `validateJuspaySplit`, `orderStatus`.

use super::money::{beyond_exact, exact, split_plan};
use super::{from_js, from_js_at, optional_arg, to_js, to_js_error};
use crate::contract;
use crate::json::Json;
use crate::prelude::*;
use crate::split;
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
    let input = split::SplitInput::from_json(&input).map_err(to_js_error)?;
    let plan = split::calculate_split(&input).map_err(to_js_error)?;
    // Every amount of a plan is at most its order amount or a fee on it, far below 2^53 paise
    // (amounts are capped at 10^12 paise): the error only keeps the conversion total.
    plan_to_js(&plan).ok_or_else(|| to_js_error(beyond_exact()))
}

/// The plan as a JS object built in JS from two flat parts (its amounts in paise and its strings),
/// which costs a third of writing its JSON text and parsing it there. `None` when an amount is
/// beyond the exact doubles (never for amounts the contract accepts).
fn plan_to_js(plan: &split::SplitPlan) -> Option<JsValue> {
    let details = &plan.details;
    let mut amounts = Vec::with_capacity(12 + 7 * plan.vendors.len() + 3 * details.vendors.len());
    let mut strings = String::with_capacity(16 * (plan.vendors.len() + details.vendors.len()) + 32);
    // Lengths in UTF-16 units, as JS's `slice` counts them.
    let mut string = |amounts: &mut Vec<f64>, s: &str| {
        let units = if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
        amounts.push(units as f64);
        strings.push_str(s);
    };
    let m = &plan.marketplace;
    amounts.push(exact(plan.order_amount)?);
    string(&mut amounts, plan.mdr_borne_by.as_str());
    for p in [m.amount, m.own_amount, m.commission, m.commission_tax, m.fee, m.net] {
        amounts.push(exact(p)?);
    }
    amounts.push(plan.vendors.len() as f64);
    for v in &plan.vendors {
        string(&mut amounts, &v.sub_mid);
        for p in [v.gross, v.commission, v.commission_tax, v.amount, v.fee, v.net] {
            amounts.push(exact(p)?);
        }
    }
    string(&mut amounts, details.mdr_borne_by.as_str());
    amounts.push(exact(details.marketplace_amount)?);
    amounts.push(details.vendors.len() as f64);
    for v in &details.vendors {
        string(&mut amounts, &v.sub_mid);
        amounts.push(exact(v.amount)?);
        amounts.push(exact(v.merchant_commission)?);
    }
    Some(split_plan(&amounts, &strings))
}

/// The JSON text to send as the `metadata.split_settlement_details` form field, from a
/// `SplitPlan` or from `split_settlement_details` itself.
/// @example
/// ```ts
/// const plan = calculateSplit({ orderAmount: "100", vendors: [{ subMid: "V1", amount: "100", commission: { percent: "10" } }] });
/// juspaySplitMetadata(plan); // => '{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":10},"vendor":{"split":[{"sub_mid":"V1","amount":90,"merchant_commission":10}]}}'
/// ```
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
/// @example
/// ```ts
/// const details = { mdr_borne_by: "ALL", marketplace: { amount: 10 }, vendor: { split: [{ sub_mid: "V1", amount: 80, merchant_commission: 8 }] } };
/// validateJuspaySplit("100", details).errors; // => [{ code: "SUM_MISMATCH", path: "" }]
/// validateJuspaySplit("90", details); // => { ok: true, errors: [] }
/// ```
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
