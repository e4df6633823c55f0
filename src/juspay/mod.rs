//! Juspay: split_settlement_details, its validator, and order statuses.

use crate::prelude::*;
pub mod details;
pub mod status;
pub mod validate;

pub use details::{read_details, MdrBorneBy, SplitSettlementDetails, VendorSplit};
pub use status::{order_status_json, OrderStatus, ORDER_STATUSES};
pub use validate::{validate_split, validate_split_json};

use crate::error::Result;
use crate::json::Json;
use crate::money::amount::parse_amount;

/// `juspaySplitMetadata(planOrDetails)`: the JSON text for the `metadata.split_settlement_details`
/// field, keys in the order mdr_borne_by, marketplace, vendor. A `SplitPlan` is also checked
/// against its own `orderAmount`, so an edited plan is refused rather than sent.
pub fn split_metadata_json(plan_or_details: &Json) -> Result<String> {
    let order = match plan_or_details.get("splitSettlementDetails") {
        Some(_) => Some(parse_amount(plan_or_details.get("orderAmount"), "orderAmount")?),
        None => None,
    };
    details::read_typed(plan_or_details, order).map(|d| d.to_text())
}
