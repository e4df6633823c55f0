//! The settlement rules of the Marketplace API's "Key Points to Note", in one place: the
//! mutating methods, `check` and `from_json`'s replay all ask `violations` what an operation breaks.

use super::ledger::{LedgerOp, OpType, SettlementLedger};
use super::refusal::{refusal, AMOUNT_PATH, BALANCE_PATH, SUB_PATH};
use crate::error::{Code, Error};
use crate::money::amount::{Paise, MAX_PAISE};
use crate::prelude::*;

/// An operation's fields as far as they could be read. A field that is `None` is absent from this
/// kind of operation or was unreadable (its error is already reported), so the rules needing it
/// are skipped while the others still report.
pub(crate) struct OpFields<'a> {
    pub kind: OpType,
    pub sub: Option<&'a str>,
    pub amount: Option<Paise>,
    pub balance: Option<Paise>,
}

impl SettlementLedger {
    /// Every rule `op` breaks (empty when it would be recorded); nothing is recorded.
    pub fn check(&self, op: &LedgerOp) -> Vec<Error> {
        match op {
            LedgerOp::Credit { sub_merchant_id, amount } => {
                self.check_parts(OpType::Credit, Some(sub_merchant_id), Some(*amount), None)
            }
            LedgerOp::Fulfil => self.check_parts(OpType::Fulfil, None, None, None),
            LedgerOp::Refund { amount } => self.check_parts(OpType::Refund, None, Some(*amount), None),
            LedgerOp::Debit { sub_merchant_id, amount, balance } => {
                self.check_parts(OpType::Debit, Some(sub_merchant_id), Some(*amount), *balance)
            }
        }
    }

    /// Input errors of a typed operation, then the rules it breaks.
    pub(crate) fn check_parts(
        &self,
        kind: OpType,
        sub: Option<&str>,
        amount: Option<Paise>,
        balance: Option<Paise>,
    ) -> Vec<Error> {
        let mut errors = Vec::new();
        let sub = sub.filter(|s| match sub_merchant_error(s) {
            Some(e) => {
                errors.push(e);
                false
            }
            None => true,
        });
        let amount = amount.filter(|a| match op_amount_error(*a) {
            Some(e) => {
                errors.push(e);
                false
            }
            None => true,
        });
        let balance = balance.filter(|b| {
            if b.0 < 0 {
                errors.push(refusal(
                    Code::NegativeAmount,
                    BALANCE_PATH,
                    "balance must not be negative, got \u{1}",
                    &[],
                    &[*b],
                ));
                false
            } else {
                true
            }
        });
        self.violations(&OpFields { kind, sub, amount, balance }, &mut errors);
        errors
    }

    /// Appends the rules `op` breaks to `e`, in the contract's table order. A rule implied by an
    /// earlier one is left out (a debit with no refund yet is not also said to exceed the refunds;
    /// one to a sub-merchant never credited is not also said to exceed its credit), so each error
    /// reported is a separate thing to fix.
    pub(crate) fn violations(&self, op: &OpFields<'_>, e: &mut Vec<Error>) {
        let id = self.payment_id();
        let amount = self.amount();
        match op.kind {
            OpType::Credit => {
                if self.fulfilled() {
                    refuse(
                        e,
                        Code::CreditAfterFulfil,
                        "",
                        "payment \u{2} is already fulfilled; no more credits can be made",
                        &[id],
                        &[],
                    );
                }
                if let Some(a) = op.amount {
                    let total = self.credited();
                    if exceeds(total, a, amount) {
                        refuse(
                            e,
                            Code::CreditExceedsPayment,
                            AMOUNT_PATH,
                            "credits would total \u{1} but the payment is \u{1} (\u{1} already credited)",
                            &[],
                            &[sum(total, a), amount, total],
                        );
                    }
                }
            }
            OpType::Fulfil => {
                if self.fulfilled() {
                    refuse(e, Code::AlreadyFulfilled, "", "payment \u{2} is already fulfilled", &[id], &[]);
                }
            }
            OpType::Refund => {
                if let Some(a) = op.amount {
                    let total = self.refunded();
                    if exceeds(total, a, amount) {
                        refuse(
                            e,
                            Code::RefundExceedsPayment,
                            AMOUNT_PATH,
                            "refunds would total \u{1} but the payment is \u{1} (\u{1} already refunded)",
                            &[],
                            &[sum(total, a), amount, total],
                        );
                    }
                }
            }
            OpType::Debit => self.debit_violations(op, e),
        }
    }

