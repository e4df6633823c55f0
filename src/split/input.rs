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
pub struct SplitInput {
    pub order_amount: Paise,
    #[cfg_attr(feature = "serde", serde(default))]
    pub mdr_borne_by: MdrBorneBy,
    pub vendors: Vec<VendorInput>,
    /// The marketplace's own items (not commission).
    #[cfg_attr(feature = "serde", serde(default))]
    pub marketplace_amount: Paise,
    /// A gateway-fee estimate, for the `fee`/`net` preview only.
    pub mdr: Option<Mdr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VendorInput {
    pub sub_mid: String,
    pub share: Share,
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
    pub percent: Percent,
    pub flat: Paise,
    pub min: Option<Paise>,
    pub max: Option<Paise>,
    pub tax_percent: Percent,
}

/// The gateway fee estimate: `percent` of the order (half-up) plus `flat`, plus `tax_percent` of that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Mdr {
    pub percent: Percent,
    pub flat: Paise,
    pub tax_percent: Percent,
}

pub(crate) fn empty_split() -> Error {
    Error::new(Code::EmptySplit, "vendors", "vendors must name at least one vendor")
}
