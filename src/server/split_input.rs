//! Turns the `split` of a Juspay call into exactly what is sent, refusing anything that would not
//! settle as the caller means. An order's split may be a `SplitInput` (computed here), a
//! `SplitPlan` (checked against its own numbers, so an altered plan is refused) or raw
//! `split_settlement_details`; what is sent is always the core's typed
//! [`SplitSettlementDetails`], built from parsed paise. The core is called through its typed API
//! only: `SplitInput` read and calculated, `validate_split`'s errors as they are.

use crate::error::{index, join, Code, Error};
use crate::json::Json;
use crate::juspay::{read_details, validate_split, SplitSettlementDetails};
use crate::money::amount::{parse_amount, Paise};
use crate::server::input::{text_of, under};
use crate::split::{calculate_split, SplitInput};

type Problems = Vec<Error>;

/// The `split_settlement_details` to send for an order of `order_amount`.
pub fn order_split_details(order_amount: Paise, split: &Json, base: &str) -> Result<SplitSettlementDetails, Problems> {
    let parsed;
    let split = match split {
        Json::String(text) => {
            parsed = Json::parse(text, base).map_err(|e| vec![e])?;
            &parsed
        }
        other => other,
    };
    if !split.is_object() {
        return Err(vec![Error::new(
            Code::InvalidType,
            base,
            format!("{base} must be a SplitPlan, a SplitInput or split_settlement_details, not {}", split.kind()),
        )]);
    }
    if split.get("splitSettlementDetails").is_some() {
        from_plan(order_amount, split, base)
    } else if split.get("vendors").is_some() {
        from_input(order_amount, split, base)
    } else {
        checked_details(order_amount, split, base)
    }
}

fn from_input(order_amount: Paise, input: &Json, base: &str) -> Result<SplitSettlementDetails, Problems> {
    let mut input = input.clone();
    match input.get("orderAmount") {
        None | Some(Json::Null) => {
            if let Json::Object(members) = &mut input {
                members.retain(|(k, _)| k != "orderAmount");
                members.push(("orderAmount".to_string(), order_amount.to_json_text()));
            }
        }
        Some(v) => same_order_amount(order_amount, v, &join(base, "orderAmount"))?,
    }
    let plan =
        SplitInput::from_json(&input).and_then(|input| calculate_split(&input)).map_err(|e| vec![under(base, e)])?;
    summed(order_amount, plan.details, &join(base, "splitSettlementDetails"))
}

fn same_order_amount(order_amount: Paise, value: &Json, path: &str) -> Result<(), Problems> {
    let split_amount = parse_amount(Some(value), path).map_err(|e| vec![e])?;
    if split_amount != order_amount {
        return Err(vec![Error::new(
            Code::SumMismatch,
            path,
            format!("the split is for {} but the order is {}", split_amount.to_text(), order_amount.to_text()),
        )]);
    }
    Ok(())
}

/// Raw details: the contract's validator first (every problem, with paths), then read into the
/// typed details that are sent. A JSON text is the validator's `INVALID_JSON` case.
fn checked_details(order_amount: Paise, details: &Json, base: &str) -> Result<SplitSettlementDetails, Problems> {
    let parsed;
    let details = match details {
        Json::String(text) => {
            parsed = Json::parse(text, "").map_err(|e| {
                // A lone surrogate is refused at its string's path, as in a value.
                if e.code != Code::InvalidJson {
                    return vec![under(base, e)];
                }
                vec![under(
                    base,
                    Error::new(
                        Code::InvalidJson,
                        "",
                        format!("split_settlement_details cannot be decoded: {}", e.message),
                    ),
                )]
            })?;
            &parsed
        }
        Json::Null => {
            return Err(vec![under(base, Error::new(Code::MissingField, "", "split_settlement_details is required"))])
        }
        other => other,
    };
    let errors = validate_split(order_amount, details);
    if !errors.is_empty() {
        return Err(errors.into_iter().map(|e| under(base, e)).collect());
    }
    // What the validator passed reads in full; the errors of this second reading are the same.
    let typed = read_details(details, &mut Vec::new())
        .complete()
        .ok_or_else(|| vec![Error::new(Code::InvalidType, base, "split_settlement_details could not be read")])?;
    summed(order_amount, typed, base)
}

