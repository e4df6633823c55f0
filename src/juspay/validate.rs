//! `validateJuspaySplit`: checks a `split_settlement_details` value as Juspay would and reports
//! every problem with its path, never only the first.

use crate::error::{fail, Code, Error, Result};
use crate::json::Json;
use crate::juspay::details::SplitSettlementDetails;
use crate::juspay::read::{first_problem, read_details, read_prefixed, DetailsReading};
use crate::money::amount::{overflow, Paise};
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

/// [`SplitSettlementDetails::from_json`] with the sum checked against `order` too, as
/// [`validate_split`] checks it: one reading for `juspaySplitMetadata`'s plans.
pub fn read_checked(value: &Json, order: Paise) -> Result<SplitSettlementDetails> {
    let (reading, mut errors, prefix) = read_prefixed(value);
    check_sum(order, &reading, &mut errors);
    first_problem(reading, errors, prefix)
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
    let Some(vendors) = split.iter().try_fold(Paise::ZERO, |v, a| v.checked_add(*a)) else {
        return Err(overflow("vendor.split"));
    };
    let Some(sum) = marketplace.checked_add(vendors) else { return Err(overflow("")) };
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
