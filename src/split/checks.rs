//! The checks on a split input that its types cannot express. They run while JSON is read (so
//! errors come in input order) and again in `calculate_split` for inputs built in Rust.

use crate::error::{cat, fail, index, join, Code, Result};
use crate::juspay::sub_mids::SubMids;
use crate::money::amount::{Paise, MAX_PAISE};
use crate::money::percent::Percent;
use crate::prelude::*;
use crate::split::input::{Share, VendorInput};

/// Checks vendors one at a time, remembering what the earlier ones used.
#[derive(Default)]
pub(crate) struct VendorChecks {
    /// The sub_mids of the earlier vendors.
    seen: SubMids,
    /// Whether the first vendor gave an amount (`true`) or a weight (`false`).
    by_amount: Option<bool>,
}

impl VendorChecks {
    pub(crate) fn check(&mut self, i: usize, vendor: &VendorInput) -> Result<()> {
        let path = index("vendors", i);
        let sub_mid_path = join(&path, "subMid");
        if vendor.sub_mid.chars().all(char::is_whitespace) {
            return Err(fail(Code::MissingField, &sub_mid_path, &[&sub_mid_path, " must not be empty"]));
        }
        self.seen.add(&vendor.sub_mid, "subMid", &|| sub_mid_path.clone())?;
        let by_amount = matches!(vendor.share, Share::Amount(_));
        match self.by_amount {
            None => self.by_amount = Some(by_amount),
            Some(first) if first != by_amount => {
                let (this, other) = if by_amount { ("an amount", "weights") } else { ("a weight", "amounts") };
                return Err(fail(
                    Code::MixedShares,
                    &path,
                    &[
                        &path,
                        " has ",
                        this,
                        " but the vendors before it have ",
                        other,
                        "; give every vendor an amount, or every vendor a weight",
                    ],
                ));
            }
            Some(_) => {}
        }
        if let Share::Amount(amount) = vendor.share {
            check_amount(amount, &join(&path, "amount"))?;
        }
        let commission_path = join(&path, "commission");
        let c = &vendor.commission;
        check_percent(c.percent, &join(&commission_path, "percent"))?;
        check_amount(c.flat, &join(&commission_path, "flat"))?;
        if let Some(min) = c.min {
            check_amount(min, &join(&commission_path, "min"))?;
        }
        if let Some(max) = c.max {
            check_amount(max, &join(&commission_path, "max"))?;
        }
        check_percent(c.tax_percent, &join(&commission_path, "taxPercent"))?;
        if let (Some(min), Some(max)) = (c.min, c.max) {
            if min > max {
                return Err(fail(
                    Code::InvalidCommission,
                    &commission_path,
                    &[&commission_path, ".min (", &min.to_text(), ") is above its max (", &max.to_text(), ")"],
                ));
            }
        }
        Ok(())
    }
}

/// The range every amount read from JSON already has; typed input is held to it too.
pub(crate) fn check_amount(amount: Paise, path: &str) -> Result<()> {
    if amount.0 < 0 {
        return Err(fail(Code::NegativeAmount, path, &[path, " must not be negative, got ", &amount.to_text()]));
    }
    if amount.0 > MAX_PAISE {
        return Err(fail(
            Code::InvalidAmount,
            path,
            &[path, " is above the maximum of 10000000000.00, got ", &amount.to_text()],
        ));
    }
    Ok(())
}

pub(crate) fn check_percent(percent: Percent, path: &str) -> Result<()> {
    check_amount(Paise(percent.0), path)
}

/// `vendors[i].<field>`.
pub(crate) fn vendor_path(i: usize, field: &str) -> String {
    join(&index("vendors", i), field)
}

/// The sum rule of a split input given by amounts: `marketplaceAmount + Σ gross` is the order
/// amount, else `SUM_MISMATCH` at `vendors` (or `INVALID_AMOUNT` where the sum leaves `i64`).
pub fn check_gross_total(order: Paise, own: Paise, gross: &[Paise]) -> Result<()> {
    let vendors_sum = Paise::sum(gross, "vendors")?;
    let total = own.add(vendors_sum, "vendors")?;
    if total != order {
        let who = if own.0 == 0 {
            "vendors".to_string()
        } else {
            cat(&["marketplaceAmount ", &own.to_text(), " and the vendors (", &vendors_sum.to_text(), ")"])
        };
        return Err(fail(
            Code::SumMismatch,
            "vendors",
            &[&who, " sum to ", &total.to_text(), " but the order is ", &order.to_text()],
        ));
    }
    Ok(())
}
