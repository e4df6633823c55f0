//! The settlement rules of the Marketplace API's "Key Points to Note", in one place: the
//! mutating methods, `check` and `from_json`'s replay all ask `violations` what an operation breaks.

use crate::prelude::*;
use super::ledger::{LedgerOp, OpType, SettlementLedger};
use crate::error::{cat, quoted, Code, Error};
use crate::money::amount::{Paise, MAX_PAISE};

/// An operation's fields as far as they could be read. A field that is `None` is absent from this
/// kind of operation or was unreadable (its error is already reported), so the rules needing it
/// are skipped while the others still report.
pub(crate) struct OpFields<'a> {
    pub kind: OpType,
    pub sub: Option<&'a str>,
    pub amount: Option<Paise>,
    pub balance: Option<Paise>,
}

pub(crate) const SUB_PATH: &str = "subMerchantId";
pub(crate) const AMOUNT_PATH: &str = "amount";
pub(crate) const BALANCE_PATH: &str = "balance";

impl SettlementLedger {
    /// Every rule `op` breaks (empty when it would be recorded); nothing is recorded.
    pub fn check(&self, op: &LedgerOp) -> Vec<Error> {
        match op {
            LedgerOp::Credit { sub_merchant_id, amount } => self.check_parts(OpType::Credit, Some(sub_merchant_id), Some(*amount), None),
            LedgerOp::Fulfil => self.check_parts(OpType::Fulfil, None, None, None),
            LedgerOp::Refund { amount } => self.check_parts(OpType::Refund, None, Some(*amount), None),
            LedgerOp::Debit { sub_merchant_id, amount, balance } => {
                self.check_parts(OpType::Debit, Some(sub_merchant_id), Some(*amount), *balance)
            }
        }
    }

    /// Input errors of a typed operation, then the rules it breaks.
    pub(crate) fn check_parts(&self, kind: OpType, sub: Option<&str>, amount: Option<Paise>, balance: Option<Paise>) -> Vec<Error> {
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
                errors.push(Error::new(Code::NegativeAmount, BALANCE_PATH, cat(&["balance must not be negative, got ", &b.to_text()])));
                false
            } else {
                true
            }
        });
        errors.extend(self.violations(&OpFields { kind, sub, amount, balance }));
        errors
    }

    /// The rules `op` breaks, in the contract's table order. A rule implied by an earlier one is
    /// left out (a debit with no refund yet is not also said to exceed the refunds; one to a
    /// sub-merchant never credited is not also said to exceed its credit), so each error reported
    /// is a separate thing to fix.
    pub(crate) fn violations(&self, op: &OpFields<'_>) -> Vec<Error> {
        let mut errors = Vec::new();
        let exceeds = |total: Paise, add: Paise, limit: Paise| i128::from(total.0) + i128::from(add.0) > i128::from(limit.0);
        match op.kind {
            OpType::Credit => {
                if self.fulfilled() {
                    errors.push(Error::new(
                        Code::CreditAfterFulfil,
                        "",
                        cat(&["payment ", self.payment_id(), " is already fulfilled; no more credits can be made"]),
                    ));
                }
                if let Some(a) = op.amount {
                    if exceeds(self.credited(), a, self.amount()) {
                        errors.push(Error::new(
                            Code::CreditExceedsPayment,
                            AMOUNT_PATH,
                            cat(&[
                                "credits would total ",
                                &sum_text(self.credited(), a),
                                " but the payment is ",
                                &self.amount().to_text(),
                                " (",
                                &self.credited().to_text(),
                                " already credited)",
                            ]),
                        ));
                    }
                }
            }
            OpType::Fulfil => {
                if self.fulfilled() {
                    errors.push(Error::new(Code::AlreadyFulfilled, "", cat(&["payment ", self.payment_id(), " is already fulfilled"])));
                }
            }
            OpType::Refund => {
                if let Some(a) = op.amount {
                    if exceeds(self.refunded(), a, self.amount()) {
                        errors.push(Error::new(
                            Code::RefundExceedsPayment,
                            AMOUNT_PATH,
                            cat(&[
                                "refunds would total ",
                                &sum_text(self.refunded(), a),
                                " but the payment is ",
                                &self.amount().to_text(),
                                " (",
                                &self.refunded().to_text(),
                                " already refunded)",
                            ]),
                        ));
                    }
                }
            }
            OpType::Debit => self.debit_violations(op, &mut errors),
        }
        errors
    }

    fn debit_violations(&self, op: &OpFields<'_>, errors: &mut Vec<Error>) {
        let no_refund = self.refunded().0 == 0;
        if no_refund {
            errors.push(Error::new(
                Code::DebitWithoutRefund,
                "",
                cat(&["payment ", self.payment_id(), " has no refund; debits only take a refund back"]),
            ));
        }
        let holding = op.sub.map(|s| (s, self.holding(s)));
        if let Some((sub, None)) = holding {
            errors.push(Error::new(
                Code::DebitNotCredited,
                SUB_PATH,
                cat(&["sub-merchant ", &quoted(sub), " was never credited on payment ", self.payment_id(), ", so it cannot be debited"]),
            ));
        }
        let Some(a) = op.amount else { return };
        if let Some((sub, Some(h))) = holding {
            if a > h.held() {
                errors.push(Error::new(
                    Code::DebitExceedsCredit,
                    AMOUNT_PATH,
                    cat(&[
                        "debit of ",
                        &a.to_text(),
                        " from ",
                        &quoted(sub),
                        " is more than it still holds from this payment (",
                        &h.credited().to_text(),
                        " credited, ",
                        &h.debited().to_text(),
                        " already debited)",
                    ]),
                ));
            }
        }
        if !no_refund && i128::from(self.debited().0) + i128::from(a.0) > i128::from(self.refunded().0) {
            errors.push(Error::new(
                Code::DebitExceedsRefund,
                AMOUNT_PATH,
                cat(&["debits would total ", &sum_text(self.debited(), a), " but only ", &self.refunded().to_text(), " was refunded"]),
            ));
        }
        if let Some(b) = op.balance {
            if a > b {
                errors.push(Error::new(
                    Code::InsufficientBalance,
                    BALANCE_PATH,
                    cat(&["debit of ", &a.to_text(), " is more than the sub-merchant's balance of ", &b.to_text()]),
                ));
            }
        }
    }
}

/// An empty sub-merchant id is a missing one.
pub(crate) fn sub_merchant_error(sub: &str) -> Option<Error> {
    sub.is_empty().then(|| Error::new(Code::MissingField, SUB_PATH, "subMerchantId is required: the sub-merchant's Instamojo user id"))
}

/// Credit, refund and debit amounts must be above zero (and within the contract's maximum).
pub(crate) fn op_amount_error(amount: Paise) -> Option<Error> {
    if amount.0 <= 0 {
        Some(Error::new(Code::InvalidAmount, AMOUNT_PATH, cat(&["amount must be above 0.00, got ", &amount.to_text()])))
    } else if amount.0 > MAX_PAISE {
        Some(Error::new(Code::InvalidAmount, AMOUNT_PATH, cat(&["amount is above the maximum of 10000000000.00, got ", &amount.to_text()])))
    } else {
        None
    }
}

/// `a + b` as text for messages; both are within the maximum, so the sum fits.
fn sum_text(a: Paise, b: Paise) -> String {
    a.checked_add(b).map(Paise::to_text).unwrap_or_else(|| "more than can be represented".to_string())
}
