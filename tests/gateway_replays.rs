//! What a gateway answers to a repeated write, read back without a network: an order id that
//! exists (`ORDER_CONFLICT` when its amount differs), and an idempotency key spent on another
//! operation (`IDEMPOTENCY_CONFLICT`), for Juspay refunds, Instamojo settlements and refunds.
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::server::instamojo::{check_refund_reply, check_settlement_reply, refund_request, settle_request};
use marketsplit::server::juspay::{check_created_order, earlier_refund, is_duplicate_call, CreateOrder, Refund};

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn order(amount: &str) -> CreateOrder {
    CreateOrder::from_json(Some(&json(&format!(r#"{{"orderId":"o1","amount":"{amount}"}}"#)))).unwrap()
}

#[test]
fn an_existing_order_of_another_amount_is_a_conflict() {
    // Juspay's create reply has no amount; an existing order's status reply has one.
    assert!(check_created_order(
        &order("1000"),
        &json(r#"{"id":"x","order_id":"o1","status":"CREATED","status_id":1}"#)
    )
    .is_ok());
    assert!(check_created_order(&order("1000"), &json(r#"{"order_id":"o1","status":"NEW","amount":1000.0}"#)).is_ok());
    assert!(check_created_order(&order("1000.50"), &json(r#"{"order_id":"o1","amount":"1000.5"}"#)).is_ok());
    let e = check_created_order(&order("1000"), &json(r#"{"order_id":"o1","status":"NEW","amount":1}"#)).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::OrderConflict, "orderId"));
    assert_eq!(
        e.message,
        "order \"o1\" already exists at Juspay for 1.00, not 1000.00: someone created that id first; use another orderId"
    );
    let e = check_created_order(&order("1000"), &json(r#"{"amount":"a lot"}"#)).unwrap_err();
    assert_eq!(e.code, Code::OrderConflict, "an amount that cannot be read is not the one asked for");
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

    let status = json(
        r#"{"order_id":"o1","refunds":[{"unique_request_id":"k1","amount":10.0},{"unique_request_id":"k2","amount":"40"}]}"#,
    );
    assert_eq!(earlier_refund(&refund("k1", "10"), &status), Some(Ok(())));
    assert_eq!(earlier_refund(&refund("k3", "10"), &status), None);
    assert_eq!(earlier_refund(&refund("k1", "10"), &json(r#"{"order_id":"o1"}"#)), None);
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
    let same = json(r#"{"id":"s1","payment_id":"MOJO1","type":"CREDIT","submerchant":"u1","amount":"10.00"}"#);
    assert!(check_settlement_reply(&sent, "MOJO1", &same).is_ok());
    assert!(
        check_settlement_reply(&sent, "MOJO1", &json(r#"{"id":"s1"}"#)).is_ok(),
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
        let e = check_settlement_reply(&sent, "MOJO1", &json(reply)).unwrap_err();
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
    let reply = |refund: &str| json(&format!(r#"{{"success":true,"refund":{refund}}}"#));
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
