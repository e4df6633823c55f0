//! Juspay: split_settlement_details, its validator, and order statuses.

use crate::prelude::*;
pub mod details;
pub mod status;
pub mod validate;

pub use details::{read_details, MdrBorneBy, SplitSettlementDetails, VendorSplit};
pub use status::{order_status_json, OrderStatus, ORDER_STATUSES};
pub use validate::{validate_split, validate_split_json};

use crate::error::{join, Error, Result};
use crate::json::Json;
use crate::money::amount::parse_amount;

/// `juspaySplitMetadata(planOrDetails)`: the JSON text for the `metadata.split_settlement_details`
/// field, keys in the order mdr_borne_by, marketplace, vendor. A `SplitPlan` is also checked
/// against its own `orderAmount`, so an edited plan is refused rather than sent.
pub fn split_metadata_json(plan_or_details: &Json) -> Result<String> {
    if let Some(details) = plan_or_details.get("splitSettlementDetails") {
        let order = parse_amount(plan_or_details.get("orderAmount"), "orderAmount")?;
        if let Some(first) = validate_split(order, details).into_iter().next() {
            let path = if first.path.is_empty() { "splitSettlementDetails".to_string() } else { join("splitSettlementDetails", &first.path) };
            return Err(Error { path, ..first });
        }
    }
    SplitSettlementDetails::from_json(plan_or_details).map(|d| d.to_text())
}
#[cfg(feature = "server")] pub mod protocol;
