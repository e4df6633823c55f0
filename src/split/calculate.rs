//! `calculate_split`: from a `SplitInput` to a `SplitPlan` whose settled amounts always add up to
//! the order: `marketplace.amount + Σ vendors[].amount == orderAmount`.

use crate::error::{fail, Code, Error, Result};
use crate::juspay::details::{SplitSettlementDetails, VendorSplit};
use crate::money::allocate::allocate;
use crate::money::amount::{overflow, Paise};
use crate::money::ratio::Ratio;
use crate::prelude::*;
use crate::split::checks::{check_amount, check_gross_total, check_percent, vendor_path, VendorChecks};
use crate::split::fees::{fee_total, share_fee};
use crate::split::input::{empty_split, Commission, Share, SplitInput};
use crate::split::plan::{MarketplaceShare, SplitPlan, VendorShare};

/// Computes the plan. Errors come one at a time, amounts before sums: `EMPTY_SPLIT`,
/// `MISSING_FIELD`/`DUPLICATE_SUB_MID` at `vendors[i].subMid`, `MIXED_SHARES` at `vendors[i]`,
/// `INVALID_COMMISSION` and `COMMISSION_EXCEEDS_GROSS` at `vendors[i].commission`, `SUM_MISMATCH`
/// at `vendors`, and the amount codes.
pub fn calculate_split(input: &SplitInput) -> Result<SplitPlan> {
    check_amount(input.order_amount, "orderAmount")?;
    if input.vendors.is_empty() {
        return Err(empty_split());
    }
    let mut checks = VendorChecks::default();
    for (i, vendor) in input.vendors.iter().enumerate() {
        checks.check(i, vendor)?;
    }
    check_amount(input.marketplace_amount, "marketplaceAmount")?;
    if let Some(mdr) = &input.mdr {
        check_percent(mdr.percent, "mdr.percent")?;
        check_amount(mdr.flat, "mdr.flat")?;
        check_percent(mdr.tax_percent, "mdr.taxPercent")?;
    }

    let gross = gross_amounts(input)?;
    let mut vendors = Vec::with_capacity(gross.len());
    let mut settled = Vec::with_capacity(gross.len());
    let (mut commission_sum, mut tax_sum) = (Paise::ZERO, Paise::ZERO);
    for (i, (vendor, gross)) in input.vendors.iter().zip(gross).enumerate() {
        let (commission, tax) = commission_of(gross, &vendor.commission, i)?;
        // Each is within 0..=gross, so none of these can overflow; they are checked all the same.
        let (Some(commissions), Some(taxes), Some(amount)) = (
            commission_sum.checked_add(commission),
            tax_sum.checked_add(tax),
            gross.checked_sub(commission).and_then(|rest| rest.checked_sub(tax)),
        ) else {
            return Err(overflow(&vendor_path(i, "commission")));
        };
        (commission_sum, tax_sum) = (commissions, taxes);
        settled.push(amount);
        vendors.push(VendorShare {
            sub_mid: vendor.sub_mid.clone(),
            gross,
            commission,
            commission_tax: tax,
            amount,
            fee: Paise::ZERO,
            net: amount,
        });
    }
    let marketplace_amount = input.marketplace_amount.add(commission_sum, "")?.add(tax_sum, "")?;

    let fee = match &input.mdr {
        Some(mdr) => fee_total(input.order_amount, mdr)?,
        None => Paise::ZERO,
    };
    let (marketplace_fee, vendor_fees) = share_fee(fee, input.mdr_borne_by, marketplace_amount, &settled)?;
    let mut splits = Vec::with_capacity(vendors.len());
    for (v, fee) in vendors.iter_mut().zip(vendor_fees) {
        v.fee = fee;
        v.net = v.amount.sub(fee, "mdr")?;
        // Juspay's merchant_commission is everything the marketplace took from the vendor.
        let taken = v.commission.add(v.commission_tax, "vendors")?;
        splits.push(VendorSplit { sub_mid: v.sub_mid.clone(), amount: v.amount, merchant_commission: taken });
    }
    let details = SplitSettlementDetails { mdr_borne_by: input.mdr_borne_by, marketplace_amount, vendors: splits };
    Ok(SplitPlan {
        order_amount: input.order_amount,
        mdr_borne_by: input.mdr_borne_by,
        marketplace: MarketplaceShare {
            amount: marketplace_amount,
            own_amount: input.marketplace_amount,
            commission: commission_sum,
            commission_tax: tax_sum,
            fee: marketplace_fee,
            net: marketplace_amount.sub(marketplace_fee, "mdr")?,
        },
        vendors,
        details,
    })
}

