//! The settlement rules of one Instamojo marketplace payment: CREDIT settlements until the payment
//! is fulfilled, refunds to the buyer, and DEBIT settlements that take a refund back from the
//! sub-merchants. This file holds the state and records operations; `rules.rs` decides which are
//! refused.

use super::holding_index::HoldingIndex;
use super::refusal::{refusal, AMOUNT_PATH, ID_PATH};
use crate::error::{Code, Error, Result};
use crate::money::amount::{Paise, MAX_PAISE};
use crate::prelude::*;

/// One recorded operation, in the order it happened. A settlement's `id` is the unique settlement
/// id sent to Instamojo with it, where the caller recorded one; reconciliation matches by it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum Entry {
    /// A CREDIT settlement to a sub-merchant.
    Credit {
        /// The sub-merchant's Instamojo user id.
        sub_merchant_id: String,
        /// What it was paid.
        amount: Paise,
        /// The settlement id it was sent with, where recorded.
        id: Option<String>,
    },
    /// The payment was fulfilled: no more credits.
    Fulfil,
    /// A refund to the buyer.
    Refund {
        /// What was refunded.
        amount: Paise,
    },
    /// A DEBIT settlement from a sub-merchant, taking a refund back.
    Debit {
        /// The sub-merchant's Instamojo user id.
        sub_merchant_id: String,
        /// What was taken back.
        amount: Paise,
        /// The settlement id it was sent with, where recorded.
        id: Option<String>,
    },
}

impl Entry {
    /// Its `type`.
    pub fn op_type(&self) -> OpType {
        match self {
            Entry::Credit { .. } => OpType::Credit,
            Entry::Fulfil => OpType::Fulfil,
            Entry::Refund { .. } => OpType::Refund,
            Entry::Debit { .. } => OpType::Debit,
        }
    }
}

/// An operation to test with [`SettlementLedger::check`] without recording it. `balance` is the
/// sub-merchant's balance with Instamojo, where the caller knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum LedgerOp {
    /// A CREDIT settlement to a sub-merchant.
    Credit {
        /// The sub-merchant's Instamojo user id.
        sub_merchant_id: String,
        /// What it would be paid.
        amount: Paise,
    },
    /// Fulfilling the payment.
    Fulfil,
    /// A refund to the buyer.
    Refund {
        /// What would be refunded.
        amount: Paise,
    },
    /// A DEBIT settlement from a sub-merchant.
    Debit {
        /// The sub-merchant's Instamojo user id.
        sub_merchant_id: String,
        /// What would be taken back.
        amount: Paise,
        /// The sub-merchant's balance with Instamojo, where known.
        balance: Option<Paise>,
    },
}

/// The `type` of an operation or entry, as the contract spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum OpType {
    /// `CREDIT`.
    Credit,
    /// `FULFIL`.
    Fulfil,
    /// `REFUND`.
    Refund,
    /// `DEBIT`.
    Debit,
}

impl OpType {
    /// The contract's spelling: `CREDIT`, `FULFIL`, `REFUND`, `DEBIT`.
    pub fn as_str(self) -> &'static str {
        match self {
            OpType::Credit => "CREDIT",
            OpType::Fulfil => "FULFIL",
            OpType::Refund => "REFUND",
            OpType::Debit => "DEBIT",
        }
    }

    /// Whether an operation of this type names a sub-merchant, and whether it has an amount.
    pub(crate) fn takes(self) -> (bool, bool) {
        (matches!(self, OpType::Credit | OpType::Debit), self != OpType::Fulfil)
    }

    /// Reads `"CREDIT" | "FULFIL" | "REFUND" | "DEBIT"`, exactly as spelt.
    pub fn parse(text: &str) -> Option<OpType> {
        [OpType::Credit, OpType::Fulfil, OpType::Refund, OpType::Debit].into_iter().find(|t| t.as_str() == text)
    }
}

