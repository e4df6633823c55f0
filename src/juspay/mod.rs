//! Juspay: split_settlement_details, its validator, and order statuses. Typed; the contract's
//! `*_json` entry points are in `contract::juspay`.

pub mod details;
pub mod read;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod status;
pub mod sub_mids;
pub mod validate;

pub use details::{MdrBorneBy, SplitSettlementDetails, VendorSplit};
pub use read::read_details;
pub use status::{OrderStatus, ORDER_STATUSES};
pub use validate::{check_total, read_checked, validate_split};
