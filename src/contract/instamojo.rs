//! The ledger's entry points shaped like the JavaScript methods: they read `Json` arguments with
//! the contract's codes and paths, then call the typed ledger. The wasm binding only converts
//! values to and from `Json`.

use crate::contract::errors::validation_result;
use crate::contract::ledger_state::{member_json, settlement_json};
use crate::error::{index, join, quoted, Code, Error, Result};
use crate::instamojo::ledger::{OpType, SettlementLedger};
use crate::instamojo::plan::PlanFrom;
use crate::instamojo::reconcile::{pair_up, Item};
use crate::instamojo::refusal::{refusal, AMOUNT_PATH, BALANCE_PATH, ID_PATH, SUB_PATH};
use crate::instamojo::rules::{op_amount_error, sub_merchant_error, OpFields};
use crate::json::Json;
use crate::money::amount::{parse_amount, Paise};
use crate::prelude::*;

impl SettlementLedger {
    /// `new SettlementLedger({ paymentId, amount })`.
    pub fn from_options_json(opts: &Json) -> Result<Self> {
        if !opts.is_object() {
            return Err(refusal(
                Code::InvalidType,
                "",
                "SettlementLedger takes { paymentId, amount }, not \u{2}",
                &[opts.kind()],
                &[],
            ));
        }
        let payment_id = match opts.field("paymentId") {
            None => {
                return Err(Error::new(
                    Code::MissingField,
                    "paymentId",
                    "paymentId is required: the Instamojo payment id",
                ))
            }
            Some(Json::String(id)) => id.clone(),
            Some(other) => {
                return Err(refusal(
                    Code::InvalidType,
                    "paymentId",
                    "paymentId must be a string, not \u{2}",
                    &[other.kind()],
                    &[],
                ))
            }
        };
        let amount = parse_amount(opts.get("amount"), AMOUNT_PATH)?;
        SettlementLedger::new(payment_id, amount)
    }

    /// `credit(subMerchantId, amount)`; with the options `{ id? }`, `record_json`.
    pub fn credit_json(&mut self, sub: Option<&Json>, amount: Option<&Json>) -> Result<()> {
        self.record_json(OpType::Credit, sub, amount, None)
    }

    /// `refund(amount)`.
    pub fn refund_json(&mut self, amount: Option<&Json>) -> Result<()> {
        self.record_json(OpType::Refund, None, amount, None)
    }

    /// `debit(subMerchantId, amount, { balance?, id? })`.
    pub fn debit_json(&mut self, sub: Option<&Json>, amount: Option<&Json>, opts: Option<&Json>) -> Result<()> {
        self.record_json(OpType::Debit, sub, amount, opts)
    }

    /// `credit`, `refund` and `debit` in one: each reads what its type takes (`sub` and `opts`'s
    /// settlement `id` for a credit or debit, `opts`'s `balance` for a debit) and records it.
    pub fn record_json(
        &mut self,
        kind: OpType,
        sub: Option<&Json>,
        amount: Option<&Json>,
        opts: Option<&Json>,
    ) -> Result<()> {
        let settlement = kind.takes().0;
        let sub = if settlement { Some(read_sub(sub)?) } else { None };
        let amount = parse_amount(amount, AMOUNT_PATH)?;
        let (mut balance, mut id) = (None, None);
        if settlement {
            if let Some(o) = options(opts, kind.as_str(), "{ balance?, id? }")? {
                if kind == OpType::Debit {
                    balance = read_balance(o.field("balance"))?;
                }
                id = read_id(o.field("id"), ID_PATH)?;
            }
        }
        self.apply(kind, sub, Some(amount), balance, id)
    }