/// What one sub-merchant has been credited and debited on this payment.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Holding {
    sub_merchant_id: String,
    credited: Paise,
    debited: Paise,
}

impl Holding {
    /// The sub-merchant's Instamojo user id.
    pub fn sub_merchant_id(&self) -> &str {
        &self.sub_merchant_id
    }

    /// Σ CREDIT settlements to it.
    pub fn credited(&self) -> Paise {
        self.credited
    }

    /// Σ DEBIT settlements from it.
    pub fn debited(&self) -> Paise {
        self.debited
    }

    /// What it still holds from this payment: credits less debits (never negative, since a debit
    /// above it is refused).
    pub fn held(&self) -> Paise {
        Paise(self.credited.0.saturating_sub(self.debited.0))
    }
}

/// One payment followed through credits, fulfilment, refunds and debits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettlementLedger {
    payment_id: String,
    amount: Paise,
    credited: Paise,
    debited: Paise,
    refunded: Paise,
    fulfilled: bool,
    /// In order of first credit, which is the order plans list their rows in.
    holdings: Vec<Holding>,
    by_id: HoldingIndex,
    entries: Vec<Entry>,
}

impl SettlementLedger {
    /// A ledger for payment `payment_id` of `amount` (above zero, at most the contract's maximum).
    pub fn new(payment_id: String, amount: Paise) -> Result<Self> {
        if payment_id.is_empty() {
            return Err(Error::new(Code::MissingField, "paymentId", "paymentId is required: the Instamojo payment id"));
        }
        if amount.0 <= 0 || amount.0 > MAX_PAISE {
            return Err(refusal(
                Code::InvalidAmount,
                AMOUNT_PATH,
                "the payment amount must be above 0.00 and at most 10000000000.00, got \u{1}",
                &[],
                &[amount],
            ));
        }
        Ok(SettlementLedger {
            payment_id,
            amount,
            credited: Paise::ZERO,
            debited: Paise::ZERO,
            refunded: Paise::ZERO,
            fulfilled: false,
            holdings: Vec::new(),
            by_id: HoldingIndex::default(),
            entries: Vec::new(),
        })
    }

    /// Records a CREDIT settlement to `sub_merchant_id`.
    pub fn credit(&mut self, sub_merchant_id: &str, amount: Paise) -> Result<()> {
        self.apply(OpType::Credit, Some(sub_merchant_id), Some(amount), None, None)
    }

    /// Marks the payment fulfilled: the distribution is final, the rest is the marketplace's.
    pub fn fulfil(&mut self) -> Result<()> {
        self.apply(OpType::Fulfil, None, None, None, None)
    }

    /// Records a refund to the buyer.
    pub fn refund(&mut self, amount: Paise) -> Result<()> {
        self.apply(OpType::Refund, None, Some(amount), None, None)
    }

    /// Records a DEBIT settlement from `sub_merchant_id`; `balance` is its balance with Instamojo
    /// where known.
    pub fn debit(&mut self, sub_merchant_id: &str, amount: Paise, balance: Option<Paise>) -> Result<()> {
        self.apply(OpType::Debit, Some(sub_merchant_id), Some(amount), balance, None)
    }

    /// The Instamojo payment id.
    pub fn payment_id(&self) -> &str {
        &self.payment_id
    }

    /// The payment's amount.
    pub fn amount(&self) -> Paise {
        self.amount
    }

    /// Σ CREDIT settlements.
    pub fn credited(&self) -> Paise {
        self.credited
    }

    /// Σ DEBIT settlements.
    pub fn debited(&self) -> Paise {
        self.debited
    }

    /// Σ refunds to the buyer.
    pub fn refunded(&self) -> Paise {
        self.refunded
    }

    /// Whether the payment was fulfilled.
    pub fn fulfilled(&self) -> bool {
        self.fulfilled
    }

