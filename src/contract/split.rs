//! `calculateSplit` of the contract, over [`split::calculate_split`](crate::split::calculate_split):
//! `SplitInput` read from the contract's JSON shape with every error at the path of the field at
//! fault, and `SplitPlan` written in the contract's shape and key order.

use crate::error::{fail, index, join, required, Code, Result};
use crate::json::{wrong_type, Json};
use crate::juspay::details::MdrBorneBy;
use crate::money::amount::{parse_amount, Paise};
use crate::money::percent::{parse_optional_percent, parse_percent};
use crate::money::ratio::Ratio;
use crate::prelude::*;
use crate::split::checks::VendorChecks;
use crate::split::input::{empty_split, Commission, Mdr, Share, VendorInput};
use crate::split::{calculate_split, SplitInput, SplitPlan};

/// `calculateSplit(input)` of the contract: the `SplitPlan` as JSON.
pub fn calculate_split_json(input: &Json) -> Result<Json> {
    let input = SplitInput::from_json(input)?;
    calculate_split(&input).map(|plan| plan.to_json())
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

impl SplitPlan {
    /// The contract's `SplitPlan`: camelCase keys, two-decimal amount strings, and
    /// `splitSettlementDetails` with JSON numbers.
    pub fn to_json(&self) -> Json {
        let m = &self.marketplace;
        let mut marketplace = Vec::with_capacity(6);
        push_amounts(
            &mut marketplace,
            &["amount", "ownAmount", "commission", "commissionTax", "fee", "net"],
            &[m.amount, m.own_amount, m.commission, m.commission_tax, m.fee, m.net],
        );
        let mut vendors = Vec::with_capacity(self.vendors.len());
        for v in &self.vendors {
            let mut fields = Vec::with_capacity(7);
            fields.push(("subMid", Json::str(v.sub_mid.clone())));
            push_amounts(
                &mut fields,
                &["gross", "commission", "commissionTax", "amount", "fee", "net"],
                &[v.gross, v.commission, v.commission_tax, v.amount, v.fee, v.net],
            );
            vendors.push(Json::object(fields));
        }
        Json::object(vec![
            ("orderAmount", self.order_amount.to_json_text()),
            ("mdrBorneBy", Json::str(self.mdr_borne_by.as_str())),
            ("marketplace", Json::object(marketplace)),
            ("vendors", Json::Array(vendors)),
            ("splitSettlementDetails", self.details.to_json()),
        ])
    }
}

/// Appends `keys[i]: values[i]` as two-decimal text: one loop for the plan's amounts rather than
/// a `Json` built at each.
fn push_amounts(fields: &mut Vec<(&'static str, Json)>, keys: &[&'static str], values: &[Paise]) {
    for (key, value) in keys.iter().zip(values) {
        fields.push((key, value.to_json_text()));
    }
}
