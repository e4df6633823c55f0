//! `SplitPlan`: what the calculator returns. Its JSON in the contract's shape is `contract::split`.

use crate::juspay::details::{MdrBorneBy, SplitSettlementDetails};
use crate::money::amount::Paise;
use crate::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
/// Who gets what of an order: what [`calculate_split`](crate::split::calculate_split) returns.
pub struct SplitPlan {
    /// The order amount of the input.
    pub order_amount: Paise,
    /// Who bears the gateway fee, as in the input.
    pub mdr_borne_by: MdrBorneBy,
    /// The marketplace's part.
    pub marketplace: MarketplaceShare,
    /// Each vendor's part, in input order.
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
    /// Every vendor's commission.
    pub commission: Paise,
    /// The tax on those commissions.
    pub commission_tax: Paise,
    /// Preview of the gateway fee borne by the marketplace.
    pub fee: Paise,
    /// `amount − fee`; may be negative.
    pub net: Paise,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
/// One vendor's part of the order.
pub struct VendorShare {
    /// The vendor's Juspay sub account id.
    pub sub_mid: String,
    /// Its part of the order before commission.
    pub gross: Paise,
    /// The marketplace's commission on it.
    pub commission: Paise,
    /// The tax on that commission.
    pub commission_tax: Paise,
    /// What Juspay settles to this vendor: `gross − commission − commission_tax`.
    pub amount: Paise,
    /// Preview of the gateway fee borne by this vendor.
    pub fee: Paise,
    /// `amount − fee`; may be negative.
    pub net: Paise,
}
