//! `toJSON` / `fromJSON`: the ledger's whole state as plain JSON, to store and load back.
//!
//! Only the payment and its entries are stored; every total is derived by replaying the entries
//! through the same rules as the live methods, so a stored state that breaks a rule (a tampered
//! amount, a debit before any refund, a total that does not add up) cannot be loaded.

use crate::prelude::*;
use super::ledger::{Entry, OpType, SettlementLedger};
use crate::error::{cat, index, join, quoted, Code, Error, Result};
use crate::json::Json;
use crate::money::amount::{parse_amount_text, Paise};

/// The format version written by `to_json`; `from_json` refuses any other.
pub const STATE_VERSION: f64 = 1.0;

impl SettlementLedger {
    /// `{ version: 1, paymentId, amount: "100.00", entries: [...] }`.
    pub fn to_json(&self) -> Json {
        Json::object(vec![
            ("version", Json::Number(STATE_VERSION)),
            ("paymentId", Json::str(self.payment_id())),
            ("amount", self.amount().to_json_text()),
            ("entries", self.entries_json()),
        ])
    }

    /// The `entries` getter: `[{ type, subMerchantId?, amount? }]`, amounts as two-decimal text.
    pub fn entries_json(&self) -> Json {
        Json::Array(self.entries().iter().map(entry_json).collect())
    }

    /// Loads what `to_json` wrote, as a value or as its JSON text. Anything this ledger could not
    /// have produced is `INVALID_STATE`, at the offending field where there is one.
    pub fn from_json(value: &Json) -> Result<Self> {
        let parsed;
        let value = match value {
            Json::String(text) => {
                parsed = Json::parse(text, "").map_err(|e| invalid("", &cat(&["the state is not JSON text (", &e.message, ")"])))?;
                &parsed
            }
            other => other,
        };
        let Json::Object(members) = value else {
            return Err(invalid("", &cat(&["a ledger state is an object from toJSON(), not ", value.kind()])));
        };
        if let Some((key, _)) = members.iter().find(|(k, _)| !["version", "paymentId", "amount", "entries"].contains(&k.as_str())) {
            return Err(invalid(key, &cat(&["a ledger state has no field ", &quoted(key)])));
        }
        match value.get("version") {
            Some(Json::Number(v)) if *v == STATE_VERSION => {}
            _ => return Err(invalid("version", "the state's version must be 1")),
        }
        let payment_id = match value.get("paymentId") {
            Some(Json::String(id)) if !id.is_empty() => id.clone(),
            _ => return Err(invalid("paymentId", "the state's paymentId must be a non-empty string")),
        };
        let amount = state_amount(value.get("amount"), "amount")?;
        let Some(entries) = value.get("entries").and_then(Json::as_array) else {
            return Err(invalid("entries", "the state's entries must be an array"));
        };
        let mut ledger = SettlementLedger::new(payment_id, amount).map_err(|e| invalid("amount", &e.message))?;
        for (i, entry) in entries.iter().enumerate() {
            let path = index("entries", i);
            replay(&mut ledger, entry, &path)?;
        }
        Ok(ledger)
    }
}

fn entry_json(entry: &Entry) -> Json {
    let kind = ("type", Json::str(entry.op_type().as_str()));
    match entry {
        Entry::Credit { sub_merchant_id, amount } | Entry::Debit { sub_merchant_id, amount } => {
            Json::object(vec![kind, ("subMerchantId", Json::str(sub_merchant_id.clone())), ("amount", amount.to_json_text())])
        }
        Entry::Refund { amount } => Json::object(vec![kind, ("amount", amount.to_json_text())]),
        Entry::Fulfil => Json::object(vec![kind]),
    }
}

/// Records one stored entry through the live rules; a refusal means the state was not produced by
/// a ledger.
fn replay(ledger: &mut SettlementLedger, entry: &Json, path: &str) -> Result<()> {
    let Json::Object(members) = entry else {
        return Err(invalid(path, &cat(&["an entry is an object, not ", entry.kind()])));
    };
    let kind = match entry.get("type") {
        Some(Json::String(t)) => OpType::parse(t).ok_or_else(|| invalid(&join(path, "type"), &cat(&["unknown entry type ", &quoted(t)])))?,
        _ => return Err(invalid(&join(path, "type"), "an entry's type must be CREDIT, FULFIL, REFUND or DEBIT")),
    };
    let allowed: &[&str] = match kind {
        OpType::Credit | OpType::Debit => &["type", "subMerchantId", "amount"],
        OpType::Refund => &["type", "amount"],
        OpType::Fulfil => &["type"],
    };
    if let Some((key, _)) = members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(invalid(&join(path, key), &cat(&["a ", kind.as_str(), " entry has no field ", &quoted(key)])));
    }
    let sub = || match entry.get("subMerchantId") {
        Some(Json::String(s)) => Ok(s.as_str()),
        _ => Err(invalid(&join(path, "subMerchantId"), "an entry's subMerchantId must be a string")),
    };
    let amount = || state_amount(entry.get("amount"), &join(path, "amount"));
    let outcome = match kind {
        OpType::Credit => ledger.credit(sub()?, amount()?),
        OpType::Fulfil => ledger.fulfil(),
        OpType::Refund => ledger.refund(amount()?),
        OpType::Debit => ledger.debit(sub()?, amount()?, None),
    };
    outcome.map_err(|e| {
        let at = if e.path.is_empty() { path.to_string() } else { join(path, &e.path) };
        invalid(&at, &cat(&["this entry breaks a ledger rule (", &e.code.as_str(), ": ", &e.message, ")"]))
    })
}

/// Stored amounts are two-decimal strings, as `to_json` writes them.
fn state_amount(value: Option<&Json>, path: &str) -> Result<Paise> {
    match value {
        Some(Json::String(text)) => parse_amount_text(text, path).map_err(|e| invalid(path, &e.message)),
        _ => Err(invalid(path, &cat(&[path, " must be an amount string like \"100.00\""]))),
    }
}

fn invalid(path: &str, message: &str) -> Error {
    Error::new(Code::InvalidState, path, cat(&["not a ledger state from toJSON(): ", message]))
}
