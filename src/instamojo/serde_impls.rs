//! Cargo feature `serde`: a [`SettlementLedger`] as its payment and its entries, the same state
//! `toJSON` stores (in serde's field names). It is read back by replaying every entry through the
//! ledger's rules, so a state the ledger could not have produced (a debit before any refund,
//! credits past the payment) is refused, as `SettlementLedger::from_json` refuses it.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use super::ledger::{Entry, SettlementLedger};
use crate::error::cat;
use crate::error::index;
use crate::money::amount::Paise;
use crate::prelude::*;

#[derive(serde::Serialize)]
struct StateOut<'a> {
    payment_id: &'a str,
    amount: Paise,
    entries: &'a [Entry],
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StateIn {
    payment_id: String,
    amount: Paise,
    entries: Vec<Entry>,
}

impl Serialize for SettlementLedger {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StateOut { payment_id: self.payment_id(), amount: self.amount(), entries: self.entries() }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SettlementLedger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SettlementLedger, D::Error> {
        let state = StateIn::deserialize(deserializer)?;
        let refused =
            |at: &str, e: crate::error::Error| D::Error::custom(cat(&[at, ": ", &e.code.as_str(), ": ", &e.message]));
        let mut ledger = SettlementLedger::new(state.payment_id, state.amount).map_err(|e| refused("amount", e))?;
        for (i, entry) in state.entries.iter().enumerate() {
            let (sub, amount, id) = match entry {
                Entry::Credit { sub_merchant_id, amount, id } | Entry::Debit { sub_merchant_id, amount, id } => {
                    (Some(sub_merchant_id.as_str()), Some(*amount), id.as_deref())
                }
                Entry::Refund { amount } => (None, Some(*amount), None),
                Entry::Fulfil => (None, None, None),
            };
            ledger.apply(entry.op_type(), sub, amount, None, id).map_err(|e| refused(&index("entries", i), e))?;
        }
        Ok(ledger)
    }
}
