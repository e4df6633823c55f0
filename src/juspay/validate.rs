//! `validateJuspaySplit`: checks a `split_settlement_details` value as Juspay would and reports
//! every problem with its path, never only the first.

use crate::error::{fail, Code, Error, Result};
use crate::json::Json;
use crate::juspay::details::SplitSettlementDetails;
use crate::juspay::read::{prefixed, read_details, DetailsReading};
use crate::money::amount::Paise;
use crate::prelude::*;

/// Every problem of `details` for an order of `order` paise: the shape, types and amounts of
/// [`read_details`], then the sum, which is compared only when every amount was readable (the
/// contract's rule: a sum next to unreadable values would be noise) and the split is not empty.
///
/// `SUM_MISMATCH` is reported at path `""`: the sum spans `marketplace.amount` and the whole
/// `vendor.split`, so no single field is at fault.
pub fn validate_split(order: Paise, details: &Json) -> Vec<Error> {
    let mut errors = Vec::new();
    let reading = read_details(details, &mut errors);
    check_sum(order, &reading, &mut errors);
    errors
}

impl SplitSettlementDetails {
    /// Reads a raw `split_settlement_details` object, or a `SplitPlan` (its `splitSettlementDetails`,
    /// with paths under that key). Fails with the first problem; [`read_details`] lists them all.
    /// The sum is not checked here (no order amount): see [`read_checked`] and [`validate_split`].
    pub fn from_json(value: &Json) -> Result<SplitSettlementDetails> {
        read_checked(value, None)
    }
}

/// [`SplitSettlementDetails::from_json`], and with `order` the sum checked too, as
/// [`validate_split`] checks it: one reading for `juspaySplitMetadata`'s plans. Fails with the
/// first problem.
pub fn read_checked(value: &Json, order: Option<Paise>) -> Result<SplitSettlementDetails> {
    let (details, prefix) = match value.get("splitSettlementDetails") {
        Some(inner) => (inner, "splitSettlementDetails"),
        None => (value, ""),
    };
    let mut errors = Vec::new();
    let reading = read_details(details, &mut errors);
    if let Some(order) = order {
        check_sum(order, &reading, &mut errors);
    }
    match (errors.into_iter().next(), reading.complete()) {
        (None, Some(typed)) => Ok(typed),
        (Some(first), _) => Err(Error { path: prefixed(prefix, &first.path), ..first }),
        (None, None) => Err(Error::new(Code::InvalidType, prefix, "not a split_settlement_details object")),
    }
}

/// The sum rule of [`validate_split`] on a reading, pushing `SUM_MISMATCH` (or an overflow).
pub(crate) fn check_sum(order: Paise, reading: &DetailsReading, errors: &mut Vec<Error>) {
    // The terms are `marketplace.amount` and every split `amount`, compared only when every amount
    // of the value was read (`merchant_commission`s included), as the contract words it.
    let (Some(split), Some(marketplace)) = (&reading.split, reading.marketplace_amount) else { return };
    if split.is_empty() {
        return;
    }
    let mut amounts = Vec::with_capacity(split.len());
    for s in split {
        let Some(amount) = s.merchant_commission.and(s.amount) else { return };
        amounts.push(amount);
    }
    errors.extend(check_total(order, marketplace, &amounts).err());
}

/// The sum rule of `split_settlement_details`: `marketplace.amount + Σ vendor.split[].amount` is
/// the order amount, else `SUM_MISMATCH` at path `""` (or `INVALID_AMOUNT` where the sum leaves
/// `i64`).
pub fn check_total(order: Paise, marketplace: Paise, split: &[Paise]) -> Result<()> {
    let vendors = Paise::sum(split, "vendor.split")?;
    let sum = marketplace.add(vendors, "")?;
    if sum != order {
        return Err(fail(
            Code::SumMismatch,
            "",
            &[
                "marketplace.amount (",
                &marketplace.to_text(),
                ") and vendor.split amounts (",
                &vendors.to_text(),
                ") sum to ",
                &sum.to_text(),
                " but the order is ",
                &order.to_text(),
            ],
        ));
    }
    Ok(())
}
