//! `split_settlement_details`: the typed value, who bears the MDR, and its JSON (Juspay's
//! snake_case keys, amounts as JSON numbers). Reading a raw value is `juspay::read`.

use crate::error::{fail, quoted, Code, Result};
use crate::json::Json;
use crate::money::amount::Paise;
use crate::prelude::*;

/// Who bears the gateway fee (MDR).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum MdrBorneBy {
    /// The marketplace (the default).
    #[default]
    Marketplace,
    /// The vendors, in proportion to what each is settled.
    Vendor,
    /// Everyone, in proportion to what each is settled.
    All,
}

impl MdrBorneBy {
    /// Juspay's name: `MARKETPLACE`, `VENDOR` or `ALL`; the one place these names are written.
    pub fn as_str(self) -> &'static str {
        match self {
            MdrBorneBy::Marketplace => "MARKETPLACE",
            MdrBorneBy::Vendor => "VENDOR",
            MdrBorneBy::All => "ALL",
        }
    }

    /// The exact upper-case names Juspay takes.
    pub fn from_name(name: &str) -> Option<MdrBorneBy> {
        match name {
            "MARKETPLACE" => Some(MdrBorneBy::Marketplace),
            "VENDOR" => Some(MdrBorneBy::Vendor),
            "ALL" => Some(MdrBorneBy::All),
            _ => None,
        }
    }

    /// Reads a present value; anything but one of the three names is `INVALID_MDR_BORNE_BY`.
    pub fn from_json(value: &Json, path: &str) -> Result<MdrBorneBy> {
        value.as_str().and_then(MdrBorneBy::from_name).ok_or_else(|| {
            let got = match value {
                Json::String(s) => quoted(s),
                other => other.kind().to_string(),
            };
            fail(Code::InvalidMdrBorneBy, path, &[path, " must be \"MARKETPLACE\", \"VENDOR\" or \"ALL\", not ", &got])
        })
    }
}

/// One entry of `vendor.split`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VendorSplit {
    /// The vendor's Juspay sub account id.
    pub sub_mid: String,
    /// What Juspay settles to this sub account.
    pub amount: Paise,
    /// The commission (with its tax) already taken out of this vendor's gross; informational.
    pub merchant_commission: Paise,
}

/// The value of Juspay's `metadata.split_settlement_details`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SplitSettlementDetails {
    /// `mdr_borne_by`.
    pub mdr_borne_by: MdrBorneBy,
    /// `marketplace.amount`: what Juspay settles to the marketplace.
    pub marketplace_amount: Paise,
    /// `vendor.split`.
    pub vendors: Vec<VendorSplit>,
}

impl SplitSettlementDetails {
    /// `{ mdr_borne_by, marketplace: { amount }, vendor: { split: [...] } }` with JSON numbers.
    pub fn to_json(&self) -> Json {
        let mut split = Vec::with_capacity(self.vendors.len());
        for v in &self.vendors {
            split.push(Json::object(vec![
                ("sub_mid", Json::str(v.sub_mid.clone())),
                ("amount", v.amount.to_json_number()),
                ("merchant_commission", v.merchant_commission.to_json_number()),
            ]));
        }
        Json::object(vec![
            ("mdr_borne_by", Json::str(self.mdr_borne_by.as_str())),
            ("marketplace", Json::object(vec![("amount", self.marketplace_amount.to_json_number())])),
            ("vendor", Json::object(vec![("split", Json::Array(split))])),
        ])
    }

    /// Compact JSON text for the `metadata.split_settlement_details` form field.
    pub fn to_text(&self) -> String {
        self.to_json().to_text()
    }

    /// `marketplace.amount + Σ vendor.split[].amount`, which must equal the order amount.
    pub fn total(&self) -> Result<Paise> {
        let vendors = Paise::sum(self.vendors.iter().map(|v| &v.amount), "vendor.split")?;
        self.marketplace_amount.add(vendors, "")
    }
}