    /// `reconcile(settlements)`: `{ ok, missingAtInstamojo, missingInLedger }`, each a list of
    /// `{ type, subMerchantId, amount, id? }`. A listed settlement that cannot be read is thrown,
    /// never skipped: a skipped one would be reported as missing at Instamojo and paid again.
    pub fn reconcile_json(&self, listed: Option<&Json>) -> Result<Json> {
        let items = match listed {
            Some(Json::Array(items)) => items,
            None | Some(Json::Null) => {
                return Err(Error::new(Code::MissingField, RECONCILE_PATH, "settlements is required"))
            }
            _ => return Err(Error::new(Code::InvalidType, RECONCILE_PATH, "settlements must be an array")),
        };
        let mut theirs = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            theirs.push(read_item(item).map_err(|mut e| {
                let at = index(RECONCILE_PATH, i);
                e.path = if e.path.is_empty() { at } else { join(&at, &e.path) };
                e
            })?);
        }
        let mine = self.settlement_items();
        let (used_ours, used_theirs) = pair_up(&mine, &theirs);
        let list = |items: &[Item<'_>], used: &[bool]| {
            let rows = items.iter().zip(used).filter(|(_, u)| !**u);
            Json::Array(
                rows.map(|(&(id, kind, amount, sub), _)| settlement_json(kind, Some(sub), Some(amount), id)).collect(),
            )
        };
        let ok = !used_ours.iter().chain(&used_theirs).any(|u| !u);
        Ok(Json::object([
            ("ok", Json::Bool(ok)),
            ("missingAtInstamojo", list(&mine, &used_ours)),
            ("missingInLedger", list(&theirs, &used_theirs)),
        ]))
    }

    /// `check(op)`: a ValidationResult listing every problem, a malformed `op` included; never
    /// throws.
    pub fn check_json(&self, op: Option<&Json>) -> Json {
        validation_result(&self.check_errors(op))
    }

    fn check_errors(&self, op: Option<&Json>) -> Vec<Error> {
        let op = match op {
            None | Some(Json::Null) => {
                return vec![Error::new(
                    Code::MissingField,
                    "",
                    "check takes an operation { type, subMerchantId?, amount?, balance? }",
                )]
            }
            Some(op) if !op.is_object() => {
                return vec![refusal(Code::InvalidType, "", "an operation is an object, not \u{2}", &[op.kind()], &[])]
            }
            Some(op) => op,
        };
        let kind = match op.field("type") {
            None => {
                return vec![Error::new(
                    Code::MissingField,
                    "type",
                    "type is required: CREDIT, FULFIL, REFUND or DEBIT",
                )]
            }
            Some(Json::String(t)) => match OpType::parse(t) {
                Some(kind) => kind,
                None => {
                    return vec![refusal(
                        Code::InvalidOption,
                        "type",
                        "type must be CREDIT, FULFIL, REFUND or DEBIT, not \u{3}",
                        &[t],
                        &[],
                    )]
                }
            },
            Some(other) => {
                return vec![refusal(
                    Code::InvalidType,
                    "type",
                    "type must be a string, not \u{2}",
                    &[other.kind()],
                    &[],
                )]
            }
        };
        let mut errors = Vec::new();
        let (takes_sub, takes_amount) = kind.takes();
        let sub = if takes_sub { keep(&mut errors, read_sub(op.get("subMerchantId"))) } else { None };
        let amount = if takes_amount { keep(&mut errors, read_op_amount(op.get("amount"))) } else { None };
        let balance =
            if kind == OpType::Debit { keep(&mut errors, read_balance(op.field("balance"))).flatten() } else { None };
        self.violations(&OpFields { kind, sub, amount, balance }, &mut errors);
        errors
    }

    /// `planRefundDebits(refundAmount, { from? })`: `[{ subMerchantId, amount }]`.
    pub fn plan_refund_debits_json(&self, refund: Option<&Json>, opts: Option<&Json>) -> Result<Json> {
        let refund = parse_amount(refund, AMOUNT_PATH)?;
        let from = match options(opts, "planRefundDebits", "{ from? }")?.and_then(|o| o.field("from")) {
            None => PlanFrom::default(),
            Some(Json::String(f)) => PlanFrom::parse(f).ok_or_else(|| bad_from(&quoted(f)))?,
            Some(other) => return Err(bad_from(other.kind())),
        };
        let mut rows = Vec::new();
        for (h, &share) in self.holdings().iter().zip(&self.plan_shares(refund, from)?) {
            if share.0 > 0 {
                rows.push(member_json(Vec::new(), Some(h.sub_merchant_id()), Some(share)));
            }
        }
        Ok(Json::Array(rows))
    }
}

