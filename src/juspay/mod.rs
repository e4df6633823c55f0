//! Juspay: split_settlement_details, its validator, and order statuses. (placeholder: being written)

use crate::error::Result;
use crate::json::Json;

/// `juspaySplitMetadata(planOrDetails)`: the JSON text for the `metadata.split_settlement_details` field.
pub fn split_metadata_json(_plan_or_details: &Json) -> Result<String> {
    todo!()
}

/// `validateJuspaySplit(orderAmount, details)`: `{ ok, errors }`. An unreadable `orderAmount` is an `Err`.
pub fn validate_split_json(_order_amount: Option<&Json>, _details: Option<&Json>) -> Result<Json> {
    todo!()
}

/// `orderStatus(statusOrId)`.
pub fn order_status_json(_status_or_id: &Json) -> Json {
    todo!()
}
