//! `validateJuspaySplit`, `juspaySplitMetadata` and `orderStatus` of the contract, over the typed
//! `juspay` API.

use crate::contract::errors::validation_result;
use crate::error::{cat, Code, Error, Result};
use crate::json::Json;
use crate::juspay::{read_checked, validate_split, OrderStatus};
use crate::money::amount::parse_amount;
use crate::prelude::*;

/// `validateJuspaySplit(orderAmount, details)`: `{ ok, errors }`. `details` may be JSON text
/// (`INVALID_JSON` when it does not parse). Only an unreadable `orderAmount` is an `Err`: that is
/// the caller's bug, not the payload's.
pub fn validate_split_json(order_amount: Option<&Json>, details: Option<&Json>) -> Result<Json> {
    let order = parse_amount(order_amount, "orderAmount")?;
    let errors = match details {
        None | Some(Json::Null) => vec![Error::new(Code::MissingField, "", "split_settlement_details is required")],
        Some(Json::String(text)) => match Json::parse(text, "") {
            Ok(parsed) => validate_split(order, &parsed),
            Err(e) => {
                vec![Error::new(
                    Code::InvalidJson,
                    "",
                    cat(&["split_settlement_details cannot be decoded: ", &e.message]),
                )]
            }
        },
        Some(value) => validate_split(order, value),
    };
    Ok(validation_result(&errors))
}

/// `juspaySplitMetadata(planOrDetails)`: the JSON text for the `metadata.split_settlement_details`
/// field, keys in the order mdr_borne_by, marketplace, vendor. A `SplitPlan` is also checked
/// against its own `orderAmount`, so an edited plan is refused rather than sent.
pub fn split_metadata_json(plan_or_details: &Json) -> Result<String> {
    let order = match plan_or_details.get("splitSettlementDetails") {
        Some(_) => Some(parse_amount(plan_or_details.get("orderAmount"), "orderAmount")?),
        None => None,
    };
    read_checked(plan_or_details, order).map(|d| d.to_text())
}

/// `orderStatus(statusOrId)` of the contract.
pub fn order_status_json(status_or_id: &Json) -> Json {
    OrderStatus::lookup(status_or_id).to_json()
}
