//! The checkout operations through the proxy (`juspay.createOrder`, `juspay.orderStatus`,
//! `instamojo.createPaymentRequest`) without I/O. The browser is the buyer's: it names an order
//! and says what its page showed; the backend's own record of that order (what its `order` hook
//! returns) decides everything that is sent. This module reads the browser's body (422), reads
//! the record (500 when the backend's own record is unusable), compares the two (409
//! `ORDER_MISMATCH`) and builds the gateway call's input from the record alone, but for the
//! buyer's own name, email and phone.

use crate::error::{Code, Error};
use crate::json::Json;
use crate::juspay::SplitSettlementDetails;
use crate::money::amount::{parse_amount, Paise};
use crate::proxy::routes::Operation;
use crate::server::gateway::Failure;
use crate::server::input::Problems;
use crate::server::instamojo::payment_request_request;
use crate::server::juspay::{CreateOrder, Customer, StatusQuery};
pub use crate::server::settlement::Settlement;
use crate::server::split_input::order_split_details;

/// The payment request fields the browser decides: the buyer's own details.
pub const BUYER_FIELDS: [&str; 3] = ["buyerName", "email", "phone"];

/// What a checkout request says, validated: the order it names, what the page showed the buyer
/// (to compare with the record; never sent), and the buyer's own details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The order the browser names (the path's id for `GET`); the record is looked up by it.
    pub order_id: String,
    /// The amount the page showed, in paise, if it sent one: compared with the record's.
    pub amount: Option<Paise>,
    /// The split the page showed (Juspay only), if it sent one: compared with the record's.
    pub split: Option<Settlement>,
    /// The buyer's own details (Instamojo only), by their names in [`BUYER_FIELDS`]: the only
    /// fields the browser decides.
    pub buyer: Vec<(&'static str, String)>,
}

/// Reads a checkout request's body (`GET` has none: its order id is the path's). Every problem
/// is listed (422).
pub fn shown(operation: Operation, path_id: Option<&str>, body: &Json) -> Result<Shown, Failure> {
    let name = operation.name();
    if operation == Operation::JuspayOrderStatus {
        return match path_id.filter(|id| !id.is_empty()) {
            Some(id) => Ok(Shown { order_id: id.to_string(), amount: None, split: None, buyer: Vec::new() }),
            None => Err(Failure::invalid(name, vec![Error::new(Code::MissingField, "orderId", "orderId is required")])),
        };
    }
    let mut p = Problems::default();
    let order_id = p.required_text(body, "orderId", "");
    let amount = body.field("amount").map(|_| p.amount(body, "amount", "", true));
    let mut buyer = Vec::new();
    let mut split = None;
    if operation == Operation::InstamojoCreatePaymentRequest {
        for key in BUYER_FIELDS {
            if let Some(value) = p.optional_text(body, key, "") {
                buyer.push((key, value));
            }
        }
    } else if let Some(s) = body.field("split") {
        // Compared only when the rest reads: a split's sum means nothing against a bad amount.
        if p.0.is_empty() {
            match shown_split(amount, s) {
                Ok(settled) => split = Some(settled),
                Err(errors) => p.0.extend(errors),
            }
        }
    }
    p.into_result(|| Shown { order_id, amount, split, buyer }).map_err(|e| Failure::invalid(name, e))
}

/// The split the page showed, checked on its own terms (a plan against its own numbers, an input
/// recomputed, details summed) for the amount the page showed, or else the split's own.
fn shown_split(amount: Option<Paise>, split: &Json) -> Result<Settlement, Vec<Error>> {
    let parsed;
    let split = match split {
        Json::String(text) => {
            parsed = Json::parse(text, "split").map_err(|e| vec![e])?;
            &parsed
        }
        other => other,
    };
    let total = match amount {
        Some(amount) => amount,
        None => own_amount(split)?,
    };
    Ok(Settlement::of_details(&order_split_details(total, split, "split")?))
}

/// The order amount a split names: a plan's or an input's `orderAmount`, the sum of details.
fn own_amount(split: &Json) -> Result<Paise, Vec<Error>> {
    if split.get("splitSettlementDetails").is_some() || split.get("vendors").is_some() {
        return match split.field("orderAmount") {
            Some(v) => parse_amount(Some(v), "split.orderAmount").map_err(|e| vec![e]),
            None => Err(vec![Error::new(
                Code::MissingField,
                "amount",
                "amount is required with a split that does not give its orderAmount",
            )]),
        };
    }
    // Raw details: their own sum. Unreadable parts count as nothing here; the validator that
    // follows names them.
    let read = |v: Option<&Json>| parse_amount(v, "").unwrap_or_default();
    let mut total = Some(read(split.get("marketplace").and_then(|m| m.get("amount"))));
    for item in split.get("vendor").and_then(|v| v.get("split")).and_then(Json::as_array).unwrap_or(&[]) {
        total = total.and_then(|t| t.checked_add(read(item.get("amount"))));
    }
    Ok(total.unwrap_or_default())
}

/// 404 `ORDER_NOT_FOUND`: `order` answered `null` (no such order, or not one this request may see).
pub fn order_not_found(operation: Operation, order_id: &str) -> Failure {
    Failure {
        status: 404,
        error: Error::new(
            Code::OrderNotFound,
            "orderId",
            format!("{}: there is no order {order_id:?} for this request", operation.name()),
        ),
        details: Vec::new(),
    }
}

