//! Reading a raw `split_settlement_details` value (Juspay's snake_case keys, amounts as JSON
//! numbers) into what could be read of a [`SplitSettlementDetails`], collecting every problem with
//! its path. The sum is not checked here: it needs the order amount (`juspay::validate`).

use crate::error::{fail, index, join, required, Code, Error};
use crate::json::{wrong_type, Json};
use crate::juspay::details::{MdrBorneBy, SplitSettlementDetails, VendorSplit};
use crate::juspay::sub_mids::SubMids;
use crate::money::amount::{parse_amount, Paise};
use crate::prelude::*;

/// What could be read of a details value; `None` where a field was missing or bad.
#[derive(Debug, Default)]
pub struct DetailsReading {
    /// `mdr_borne_by`.
    pub mdr_borne_by: Option<MdrBorneBy>,
    /// `marketplace.amount`.
    pub marketplace_amount: Option<Paise>,
    /// `None` when `vendor.split` itself is missing or not an array.
    pub split: Option<Vec<SplitReading>>,
}

/// What could be read of one entry of `vendor.split`.
#[derive(Debug, Default)]
pub struct SplitReading {
    /// `sub_mid`.
    pub sub_mid: Option<String>,
    /// `amount`.
    pub amount: Option<Paise>,
    /// `merchant_commission`.
    pub merchant_commission: Option<Paise>,
}

impl DetailsReading {
    /// The typed value when every field was read.
    pub fn complete(&self) -> Option<SplitSettlementDetails> {
        let split = self.split.as_ref()?;
        let mut vendors = Vec::with_capacity(split.len());
        for s in split {
            vendors.push(VendorSplit {
                sub_mid: s.sub_mid.clone()?,
                amount: s.amount?,
                merchant_commission: s.merchant_commission?,
            });
        }
        Some(SplitSettlementDetails {
            mdr_borne_by: self.mdr_borne_by?,
            marketplace_amount: self.marketplace_amount?,
            vendors,
        })
    }
}

/// Reads a details value as Juspay would check it, pushing every problem (with its path) onto
/// `errors`: the shape, types, amounts, non-empty split and unique `sub_mid`. Not the sum.
pub fn read_details(details: &Json, errors: &mut Vec<Error>) -> DetailsReading {
    let mut reading = DetailsReading::default();
    if !details.is_object() {
        errors.push(wrong_type(Code::InvalidType, "", "split_settlement_details", "an object", details));
        return reading;
    }
    reading.mdr_borne_by = match details.field("mdr_borne_by") {
        None => {
            errors.push(required("mdr_borne_by", "mdr_borne_by"));
            None
        }
        Some(value) => MdrBorneBy::from_json(value, "mdr_borne_by").map_err(|e| errors.push(e)).ok(),
    };
    if let Some(marketplace) = object_field(details, "marketplace", errors) {
        reading.marketplace_amount = amount(marketplace.get("amount"), None, "marketplace.amount", errors);
    }
    if let Some(vendor) = object_field(details, "vendor", errors) {
        reading.split = read_split(vendor.get("split"), errors);
    }
    reading
}

const SPLIT: &str = "vendor.split";

fn read_split(value: Option<&Json>, errors: &mut Vec<Error>) -> Option<Vec<SplitReading>> {
    let items = match value {
        None | Some(Json::Null) => {
            errors.push(required(SPLIT, SPLIT));
            return None;
        }
        Some(Json::Array(items)) => items,
        Some(other) => {
            errors.push(wrong_type(Code::InvalidType, SPLIT, SPLIT, "an array", other));
            return None;
        }
    };
    if items.is_empty() {
        errors.push(fail(Code::EmptySplit, SPLIT, &[SPLIT, " must name at least one vendor"]));
    }
    let mut seen = SubMids::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut entry = SplitReading::default();
        if item.is_object() {
            entry.sub_mid = sub_mid(item.get("sub_mid"), i, &mut seen, errors);
            entry.amount = amount(item.get("amount"), Some(i), "amount", errors);
            entry.merchant_commission = amount(item.get("merchant_commission"), Some(i), "merchant_commission", errors);
        } else {
            let path = index(SPLIT, i);
            errors.push(wrong_type(Code::InvalidType, &path, &path, "an object", item));
        }
        out.push(entry);
    }
    Some(out)
}

/// `vendor.split[i].<field>`, or `field` alone without an index.
fn split_path(i: Option<usize>, field: &str) -> String {
    match i {
        Some(i) => join(&index(SPLIT, i), field),
        None => field.to_string(),
    }
}

/// Split `i`'s required, non-blank, unique `sub_mid`. `seen` holds the earlier ones.
fn sub_mid(value: Option<&Json>, i: usize, seen: &mut SubMids, errors: &mut Vec<Error>) -> Option<String> {
    match value {
        Some(Json::String(s)) if !s.chars().all(char::is_whitespace) => {
            if let Err(e) = seen.add(s, "sub_mid", &|| split_path(Some(i), "sub_mid")) {
                errors.push(e);
            }
            Some(s.clone())
        }
        other => {
            let path = split_path(Some(i), "sub_mid");
            errors.push(match other {
                None | Some(Json::Null) => required(&path, &path),
                Some(Json::String(_)) => fail(Code::MissingField, &path, &[&path, " must not be empty"]),
                Some(value) => wrong_type(Code::InvalidType, &path, &path, "a string", value),
            });
            None
        }
    }
}

/// The amount at `split_path(i, field)`.
fn amount(value: Option<&Json>, i: Option<usize>, field: &str, errors: &mut Vec<Error>) -> Option<Paise> {
    // Read without a path first: the path is only built for an error.
    match parse_amount(value, "") {
        Ok(paise) => Some(paise),
        Err(_) => parse_amount(value, &split_path(i, field)).map_err(|e| errors.push(e)).ok(),
    }
}

/// A required member of the details object that must be an object.
fn object_field<'a>(parent: &'a Json, key: &str, errors: &mut Vec<Error>) -> Option<&'a Json> {
    match parent.field(key) {
        Some(value) if value.is_object() => Some(value),
        other => {
            errors.push(match other {
                Some(value) => wrong_type(Code::InvalidType, key, key, "an object", value),
                None => required(key, key),
            });
            None
        }
    }
}

/// `path` under `prefix`.
pub(crate) fn prefixed(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => join(prefix, path),
    }
}