    fn debit_violations(&self, op: &OpFields<'_>, e: &mut Vec<Error>) {
        let id = self.payment_id();
        let refunded = self.refunded();
        let no_refund = refunded.0 == 0;
        if no_refund {
            refuse(
                e,
                Code::DebitWithoutRefund,
                "",
                "payment \u{2} has no refund; debits only take a refund back",
                &[id],
                &[],
            );
        }
        let holding = op.sub.map(|s| (s, self.holding(s)));
        if let Some((sub, None)) = holding {
            refuse(
                e,
                Code::DebitNotCredited,
                SUB_PATH,
                "sub-merchant \u{3} was never credited on payment \u{2}, so it cannot be debited",
                &[sub, id],
                &[],
            );
        }
        let Some(a) = op.amount else { return };
        if let Some((sub, Some(h))) = holding {
            if a > h.held() {
                refuse(
                    e,
                    Code::DebitExceedsCredit,
                    AMOUNT_PATH,
                    "debit of \u{1} from \u{3} is more than it still holds from this payment (\u{1} credited, \u{1} already debited)",
                    &[sub],
                    &[a, h.credited(), h.debited()],
                );
            }
        }
        let debited = self.debited();
        if !no_refund && exceeds(debited, a, refunded) {
            refuse(
                e,
                Code::DebitExceedsRefund,
                AMOUNT_PATH,
                "debits would total \u{1} but only \u{1} was refunded",
                &[],
                &[sum(debited, a), refunded],
            );
        }
        if let Some(b) = op.balance {
            if a > b {
                refuse(
                    e,
                    Code::InsufficientBalance,
                    BALANCE_PATH,
                    "debit of \u{1} is more than the sub-merchant's balance of \u{1}",
                    &[],
                    &[a, b],
                );
            }
        }
    }
}

/// Whether `total + add` passes `limit`. Totals and amounts are within 0..=MAX_PAISE here, so
/// the sum fits `i64`; one that did not would be past any limit.
fn exceeds(total: Paise, add: Paise, limit: Paise) -> bool {
    total.checked_add(add).map_or(true, |s| s > limit)
}

/// `a + b` for a message; both are within 0..=MAX_PAISE, so the sum fits.
fn sum(a: Paise, b: Paise) -> Paise {
    Paise(a.0.saturating_add(b.0))
}

#[inline(never)]
fn refuse(errors: &mut Vec<Error>, code: Code, path: &str, template: &str, texts: &[&str], amounts: &[Paise]) {
    errors.push(refusal(code, path, template, texts, amounts));
}

/// An empty sub-merchant id is a missing one.
pub(crate) fn sub_merchant_error(sub: &str) -> Option<Error> {
    sub.is_empty().then(|| {
        Error::new(Code::MissingField, SUB_PATH, "subMerchantId is required: the sub-merchant's Instamojo user id")
    })
}

/// Credit, refund and debit amounts must be above zero (and within the contract's maximum).
pub(crate) fn op_amount_error(amount: Paise) -> Option<Error> {
    let template = if amount.0 <= 0 {
        "amount must be above 0.00, got \u{1}"
    } else if amount.0 > MAX_PAISE {
        "amount is above the maximum of 10000000000.00, got \u{1}"
    } else {
        return None;
    };
    Some(refusal(Code::InvalidAmount, AMOUNT_PATH, template, &[], &[amount]))
}