/// 500 `INTERNAL` for a record the backend's `order` hook returned that cannot be used. The
/// message names each problem's path and code, never the record's values.
pub fn record_invalid(operation: Operation, order_id: &str, errors: &[Error]) -> Failure {
    let problems: Vec<String> =
        errors
            .iter()
            .map(|e| {
                if e.path.is_empty() {
                    e.code.as_str().into_owned()
                } else {
                    format!("{}: {}", e.path, e.code.as_str())
                }
            })
            .collect();
    Failure {
        status: 500,
        error: Error::new(
            Code::Internal,
            "",
            format!(
                "{}: the backend's order record for {order_id:?} is not valid ({}); nothing was sent to the gateway",
                operation.name(),
                problems.join(", ")
            ),
        ),
        details: Vec::new(),
    }
}

fn must_be_object(record: &Json) -> Result<(), Vec<Error>> {
    if record.is_object() {
        Ok(())
    } else {
        Err(vec![Error::new(Code::InvalidType, "", format!("the record must be an object, not {}", record.kind()))])
    }
}

/// The status query for an order, from its record: it only has to exist for this request, and
/// its `customer` (an id, or `{ id }`) routes the call as it routed `createOrder`, so every call
/// about one customer carries the same `x-routing-id`.
pub fn status_query(order_id: &str, record: &Json) -> Result<StatusQuery, Vec<Error>> {
    must_be_object(record)?;
    let mut p = Problems::default();
    let customer = Customer::read(&mut p, record.get("customer"));
    p.into_result(|| StatusQuery { order_id: order_id.to_string(), customer_id: customer.id })
}

/// The Juspay order to create, from the record `{ amount, split?, customer?, returnUrl? }` alone:
/// its split is resolved and checked against its amount here, on the server.
pub fn juspay_order(order_id: &str, record: &Json) -> Result<CreateOrder, Vec<Error>> {
    must_be_object(record)?;
    let mut input = vec![("orderId", Json::str(order_id))];
    for key in ["amount", "split", "customer", "returnUrl"] {
        if let Some(value) = record.get(key) {
            input.push((key, value.clone()));
        }
    }
    CreateOrder::from_json(Some(&Json::object(input)))
}

/// The payment request to make, from the record `{ amount, purpose, redirectUrl?, webhook?, user? }`
/// and the buyer's own details: the call's input, its amount, and whose account it is made on.
pub fn payment_request(shown: &Shown, record: &Json) -> Result<(Json, Paise, Option<String>), Vec<Error>> {
    must_be_object(record)?;
    let mut p = Problems::default();
    let amount = p.amount(record, "amount", "", true);
    let mut input =
        vec![("amount", amount.to_json_text()), ("purpose", Json::String(p.required_text(record, "purpose", "")))];
    for key in ["redirectUrl", "webhook"] {
        if let Some(value) = p.optional_text(record, key, "") {
            input.push((key, Json::String(value)));
        }
    }
    let user = p.optional_text(record, "user", "");
    for (key, value) in &shown.buyer {
        input.push((key, Json::str(value.as_str())));
    }
    let input = Json::object(input);
    p.into_result(|| ())?;
    payment_request_request("", Some(&input))?;
    Ok((input, amount, user))
}

/// 409 `ORDER_MISMATCH` when what the page showed is not what the record says: the amount (path
/// `amount`), or a split that does not settle the same amounts to the same parties (path
/// `split`). What the page left out is not compared.
pub fn compare(
    operation: Operation,
    shown: &Shown,
    amount: Paise,
    split: Option<&SplitSettlementDetails>,
) -> Result<(), Failure> {
    let id = &shown.order_id;
    if let Some(showed) = shown.amount.filter(|a| *a != amount) {
        return Err(mismatch(
            operation,
            "amount",
            format!("the page showed {} but order {id:?} is for {}", showed.to_text(), amount.to_text()),
        ));
    }
    let Some(showed) = &shown.split else { return Ok(()) };
    let recorded = split.map(Settlement::of_details);
    let why = match &recorded {
        None => format!("order {id:?} has no split, but the page showed one"),
        Some(recorded) if recorded == showed => return Ok(()),
        Some(recorded) => difference(id, recorded, showed),
    };
    Err(mismatch(operation, "split", why))
}

fn mismatch(operation: Operation, path: &str, why: String) -> Failure {
    let detail = Error::new(Code::OrderMismatch, path, format!("{why}; nothing was sent to the gateway"));
    Failure {
        status: 409,
        error: Error::new(Code::OrderMismatch, path, format!("{}: {}", operation.name(), detail.message)),
        details: vec![detail],
    }
}

/// The first party the two settlements pay differently.
fn difference(id: &str, recorded: &Settlement, showed: &Settlement) -> String {
    if recorded.marketplace != showed.marketplace {
        return format!(
            "the marketplace gets {} in order {id:?}, not {} as the page showed",
            recorded.marketplace.to_text(),
            showed.marketplace.to_text()
        );
    }
    let find = |s: &Settlement, sub_mid: &str| s.vendors.iter().find(|(k, _)| k == sub_mid).map(|(_, a)| *a);
    for (sub_mid, amount) in &showed.vendors {
        match find(recorded, sub_mid) {
            None => return format!("sub_mid {sub_mid:?} is not paid in order {id:?}"),
            Some(r) if r != *amount => {
                return format!(
                    "sub_mid {sub_mid:?} gets {} in order {id:?}, not {} as the page showed",
                    r.to_text(),
                    amount.to_text()
                )
            }
            Some(_) => {}
        }
    }
    let missing = recorded.vendors.iter().find(|(k, _)| find(showed, k).is_none()).map(|(k, _)| k.as_str());
    format!("order {id:?} also pays sub_mid {:?}, which the page did not show", missing.unwrap_or(""))
}
