//! `validateJuspaySplit`, `juspaySplitMetadata` and `orderStatus` of the contract (an order status
//! read from a name or an id, and written in camelCase), over the typed `juspay` API.

use crate::contract::errors::validation_result;
use crate::error::{cat, Code, Error, Result};
use crate::json::Json;
use crate::juspay::status::UNKNOWN;
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
            // JSON text with a lone surrogate: refused at that string's path, as in a value.
            Err(e) if e.code != Code::InvalidJson => vec![e],
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

impl OrderStatus {
    /// A name (any case), an id, or an id's decimal text; anything else is [`UNKNOWN`].
    pub fn lookup(value: &Json) -> &'static OrderStatus {
        let found = match value {
            Json::String(text) => {
                let text = crate::float::trim(text);
                match crate::float::parse_int(text) {
                    Some(id) if text.bytes().all(|b| b.is_ascii_digit()) => OrderStatus::by_id(id),
                    _ => OrderStatus::by_name(text),
                }
            }
            // Only whole numbers in range can be ids; `as` is exact for them.
            Json::Number(n) if n.abs() < 1e15 && *n as i64 as f64 == *n => OrderStatus::by_id(*n as i64),
            _ => None,
        };
        found.unwrap_or(&UNKNOWN)
    }

    /// `{ status, statusId, meaning, terminal, success, failed }`.
    pub fn to_json(&self) -> Json {
        Json::object(vec![
            ("status", Json::str(self.status)),
            ("statusId", Json::Number(self.status_id as f64)),
            ("meaning", Json::str(self.meaning)),
            ("terminal", Json::Bool(self.terminal)),
            ("success", Json::Bool(self.success)),
            ("failed", Json::Bool(self.failed)),
        ])
    }
}
