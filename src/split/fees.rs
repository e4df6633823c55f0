//! The gateway-fee (MDR) preview. Juspay deducts the real fee; this estimates who bears how much
//! so a marketplace can show vendors their expected net.

use crate::error::{Code, Error, Result};
use crate::juspay::details::MdrBorneBy;
use crate::money::allocate::allocate;
use crate::money::amount::{Paise, MAX_PAISE};
use crate::money::ratio::Ratio;
use crate::prelude::*;
use crate::split::input::Mdr;

/// `percent` of the order (half-up) plus `flat`, plus `tax_percent` of that (half-up).
pub fn fee_total(order: Paise, mdr: &Mdr) -> Result<Paise> {
    let base = mdr.percent.of(i128::from(order.0)).saturating_add(i128::from(mdr.flat.0));
    let total = base.saturating_add(mdr.tax_percent.of(base));
    if total > i128::from(MAX_PAISE) {
        return Err(Error::new(
            Code::InvalidAmount,
            "mdr",
            "the estimated fee is above the maximum amount of 10000000000.00",
        ));
    }
    i64::try_from(total)
        .map(Paise)
        .map_err(|_| Error::new(Code::InvalidAmount, "mdr", "the estimated fee is out of range"))
}

/// Splits `fee` over the bearers: all on the marketplace (`MARKETPLACE`); over the vendors by
/// their settled amounts (`VENDOR`); over the marketplace then the vendors, in that order for
/// ties, by settled amounts (`ALL`). When every bearer's amount is zero the marketplace bears it.
/// Returns the marketplace's fee and each vendor's.
pub fn share_fee(fee: Paise, bearer: MdrBorneBy, marketplace: Paise, vendors: &[Paise]) -> Result<(Paise, Vec<Paise>)> {
    // The bearers' amounts, the marketplace first for `ALL`.
    let mut amounts = Vec::with_capacity(vendors.len() + 1);
    if bearer == MdrBorneBy::All {
        amounts.push(marketplace);
    }
    amounts.extend_from_slice(vendors);
    if bearer == MdrBorneBy::Marketplace || amounts.iter().all(|a| a.0 == 0) {
        return Ok((fee, vec![Paise::ZERO; vendors.len()]));
    }
    let mut ratios = Vec::with_capacity(amounts.len());
    for a in amounts {
        ratios.push(Ratio::from_paise(a, "amount")?);
    }
    let shares = allocate(fee, &ratios)?;
    if bearer == MdrBorneBy::Vendor {
        return Ok((Paise::ZERO, shares));
    }
    let (first, rest) = shares.split_first().map_or((Paise::ZERO, &[][..]), |(f, r)| (*f, r));
    Ok((first, rest.to_vec()))
}
