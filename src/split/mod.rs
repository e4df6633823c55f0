//! The split calculator for Juspay split settlement: who gets what of an order, commissions and
//! their tax, a gateway-fee preview, and the `split_settlement_details` to send. Typed; the
//! contract's `calculate_split_json` is in `contract::split`.

pub mod calculate;
pub(crate) mod checks;
pub mod fees;
pub mod input;
pub mod plan;

pub use calculate::calculate_split;
pub use input::{Commission, Mdr, Share, SplitInput, VendorInput};
pub use plan::{MarketplaceShare, SplitPlan, VendorShare};
