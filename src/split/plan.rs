//! `SplitPlan`: what the calculator returns. Its JSON in the contract's shape is `contract::split`.

use crate::juspay::details::{MdrBorneBy, SplitSettlementDetails};
use crate::money::amount::Paise;
use crate::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SplitPlan {
    pub order_amount: Paise,
    pub mdr_borne_by: MdrBorneBy,
    pub marketplace: MarketplaceShare,
    pub vendors: Vec<VendorShare>,
    /// Ready for `metadata.split_settlement_details`.
    pub details: SplitSettlementDetails,
}

/// The marketplace's part: its own items plus every commission and commission tax.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MarketplaceShare {
    /// What Juspay settles to the marketplace.
    pub amount: Paise,
    /// `marketplaceAmount` of the input: the marketplace's own items.
    pub own_amount: Paise,
    pub commission: Paise,
    pub commission_tax: Paise,
    /// Preview of the gateway fee borne by the marketplace.
    pub fee: Paise,
    /// `amount − fee`; may be negative.
    pub net: Paise,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VendorShare {
    pub sub_mid: String,
    pub gross: Paise,
    pub commission: Paise,
    pub commission_tax: Paise,
    /// What Juspay settles to this vendor: `gross − commission − commission_tax`.
    pub amount: Paise,
    pub fee: Paise,
    pub net: Paise,
}