const RECONCILE_PATH: &str = "settlements";

/// One listed settlement `{ type, subMerchantId, amount, id? }`; errors at paths within it.
fn read_item(item: &Json) -> Result<Item<'_>> {
    if !item.is_object() {
        return Err(Error::new(Code::InvalidType, "", "a settlement is an object"));
    }
    let kind = match item.field("type").map(|t| t.as_str().and_then(OpType::parse)) {
        Some(Some(kind)) if kind.takes().0 => kind,
        None => return Err(Error::new(Code::MissingField, "type", "type is required")),
        _ => return Err(Error::new(Code::InvalidOption, "type", "type must be CREDIT or DEBIT")),
    };
    let sub = read_sub(item.get("subMerchantId"))?;
    let amount = read_op_amount(item.get("amount"))?;
    Ok((read_id(item.field("id"), ID_PATH)?, kind, amount, sub))
}

/// A settlement id: absent, or a non-empty string compared exactly.
fn read_id<'a>(value: Option<&'a Json>, path: &str) -> Result<Option<&'a str>> {
    match value {
        None => Ok(None),
        Some(Json::String(id)) if !id.is_empty() => Ok(Some(id)),
        Some(other) => Err(refusal(
            Code::InvalidType,
            path,
            "id must be the settlement id sent to Instamojo (a non-empty string), not \u{2}",
            &[other.kind()],
            &[],
        )),
    }
}

/// The value, or `None` with its error noted, so one bad field does not hide the others.
fn keep<T>(errors: &mut Vec<Error>, result: Result<T>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn bad_from(got: &str) -> Error {
    refusal(Code::InvalidOption, "from", "from must be \"PROPORTIONAL\" or \"VENDORS\", not \u{2}", &[got], &[])
}

/// An options object that may be left out (`undefined` or `null`).
fn options<'a>(opts: Option<&'a Json>, method: &str, shape: &str) -> Result<Option<&'a Json>> {
    match opts {
        None | Some(Json::Null) => Ok(None),
        Some(o) if o.is_object() => Ok(Some(o)),
        Some(other) => Err(refusal(
            Code::InvalidType,
            "",
            "\u{2} takes options \u{2}, not \u{2}",
            &[method, shape, other.kind()],
            &[],
        )),
    }
}

fn read_sub(value: Option<&Json>) -> Result<&str> {
    match value {
        None | Some(Json::Null) => Err(Error::new(
            Code::MissingField,
            SUB_PATH,
            "subMerchantId is required: the sub-merchant's Instamojo user id",
        )),
        Some(Json::String(s)) => match sub_merchant_error(s) {
            Some(e) => Err(e),
            None => Ok(s),
        },
        Some(other) => {
            Err(refusal(Code::InvalidType, SUB_PATH, "subMerchantId must be a string, not \u{2}", &[other.kind()], &[]))
        }
    }
}

/// An operation's amount: readable, and above zero.
fn read_op_amount(value: Option<&Json>) -> Result<Paise> {
    let amount = parse_amount(value, AMOUNT_PATH)?;
    match op_amount_error(amount) {
        Some(e) => Err(e),
        None => Ok(amount),
    }
}

fn read_balance(value: Option<&Json>) -> Result<Option<Paise>> {
    value.map(|v| parse_amount(Some(v), BALANCE_PATH)).transpose()
}
