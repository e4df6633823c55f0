//! `toJSON` / `fromJSON`: the ledger's whole state as plain JSON, to store and load back.
//!
//! Only the payment and its entries are stored; every total is derived by replaying the entries
//! through the same rules as the live methods, so a stored state that breaks a rule (a tampered
//! amount, a debit before any refund, a total that does not add up) cannot be loaded.
//!
//! **Consistent is not authentic.** The replay proves that a state could have happened, not that
//! it did: whoever holds a state can write another consistent one (a smaller credit, an entry
//! left out) and it loads. Keep states where only your server writes them; where one must travel
//! (through a browser, a queue, another service), sign it (an HMAC over the JSON text) and check
//! the signature before loading; or rebuild the ledger from the gateway's own records of the
//! payment's settlements.

use crate::error::{index, join, Code, Error, Result};
use crate::instamojo::ledger::{Entry, OpType, SettlementLedger};
use crate::instamojo::refusal::fill;
use crate::json::Json;
use crate::money::amount::{parse_amount_text, Paise};
use crate::prelude::*;

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
    /// have produced is `INVALID_STATE`, at the offending field where there is one. A consistent
    /// state loads whoever wrote it: see the module's doc on keeping states authentic.
    pub fn from_json(value: &Json) -> Result<Self> {
        let parsed;
        let value = match value {
            Json::String(text) => {
                parsed = Json::parse(text, "").map_err(|e| match e.code {
                    // A lone surrogate: refused at its path, as in a state given as a value.
                    Code::InvalidType => e,
                    _ => invalid("", "", "the state is not JSON text (\u{2})", &[&e.message]),
                })?;
                &parsed
            }
            other => other,
        };
        let Json::Object(members) = value else {
            return Err(invalid("", "", "a ledger state is an object from toJSON(), not \u{2}", &[value.kind()]));
        };
        if let Some((key, _)) =
            members.iter().find(|(k, _)| !["version", "paymentId", "amount", "entries"].contains(&k.as_str()))
        {
            return Err(invalid(key, "", "a ledger state has no field \u{3}", &[key]));
        }
        match value.get("version") {
            Some(Json::Number(v)) if *v == STATE_VERSION => {}
            _ => return Err(invalid("version", "", "the state's version must be 1", &[])),
        }
        let payment_id = match value.get("paymentId") {
            Some(Json::String(id)) if !id.is_empty() => id.clone(),
            _ => return Err(invalid("paymentId", "", "the state's paymentId must be a non-empty string", &[])),
        };
        let amount = state_amount(value.get("amount"), "amount")?;
        let Some(entries) = value.get("entries").and_then(Json::as_array) else {
            return Err(invalid("entries", "", "the state's entries must be an array", &[]));
        };
        let mut ledger =
            SettlementLedger::new(payment_id, amount).map_err(|e| invalid("amount", "", "\u{2}", &[&e.message]))?;
        for (i, entry) in entries.iter().enumerate() {
            let path = index("entries", i);
            replay(&mut ledger, entry, &path)?;
        }
        Ok(ledger)
    }
}

fn entry_json(entry: &Entry) -> Json {
    let (sub, amount, id) = match entry {
        Entry::Credit { sub_merchant_id, amount, id } | Entry::Debit { sub_merchant_id, amount, id } => {
            (Some(sub_merchant_id.as_str()), Some(*amount), id.as_deref())
        }
        Entry::Refund { amount } => (None, Some(*amount), None),
        Entry::Fulfil => (None, None, None),
    };
    settlement_json(entry.op_type(), sub, amount, id)
}

/// `{ type, subMerchantId?, amount?, id? }`: an entry, or a settlement as `reconcile` reports it.
pub(crate) fn settlement_json(kind: OpType, sub: Option<&str>, amount: Option<Paise>, id: Option<&str>) -> Json {
    let mut json = member_json(vec![(String::from("type"), Json::str(kind.as_str()))], sub, amount);
    if let (Json::Object(members), Some(id)) = (&mut json, id) {
        members.push((String::from("id"), Json::str(id)));
    }
    json
}

/// `members` and then `subMerchantId` and `amount` where given: an entry, or a planned debit.
#[inline(never)]
pub(crate) fn member_json(mut members: Vec<(String, Json)>, sub: Option<&str>, amount: Option<Paise>) -> Json {
    if let Some(sub) = sub {
        members.push((String::from("subMerchantId"), Json::str(sub)));
    }
    if let Some(amount) = amount {
        members.push((String::from("amount"), amount.to_json_text()));
    }
    Json::Object(members)
}

/// Records one stored entry through the live rules; a refusal means the state was not produced by
/// a ledger.
fn replay(ledger: &mut SettlementLedger, entry: &Json, path: &str) -> Result<()> {
    let Json::Object(members) = entry else {
        return Err(invalid(path, "", "an entry is an object, not \u{2}", &[entry.kind()]));
    };
    let kind = match entry.get("type") {
        Some(Json::String(t)) => {
            OpType::parse(t).ok_or_else(|| invalid(path, "type", "unknown entry type \u{3}", &[t]))?
        }
        _ => return Err(invalid(path, "type", "an entry's type must be CREDIT, FULFIL, REFUND or DEBIT", &[])),
    };
    let (takes_sub, takes_amount) = kind.takes();
    // A settlement (credit or debit) names a sub-merchant and may carry its settlement id.
    let allowed = [
        "type",
        if takes_amount { "amount" } else { "type" },
        if takes_sub { "subMerchantId" } else { "type" },
        if takes_sub { "id" } else { "type" },
    ];
    if let Some((key, _)) = members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(invalid(&join(path, key), "", "a \u{2} entry has no field \u{3}", &[kind.as_str(), key]));
    }
    let sub = match entry.get("subMerchantId") {
        _ if !takes_sub => None,
        Some(Json::String(s)) => Some(s.as_str()),
        _ => return Err(invalid(path, "subMerchantId", "an entry's subMerchantId must be a string", &[])),
    };
    let amount = if takes_amount { Some(state_amount(entry.get("amount"), &join(path, "amount"))?) } else { None };
    let id = match entry.get("id") {
        None => None,
        Some(Json::String(id)) if !id.is_empty() => Some(id.as_str()),
        _ => return Err(invalid(path, "id", "an entry's id must be a non-empty string", &[])),
    };
    ledger.apply(kind, sub, amount, None, id).map_err(|e| {
        invalid(path, &e.path, "this entry breaks a ledger rule (\u{2}: \u{2})", &[&e.code.as_str(), &e.message])
    })
}

/// Stored amounts are two-decimal strings, as `to_json` writes them.
fn state_amount(value: Option<&Json>, path: &str) -> Result<Paise> {
    match value {
        Some(Json::String(text)) => {
            parse_amount_text(text, path).map_err(|e| invalid(path, "", "\u{2}", &[&e.message]))
        }
        _ => Err(invalid(path, "", "\u{2} must be an amount string like \"100.00\"", &[path])),
    }
}

/// `INVALID_STATE` at `path`, or at `path.field` when `field` is not empty.
#[inline(never)]
fn invalid(path: &str, field: &str, template: &str, texts: &[&str]) -> Error {
    let at = if field.is_empty() { path.to_string() } else { join(path, field) };
    Error::new(Code::InvalidState, at, fill(String::from("not a ledger state from toJSON(): "), template, texts, &[]))
}
