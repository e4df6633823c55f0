//! Juspay's wire format, byte for byte, without a network: what `JuspayClient` sends for each
//! call, how splits are resolved and refused, and how replies and failures are read.
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use base64::Engine as _;
use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::proxy::http::Outcome;
use marketsplit::server::gateway::{camel_case_keys, is_transient, read_outcome, USER_AGENT};
use marketsplit::server::juspay::{
    check_return_url, check_unique_request_id, error_in_reply, error_message, map_order_reply, order_status_request,
    unique_request_id_from, CreateOrder, JuspayConfig, Refund, StatusQuery, PRODUCTION_URL, SANDBOX_URL,
};
use marketsplit::Paise;

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn config() -> JuspayConfig {
    JuspayConfig::new(Some("KEY123".into()), Some("shop_1".into()), None).unwrap()
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn basic() -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("KEY123:"))
}

/// `{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":6},...}` as URLSearchParams writes it.
const PLAN_METADATA: &str = "%7B%22mdr_borne_by%22%3A%22MARKETPLACE%22%2C%22marketplace%22%3A%7B%22amount%22%3A6%7D%2C\
%22vendor%22%3A%7B%22split%22%3A%5B%7B%22sub_mid%22%3A%22V1%22%2C%22amount%22%3A54%2C%22merchant_commission%22%3A6%7D%2C\
%7B%22sub_mid%22%3A%22V2%22%2C%22amount%22%3A40%2C%22merchant_commission%22%3A0%7D%5D%7D%7D";

fn split_input() -> Json {
    json(
        r#"{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"60","commission":{"percent":"10"}},{"subMid":"V2","amount":"40"}]}"#,
    )
}

fn plan() -> Json {
    marketsplit::contract::split::calculate_split_json(&split_input()).unwrap()
}

#[test]
fn config_needs_key_and_merchant_and_defaults_to_the_sandbox() {
    assert_eq!(config().base_url, SANDBOX_URL);
    let prod = JuspayConfig::new(Some("k".into()), Some("m".into()), Some(PRODUCTION_URL.into())).unwrap();
    assert_eq!(prod.base_url, "https://api.juspay.in");
    assert_eq!(JuspayConfig::new(None, Some("m".into()), None).unwrap_err().path, "apiKey");
    assert_eq!(JuspayConfig::new(Some("k".into()), Some(String::new()), None).unwrap_err().code, Code::MissingField);
    assert_eq!(config().authorization(), basic());
}

