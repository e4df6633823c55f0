//! The proxy's trust boundary without a network: which requests its headers let through (413 from
//! Content-Length, 415, Origin), which operations are back-office and carry a key, what the browser
//! may say about a checkout, how the backend's record is read, and how the two are compared (409).
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::proxy::routes::Operation;
use marketsplit::server::back_office::check_back_office;
use marketsplit::server::checkout::{compare, juspay_order, payment_request, record_invalid, shown, Settlement};
use marketsplit::server::gateway::Failure;
use marketsplit::server::redact::Redactor;
use marketsplit::server::routes::{
    allowed_origin, check_content_length, check_content_type, check_origin, failure_reply, DEFAULT_MAX_BODY_BYTES,
};
use marketsplit::Paise;

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn code_of(body: &str) -> String {
    json(body).get("error").and_then(|e| e.get("code")).and_then(Json::as_str).unwrap().to_string()
}

const ORDER: Operation = Operation::JuspayCreateOrder;

#[test]
fn a_declared_length_over_the_limit_is_413_before_anything_is_read() {
    assert_eq!(DEFAULT_MAX_BODY_BYTES, 65_536);
    let r = check_content_length(ORDER, Some("65537"), DEFAULT_MAX_BODY_BYTES).unwrap_err();
    assert_eq!((r.status, code_of(&r.body)), (413, "PAYLOAD_TOO_LARGE".to_string()));
    for fine in [Some("65536"), Some(" 10 "), None, Some("not a number"), Some("-1")] {
        assert!(check_content_length(ORDER, fine, DEFAULT_MAX_BODY_BYTES).is_ok(), "{fine:?}");
    }
    assert!(check_content_length(ORDER, Some("18446744073709551616"), 100).is_ok(), "left to the bounded read");
}

#[test]
fn posts_must_be_json_and_gets_need_no_type() {
    for ok in
        ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8", " application/json "]
    {
        assert!(check_content_type(ORDER, Some(ok)).is_ok(), "{ok}");
    }
    for bad in [
        None,
        Some(""),
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/json-seq"),
        Some("text/json"),
    ] {
        let r = check_content_type(Operation::JuspayRefund, bad).unwrap_err();
        assert_eq!((r.status, code_of(&r.body)), (415, "UNSUPPORTED_MEDIA_TYPE".to_string()), "{bad:?}");
    }
    assert!(check_content_type(Operation::JuspayOrderStatus, None).is_ok());
}

#[test]
fn origins_are_listed_exactly_and_an_absent_one_is_not_foreign() {
    let allowed = vec![
        allowed_origin("https://Shop.example/", "a").unwrap(),
        allowed_origin("http://127.0.0.1:8080", "a").unwrap(),
    ];
    assert_eq!(allowed, ["https://shop.example", "http://127.0.0.1:8080"]);
    for ok in [Some("https://shop.example"), Some("HTTPS://SHOP.EXAMPLE"), Some("http://127.0.0.1:8080"), None] {
        assert!(check_origin(ORDER, ok, &allowed).is_ok(), "{ok:?}");
    }
    for bad in ["https://shop.example:444", "http://shop.example", "https://evil.example", "null", ""] {
        let r = check_origin(ORDER, Some(bad), &allowed).unwrap_err();
        assert_eq!((r.status, code_of(&r.body)), (403, "FORBIDDEN".to_string()), "{bad}");
    }
    for bad in ["*", "shop.example", "https://", "https://shop.example/pay", "ftp://shop.example", "https://a@b"] {
        let e = allowed_origin(bad, "allowedOrigins[2]").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidOption, "allowedOrigins[2]"), "{bad}");
    }
}

#[test]
fn back_office_operations_and_their_keys() {
    let back_office: Vec<_> = Operation::ALL.iter().filter(|o| o.is_back_office()).map(|o| o.name()).collect();
    assert_eq!(back_office, ["juspay.refund", "instamojo.settle", "instamojo.fulfil", "instamojo.refund"]);
    assert_eq!(Operation::JuspayRefund.idempotency_key(), Some("uniqueRequestId"));
    assert_eq!(Operation::InstamojoSettle.idempotency_key(), Some("id"));
    assert_eq!(Operation::InstamojoRefund.idempotency_key(), Some("transactionId"));
    assert_eq!(Operation::InstamojoFulfil.idempotency_key(), None);
    assert_eq!(Operation::JuspayCreateOrder.idempotency_key(), None);
}

