//! `SplitInput`: the calculator's input, typed, and its reading from the contract's JSON shape
//! with every error at the path of the field at fault.

use crate::error::{fail, index, join, required, Code, Error, Result};
use crate::json::{wrong_type, Json};
use crate::juspay::details::MdrBorneBy;
use crate::money::amount::{parse_amount, Paise};
use crate::money::percent::{parse_optional_percent, parse_percent, Percent};
use crate::money::ratio::Ratio;
use crate::prelude::*;
use crate::split::checks::VendorChecks;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitInput {
    pub order_amount: Paise,
    pub mdr_borne_by: MdrBorneBy,
    pub vendors: Vec<VendorInput>,
    /// The marketplace's own items (not commission).
    pub marketplace_amount: Paise,
    /// A gateway-fee estimate, for the `fee`/`net` preview only.
    pub mdr: Option<Mdr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VendorInput {
    pub sub_mid: String,
    pub share: Share,
    pub commission: Commission,
}

/// How a vendor's gross is given: every vendor of an input uses the same kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Share {
    /// The gross value of this vendor's part of the order.
    Amount(Paise),
    /// A share, by weight, of what the vendors get (`orderAmount − marketplaceAmount`).
    Weight(Ratio),
}

/// The marketplace's commission on one vendor: `percent` of the gross (half-up) plus `flat`,
/// held within `[min, max]`, and `tax_percent` of that (GST on commission) on top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Commission {
    pub percent: Percent,
    pub flat: Paise,
    pub min: Option<Paise>,
    pub max: Option<Paise>,
    pub tax_percent: Percent,
}

/// The gateway fee estimate: `percent` of the order (half-up) plus `flat`, plus `tax_percent` of that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mdr {
    pub percent: Percent,
    pub flat: Paise,
    pub tax_percent: Percent,
}

impl SplitInput {
    /// Reads the contract's `SplitInput` object. Fails with the first problem in input order
    /// (`calculateSplit` throws, so one error is what the caller sees).
    pub fn from_json(input: &Json) -> Result<SplitInput> {
        if !input.is_object() {
            return Err(wrong_type(Code::InvalidType, "", "the split input", "an object", input));
        }
        let order_amount = parse_amount(input.get("orderAmount"), "orderAmount")?;
        let mdr_borne_by = match input.field("mdrBorneBy") {
            None => MdrBorneBy::default(),
            Some(value) => MdrBorneBy::from_json(value, "mdrBorneBy")?,
        };
        let vendors = read_vendors(input.get("vendors"))?;
        let marketplace_amount = optional_amount(input.get("marketplaceAmount"), "marketplaceAmount")?;
        let mdr = match input.field("mdr") {
            None => None,
            Some(value) => Some(read_mdr(value)?),
        };
        Ok(SplitInput { order_amount, mdr_borne_by, vendors, marketplace_amount, mdr })
    }
}

fn read_vendors(value: Option<&Json>) -> Result<Vec<VendorInput>> {
    let items = match value {
        None | Some(Json::Null) => return Err(required("vendors", "vendors")),
        Some(Json::Array(items)) => items,
        Some(other) => return Err(wrong_type(Code::InvalidType, "vendors", "vendors", "an array", other)),
    };
    if items.is_empty() {
        return Err(empty_split());
    }
    let mut checks = VendorChecks::default();
    let mut vendors = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let vendor = read_vendor(item, &index("vendors", i))?;
        checks.check(i, &vendor)?;
        vendors.push(vendor);
    }
    Ok(vendors)
}

pub(crate) fn empty_split() -> Error {
    Error::new(Code::EmptySplit, "vendors", "vendors must name at least one vendor")
}

fn read_vendor(item: &Json, path: &str) -> Result<VendorInput> {
    if !item.is_object() {
        return Err(wrong_type(Code::InvalidType, path, path, "an object", item));
    }
    let sub_mid = match item.field("subMid") {
        Some(Json::String(s)) => s.clone(),
        other => {
            let at = join(path, "subMid");
            return Err(match other {
                Some(value) => wrong_type(Code::InvalidType, &at, &at, "a string", value),
                None => required(&at, &at),
            });
        }
    };
    // Blank sub_mids are refused by the shared checks, in the same place as for typed input.
    let share = match (item.field("amount"), item.field("weight")) {
        (Some(amount), None) => Share::Amount(parse_amount(Some(amount), &join(path, "amount"))?),
        (None, Some(weight)) => Share::Weight(Ratio::from_json(weight, &join(path, "weight"))?),
        (Some(_), Some(_)) => {
            return Err(fail(Code::MixedShares, path, &[path, " has both amount and weight; give one of them"]))
        }
        (None, None) => return Err(fail(Code::MixedShares, path, &[path, " needs an amount or a weight"])),
    };
    let commission = match item.field("commission") {
        None => Commission::default(),
        Some(value) => read_commission(value, &join(path, "commission"))?,
    };
    Ok(VendorInput { sub_mid, share, commission })
}

fn read_commission(value: &Json, path: &str) -> Result<Commission> {
    if !value.is_object() {
        return Err(wrong_type(Code::InvalidType, path, path, "an object", value));
    }
    let bound = |key: &str| -> Result<Option<Paise>> {
        match value.field(key) {
            None => Ok(None),
            some => parse_amount(some, &join(path, key)).map(Some),
        }
    };
    Ok(Commission {
        percent: parse_optional_percent(value.get("percent"), &join(path, "percent"))?,
        flat: optional_amount(value.get("flat"), &join(path, "flat"))?,
        min: bound("min")?,
        max: bound("max")?,
        tax_percent: parse_optional_percent(value.get("taxPercent"), &join(path, "taxPercent"))?,
    })
}

fn read_mdr(value: &Json) -> Result<Mdr> {
    if !value.is_object() {
        return Err(wrong_type(Code::InvalidType, "mdr", "mdr", "an object", value));
    }
    Ok(Mdr {
        percent: parse_percent(value.get("percent"), "mdr.percent")?,
        flat: optional_amount(value.get("flat"), "mdr.flat")?,
        tax_percent: parse_optional_percent(value.get("taxPercent"), "mdr.taxPercent")?,
    })
}

/// An optional amount: absent or `null` is zero.
fn optional_amount(value: Option<&Json>, path: &str) -> Result<Paise> {
    match value {
        None | Some(Json::Null) => Ok(Paise::ZERO),
        some => parse_amount(some, path),
    }
}