/// The plan's details must be what its own numbers give: each vendor's amount is its gross less
/// commission and tax, the details repeat those amounts, the marketplace gets its own amount plus
/// every commission and tax, and everything sums to the order.
fn from_plan(order_amount: Paise, plan: &Json, base: &str) -> Result<SplitSettlementDetails, Problems> {
    let details_path = join(base, "splitSettlementDetails");
    let details = plan.get("splitSettlementDetails").unwrap_or(&Json::Null);
    let sent = checked_details(order_amount, details, &details_path)?;
    let mut problems = Vec::new();
    let mut amount = |value: Option<&Json>, path: String| match parse_amount(value, &path) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let altered =
        |path: String, what: String| Error::new(Code::SumMismatch, path, format!("the split plan was altered: {what}"));

    let plan_order = amount(plan.get("orderAmount"), join(base, "orderAmount"));
    let marketplace = plan.get("marketplace").unwrap_or(&Json::Null);
    let mp_path = join(base, "marketplace");
    let own = amount(marketplace.get("ownAmount"), join(&mp_path, "ownAmount"));
    let mp_amount = amount(marketplace.get("amount"), join(&mp_path, "amount"));
    let vendors = plan.get("vendors").and_then(Json::as_array).unwrap_or(&[]);
    let split = details.get("vendor").and_then(|v| v.get("split")).and_then(Json::as_array).unwrap_or(&[]);
    let mut rows = Vec::new();
    for (i, v) in vendors.iter().enumerate() {
        let p = index(&join(base, "vendors"), i);
        let row = (
            amount(v.get("gross"), join(&p, "gross")),
            amount(v.get("commission"), join(&p, "commission")),
            amount(v.get("commissionTax"), join(&p, "commissionTax")),
            amount(v.get("amount"), join(&p, "amount")),
        );
        rows.push((p, v, row));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut problems: Problems = Vec::new();
    if plan_order != Some(order_amount) {
        let got = plan_order.map(Paise::to_text).unwrap_or_default();
        problems.push(altered(
            join(base, "orderAmount"),
            format!("it is for {got} but the order is {}", order_amount.to_text()),
        ));
    }
    let mdr = plan.get("mdrBorneBy").and_then(Json::as_str);
    if mdr.is_none() || mdr != details.get("mdr_borne_by").and_then(Json::as_str) {
        problems.push(altered(join(base, "mdrBorneBy"), "mdrBorneBy differs from its details' mdr_borne_by".into()));
    }
    if vendors.len() != split.len() {
        problems.push(altered(
            join(base, "vendors"),
            format!("{} vendors but {} split entries", vendors.len(), split.len()),
        ));
    }
    let overflow =
        || vec![Error::new(Code::InvalidAmount, base, "the split's amounts add up to more than can be represented")];
    let mut gross_total = own.unwrap_or_default();
    let mut taken_total = Paise::ZERO;
    for (i, (p, v, (gross, commission, tax, settled))) in rows.iter().enumerate() {
        let (gross, commission, tax, settled) = (
            gross.unwrap_or_default(),
            commission.unwrap_or_default(),
            tax.unwrap_or_default(),
            settled.unwrap_or_default(),
        );
        let taken = commission.checked_add(tax).ok_or_else(overflow)?;
        gross_total = gross_total.checked_add(gross).ok_or_else(overflow)?;
        taken_total = taken_total.checked_add(taken).ok_or_else(overflow)?;
        if gross.checked_sub(taken) != Some(settled) {
            problems.push(altered(
                join(p, "amount"),
                format!("{} is not gross less commission and tax", settled.to_text()),
            ));
        }
        let entry = split.get(i).unwrap_or(&Json::Null);
        let ep = index(&join(&details_path, "vendor.split"), i);
        let sub_mid = text_of(v.get("subMid"), "").ok().flatten();
        if sub_mid.is_none() || sub_mid != text_of(entry.get("sub_mid"), "").ok().flatten() {
            problems.push(altered(join(&ep, "sub_mid"), "sub_mid differs from the vendor's subMid".into()));
        }
        if parse_amount(entry.get("amount"), "").ok() != Some(settled) {
            problems.push(altered(join(&ep, "amount"), format!("the vendor settles {}", settled.to_text())));
        }
        if parse_amount(entry.get("merchant_commission"), "").ok() != Some(taken) {
            problems.push(altered(
                join(&ep, "merchant_commission"),
                format!("the vendor's commission and tax are {}", taken.to_text()),
            ));
        }
    }
    let expected_mp = own.unwrap_or_default().checked_add(taken_total).ok_or_else(overflow)?;
    if mp_amount != Some(expected_mp) {
        problems.push(altered(join(&mp_path, "amount"), format!("it should be {}", expected_mp.to_text())));
    }
    let details_mp = details.get("marketplace").and_then(|m| parse_amount(m.get("amount"), "").ok());
    if details_mp != Some(expected_mp) {
        problems.push(altered(
            join(&details_path, "marketplace.amount"),
            format!("it should be {}", expected_mp.to_text()),
        ));
    }
    problems.extend(
        crate::split::checks::check_gross_total(order_amount, Paise::ZERO, &[gross_total])
            .err()
            .map(|e| under(base, e)),
    );
    if problems.is_empty() {
        Ok(sent)
    } else {
        Err(problems)
    }
}

/// The details as they are sent, once more refused when their sum is not the order amount (which
/// neither the calculator nor the validator lets through).
fn summed(
    order_amount: Paise,
    details: SplitSettlementDetails,
    base: &str,
) -> Result<SplitSettlementDetails, Problems> {
    match details.total() {
        Ok(total) if total == order_amount => Ok(details),
        total => {
            let sum = total.map(Paise::to_text).unwrap_or_else(|_| "more than can be represented".into());
            Err(vec![Error::new(
                Code::SumMismatch,
                base,
                format!("the split sums to {sum} but the order is {}", order_amount.to_text()),
            )])
        }
    }
}

/// A refund's split `{ marketplace?, vendors?: [{ subMid, amount }] }` as Juspay's refund metadata
/// `{"marketplace":{"refund_amount":…},"vendor":{"split":[{"sub_mid":…,"refund_amount":…}]}}`.
/// Juspay marks both parts conditional, so either may be absent (a refund the marketplace alone
/// bears has no `vendors`), and an absent part is left out of what is sent; the parts present
/// must sum to the refund amount.
pub fn refund_split_details(refund_amount: Paise, split: &Json, base: &str) -> Result<Json, Problems> {
    if !split.is_object() {
        return Err(vec![Error::new(
            Code::InvalidType,
            base,
            format!("{base} must be an object, not {}", split.kind()),
        )]);
    }
    let mut problems = Vec::new();
    let marketplace = match split.get("marketplace") {
        None | Some(Json::Null) => None,
        v => Some(parse_amount(v, &join(base, "marketplace")).unwrap_or_else(|e| {
            problems.push(e);
            Paise::ZERO
        })),
    };
    let vendors_path = join(base, "vendors");
    let vendors = match split.get("vendors") {
        None | Some(Json::Null) => None,
        Some(Json::Array(items)) => Some(items.as_slice()),
        Some(other) => {
            problems.push(Error::new(
                Code::InvalidType,
                &vendors_path,
                format!("{vendors_path} must be an array, not {}", other.kind()),
            ));
            None
        }
    };
    if vendors.is_some_and(<[Json]>::is_empty) {
        problems.push(Error::new(
            Code::EmptySplit,
            &vendors_path,
            format!("{vendors_path} must list at least one vendor, or be left out"),
        ));
    }
    let mut total = Some(marketplace.unwrap_or(Paise::ZERO));
    let mut seen = crate::juspay::sub_mids::SubMids::new();
    let mut out = Vec::new();
    for (i, v) in vendors.unwrap_or(&[]).iter().enumerate() {
        let p = index(&vendors_path, i);
        let sub_mid = match text_of(v.get("subMid"), &join(&p, "subMid")) {
            Ok(Some(s)) if !s.is_empty() => s,
            Ok(_) => {
                problems.push(Error::new(Code::MissingField, join(&p, "subMid"), format!("{p}.subMid is required")));
                String::new()
            }
            Err(e) => {
                problems.push(e);
                String::new()
            }
        };
        if !sub_mid.is_empty() {
            problems.extend(seen.add(&sub_mid, "subMid", &|| join(&p, "subMid")).err());
        }
        let amount = parse_amount(v.get("amount"), &join(&p, "amount")).unwrap_or_else(|e| {
            problems.push(e);
            Paise::ZERO
        });
        total = total.and_then(|t| t.checked_add(amount));
        out.push(Json::object([("sub_mid", Json::String(sub_mid)), ("refund_amount", amount.to_json_number())]));
    }
    if problems.is_empty() && total != Some(refund_amount) {
        let sum = total.map(Paise::to_text).unwrap_or_else(|| "more than can be represented".into());
        problems.push(Error::new(
            Code::SumMismatch,
            base,
            format!("the refund split sums to {sum} but the refund is {}", refund_amount.to_text()),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut details = Vec::new();
    if let Some(m) = marketplace {
        details.push(("marketplace", Json::object([("refund_amount", m.to_json_number())])));
    }
    if vendors.is_some() {
        details.push(("vendor", Json::object([("split", Json::Array(out))])));
    }
    Ok(Json::object(details))
}
