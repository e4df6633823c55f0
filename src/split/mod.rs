//! The split calculator for Juspay split settlement: who gets what of an order, commissions and
//! their tax, a gateway-fee preview, and the `split_settlement_details` to send.

pub mod calculate;
mod checks;
pub mod fees;
pub mod input;
pub mod plan;

pub use calculate::calculate_split;
pub use input::{Commission, Mdr, Share, SplitInput, VendorInput};
pub use plan::{MarketplaceShare, SplitPlan, VendorShare};

use crate::error::Result;
use crate::json::Json;

/// `calculateSplit(input)` of the contract: the `SplitPlan` as JSON.
pub fn calculate_split_json(input: &Json) -> Result<Json> {
    let input = SplitInput::from_json(input)?;
    calculate_split(&input).map(|plan| plan.to_json())
}
