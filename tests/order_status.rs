#![cfg(not(target_arch = "wasm32"))]
//! `orderStatus`: every Juspay status of the seed document and GATEWAYS.md, by name or id.

use marketsplit::contract::juspay::order_status_json;
use marketsplit::json::Json;
use marketsplit::juspay::{OrderStatus, ORDER_STATUSES};

/// Every status with its id, as the seed's appendix and GATEWAYS.md list them.
const KNOWN: &[(&str, i64)] = &[
    ("CREATED", 1),
    ("NEW", 10),
    ("STARTED", 20),
    ("CHARGED", 21),
    ("JUSPAY_DECLINED", 22),
    ("PENDING_VBV", 23),
    ("VBV_SUCCESSFUL", 24),
    ("AUTHENTICATION_FAILED", 26),
    ("AUTHORIZATION_FAILED", 27),
    ("AUTHORIZING", 28),
    ("VOIDED", 31),
    ("VOID_INITIATED", 32),
    ("CAPTURE_INITIATED", 33),
    ("CAPTURE_FAILED", 34),
    ("VOID_FAILED", 35),
    ("AUTO_REFUNDED", 36),
    ("NOT_FOUND", 40),
];

/// GATEWAYS.md's terminal failures: the order will not change any more.
const TERMINAL_FAILURES: &[&str] = &["JUSPAY_DECLINED", "VOIDED", "CAPTURE_FAILED", "AUTO_REFUNDED", "NOT_FOUND"];
/// Failures the buyer may retry on the same order (Juspay's guide: "Allow user to retry payment").
const RETRYABLE_FAILURES: &[&str] = &["AUTHENTICATION_FAILED", "AUTHORIZATION_FAILED"];

/// `(status, statusId, terminal, success, failed)`.
fn lookup(value: Json) -> (String, f64, bool, bool, bool) {
    let out = order_status_json(&value);
    let keys: Vec<&str> = match &out {
        Json::Object(members) => members.iter().map(|(k, _)| k.as_str()).collect(),
        _ => panic!("not an object"),
    };
    assert_eq!(keys, ["status", "statusId", "meaning", "terminal", "success", "failed"]);
    assert!(out.get("meaning").and_then(Json::as_str).is_some_and(|m| m.ends_with('.') && m.len() > 10));
    let Some(Json::Number(id)) = out.get("statusId") else { panic!("statusId") };
    let flag = |k: &str| match out.get(k) {
        Some(Json::Bool(b)) => *b,
        other => panic!("{k} is {other:?}, not a boolean"),
    };
    let status = out.get("status").and_then(Json::as_str).unwrap().to_string();
    (status, *id, flag("terminal"), flag("success"), flag("failed"))
}

#[test]
fn every_known_status_is_found_by_name_and_by_id() {
    assert_eq!(ORDER_STATUSES.len(), KNOWN.len());
    for &(name, id) in KNOWN {
        let by_name = lookup(Json::str(name));
        assert_eq!((by_name.0.as_str(), by_name.1), (name, id as f64));
        assert_eq!(lookup(Json::Number(id as f64)), by_name, "{id}");
        assert_eq!(lookup(Json::str(id.to_string())), by_name, "{id} as text");
        assert_eq!(lookup(Json::str(name.to_lowercase())), by_name, "lower-case {name}");
    }
}

#[test]
fn only_charged_succeeds_and_only_it_and_the_terminal_failures_are_terminal() {
    for &(name, _) in KNOWN {
        let (_, _, terminal, success, _) = lookup(Json::str(name));
        assert_eq!(success, name == "CHARGED", "{name}");
        assert_eq!(terminal, name == "CHARGED" || TERMINAL_FAILURES.contains(&name), "{name}");
    }
}

#[test]
fn every_failure_is_failed_and_the_two_the_buyer_may_retry_are_not_terminal() {
    for &(name, _) in KNOWN {
        let (_, _, _, _, failed) = lookup(Json::str(name));
        let expected = TERMINAL_FAILURES.contains(&name) || RETRYABLE_FAILURES.contains(&name);
        assert_eq!(failed, expected, "{name}");
    }
    // Juspay's guide: after 26 or 27 the buyer may retry, so the same order can still be CHARGED.
    for value in
        [Json::Number(26.0), Json::str("27"), Json::str("authentication_failed"), Json::str("AUTHORIZATION_FAILED")]
    {
        let (_, _, terminal, success, failed) = lookup(value.clone());
        assert_eq!((terminal, success, failed), (false, false, true), "{value:?}");
    }
    let (_, _, terminal, _, failed) = lookup(Json::str("VOID_FAILED"));
    assert_eq!(
        (terminal, failed),
        (false, false),
        "a failed void leaves the payment authorized: not a payment failure"
    );
}

#[test]
fn names_match_in_any_case_and_ids_as_numeric_text() {
    assert_eq!(lookup(Json::str("Charged")).1, 21.0);
    assert_eq!(lookup(Json::str("pending_vbv")).1, 23.0);
    assert_eq!(lookup(Json::str(" 21 ")).0, "CHARGED");
    assert_eq!(lookup(Json::Number(21.0)).0, "CHARGED");
    assert_eq!(OrderStatus::by_id(28).map(|s| s.status), Some("AUTHORIZING"));
    assert_eq!(OrderStatus::by_name("authorizing").map(|s| s.status_id), Some(28));
}

#[test]
fn unknown_values_give_unknown_not_an_error() {
    for value in [
        Json::str("PAID"),
        Json::str(""),
        Json::Number(25.0),
        Json::Number(21.5),
        Json::Number(-1.0),
        Json::str("21x"),
        Json::str("-21"),
        Json::Null,
        Json::Bool(true),
        Json::Number(f64::NAN),
    ] {
        assert_eq!(lookup(value.clone()), ("UNKNOWN".to_string(), -1.0, false, false, false), "{value:?}");
    }
}

#[test]
fn meanings_follow_the_source_document() {
    let meaning = |name: &str| OrderStatus::by_name(name).unwrap().meaning;
    assert!(meaning("CREATED").contains("created successfully"));
    assert!(meaning("AUTHORIZATION_FAILED").contains("bank refused"));
    assert!(meaning("AUTHORIZING").contains("from the bank"));
}
