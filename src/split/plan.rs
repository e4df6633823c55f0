//! `SplitPlan`: what the calculator returns, and its JSON in the contract's shape and key order.

use crate::prelude::*;
use crate::json::Json;
use crate::juspay::details::{MdrBorneBy, SplitSettlementDetails};
use crate::money::amount::Paise;

#[derive(Clone, Debug, PartialEq, Eq)]
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

impl SplitPlan {
    /// The contract's `SplitPlan`: camelCase keys, two-decimal amount strings, and
    /// `splitSettlementDetails` with JSON numbers.
    pub fn to_json(&self) -> Json {
        let m = &self.marketplace;
        let marketplace = Json::object(vec![
            ("amount", m.amount.to_json_text()),
            ("ownAmount", m.own_amount.to_json_text()),
            ("commission", m.commission.to_json_text()),
            ("commissionTax", m.commission_tax.to_json_text()),
            ("fee", m.fee.to_json_text()),
            ("net", m.net.to_json_text()),
        ]);
        let vendors = self
            .vendors
            .iter()
            .map(|v| {
                Json::object(vec![
                    ("subMid", Json::str(v.sub_mid.clone())),
                    ("gross", v.gross.to_json_text()),
                    ("commission", v.commission.to_json_text()),
                    ("commissionTax", v.commission_tax.to_json_text()),
                    ("amount", v.amount.to_json_text()),
                    ("fee", v.fee.to_json_text()),
                    ("net", v.net.to_json_text()),
                ])
            })
            .collect();
        Json::object(vec![
            ("orderAmount", self.order_amount.to_json_text()),
            ("mdrBorneBy", Json::str(self.mdr_borne_by.as_str())),
            ("marketplace", marketplace),
            ("vendors", Json::Array(vendors)),
            ("splitSettlementDetails", self.details.to_json()),
        ])
    }
}