/// Each vendor's gross: given amounts (which must add up with `marketplaceAmount` to the order),
/// or `orderAmount − marketplaceAmount` allocated by weight.
fn gross_amounts(input: &SplitInput) -> Result<Vec<Paise>> {
    let (order, own) = (input.order_amount, input.marketplace_amount);
    let mut weights = Vec::new();
    let mut gross = Vec::with_capacity(input.vendors.len());
    for v in &input.vendors {
        match &v.share {
            Share::Amount(a) => gross.push(*a),
            Share::Weight(w) => {
                weights.push(w.clone());
                gross.push(Paise::ZERO); // read only when some vendor has an amount: the checks refuse that
            }
        }
    }
    // Weights only when every vendor has one (the checks refuse mixed shares).
    if weights.len() == gross.len() {
        let Some(vendor_total) = order.checked_sub(own).filter(|total| total.0 >= 0) else {
            return Err(fail(
                Code::SumMismatch,
                "marketplaceAmount",
                &[
                    "marketplaceAmount ",
                    &own.to_text(),
                    " is more than the order ",
                    &order.to_text(),
                    ", leaving nothing to share among the vendors",
                ],
            ));
        };
        if weights.iter().all(Ratio::is_zero) {
            return Err(Error::new(Code::RatioInvalid, "vendors", "at least one vendor weight must be above zero"));
        }
        return allocate(vendor_total, &weights);
    }
    check_gross_total(order, own, &gross)?;
    Ok(gross)
}

/// The commission and its tax on vendor `i`'s gross, refused where they would pass the gross.
fn commission_of(gross: Paise, rules: &Commission, i: usize) -> Result<(Paise, Paise)> {
    let mut commission = rules.percent.of(i128::from(gross.0)).saturating_add(i128::from(rules.flat.0));
    if let Some(min) = rules.min {
        commission = commission.max(i128::from(min.0));
    }
    if let Some(max) = rules.max {
        commission = commission.min(i128::from(max.0));
    }
    let tax = rules.tax_percent.of(commission);
    let path = || vendor_path(i, "commission");
    if commission.saturating_add(tax) > i128::from(gross.0) {
        return Err(fail(
            Code::CommissionExceedsGross,
            &path(),
            &[
                "commission ",
                &text_wide(commission),
                " plus tax ",
                &text_wide(tax),
                " is more than the vendor's gross of ",
                &gross.to_text(),
            ],
        ));
    }
    // Both are within 0..=gross here, so they fit.
    match (i64::try_from(commission), i64::try_from(tax)) {
        (Ok(commission), Ok(tax)) => Ok((Paise(commission), Paise(tax))),
        _ => Err(Error::new(Code::InvalidAmount, path(), "commission out of range")),
    }
}

/// Two-decimal text of a wide paise value, for messages about amounts that may not fit `i64`.
fn text_wide(paise: i128) -> String {
    match i64::try_from(paise) {
        Ok(p) => Paise(p).to_text(),
        // Beyond i64 (a huge percentage of a huge amount): the digits of the rupees, written
        // here since the paise's own text stops at i64.
        Err(_) => {
            let mut rupees = paise.unsigned_abs() / 100;
            let mut digits = Vec::new();
            while rupees > 0 {
                digits.push(char::from(b'0' + (rupees % 10) as u8));
                rupees /= 10;
            }
            let mut text = String::from(if paise < 0 { "-" } else { "" });
            text.extend(digits.iter().rev());
            let cents = Paise((paise.unsigned_abs() % 100) as i64).to_text();
            text.push_str(cents.get(1..).unwrap_or(""));
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text_wide;

    #[test]
    fn wide_amounts_are_written_with_two_decimals() {
        for p in [
            0i128,
            5,
            -5,
            3330,
            -125,
            i128::from(i64::MAX),
            i128::from(i64::MAX) + 1,
            i128::from(i64::MIN) - 7,
            10i128.pow(24) + 1,
            i128::MAX,
            i128::MIN,
        ] {
            let abs = p.unsigned_abs();
            let expected = format!("{}{}.{:02}", if p < 0 { "-" } else { "" }, abs / 100, abs % 100);
            assert_eq!(text_wide(p), expected);
        }
    }
}