#[test]
fn create_order_is_a_form_post_with_the_documented_headers() {
    let input = json(r#"{"orderId":"o1","amount":"100","returnUrl":"https://shop.example/done","customer":"cust 1"}"#);
    let request = CreateOrder::from_json(Some(&input)).unwrap().request(&config());
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/orders");
    assert_eq!(request.url("https://sandbox.juspay.in/"), "https://sandbox.juspay.in/orders");
    assert_eq!(
        request.headers,
        headers(&[
            ("Authorization", &basic()),
            ("x-merchantid", "shop_1"),
            ("version", "2019-05-07"),
            ("Accept", "application/json"),
            ("x-routing-id", "cust 1"),
            ("User-Agent", USER_AGENT),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ])
    );
    assert_eq!(
        request.body.as_deref(),
        Some("order_id=o1&amount=100.00&currency=INR&customer_id=cust+1&return_url=https%3A%2F%2Fshop.example%2Fdone")
    );
}

#[test]
fn the_user_agent_names_this_crate_and_its_version() {
    assert_eq!(USER_AGENT, format!("marketsplit/{}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn without_a_customer_id_the_routing_id_is_the_merchant_id() {
    // Juspay asks for the same x-routing-id on every call about one customer; its MCP server
    // sends the merchant id when there is no customer.
    let input = json(r#"{"orderId":"o1","amount":1499.5,"customer":{"email":"a@b.in","phone":"98"}}"#);
    let request = CreateOrder::from_json(Some(&input)).unwrap().request(&config());
    assert_eq!(request.header("x-routing-id"), Some("shop_1"));
    assert_eq!(request.header("user-agent"), Some(USER_AGENT));
    assert_eq!(
        request.body.as_deref(),
        Some("order_id=o1&amount=1499.50&currency=INR&customer_email=a%40b.in&customer_phone=98")
    );
}

#[test]
fn a_split_input_is_computed_and_sent_flat_under_its_literal_key() {
    let input = Json::object([("orderId", Json::str("o1")), ("amount", Json::str("100.00")), ("split", split_input())]);
    let order = CreateOrder::from_json(Some(&input)).unwrap();
    let body = order.request(&config()).body.unwrap();
    assert_eq!(
        body,
        format!("order_id=o1&amount=100.00&currency=INR&metadata.split_settlement_details={PLAN_METADATA}")
    );
}

#[test]
fn a_split_plan_and_its_details_send_the_same_bytes() {
    let via_plan = Json::object([("orderId", Json::str("o1")), ("amount", Json::str("100")), ("split", plan())]);
    let details = plan().get("splitSettlementDetails").unwrap().clone();
    let via_details =
        Json::object([("orderId", Json::str("o1")), ("amount", Json::str("100")), ("split", details.clone())]);
    let via_text = Json::object([
        ("orderId", Json::str("o1")),
        ("amount", Json::str("100")),
        ("split", Json::str(details.to_text())),
    ]);
    let a = CreateOrder::from_json(Some(&via_plan)).unwrap().request(&config()).body;
    let b = CreateOrder::from_json(Some(&via_details)).unwrap().request(&config()).body;
    let c = CreateOrder::from_json(Some(&via_text)).unwrap().request(&config()).body;
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert!(a.unwrap().ends_with(PLAN_METADATA));
}

#[test]
fn numeric_text_in_details_is_sent_as_json_numbers() {
    let details = json(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":"20.00"},"vendor":{"split":[{"sub_mid":"V1","amount":"50","merchant_commission":"5"},{"sub_mid":"V2","amount":30,"merchant_commission":3,"extra":1}]}}"#,
    );
    let input = Json::object([("orderId", Json::str("o1")), ("amount", Json::str("100")), ("split", details)]);
    let order = CreateOrder::from_json(Some(&input)).unwrap();
    assert_eq!(
        order.split.unwrap().to_text(),
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":5},{"sub_mid":"V2","amount":30,"merchant_commission":3}]}}"#
    );
}

fn refused(input: Json) -> Vec<marketsplit::Error> {
    CreateOrder::from_json(Some(&input)).unwrap_err()
}

fn with_split(amount: &str, split: Json) -> Json {
    Json::object([("orderId", Json::str("o1")), ("amount", Json::str(amount)), ("split", split)])
}

fn set(value: &mut Json, path: &[&str], new: Json) {
    let mut at = value;
    for (i, key) in path.iter().enumerate() {
        let next = match at {
            Json::Object(members) => &mut members.iter_mut().find(|(k, _)| k == key).unwrap().1,
            Json::Array(items) => &mut items[key.parse::<usize>().unwrap()],
            _ => panic!("no {key}"),
        };
        if i + 1 == path.len() {
            *next = new;
            return;
        }
        at = next;
    }
}

#[test]
fn a_plan_whose_details_no_longer_sum_is_refused() {
    let mut tampered = plan();
    set(&mut tampered, &["splitSettlementDetails", "vendor", "split", "0", "amount"], Json::Number(64.0));
    let errors = refused(with_split("100", tampered));
    assert_eq!(errors[0].code, Code::SumMismatch);
    assert!(errors[0].path.starts_with("split.splitSettlementDetails"), "{:?}", errors[0]);
}

#[test]
fn a_plan_with_amounts_moved_between_vendors_is_refused_even_when_the_sum_holds() {
    let mut tampered = plan();
    set(&mut tampered, &["splitSettlementDetails", "vendor", "split", "0", "amount"], Json::Number(44.0));
    set(&mut tampered, &["splitSettlementDetails", "vendor", "split", "1", "amount"], Json::Number(50.0));
    let errors = refused(with_split("100", tampered));
    assert!(errors.iter().all(|e| e.code == Code::SumMismatch));
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"split.splitSettlementDetails.vendor.split[0].amount"), "{paths:?}");
    assert!(paths.contains(&"split.splitSettlementDetails.vendor.split[1].amount"), "{paths:?}");
}

#[test]
fn a_plan_with_a_lowered_commission_is_refused() {
    let mut tampered = plan();
    // The vendor's settled amount raised and the commission lowered in both places: the plan's
    // own gross no longer explains it.
    set(&mut tampered, &["vendors", "0", "amount"], Json::str("60.00"));
    set(&mut tampered, &["splitSettlementDetails", "vendor", "split", "0", "amount"], Json::Number(60.0));
    set(&mut tampered, &["splitSettlementDetails", "vendor", "split", "0", "merchant_commission"], Json::Number(0.0));
    set(&mut tampered, &["splitSettlementDetails", "marketplace", "amount"], Json::Number(0.0));
    let errors = refused(with_split("100", tampered));
    assert!(errors.iter().any(|e| e.code == Code::SumMismatch && e.path == "split.vendors[0].amount"), "{errors:?}");
}

#[test]
fn a_plan_for_another_amount_is_refused() {
    let errors = refused(with_split("90", plan()));
    assert_eq!(errors[0].code, Code::SumMismatch);
}

#[test]
fn a_split_input_for_another_amount_is_refused_and_a_missing_one_is_filled_in() {
    let errors = refused(with_split("90", split_input()));
    assert_eq!((errors[0].code.clone(), errors[0].path.as_str()), (Code::SumMismatch, "split.orderAmount"));
    let mut no_amount = split_input();
    if let Json::Object(m) = &mut no_amount {
        m.retain(|(k, _)| k != "orderAmount");
    }
    assert!(CreateOrder::from_json(Some(&with_split("100", no_amount))).is_ok());
}

#[test]
fn split_input_errors_carry_their_path_under_split() {
    let bad = json(r#"{"vendors":[{"subMid":"V1","amount":"60"},{"subMid":"V2","amount":"30"}]}"#);
    let errors = refused(with_split("100", bad));
    assert_eq!(errors[0].code, Code::SumMismatch);
    assert!(errors[0].path.starts_with("split"), "{:?}", errors[0]);
}

#[test]
fn raw_details_are_validated_with_every_problem_reported() {
    let details = json(
        r#"{"mdr_borne_by":"NOBODY","marketplace":{"amount":"x"},"vendor":{"split":[{"sub_mid":"","amount":1,"merchant_commission":0}]}}"#,
    );
    let errors = refused(with_split("100", details));
    let codes: Vec<Code> = errors.iter().map(|e| e.code.clone()).collect();
    assert!(codes.contains(&Code::InvalidMdrBorneBy), "{errors:?}");
    assert!(codes.contains(&Code::InvalidAmount), "{errors:?}");
    assert!(errors.iter().all(|e| e.path.starts_with("split")), "{errors:?}");
    let not_json = refused(with_split("100", Json::str("{nope")));
    assert_eq!(not_json[0].code, Code::InvalidJson);
    assert_eq!(refused(with_split("100", Json::Number(3.0)))[0].code, Code::InvalidType);
}

#[test]
fn create_order_input_is_checked_field_by_field() {
    let errors = refused(json(r#"{"amount":"1.001","returnUrl":"ftp://x"}"#));
    let found: Vec<(Code, &str)> = errors.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(
        found,
        vec![(Code::MissingField, "orderId"), (Code::TooManyDecimals, "amount"), (Code::InvalidReturnUrl, "returnUrl")]
    );
    assert_eq!(refused(json(r#"{"orderId":"o","amount":"0"}"#))[0].code, Code::InvalidAmount);
    assert_eq!(refused(Json::Array(vec![]))[0].code, Code::InvalidType);
    let bad_customer = refused(json(r#"{"orderId":"o","amount":"1","customer":true}"#));
    assert_eq!((bad_customer[0].code.clone(), bad_customer[0].path.as_str()), (Code::InvalidType, "customer"));
}

#[test]
fn return_urls_must_be_absolute_http_without_a_query() {
    for ok in ["http://shop.merchant.com/", "https://shop.example/pay/done", "HTTPS://x.in", "https://x.in:8443/a#frag"]
    {
        assert!(check_return_url(ok).is_ok(), "{ok}");
    }
    for bad in [
        "/relative",
        "shop.example/x",
        "ftp://x.in/",
        "https://",
        "https:///path",
        "https://x.in/?a=1",
        "https://x.in/a?",
        "javascript:alert(1)",
        "https://x .in/",
    ] {
        let e = check_return_url(bad).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidReturnUrl, "returnUrl"), "{bad}");
    }
}

#[test]
fn order_status_is_a_get_with_the_id_in_one_segment() {
    let request = order_status_request(&config(), "o/1?x", None);
    assert_eq!((request.method, request.path.as_str(), request.body.as_deref()), ("GET", "/orders/o%2F1%3Fx", None));
    assert!(request.header("content-type").is_none());
    assert_eq!(request.header("x-merchantid"), Some("shop_1"));
    assert_eq!(request.header("x-routing-id"), Some("shop_1"), "no customer: the merchant id");
    assert_eq!(request.header("user-agent"), Some(USER_AGENT));
}

#[test]
fn order_status_is_routed_by_the_customer_it_names() {
    let query = StatusQuery::from_json(Some(&Json::str("o1")), Some(&json(r#"{"customerId":"cust_9"}"#))).unwrap();
    let request = query.request(&config());
    assert_eq!((request.method, request.path.as_str()), ("GET", "/orders/o1"));
    assert_eq!(request.header("x-routing-id"), Some("cust_9"));
    let plain = StatusQuery::from_json(Some(&Json::str("o1")), None).unwrap();
    assert_eq!(plain.request(&config()).header("x-routing-id"), Some("shop_1"));
    let bad = StatusQuery::from_json(None, Some(&json(r#"{"customerId":true}"#))).unwrap_err();
    let found: Vec<(Code, &str)> = bad.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(found, vec![(Code::MissingField, "orderId"), (Code::InvalidType, "customerId")]);
    assert_eq!(
        StatusQuery::from_json(Some(&Json::str("o")), Some(&Json::str("x"))).unwrap_err()[0].code,
        Code::InvalidType
    );
}

#[test]
fn refund_sends_an_idempotency_key_generated_when_missing() {
    let r = Refund::from_json(Some(&Json::str("o1")), Some(&json(r#"{"amount":"10"}"#)), "gen-123").unwrap();
    let request = r.request(&config());
    assert_eq!((request.method, request.path.as_str()), ("POST", "/orders/o1/refunds"));
    assert_eq!(request.body.as_deref(), Some("unique_request_id=gen-123&amount=10.00"));
    let given =
        Refund::from_json(Some(&Json::str("o1")), Some(&json(r#"{"amount":10,"uniqueRequestId":"mine"}"#)), "gen")
            .unwrap();
    assert_eq!(given.unique_request_id, "mine");
}

#[test]
fn a_callers_refund_key_is_one_juspay_takes_or_is_refused_before_sending() {
    // Juspay's refund docs: a unique_request_id "less than 21 characters and alphanumeric".
    let key = |k: &str| {
        let input = Json::object([("amount", Json::str("10")), ("uniqueRequestId", Json::str(k))]);
        Refund::from_json(Some(&Json::str("o1")), Some(&input), "g")
    };
    for good in ["a", "K1", "abcdefghij0123456789", "ABCDEFGHIJKLMNOPQRST"] {
        assert_eq!(key(good).unwrap().unique_request_id, good);
    }
    for bad in ["abcdefghij01234567890", "rf_1", "k-1", "a b", "é", "k\u{0}", " ", &"k".repeat(4000)] {
        let errors = key(bad).unwrap_err();
        assert_eq!(
            (errors[0].code.clone(), errors[0].path.as_str()),
            (Code::InvalidOption, "uniqueRequestId"),
            "{bad:?}"
        );
        assert!(!errors[0].message.contains(bad) || bad.len() < 2, "the key is not quoted: {}", errors[0].message);
    }
    assert!(check_unique_request_id("").is_err());
}

#[test]
fn a_generated_refund_key_is_20_letters_and_digits_of_the_random_id() {
    let from_uuid = unique_request_id_from("0f8e2a4c-6b1d-4e3f-9a7b-5c2d8e1f0a93");
    assert_eq!(from_uuid, "4e3f9a7b5c2d8e1f0a93");
    assert!(check_unique_request_id(&from_uuid).is_ok());
    let from_hex = unique_request_id_from("18f3a2b4c5d0123456789abcdef0123456789ab");
    assert_eq!(from_hex.len(), 20);
    assert!(check_unique_request_id(&from_hex).is_ok());
    // Two UUIDs that differ only in their first 12 hex digits would collide; the last 20 hold the
    // random bits of a v4 UUID but its version nibble.
    assert_ne!(
        unique_request_id_from("00000000-0000-4000-8000-000000000001"),
        unique_request_id_from("00000000-0000-4000-8000-000000000002")
    );
}

#[test]
fn refund_is_routed_by_its_customer_else_the_merchant() {
    let routed = json(r#"{"amount":"10","customerId":"cust 7"}"#);
    let r = Refund::from_json(Some(&Json::str("o1")), Some(&routed), "g").unwrap().request(&config());
    assert_eq!(r.header("x-routing-id"), Some("cust 7"));
    assert_eq!(r.body.as_deref(), Some("unique_request_id=g&amount=10.00"), "customerId is a header, not a field");
    let plain = Refund::from_json(Some(&Json::str("o1")), Some(&json(r#"{"amount":"10"}"#)), "g").unwrap();
    assert_eq!(plain.request(&config()).header("x-routing-id"), Some("shop_1"));
    assert_eq!(plain.request(&config()).header("user-agent"), Some(USER_AGENT));
}

/// The refund metadata a request carries, decoded from its form body.
fn refund_metadata(input: &str) -> String {
    let r = Refund::from_json(Some(&Json::str("o1")), Some(&json(input)), "g").unwrap().request(&config());
    let fields = marketsplit::proxy::http::form_decode(r.body.as_deref().unwrap()).unwrap();
    fields.into_iter().find(|(k, _)| k == "metadata.split_settlement_details").unwrap().1
}

#[test]
fn a_refund_borne_by_the_marketplace_alone_sends_no_vendor_part() {
    // Juspay marks marketplace and vendor each "Conditional".
    assert_eq!(
        refund_metadata(r#"{"amount":"10","split":{"marketplace":"10"}}"#),
        r#"{"marketplace":{"refund_amount":10}}"#
    );
    assert_eq!(
        refund_metadata(
            r#"{"amount":"8","split":{"vendors":[{"subMid":"V1","amount":"5"},{"subMid":"V2","amount":"3"}]}}"#
        ),
        r#"{"vendor":{"split":[{"sub_mid":"V1","refund_amount":5},{"sub_mid":"V2","refund_amount":3}]}}"#,
        "an absent marketplace part is left out, not sent as 0"
    );
    let short = json(r#"{"amount":"10","split":{"marketplace":"9"}}"#);
    let errors = Refund::from_json(Some(&Json::str("o1")), Some(&short), "g").unwrap_err();
    assert_eq!((errors[0].code.clone(), errors[0].path.as_str()), (Code::SumMismatch, "split"));
    let neither = json(r#"{"amount":"10","split":{}}"#);
    assert_eq!(Refund::from_json(Some(&Json::str("o1")), Some(&neither), "g").unwrap_err()[0].code, Code::SumMismatch);
}

#[test]
fn refund_split_is_sent_as_juspay_refund_metadata() {
    let input = json(
        r#"{"amount":"10","uniqueRequestId":"u1","split":{"marketplace":"2","vendors":[{"subMid":"V1","amount":"5"},{"subMid":"V2","amount":3}]}}"#,
    );
    let request = Refund::from_json(Some(&Json::str("o1")), Some(&input), "g").unwrap().request(&config());
    // {"marketplace":{"refund_amount":2},"vendor":{"split":[{"sub_mid":"V1","refund_amount":5},{"sub_mid":"V2","refund_amount":3}]}}
    assert_eq!(
        request.body.as_deref(),
        Some(
            "unique_request_id=u1&amount=10.00&metadata.split_settlement_details=%7B%22marketplace%22%3A%7B%22refund_amount%22%3A2%7D%2C\
%22vendor%22%3A%7B%22split%22%3A%5B%7B%22sub_mid%22%3A%22V1%22%2C%22refund_amount%22%3A5%7D%2C%7B%22sub_mid%22%3A%22V2%22%2C\
%22refund_amount%22%3A3%7D%5D%7D%7D"
        )
    );
}

#[test]
fn a_refund_split_that_does_not_sum_is_refused() {
    let input =
        json(r#"{"amount":"10","split":{"vendors":[{"subMid":"V1","amount":"5"},{"subMid":"V2","amount":"4"}]}}"#);
    let errors = Refund::from_json(Some(&Json::str("o1")), Some(&input), "g").unwrap_err();
    assert_eq!((errors[0].code.clone(), errors[0].path.as_str()), (Code::SumMismatch, "split"));
    assert!(errors[0].message.contains("9.00") && errors[0].message.contains("10.00"), "{}", errors[0].message);
    let dup =
        json(r#"{"amount":"10","split":{"vendors":[{"subMid":"V1","amount":"5"},{"subMid":"V1","amount":"5"}]}}"#);
    assert_eq!(Refund::from_json(Some(&Json::str("o")), Some(&dup), "g").unwrap_err()[0].code, Code::DuplicateSubMid);
    let empty = json(r#"{"amount":"10","split":{"vendors":[]}}"#);
    assert_eq!(Refund::from_json(Some(&Json::str("o")), Some(&empty), "g").unwrap_err()[0].code, Code::EmptySplit);
    let no_id = Refund::from_json(None, Some(&json(r#"{"amount":"1"}"#)), "g").unwrap_err();
    assert_eq!((no_id[0].code.clone(), no_id[0].path.as_str()), (Code::MissingField, "orderId"));
}

#[test]
fn replies_are_camel_cased_with_a_numeric_status_id() {
    let reply = json(
        r#"{"id":"ord_1","order_id":"o1","status":"CREATED","status_id":"1","payment_links":{"web":"https://w","mobile":"https://m","iframe":"https://i"}}"#,
    );
    let mapped = map_order_reply(camel_case_keys(&reply));
    assert_eq!(
        mapped.to_text(),
        r#"{"id":"ord_1","orderId":"o1","status":"CREATED","statusId":1,"paymentLinks":{"web":"https://w","mobile":"https://m","iframe":"https://i"}}"#
    );
    let status = json(
        r#"{"order_id":"o1","status":"CHARGED","status_id":21,"amount":100.0,"txn_detail":{"gateway_id":7},"refunds":[{"unique_request_id":"u"}]}"#,
    );
    let mapped = map_order_reply(camel_case_keys(&status));
    assert_eq!(mapped.get("txnDetail").and_then(|t| t.get("gatewayId")), Some(&Json::Number(7.0)));
    assert_eq!(
        mapped.get("refunds").and_then(|r| r.as_array()).and_then(|r| r[0].get("uniqueRequestId")),
        Some(&Json::str("u"))
    );
}

fn reply(status: u16, body: &str) -> Outcome {
    Outcome::Reply { status, body: body.into() }
}

#[test]
fn gateway_failures_map_to_the_contract_codes_and_statuses() {
    let r = config().redactor();
    let read =
        |o: &Outcome| read_outcome("juspay.createOrder", "Juspay", o, Some(30_000), &r, error_message, error_in_reply);
    let auth = read(&reply(401, r#"{"error_message":"Invalid key KEY123"}"#)).unwrap_err();
    assert_eq!((auth.status, auth.error.code.clone()), (502, Code::GatewayAuth));
    assert!(!auth.error.message.contains("KEY123"));
    assert!(auth.error.message.starts_with("juspay.createOrder: "));
    let rejected = read(&reply(
        400,
        r#"{"status":"error","error_code":"BAD_REQUEST","error_message":"key KEY123 cannot be decoded"}"#,
    ))
    .unwrap_err();
    assert_eq!((rejected.status, rejected.error.code.clone()), (400, Code::GatewayRejected));
    assert_eq!(
        rejected.error.message,
        "juspay.createOrder: Juspay rejected the request (HTTP 400): BAD_REQUEST: key [redacted] cannot be decoded"
    );
    let conflict = read(&reply(409, "plain text S0VZMTIzOg==")).unwrap_err();
    assert_eq!(conflict.status, 409);
    assert!(conflict.error.message.ends_with("plain text [redacted]"), "{}", conflict.error.message);
    let down = read(&reply(503, "")).unwrap_err();
    assert_eq!((down.status, down.error.code.clone()), (502, Code::GatewayUnavailable));
    let timeout = read(&Outcome::Timeout).unwrap_err();
    assert_eq!((timeout.status, timeout.error.code.clone()), (504, Code::GatewayTimeout));
    assert!(timeout.error.message.contains("30000 ms"));
    let network = read(&Outcome::Network("connect ECONNREFUSED".into())).unwrap_err();
    assert_eq!((network.status, network.error.code), (502, Code::GatewayUnavailable));
    let garbage = read(&reply(200, "<html>")).unwrap_err();
    assert_eq!(garbage.error.code, Code::GatewayUnavailable);
    assert_eq!(read(&reply(200, r#"{"order_id":"o"}"#)).unwrap(), json(r#"{"order_id":"o"}"#));
}

#[test]
fn a_2xx_reply_whose_status_is_error_is_a_refusal_never_a_success() {
    let r = config().redactor();
    let read = |o: &Outcome| read_outcome("juspay.refund", "Juspay", o, None, &r, error_message, error_in_reply);
    for status in ["ERROR", "error", "Error", " error "] {
        let body = format!(
            r#"{{"status":"{status}","error_code":"invalid_request","error_message":"Refund amount exceeds for key KEY123"}}"#
        );
        let f = read(&reply(200, &body)).unwrap_err();
        assert_eq!((f.status, f.error.code.clone()), (502, Code::GatewayRejected), "{status}");
        assert!(
            f.error.message.starts_with("juspay.refund: Juspay rejected the request (HTTP 200"),
            "{}",
            f.error.message
        );
        assert!(
            f.error.message.ends_with("invalid_request: Refund amount exceeds for key [redacted]"),
            "{}",
            f.error.message
        );
    }
    let bare = read(&reply(201, r#"{"status":"ERROR"}"#)).unwrap_err();
    assert_eq!(bare.error.code, Code::GatewayRejected);
    // Order statuses are not errors, whatever they say.
    for ok in [r#"{"status":"CHARGED"}"#, r#"{"status":"AUTHORIZATION_FAILED"}"#, r#"{"status":"ERRORED"}"#, "[]"] {
        assert!(read(&reply(200, ok)).is_ok(), "{ok}");
    }
}

#[test]
fn only_timeouts_silence_and_5xx_are_worth_repeating() {
    assert!(is_transient(&Outcome::Timeout));
    assert!(is_transient(&Outcome::Network("x".into())));
    assert!(is_transient(&reply(500, "")));
    assert!(is_transient(&reply(503, "")));
    assert!(!is_transient(&reply(400, "")));
    assert!(!is_transient(&reply(401, "")));
    assert!(!is_transient(&reply(200, "{}")));
}

#[test]
fn amounts_in_the_form_are_two_decimal_text() {
    let order = CreateOrder::from_json(Some(&json(r#"{"orderId":"o","amount":0.5}"#))).unwrap();
    assert_eq!(order.amount, Paise(50));
    assert!(order.request(&config()).body.unwrap().contains("amount=0.50&"));
}

/// A 2xx body that is JSON but holds a lone surrogate escape is not read (as U+FFFD or at all):
/// two replies that differ only there would read as one.
#[test]
fn a_2xx_reply_with_a_lone_surrogate_is_not_read() {
    let r = config().redactor();
    let read = |o: &Outcome| read_outcome("juspay.orderStatus", "Juspay", o, None, &r, error_message, error_in_reply);
    let f = read(&reply(200, r#"{"order_id":"o\ud800","status":"CHARGED"}"#)).unwrap_err();
    assert_eq!((f.status, f.error.code.clone()), (502, Code::GatewayUnavailable), "{}", f.error.message);
    assert!(f.error.message.contains("lone UTF-16 surrogate"), "{}", f.error.message);
    // A well-formed pair is text like any other.
    assert!(read(&reply(200, r#"{"order_id":"o\ud83d\ude00","status":"CHARGED"}"#)).is_ok());
    // A status written twice is an error if either says so.
    let f = read(&reply(200, r#"{"status":"NEW","status":"ERROR","error_message":"refused"}"#)).unwrap_err();
    assert_eq!(f.error.code, Code::GatewayRejected);
}
