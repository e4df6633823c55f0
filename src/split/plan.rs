//! `SplitPlan`: what the calculator returns, and its JSON in the contract's shape and key order.

use crate::json::Json;
use crate::juspay::details::{MdrBorneBy, SplitSettlementDetails};
use crate::money::amount::Paise;
use crate::prelude::*;

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
        let mut marketplace = Vec::with_capacity(6);
        push_amounts(
            &mut marketplace,
            &["amount", "ownAmount", "commission", "commissionTax", "fee", "net"],
            &[m.amount, m.own_amount, m.commission, m.commission_tax, m.fee, m.net],
        );
        let mut vendors = Vec::with_capacity(self.vendors.len());
        for v in &self.vendors {
            let mut fields = Vec::with_capacity(7);
            fields.push(("subMid", Json::str(v.sub_mid.clone())));
            push_amounts(
                &mut fields,
                &["gross", "commission", "commissionTax", "amount", "fee", "net"],
                &[v.gross, v.commission, v.commission_tax, v.amount, v.fee, v.net],
            );
            vendors.push(Json::object(fields));
        }
        Json::object(vec![
            ("orderAmount", self.order_amount.to_json_text()),
            ("mdrBorneBy", Json::str(self.mdr_borne_by.as_str())),
            ("marketplace", Json::object(marketplace)),
            ("vendors", Json::Array(vendors)),
            ("splitSettlementDetails", self.details.to_json()),
        ])
    }
}

/// Appends `keys[i]: values[i]` as two-decimal text: one loop for the plan's amounts rather than
/// a `Json` built at each.
fn push_amounts(fields: &mut Vec<(&'static str, Json)>, keys: &[&'static str], values: &[Paise]) {
    for (key, value) in keys.iter().zip(values) {
        fields.push((key, value.to_json_text()));
    }
}
