//! What a Juspay split settles, and to whom, read from the two places it is written: the
//! `split_settlement_details` an order is created with, and the `split_settlement_response` an
//! order's status carries. Two splits are the same when they pay the same amounts to the same
//! parties; `merchant_commission` and `mdr_borne_by` say how the parts came about, not who is
//! paid, so they are not part of it.

use serde_json::Value;

use crate::juspay::SplitSettlementDetails;
use crate::money::amount::Paise;
use crate::server::replies::{self, JuspayOrderReply, SplitPart};

/// The marketplace's amount and each `sub_mid`'s (sorted by it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settlement {
    /// What the marketplace keeps, in paise.
    pub marketplace: Paise,
    /// Each `sub_mid` and its amount in paise, sorted by `sub_mid`, each named once.
    pub vendors: Vec<(String, Paise)>,
}

impl Settlement {
    /// From the `split_settlement_details` an order is created with.
    pub fn of_details(details: &SplitSettlementDetails) -> Settlement {
        let mut vendors: Vec<(String, Paise)> = details.vendors.iter().map(|v| (v.sub_mid.clone(), v.amount)).collect();
        vendors.sort();
        Settlement { marketplace: details.marketplace_amount, vendors }
    }

    /// From an order status reply as Juspay writes it (snake_case): its
    /// `split_settlement_response.split_details` lists what each sub-account gets
    /// (`sub_vendor_id`, `amount`; Juspay's "Order Status for Split Settlement" reference), and
    /// the marketplace gets the rest of the order's `amount`. `Ok(None)` when the reply carries no
    /// split; an `Err` when it carries one that cannot be read in full (a part without its
    /// sub-account or amount, a sub-account named twice, parts above the order).
    pub(crate) fn of_status_reply(reply: &JuspayOrderReply, order_amount: Paise) -> Result<Option<Settlement>, String> {
        let details = match reply.split_settlement_response.as_ref().map(|r| &r.split_details) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Array(items)) if items.is_empty() => return Ok(None),
            Some(Value::Array(items)) => items,
            Some(_) => return Err("its split_details is not a list".into()),
        };
        let mut vendors: Vec<(String, Paise)> = Vec::with_capacity(details.len());
        let mut total = Paise::ZERO;
        for (i, item) in details.iter().enumerate() {
            let part: SplitPart = replies::item(item);
            let sub_mid = part
                .sub_vendor_id
                .filter(|s| !s.is_empty())
                .ok_or_else(|| format!("split_details[{i}] names no sub_vendor_id"))?;
            let amount =
                part.amount.paise().ok_or_else(|| format!("split_details[{i}] has no amount that can be read"))?;
            total = total.checked_add(amount).ok_or_else(|| "its amounts overflow".to_string())?;
            vendors.push((sub_mid, amount));
        }
        vendors.sort();
        if vendors.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err("it names a sub-account twice".into());
        }
        let marketplace = order_amount
            .checked_sub(total)
            .filter(|rest| *rest >= Paise::ZERO)
            .ok_or_else(|| "its parts add up to more than the order".to_string())?;
        Ok(Some(Settlement { marketplace, vendors }))
    }

    /// The first party `self` pays differently from `other`, as a phrase ("the marketplace",
    /// `sub_mid "V1"`), or `None` when both pay the same.
    pub fn first_difference(&self, other: &Settlement) -> Option<String> {
        if self.marketplace != other.marketplace {
            return Some("the marketplace".into());
        }
        let find = |s: &Settlement, sub_mid: &str| s.vendors.iter().find(|(k, _)| k == sub_mid).map(|(_, a)| *a);
        self.vendors
            .iter()
            .chain(other.vendors.iter())
            .find(|(k, _)| find(self, k) != find(other, k))
            .map(|(k, _)| format!("sub_mid {k:?}"))
    }
}