#[test]
fn a_back_office_write_without_its_key_is_422_with_every_other_problem() {
    let f = check_back_office(Operation::JuspayRefund, Some("o1"), &json(r#"{"amount":"1.001"}"#)).unwrap_err();
    assert_eq!(f.status, 422);
    let found: Vec<_> = f.details.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(found, [(Code::MissingField, "uniqueRequestId"), (Code::TooManyDecimals, "amount")]);
    let f = check_back_office(
        Operation::InstamojoSettle,
        Some("p"),
        &json(r#"{"type":"CREDIT","subMerchantId":"V","amount":"1","id":""}"#),
    )
    .unwrap_err();
    assert_eq!((f.error.code, f.error.path.as_str()), (Code::MissingField, "id"));
    let f = check_back_office(
        Operation::InstamojoRefund,
        Some("p"),
        &json(r#"{"amount":"1","type":"RFD","body":"x","transactionId":7.5}"#),
    );
    assert!(f.is_ok(), "a number is an id as text is");
    let f = check_back_office(
        Operation::InstamojoRefund,
        Some("p"),
        &json(r#"{"amount":"1","type":"RFD","body":"x","transactionId":true}"#),
    )
    .unwrap_err();
    assert_eq!(
        f.details.iter().map(|e| e.code.clone()).collect::<Vec<_>>(),
        [Code::InvalidType],
        "reported once, as its type"
    );
    assert!(check_back_office(Operation::InstamojoFulfil, Some("p"), &json("{}")).is_ok());
    assert!(check_back_office(Operation::JuspayRefund, Some("o1"), &json(r#"{"amount":"1","uniqueRequestId":"k"}"#))
        .is_ok());
}

fn plan_for(amount: &str, v1: &str, v2: &str) -> Json {
    json(&format!(
        r#"{{"orderAmount":"{amount}","vendors":[{{"subMid":"V1","amount":"{v1}","commission":{{"percent":"10"}}}},{{"subMid":"V2","amount":"{v2}"}}]}}"#
    ))
}

#[test]
fn the_browser_says_which_order_and_what_its_page_showed() {
    let s = shown(ORDER, None, &json(r#"{"orderId":"o1","amount":"100","split":{"orderAmount":"100","vendors":[{"subMid":"V2","amount":"40"},{"subMid":"V1","amount":"60","commission":{"percent":"10"}}]}}"#)).unwrap();
    assert_eq!(s.order_id, "o1");
    assert_eq!(s.amount, Some(Paise(10_000)));
    assert_eq!(
        s.split,
        Some(Settlement {
            marketplace: Paise(600),
            vendors: vec![("V1".into(), Paise(5_400)), ("V2".into(), Paise(4_000))]
        })
    );
    // Without an amount, the split's own: a plan's orderAmount, details' sum.
    let s = shown(ORDER, None, &json(r#"{"orderId":"o1","split":{"mdr_borne_by":"ALL","marketplace":{"amount":6},"vendor":{"split":[{"sub_mid":"V1","amount":94,"merchant_commission":0}]}}}"#)).unwrap();
    assert_eq!(s.split.unwrap().marketplace, Paise(600));
    let f = shown(ORDER, None, &json(r#"{"orderId":"o1","split":{"vendors":[{"subMid":"V1","amount":"1"}]}}"#))
        .unwrap_err();
    assert_eq!((f.status, f.error.code, f.error.path.as_str()), (422, Code::MissingField, "amount"));
    // A split that does not add up on its own is the browser's bad input: 422, before any record.
    let f = shown(ORDER, None, &json(r#"{"orderId":"o1","amount":"100","split":{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"90"}]}}"#)).unwrap_err();
    assert_eq!((f.status, f.error.code), (422, Code::SumMismatch));
    let f = shown(ORDER, None, &json(r#"{"amount":"0"}"#)).unwrap_err();
    let found: Vec<_> = f.details.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(found, [(Code::MissingField, "orderId"), (Code::InvalidAmount, "amount")]);
    // Only the buyer's own details are kept of a payment request.
    let s = shown(
        Operation::InstamojoCreatePaymentRequest,
        None,
        &json(r#"{"orderId":"o2","purpose":"free","webhook":"https://evil","partnerFee":"0","buyerName":"Asha","email":"a@b.in"}"#),
    )
    .unwrap();
    assert_eq!(s.buyer, [("buyerName", "Asha".to_string()), ("email", "a@b.in".to_string())]);
    let s = shown(Operation::JuspayOrderStatus, Some("o 3"), &json("{}")).unwrap();
    assert_eq!(s.order_id, "o 3");
}

#[test]
fn the_record_alone_makes_the_order() {
    let record = json(
        r#"{"amount":"100","split":{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"60","commission":{"percent":"10"}},{"subMid":"V2","amount":"40"}]},"customer":"c1","returnUrl":"https://shop.example/r"}"#,
    );
    let order = juspay_order("o1", &record).unwrap();
    assert_eq!(
        (order.order_id.as_str(), order.amount, order.customer.id.as_deref()),
        ("o1", Paise(10_000), Some("c1"))
    );
    assert_eq!(order.return_url.as_deref(), Some("https://shop.example/r"));
    let errors = juspay_order(
        "o1",
        &json(r#"{"amount":"100","split":{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"90"}]}}"#),
    )
    .unwrap_err();
    let f = record_invalid(ORDER, "o1", &errors);
    assert_eq!((f.status, f.error.code.clone()), (500, Code::Internal));
    assert_eq!(
        f.error.message,
        "juspay.createOrder: the backend's order record for \"o1\" is not valid (split.vendors: SUM_MISMATCH); nothing was sent to the gateway"
    );
    assert!(juspay_order("o1", &json("[]")).is_err());

    let shown_pr =
        shown(Operation::InstamojoCreatePaymentRequest, None, &json(r#"{"orderId":"o2","phone":"9000000001"}"#))
            .unwrap();
    let (input, amount, user) = payment_request(
        &shown_pr,
        &json(r#"{"amount":"250","purpose":"Order 2","webhook":"https://shop.example/h","user":"seller"}"#),
    )
    .unwrap();
    assert_eq!(
        input,
        json(r#"{"amount":"250.00","purpose":"Order 2","webhook":"https://shop.example/h","phone":"9000000001"}"#)
    );
    assert_eq!((amount, user.as_deref()), (Paise(25_000), Some("seller")));
    let errors = payment_request(&shown_pr, &json(r#"{"amount":"250"}"#)).unwrap_err();
    assert_eq!(errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["purpose"]);
}

fn mismatch(f: Failure) -> (u16, Code, String, String) {
    (f.status, f.error.code, f.error.path, f.error.message)
}

#[test]
fn what_the_page_showed_must_be_the_record_or_nothing_is_sent() {
    let record = juspay_order("o1", &json(r#"{"amount":"100","split":{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"60","commission":{"percent":"10"}},{"subMid":"V2","amount":"40"}]}}"#)).unwrap();
    let check = |body: Json| {
        let s = shown(ORDER, None, &body).unwrap();
        compare(ORDER, &s, record.amount, record.split.as_ref())
    };
    let with = |amount: &str, split: Json| {
        Json::object([("orderId", Json::str("o1")), ("amount", Json::str(amount)), ("split", split)])
    };
    assert!(check(json(r#"{"orderId":"o1"}"#)).is_ok(), "what the page left out is not compared");
    assert!(check(with("100.00", plan_for("100", "60", "40"))).is_ok());
    // The same split in another form and order of vendors settles the same: accepted.
    assert!(check(json(r#"{"orderId":"o1","split":{"mdr_borne_by":"VENDOR","marketplace":{"amount":6},"vendor":{"split":[{"sub_mid":"V2","amount":40,"merchant_commission":0},{"sub_mid":"V1","amount":54,"merchant_commission":1}]}}}"#)).is_ok());

    let (status, code, path, message) = mismatch(check(json(r#"{"orderId":"o1","amount":"1"}"#)).unwrap_err());
    assert_eq!((status, code, path.as_str()), (409, Code::OrderMismatch, "amount"));
    assert_eq!(
        message,
        "juspay.createOrder: the page showed 1.00 but order \"o1\" is for 100.00; nothing was sent to the gateway"
    );
    let cases = [
        (plan_for("100", "50", "50"), "the marketplace gets 6.00 in order \"o1\", not 5.00 as the page showed"),
        (
            json(
                r#"{"mdr_borne_by":"ALL","marketplace":{"amount":6},"vendor":{"split":[{"sub_mid":"V1","amount":44,"merchant_commission":6},{"sub_mid":"V2","amount":50,"merchant_commission":0}]}}"#,
            ),
            "sub_mid \"V1\" gets 54.00 in order \"o1\", not 44.00 as the page showed",
        ),
        (
            json(r#"{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"60"},{"subMid":"V2","amount":"40"}]}"#),
            "the marketplace gets 6.00 in order \"o1\", not 0.00 as the page showed",
        ),
        (
            json(
                r#"{"orderAmount":"100","marketplaceAmount":"6","vendors":[{"subMid":"V1","amount":"54"},{"subMid":"X","amount":"40"}]}"#,
            ),
            "sub_mid \"X\" is not paid in order \"o1\"",
        ),
        (
            json(r#"{"orderAmount":"100","marketplaceAmount":"6","vendors":[{"subMid":"V1","amount":"94"}]}"#),
            "sub_mid \"V1\" gets 54.00 in order \"o1\", not 94.00 as the page showed",
        ),
        (
            json(r#"{"orderAmount":"100","marketplaceAmount":"46","vendors":[{"subMid":"V1","amount":"54"}]}"#),
            "the marketplace gets 6.00 in order \"o1\", not 46.00 as the page showed",
        ),
    ];
    for (split, why) in cases {
        let (status, code, path, message) = mismatch(check(with("100", split)).unwrap_err());
        assert_eq!((status, code, path.as_str()), (409, Code::OrderMismatch, "split"));
        assert_eq!(message, format!("juspay.createOrder: {why}; nothing was sent to the gateway"));
    }
    let part = json(
        r#"{"orderId":"o1","split":{"mdr_borne_by":"ALL","marketplace":{"amount":6},"vendor":{"split":[{"sub_mid":"V1","amount":54,"merchant_commission":6}]}}}"#,
    );
    let (_, _, path, message) = mismatch(check(part).unwrap_err());
    assert_eq!(path, "split");
    assert_eq!(message, "juspay.createOrder: order \"o1\" also pays sub_mid \"V2\", which the page did not show; nothing was sent to the gateway");
    let no_split = juspay_order("o9", &json(r#"{"amount":"100"}"#)).unwrap();
    let s = shown(ORDER, None, &with("100", plan_for("100", "60", "40"))).unwrap();
    let f = compare(ORDER, &s, no_split.amount, no_split.split.as_ref()).unwrap_err();
    assert_eq!(f.error.path, "split");
}

#[test]
fn a_mismatch_reply_names_its_path_in_errors() {
    let s = shown(ORDER, None, &json(r#"{"orderId":"o1","amount":"2"}"#)).unwrap();
    let r = failure_reply(&compare(ORDER, &s, Paise(100), None).unwrap_err(), &Redactor::default());
    assert_eq!(r.status, 409);
    assert_eq!(
        r.body,
        r#"{"error":{"code":"ORDER_MISMATCH","message":"juspay.createOrder: the page showed 2.00 but order \"o1\" is for 1.00; nothing was sent to the gateway"},"errors":[{"code":"ORDER_MISMATCH","path":"amount","message":"the page showed 2.00 but order \"o1\" is for 1.00; nothing was sent to the gateway"}]}"#
    );
}
