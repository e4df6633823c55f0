//! What a gateway answers to a repeated write, read back without a network: an order id that
//! exists (`ORDER_CONFLICT` when its amount differs), and an idempotency key spent on another
//! operation (`IDEMPOTENCY_CONFLICT`), for Juspay refunds, Instamojo settlements and refunds.
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::server::existing_order::check_created_order;
use marketsplit::server::instamojo::{check_refund_reply, check_settlement_reply, refund_request, settle_request};
use marketsplit::server::juspay::{earlier_refund, is_duplicate_call, CreateOrder, Refund};

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

/// A reply's text, as the readers take it.
fn text(reply: &str) -> String {
    reply.to_string()
}

fn order(amount: &str) -> CreateOrder {
    CreateOrder::from_json(Some(&json(&format!(r#"{{"orderId":"o1","amount":"{amount}"}}"#)))).unwrap()
}

#[test]
fn an_existing_order_of_another_amount_is_a_conflict() {
    // Juspay's create reply has no amount; an existing order's status reply has one.
    assert!(check_created_order(
        &order("1000"),
        &text(r#"{"id":"x","order_id":"o1","status":"CREATED","status_id":1}"#)
    )
    .is_ok());
    assert!(check_created_order(&order("1000"), &text(r#"{"order_id":"o1","status":"NEW","amount":1000.0}"#)).is_ok());
    assert!(check_created_order(&order("1000.50"), &text(r#"{"order_id":"o1","amount":"1000.5"}"#)).is_ok());
    let e = check_created_order(&order("1000"), &text(r#"{"order_id":"o1","status":"NEW","amount":1}"#)).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::OrderConflict, "orderId"));
    assert_eq!(
        e.message,
        "order \"o1\" already exists at Juspay for 1.00, not 1000.00: someone created that id first; use another orderId"
    );
    let e = check_created_order(&order("1000"), &text(r#"{"amount":"a lot"}"#)).unwrap_err();
    assert_eq!(e.code, Code::OrderConflict, "an amount that cannot be read is not the one asked for");
}

fn split_order(customer: Option<&str>, v1: &str, v2: &str) -> CreateOrder {
    let customer = customer.map_or(String::new(), |c| format!(r#","customer":{{"id":"{c}","email":"a@b.in"}}"#));
    let input = format!(
        r#"{{"orderId":"o1","amount":"100"{customer},"split":{{"mdr_borne_by":"ALL","marketplace":{{"amount":20}},
        "vendor":{{"split":[{{"sub_mid":"V1","amount":{v1},"merchant_commission":0}},{{"sub_mid":"V2","amount":{v2},"merchant_commission":0}}]}}}}}}"#
    );
    CreateOrder::from_json(Some(&json(&input))).unwrap()
}

/// An existing order's status as Juspay writes it, with its `split_settlement_response`.
fn existing(customer: &str, details: &str) -> String {
    text(&format!(
        r#"{{"order_id":"o1","status":"NEW","amount":100,"customer_id":{customer},"customer_email":"x@y.in",
        "split_settlement_response":{{"split_applied":false,"split_details":{details}}}}}"#
    ))
}

#[test]
fn an_existing_order_is_the_one_asked_for_only_when_it_pays_the_same_parties_for_the_same_customer() {
    let same = r#"[{"sub_vendor_id":"V2","amount":30.0,"merchant_commission":0},{"sub_vendor_id":"V1","amount":"50"}]"#;
    assert_eq!(check_created_order(&split_order(Some("c1"), "50", "30"), &existing(r#""c1""#, same)), Ok(()));
    let conflict = |order: &CreateOrder, reply: &str| {
        let e = check_created_order(order, reply).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::OrderConflict, "orderId"), "{}", e.message);
        e.message
    };
    // The same total, the sellers' shares the other way round.
    let swapped = r#"[{"sub_vendor_id":"V1","amount":30},{"sub_vendor_id":"V2","amount":50}]"#;
    let why = conflict(&split_order(Some("c1"), "50", "30"), &existing(r#""c1""#, swapped));
    assert!(why.contains(r#"pays sub_mid "V1" differently"#), "{why}");
    // Another seller, and a marketplace paid more.
    conflict(
        &split_order(Some("c1"), "50", "30"),
        &existing(r#""c1""#, r#"[{"sub_vendor_id":"V1","amount":50},{"sub_vendor_id":"V3","amount":30}]"#),
    );
    let why = conflict(
        &split_order(Some("c1"), "50", "30"),
        &existing(r#""c1""#, r#"[{"sub_vendor_id":"V1","amount":50},{"sub_vendor_id":"V2","amount":20}]"#),
    );
    assert!(why.contains("pays the marketplace differently"), "{why}");
    // Another customer (not quoted), or one on one side only.
    let why = conflict(&split_order(Some("c1"), "50", "30"), &existing(r#""c2""#, same));
    assert!(why.contains("another customer") && !why.contains("c2"), "{why}");
    conflict(&split_order(None, "50", "30"), &existing(r#""c1""#, same));
    conflict(&split_order(Some("c1"), "50", "30"), &existing("null", same));
    assert_eq!(check_created_order(&split_order(None, "50", "30"), &existing("null", same)), Ok(()));
    // A split that cannot be confirmed: none in the reply, or one that does not read.
    let bare = text(r#"{"order_id":"o1","status":"NEW","amount":100,"customer_id":"c1"}"#);
    let why = conflict(&split_order(Some("c1"), "50", "30"), &bare);
    assert!(why.contains("cannot be shown"), "{why}");
    for unreadable in [
        r#"[{"amount":50},{"sub_vendor_id":"V2","amount":30}]"#,
        r#"[{"sub_vendor_id":"V1","amount":"fifty"},{"sub_vendor_id":"V2","amount":30}]"#,
        r#"[{"sub_vendor_id":"V1","amount":80},{"sub_vendor_id":"V2","amount":30}]"#,
        r#"[{"sub_vendor_id":"V1","amount":50},{"sub_vendor_id":"V1","amount":30}]"#,
        r#"{"V1":50}"#,
    ] {
        conflict(&split_order(Some("c1"), "50", "30"), &existing(r#""c1""#, unreadable));
    }
    // No split asked for, one in the existing order.
    let plain = CreateOrder::from_json(Some(&json(r#"{"orderId":"o1","amount":"100","customer":"c1"}"#))).unwrap();
    conflict(&plain, &existing(r#""c1""#, same));
    assert_eq!(check_created_order(&plain, &existing(r#""c1""#, "[]")), Ok(()));
    // A customer id Juspay writes as a number reads as its text.
    let numbered = CreateOrder::from_json(Some(&json(r#"{"orderId":"o1","amount":"100","customer":"42"}"#))).unwrap();
    assert_eq!(check_created_order(&numbered, &text(r#"{"order_id":"o1","amount":100,"customer_id":42}"#)), Ok(()));
}

fn refund(key: &str, amount: &str) -> Refund {
    Refund::from_json(
        Some(&Json::str("o1")),
        Some(&json(&format!(r#"{{"uniqueRequestId":"{key}","amount":"{amount}"}}"#))),
        "",
    )
    .unwrap()
}

#[test]
fn juspay_refuses_a_seen_key_and_the_order_says_which_refund_spent_it() {
    let duplicate = r#"{"status_id":-1,"status":"ERROR","error_message":"A refund call was already completed with this unique_request_id for the order.","error_code":"duplicate.call"}"#;
    assert!(is_duplicate_call(400, duplicate));
    assert!(!is_duplicate_call(409, duplicate));
    assert!(!is_duplicate_call(400, r#"{"error_code":"invalid.amount.exceeded"}"#));
    assert!(!is_duplicate_call(400, "not json"));

    let status = text(
        r#"{"order_id":"o1","refunds":[{"unique_request_id":"k1","amount":10.0},{"unique_request_id":"k2","amount":"40"}]}"#,
    );
    assert_eq!(earlier_refund(&refund("k1", "10"), &status), Some(Ok(())));
    assert_eq!(earlier_refund(&refund("k3", "10"), &status), None);
    assert_eq!(earlier_refund(&refund("k1", "10"), &text(r#"{"order_id":"o1"}"#)), None);
    let e = earlier_refund(&refund("k2", "4"), &status).unwrap().unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::IdempotencyConflict, "uniqueRequestId"));
    assert_eq!(
        e.message,
        "uniqueRequestId \"k2\" was already used on order \"o1\" for a refund of 40.00, not 4.00; nothing more was refunded"
    );
}

#[test]
fn an_instamojo_settlement_id_answered_with_another_settlement_is_a_conflict() {
    let p = Json::str("MOJO1");
    let sent = settle_request(
        "t",
        Some(&p),
        Some(&json(r#"{"type":"CREDIT","subMerchantId":"u1","amount":"10","id":"s1"}"#)),
        "",
    )
    .unwrap();
    let same = text(r#"{"id":"s1","payment_id":"MOJO1","type":"CREDIT","submerchant":"u1","amount":"10.00"}"#);
    assert!(check_settlement_reply(&sent, "MOJO1", &same).is_ok());
    assert!(
        check_settlement_reply(&sent, "MOJO1", &text(r#"{"id":"s1"}"#)).is_ok(),
        "what the reply leaves out is not compared"
    );
    let others = [
        (r#"{"payment_id":"MOJO2"}"#, "payment MOJO2, not MOJO1"),
        (r#"{"type":"DEBIT"}"#, "type DEBIT, not CREDIT"),
        (r#"{"submerchant":"u2"}"#, "sub-merchant u2, not u1"),
        (r#"{"submerchant_id":"u2"}"#, "sub-merchant u2, not u1"),
        (r#"{"amount":50}"#, "amount 50.00, not 10.00"),
    ];
    for (reply, what) in others {
        let e = check_settlement_reply(&sent, "MOJO1", &text(reply)).unwrap_err();
        assert_eq!((e.code.clone(), e.path.as_str()), (Code::IdempotencyConflict, "id"), "{reply}");
        assert_eq!(
            e.message,
            format!("id \"s1\" was already used for another operation ({what}); nothing more was done")
        );
    }
}

#[test]
fn an_instamojo_refund_answered_with_another_refund_is_a_conflict() {
    let p = Json::str("MOJO1");
    let sent = refund_request(
        "t",
        Some(&p),
        Some(&json(r#"{"amount":"10","type":"QFL","body":"x","transactionId":"t1"}"#)),
        "",
    )
    .unwrap();
    let reply = |refund: &str| text(&format!(r#"{{"success":true,"refund":{refund}}}"#));
    assert!(check_refund_reply(
        &sent,
        "MOJO1",
        &reply(r#"{"payment_id":"MOJO1","type":"QFL","refund_amount":"10.00","transaction_id":"t1"}"#)
    )
    .is_ok());
    for other in [r#"{"refund_amount":"60.00"}"#, r#"{"type":"RFD"}"#, r#"{"payment_id":"MOJO9"}"#] {
        let e = check_refund_reply(&sent, "MOJO1", &reply(other)).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::IdempotencyConflict, "transactionId"), "{other}");
    }
}

/// Amounts in replies are read from the gateway's own digits: one an `f64` would round to what was
/// asked (1000.000000000000000001 reads as 1000.0 through a double) is not what was asked.
#[test]
fn reply_amounts_are_read_to_the_paisa_from_their_digits_never_through_a_float() {
    let e = check_created_order(&order("1000"), r#"{"order_id":"o1","amount":1000.000000000000000001}"#).unwrap_err();
    assert_eq!(e.code, Code::OrderConflict);
    assert!(check_created_order(&order("1000"), r#"{"order_id":"o1","amount":1E3}"#).is_ok());
    assert!(check_created_order(&order("1000"), r#"{"order_id":"o1","amount":100000e-2}"#).is_ok());

    let status = r#"{"order_id":"o1","refunds":[{"unique_request_id":"k1","amount":10.000000000000000001}]}"#;
    let e = earlier_refund(&refund("k1", "10"), status).unwrap().unwrap_err();
    assert_eq!(e.code, Code::IdempotencyConflict);

    let p = Json::str("MOJO1");
    let input = json(r#"{"type":"CREDIT","subMerchantId":"u1","amount":"10","id":"s1"}"#);
    let sent = settle_request("t", Some(&p), Some(&input), "").unwrap();
    let e = check_settlement_reply(&sent, "MOJO1", r#"{"id":"s1","amount":10.000000000000000001}"#).unwrap_err();
    assert_eq!(e.code, Code::IdempotencyConflict);
    assert!(e.message.contains("amount an amount that cannot be read, not 10"), "{}", e.message);
}

/// A reply holding a lone surrogate escape is not read as text with U+FFFD in it.
#[test]
fn a_reply_with_a_lone_surrogate_is_not_read() {
    let e =
        check_created_order(&order("1000"), r#"{"order_id":"o1","amount":"1000","customer_id":"\ud800"}"#).unwrap_err();
    assert_eq!(e.code, Code::OrderConflict);
    assert!(!is_duplicate_call(400, r#"{"error_code":"duplicate.call","error_message":"\udc00"}"#));
}

/// Attack: serde_json's `arbitrary_precision` reads an object whose one key is its private
/// number token, `{"$serde_json::private::Number":"500"}`, as the number 500, where the crate's
/// own reader (which hands the reply to the caller), `JSON.parse` and the old reader see an
/// object. A hostile gateway could so have an object counted as an amount: in a settlement
/// listing, or as the amount that shows a spent key was this operation. Such a reply is not read.
#[test]
fn an_object_posing_as_a_number_is_not_read_as_an_amount() {
    use marketsplit::server::instamojo::read_settlement_page;
    let token = r#"{"$serde_json::private::Number":"500"}"#;
    // Escaped, the key is the same key.
    let escaped = r#"{"\u0024serde_json::private::Number":"500"}"#;
    for posing in [token, escaped] {
        let listing = format!(r#"[{{"type":"CREDIT","submerchant_id":"u1","amount":{posing},"settlement_id":"s1"}}]"#);
        assert!(read_settlement_page(&listing).is_err(), "{listing}");

        let p = Json::str("MOJO1");
        let input = json(r#"{"type":"CREDIT","subMerchantId":"u1","amount":"500","id":"s1"}"#);
        let sent = settle_request("t", Some(&p), Some(&input), "").unwrap();
        let reply = format!(r#"{{"id":"s1","payment_id":"MOJO1","amount":{posing}}}"#);
        let e = check_settlement_reply(&sent, "MOJO1", &reply).unwrap_err();
        assert_eq!(e.code, Code::IdempotencyConflict, "{reply}");

        let status = format!(r#"{{"order_id":"o1","refunds":[{{"unique_request_id":"k1","amount":{posing}}}]}}"#);
        assert_ne!(earlier_refund(&refund("k1", "500"), &status), Some(Ok(())), "{status}");

        let reply = format!(r#"{{"order_id":"o1","amount":{posing}}}"#);
        assert_eq!(check_created_order(&order("500"), &reply).unwrap_err().code, Code::OrderConflict, "{reply}");
    }
    // The same fields as numbers are read.
    let listing = r#"[{"type":"CREDIT","submerchant_id":"u1","amount":500,"settlement_id":"s1"}]"#;
    assert_eq!(read_settlement_page(listing).map(|(items, _)| items.len()), Ok(1));
}