    /// What the marketplace keeps: amount − refunded − credited + debited. Negative when it has
    /// refunded more than it kept and not (yet) debited the sub-merchants for it.
    pub fn marketplace_share(&self) -> Paise {
        // Every total is within 0..=amount <= MAX_PAISE, so this always fits; saturate rather than panic.
        Paise(
            self.amount
                .0
                .saturating_sub(self.refunded.0)
                .saturating_sub(self.credited.0)
                .saturating_add(self.debited.0),
        )
    }

    /// Every recorded operation, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Each credited sub-merchant, in order of first credit.
    pub fn holdings(&self) -> &[Holding] {
        &self.holdings
    }

    pub(crate) fn holding(&self, sub: &str) -> Option<&Holding> {
        self.holdings.get(self.holding_at(sub)?)
    }

    fn holding_at(&self, sub: &str) -> Option<usize> {
        let holdings = &self.holdings;
        self.by_id.find(sub, &|i| holdings.get(i).map_or("", |h| h.sub_merchant_id.as_str()))
    }

    /// Records the operation if no rule refuses it; otherwise returns the first refusal and
    /// changes nothing. `id` is a settlement's id, kept with a credit or debit.
    pub(crate) fn apply(
        &mut self,
        kind: OpType,
        sub: Option<&str>,
        amount: Option<Paise>,
        balance: Option<Paise>,
        id: Option<&str>,
    ) -> Result<()> {
        let mut errors = self.check_parts(kind, sub, amount, balance);
        errors.truncate(1);
        if let Some(first) = errors.pop() {
            return Err(first);
        }
        // Every way in (the typed `settle`, the JSON methods, a stored state) meets this: an empty
        // id would be written by `toJSON` and refused by `fromJSON`.
        if id == Some("") {
            return Err(refusal(
                Code::InvalidType,
                ID_PATH,
                "id must be the settlement id sent to Instamojo (a non-empty string)",
                &[],
                &[],
            ));
        }
        let a = amount.unwrap_or(Paise::ZERO);
        let sub = sub.unwrap_or("");
        let entry = match kind {
            OpType::Fulfil => {
                self.fulfilled = true;
                Entry::Fulfil
            }
            OpType::Refund => {
                self.refunded = self.refunded.add(a, AMOUNT_PATH)?;
                Entry::Refund { amount: a }
            }
            OpType::Credit | OpType::Debit => {
                let credit = kind == OpType::Credit;
                // The total is computed before anything is assigned, so its failure leaves the
                // ledger as it was; a holding's side is at most the total, so it cannot fail after.
                let total = if credit { self.credited } else { self.debited }.add(a, AMOUNT_PATH)?;
                let i = match self.holding_at(sub) {
                    Some(i) => i,
                    None if credit => {
                        let i = self.holdings.len();
                        self.holdings.push(Holding {
                            sub_merchant_id: sub.to_string(),
                            credited: Paise::ZERO,
                            debited: Paise::ZERO,
                        });
                        let holdings = &self.holdings;
                        self.by_id.add(i, &|j| holdings.get(j).map_or("", |h| h.sub_merchant_id.as_str()));
                        i
                    }
                    None => return Err(internal("debit of a sub-merchant never credited passed the checks")),
                };
                let h = self.holdings.get_mut(i).ok_or_else(|| internal("holding vanished"))?;
                let side = if credit { &mut h.credited } else { &mut h.debited };
                *side = side.add(a, AMOUNT_PATH)?;
                let (sub_merchant_id, id) = (sub.to_string(), id.map(str::to_string));
                if credit {
                    self.credited = total;
                    Entry::Credit { sub_merchant_id, amount: a, id }
                } else {
                    self.debited = total;
                    Entry::Debit { sub_merchant_id, amount: a, id }
                }
            }
        };
        self.entries.push(entry);
        Ok(())
    }
}

/// A state the checks rule out was reached: reported rather than panicking.
fn internal(what: &str) -> Error {
    refusal(Code::InvalidState, "", "internal ledger error: \u{2}", &[what], &[])
}
