//! `SplitInput`: the calculator's input, typed. Reading it from the contract's JSON shape is
//! `contract::split`.

use crate::error::{Code, Error};
use crate::juspay::details::MdrBorneBy;
use crate::money::amount::Paise;
use crate::money::percent::Percent;
use crate::money::ratio::Ratio;
use crate::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
/// What [`calculate_split`](crate::split::calculate_split) shares out: an order, its vendors and
/// their commissions, the marketplace's own items, and optionally a gateway-fee estimate.
pub struct SplitInput {
    /// The whole order, as Juspay is asked to charge it.
    pub order_amount: Paise,
    /// Who bears the gateway fee; the marketplace when left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub mdr_borne_by: MdrBorneBy,
    /// At least one; each `sub_mid` once; all by amount or all by weight.
    pub vendors: Vec<VendorInput>,
    /// The marketplace's own items (not commission).
    #[cfg_attr(feature = "serde", serde(default))]
    pub marketplace_amount: Paise,
    /// A gateway-fee estimate, for the `fee`/`net` preview only.
    pub mdr: Option<Mdr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
/// One vendor of a [`SplitInput`].
pub struct VendorInput {
    /// The vendor's Juspay sub account id.
    pub sub_mid: String,
    /// Its gross: an amount, or a weight of what the vendors share.
    pub share: Share,
    /// What the marketplace takes from it; none when left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub commission: Commission,
}

/// How a vendor's gross is given: every vendor of an input uses the same kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Share {
    /// The gross value of this vendor's part of the order.
    Amount(Paise),
    /// A share, by weight, of what the vendors get (`orderAmount − marketplaceAmount`).
    Weight(Ratio),
}

/// The marketplace's commission on one vendor: `percent` of the gross (half-up) plus `flat`,
/// held within `[min, max]`, and `tax_percent` of that (GST on commission) on top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Commission {
    /// Percentage of the gross.
    pub percent: Percent,
    /// A fixed amount added to the percentage.
    pub flat: Paise,
    /// The least commission, where there is one.
    pub min: Option<Paise>,
    /// The most commission, where there is one.
    pub max: Option<Paise>,
    /// Tax on the commission (GST), as a percentage of it.
    pub tax_percent: Percent,
}

/// The gateway fee estimate: `percent` of the order (half-up) plus `flat`, plus `tax_percent` of that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Mdr {
    /// Percentage of the order.
    pub percent: Percent,
    /// A fixed fee added to the percentage.
    pub flat: Paise,
    /// Tax on the fee, as a percentage of it.
    pub tax_percent: Percent,
}

/// `EMPTY_SPLIT`: an input with no vendor.
pub(crate) fn empty_split() -> Error {
    Error::new(Code::EmptySplit, "vendors", "vendors must name at least one vendor")
}
