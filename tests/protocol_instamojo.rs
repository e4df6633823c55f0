//! Instamojo's Marketplace API wire format, byte for byte, and the token decisions, without a
//! network.
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::proxy::http::Outcome;
use marketsplit::server::gateway::{read_outcome, USER_AGENT};
use marketsplit::server::instamojo::{
    bank_account_request, error_in_reply, error_message, fulfil_request, list_settlements_request, next_page_path,
    payment_request_request, payment_request_user, read_settlement_page, read_token_reply, refund_request,
    settle_request, signup_request, InstamojoConfig, BANK_ACCOUNT_METHOD, SANDBOX_URL, SETTLEMENT_AMOUNT_FIELD,
    SETTLEMENT_ID_FIELD, SETTLEMENT_SUB_MERCHANT_FIELD, SETTLEMENT_TYPE_FIELD,
};
use marketsplit::server::tokens::{plan_renewal, Grant, Renewal, TokenKey, Tokens, REFRESH_MARGIN_MS};

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn config() -> InstamojoConfig {
    InstamojoConfig::new(Some("cid".into()), Some("s3cr3t/+".into()), None).unwrap()
}

const BEARER: [(&str, &str); 4] = [
    ("Authorization", "Bearer tok"),
    ("Accept", "application/json"),
    ("User-Agent", USER_AGENT),
    ("Content-Type", "application/x-www-form-urlencoded"),
];

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn config_needs_both_credentials_and_defaults_to_the_test_host() {
    assert_eq!(config().base_url, SANDBOX_URL);
    assert_eq!(SANDBOX_URL, "https://test.instamojo.com");
    assert_eq!(InstamojoConfig::new(Some("c".into()), None, None).unwrap_err().path, "clientSecret");
}

#[test]
fn the_three_grants_are_form_posts_to_the_token_endpoint() {
    let c = config();
    let app = c.token_request(&Grant::ClientCredentials);
    assert_eq!((app.method, app.path.as_str()), ("POST", "/oauth2/token/"));
    assert_eq!(
        app.headers,
        headers(&[
            ("Accept", "application/json"),
            ("User-Agent", USER_AGENT),
            ("Content-Type", "application/x-www-form-urlencoded")
        ])
    );
    assert_eq!(app.body.as_deref(), Some("grant_type=client_credentials&client_id=cid&client_secret=s3cr3t%2F%2B"));
    let user = c.token_request(&Grant::Password { username: "a@b.in".into(), password: "p w&".into() });
    assert_eq!(
        user.body.as_deref(),
        Some("grant_type=password&client_id=cid&client_secret=s3cr3t%2F%2B&username=a%40b.in&password=p+w%26")
    );
    let refresh = c.token_request(&Grant::Refresh { refresh_token: "r1".into() });
    assert_eq!(
        refresh.body.as_deref(),
        Some("grant_type=refresh_token&client_id=cid&client_secret=s3cr3t%2F%2B&refresh_token=r1")
    );
}

#[test]
fn token_replies_become_stored_tokens_with_an_absolute_expiry() {
    let t =
        read_token_reply(r#"{"access_token":"a","refresh_token":"r","expires_in":36000,"token_type":"Bearer"}"#, 1_000)
            .unwrap();
    assert_eq!(t, Tokens { access_token: "a".into(), refresh_token: Some("r".into()), expires_at: 36_001_000 });
    let app = read_token_reply(r#"{"access_token":"a","expires_in":"600"}"#, 0).unwrap();
    assert_eq!((app.refresh_token, app.expires_at), (None, 600_000));
    assert!(read_token_reply(r#"{"error":"invalid_client"}"#, 0).is_none());
    assert!(read_token_reply(r#"{"access_token":""}"#, 0).is_none());
}

#[test]
fn stored_tokens_round_trip_and_corrupt_entries_read_as_none() {
    let t = Tokens { access_token: "a".into(), refresh_token: None, expires_at: 1_700_000_000_000 };
    // The JS shape is the struct serialized (serde-wasm-bindgen in the binding, serde_json here).
    let text = serde_json::to_string(&t).unwrap();
    assert_eq!(text, r#"{"accessToken":"a","refreshToken":null,"expiresAt":1700000000000}"#);
    assert_eq!(Tokens::from_json(&json(&text)), Some(t));
    for bad in [
        r#"{}"#,
        r#"{"accessToken":5,"expiresAt":1}"#,
        r#"{"accessToken":"a"}"#,
        r#"{"accessToken":"a","expiresAt":"x"}"#,
        "[]",
    ] {
        assert_eq!(Tokens::from_json(&json(bad)), None, "{bad}");
    }
}

fn tokens(access: &str, refresh: Option<&str>, expires_at: i64) -> Tokens {
    Tokens { access_token: access.into(), refresh_token: refresh.map(str::to_string), expires_at }
}

#[test]
fn a_token_with_less_than_five_minutes_left_is_replaced() {
    let now = 10_000_000;
    let app = TokenKey::App;
    let alice = TokenKey::User("alice".into());
    let fresh = tokens("a1", Some("r1"), now + REFRESH_MARGIN_MS);
    let closing = tokens("a1", Some("r1"), now + REFRESH_MARGIN_MS - 1);
    assert_eq!(plan_renewal(&app, Some(&fresh), None, now), Renewal::Use(fresh.clone()));
    assert_eq!(plan_renewal(&app, Some(&closing), None, now), Renewal::Grant(Grant::ClientCredentials));
    assert_eq!(plan_renewal(&app, None, None, now), Renewal::Grant(Grant::ClientCredentials));
    assert_eq!(
        plan_renewal(&alice, Some(&closing), None, now),
        Renewal::Grant(Grant::Refresh { refresh_token: "r1".into() })
    );
    assert_eq!(plan_renewal(&alice, Some(&tokens("a1", None, 0)), None, now), Renewal::NeedLogin);
    assert_eq!(plan_renewal(&alice, None, None, now), Renewal::NeedLogin);
    assert_eq!(REFRESH_MARGIN_MS, 300_000);
}

#[test]
fn after_a_401_only_the_refused_token_is_renewed() {
    let now = 0;
    let stored = tokens("a2", Some("r2"), 36_000_000);
    let user = TokenKey::User("bob".into());
    // The stored token is the one refused: renew it.
    assert_eq!(
        plan_renewal(&user, Some(&stored), Some("a2"), now),
        Renewal::Grant(Grant::Refresh { refresh_token: "r2".into() })
    );
    // Someone renewed it meanwhile: use the stored one, no token request.
    assert_eq!(plan_renewal(&user, Some(&stored), Some("a1"), now), Renewal::Use(stored.clone()));
    assert_eq!(TokenKey::App.text(), "app");
    assert_eq!(user.text(), "user:bob");
}

#[test]
fn signup_sends_the_user_fields_with_the_application_token() {
    let r = signup_request(
        "tok",
        Some(&json(
            r#"{"email":"v@x.in","password":"Rand0m!","phone":"+919800000000","username":"vendor_7","referrer":"mkt"}"#,
        )),
    )
    .unwrap();
    assert_eq!((r.method, r.path.as_str()), ("POST", "/v2/users/"));
    assert_eq!(r.headers, headers(&BEARER));
    assert_eq!(
        r.body.as_deref(),
        Some("email=v%40x.in&password=Rand0m%21&phone=%2B919800000000&username=vendor_7&referrer=mkt")
    );
    let errors = signup_request("tok", Some(&json(r#"{"email":"v@x.in"}"#))).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["password", "phone", "username"]);
    assert!(errors.iter().all(|e| e.code == Code::MissingField));
}

#[test]
fn signup_usernames_are_at_most_35_characters() {
    let with = |username: &str| {
        let input = Json::object([
            ("email", Json::str("v@x.in")),
            ("password", Json::str("p")),
            ("phone", Json::str("98")),
            ("username", Json::str(username)),
        ]);
        signup_request("tok", Some(&input))
    };
    assert!(with(&"u".repeat(35)).is_ok());
    assert!(with(&"ü".repeat(35)).is_ok(), "characters, not bytes");
    let e = with(&"u".repeat(36)).unwrap_err();
    assert_eq!((e[0].code.clone(), e[0].path.as_str()), (Code::InvalidOption, "username"));
    assert_eq!(with("").unwrap_err()[0].code, Code::MissingField);
}

#[test]
fn bank_details_go_to_the_users_account_with_put() {
    let r = bank_account_request(
        "tok",
        Some(&Json::str("u 1")),
        Some(&json(r#"{"accountHolderName":"A B","accountNumber":"0012","ifscCode":"HDFC0000001"}"#)),
    )
    .unwrap();
    assert_eq!((r.method, r.path.as_str()), ("PUT", "/v2/users/u%201/inrbankaccount/"));
    assert_eq!(BANK_ACCOUNT_METHOD, "PUT", "Instamojo's Postman collection");
    assert_eq!(r.body.as_deref(), Some("account_holder_name=A+B&account_number=0012&ifsc_code=HDFC0000001"));
    let errors = bank_account_request("tok", None, Some(&json("{}"))).unwrap_err();
    assert_eq!(errors.len(), 4);
    let limits = Json::object([
        ("accountHolderName", Json::str("n".repeat(101))),
        ("accountNumber", Json::str("0012-34")),
        ("ifscCode", Json::str("HDFC0000001")),
    ]);
    let over = bank_account_request("tok", Some(&Json::str("u")), Some(&limits)).unwrap_err();
    let found: Vec<(Code, &str)> = over.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(found, vec![(Code::InvalidOption, "accountHolderName"), (Code::InvalidOption, "accountNumber")]);
    let long_number = Json::object([
        ("accountHolderName", Json::str("A")),
        ("accountNumber", Json::str("1".repeat(51))),
        ("ifscCode", Json::str("HDFC0000001")),
    ]);
    assert_eq!(
        bank_account_request("tok", Some(&Json::str("u")), Some(&long_number)).unwrap_err()[0].path,
        "accountNumber"
    );
    assert_eq!((errors[0].code.clone(), errors[0].path.as_str()), (Code::MissingField, "userId"));
}

#[test]
fn payment_requests_map_every_field() {
    let input = json(
        r#"{"amount":"499.5","purpose":"Order #7","buyerName":"Asha","email":"a@x.in","phone":"98","redirectUrl":"https://s.in/r","webhook":"https://s.in/w","allowRepeatedPayments":false,"sendEmail":true,"sendSms":false,"partnerFeeType":"percent","partnerFee":"10","markFulfilled":false}"#,
    );
    let r = payment_request_request("tok", Some(&input)).unwrap();
    assert_eq!((r.method, r.path.as_str()), ("POST", "/v2/payment_requests/"));
    assert_eq!(
        r.body.as_deref(),
        Some(
            "amount=499.50&purpose=Order+%237&buyer_name=Asha&email=a%40x.in&phone=98&redirect_url=https%3A%2F%2Fs.in%2Fr\
&webhook=https%3A%2F%2Fs.in%2Fw&allow_repeated_payments=false&send_email=true&send_sms=false&partner_fee_type=percent\
&partner_fee=10.00&mark_fulfilled=false"
        )
    );
    let minimal = payment_request_request("tok", Some(&json(r#"{"amount":10,"purpose":"p"}"#))).unwrap();
    assert_eq!(minimal.body.as_deref(), Some("amount=10.00&purpose=p"));
    for (amount, ok) in [("9", true), ("200000", true), ("8.99", false), ("200000.01", false)] {
        let input = Json::object([("amount", Json::str(amount)), ("purpose", Json::str("p"))]);
        let result = payment_request_request("tok", Some(&input));
        assert_eq!(result.is_ok(), ok, "{amount}");
        if let Err(e) = result {
            assert_eq!((e[0].code.clone(), e[0].path.as_str()), (Code::InvalidAmount, "amount"));
        }
    }
    let bad = payment_request_request("tok", Some(&json(r#"{"amount":"-1","sendSms":"yes","partnerFeeType":"all"}"#)))
        .unwrap_err();
    let found: Vec<(Code, &str)> = bad.iter().map(|e| (e.code.clone(), e.path.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (Code::NegativeAmount, "amount"),
            (Code::MissingField, "purpose"),
            (Code::InvalidType, "sendSms"),
            (Code::InvalidOption, "partnerFeeType")
        ]
    );
}

#[test]
fn settlements_carry_an_id_generated_when_missing() {
    let input = json(r#"{"type":"CREDIT","subMerchantId":"u_42","amount":"60"}"#);
    let r = settle_request("tok", Some(&Json::str("MOJO123")), Some(&input), "gen-1").unwrap();
    assert_eq!((r.method, r.path.as_str()), ("POST", "/v2/payments/MOJO123/settlements/"));
    let expected = format!(
        "{SETTLEMENT_ID_FIELD}=gen-1&{SETTLEMENT_TYPE_FIELD}=CREDIT&{SETTLEMENT_SUB_MERCHANT_FIELD}=u_42&{SETTLEMENT_AMOUNT_FIELD}=60.00"
    );
    assert_eq!(r.body.as_deref(), Some(expected.as_str()));
    let given = json(r#"{"type":"DEBIT","subMerchantId":"u_42","amount":"1","id":"s-9"}"#);
    let r = settle_request("tok", Some(&Json::str("MOJO123")), Some(&given), "gen-2").unwrap();
    assert!(r.body.unwrap().starts_with(&format!("{SETTLEMENT_ID_FIELD}=s-9&")));
    let bad = settle_request("tok", Some(&Json::str("p")), Some(&json(r#"{"type":"credit","amount":"0"}"#)), "g")
        .unwrap_err();
    let codes: Vec<Code> = bad.iter().map(|e| e.code.clone()).collect();
    assert_eq!(codes, vec![Code::InvalidOption, Code::MissingField, Code::InvalidAmount]);
}

#[test]
fn fulfil_is_a_bodiless_post() {
    let r = fulfil_request("tok", Some(&Json::str("MOJO1"))).unwrap();
    assert_eq!((r.method, r.path.as_str(), r.body.as_deref()), ("POST", "/v2/payments/MOJO1/fulfil/", None));
    assert_eq!(r.headers, headers(&BEARER[..3]));
    assert_eq!(fulfil_request("tok", Some(&Json::str(""))).unwrap_err()[0].code, Code::MissingField);
}

#[test]
fn refunds_carry_a_transaction_id_generated_when_missing() {
    let input = json(r#"{"amount":"50","type":"QFL","body":"damaged item"}"#);
    let r = refund_request("tok", Some(&Json::str("MOJO1")), Some(&input), "tx-gen").unwrap();
    assert_eq!((r.method, r.path.as_str()), ("POST", "/v2/payments/MOJO1/refund/"));
    assert_eq!(r.body.as_deref(), Some("transaction_id=tx-gen&type=QFL&body=damaged+item&refund_amount=50.00"));
    let given = json(r#"{"amount":"50","type":"RFD","body":"x","transactionId":"t1"}"#);
    assert!(refund_request("tok", Some(&Json::str("M")), Some(&given), "g")
        .unwrap()
        .body
        .unwrap()
        .starts_with("transaction_id=t1&"));
    let bad = refund_request("tok", Some(&Json::str("M")), Some(&json(r#"{"amount":"50","type":"REFUND"}"#)), "g")
        .unwrap_err();
    assert_eq!((bad[0].code.clone(), bad[0].path.as_str()), (Code::InvalidOption, "type"));
    assert_eq!(bad[1].path, "body");
}

#[test]
fn instamojo_error_bodies_are_quoted_redacted() {
    assert_eq!(
        error_message(r#"{"success":false,"message":"Payment not found"}"#, &config().redactor()).as_deref(),
        Some("Payment not found")
    );
    assert_eq!(
        error_message(r#"{"error":"invalid_grant","error_description":"Bad refresh"}"#, &config().redactor())
            .as_deref(),
        Some("Bad refresh")
    );
    assert_eq!(
        error_message(
            r#"{"success":false,"amount":["Ensure this value is at least 9."],"purpose":"required"}"#,
            &config().redactor()
        )
        .as_deref(),
        Some("amount: Ensure this value is at least 9.; purpose: required")
    );
    let mut r = config().redactor();
    r.add("tok-abc");
    let outcome =
        Outcome::Reply { status: 400, body: r#"{"message":"token tok-abc with secret s3cr3t%2F%2B refused"}"#.into() };
    let f =
        read_outcome("instamojo.refund", "Instamojo", &outcome, None, &r, error_message, error_in_reply).unwrap_err();
    assert_eq!(
        f.error.message,
        "instamojo.refund: Instamojo rejected the request (HTTP 400): token [redacted] with secret [redacted] refused"
    );
}

#[test]
fn a_2xx_reply_with_success_false_is_a_refusal_never_a_success() {
    let mut r = config().redactor();
    r.add("tok-abc");
    let read = |status: u16, body: &str| {
        let outcome = Outcome::Reply { status, body: body.into() };
        read_outcome("instamojo.settle", "Instamojo", &outcome, None, &r, error_message, error_in_reply)
    };
    let f = read(200, r#"{"success":false,"message":"Settlement refused for tok-abc"}"#).unwrap_err();
    assert_eq!((f.status, f.error.code.clone()), (502, Code::GatewayRejected));
    assert_eq!(
        f.error.message,
        "instamojo.settle: Instamojo rejected the request (HTTP 200 with an error in its body): Settlement refused for [redacted]"
    );
    let fields = read(201, r#"{"success":false,"amount":["Ensure this value is at least 9."]}"#).unwrap_err();
    assert!(fields.error.message.ends_with("amount: Ensure this value is at least 9."), "{}", fields.error.message);
    for ok in [r#"{"success":true,"id":"x"}"#, r#"{"id":"x"}"#, r#"{"success":"false"}"#, "[]"] {
        assert!(read(200, ok).is_ok(), "{ok}");
    }
}

#[test]
fn payment_requests_use_the_calls_user_else_the_clients_else_are_refused() {
    assert_eq!(payment_request_user(Some("seller".into()), Some("mkt")).unwrap(), "seller");
    assert_eq!(payment_request_user(None, Some("mkt")).unwrap(), "mkt");
    let e = payment_request_user(None, None).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidOption, "user"));
}

#[test]
fn settlements_are_listed_with_a_get_on_the_payments_settlements() {
    let r = list_settlements_request("tok", Some(&Json::str("MOJO 1"))).unwrap();
    assert_eq!((r.method, r.path.as_str(), r.body.as_deref()), ("GET", "/v2/payments/MOJO%201/settlements/", None));
    assert_eq!(r.headers, headers(&BEARER[..3]));
    assert_eq!(list_settlements_request("tok", None).unwrap_err()[0].code, Code::MissingField);
}

#[test]
fn a_settlement_listing_is_read_exactly_or_refused_whole() {
    let page = r#"{"count":3,"next":"https://api.instamojo.com/v2/payments/M/settlements/?page=2","results":[
        {"settlement_id":"s1","type":"CREDIT","submerchant_id":"u1","amount":"60.50"},
        {"id":"s2","type":"debit","submerchant":"u2","amount":5},
        {"type":"CREDIT","user":"u3","amount":"0.01"}]}"#;
    let (items, next) = read_settlement_page(page).unwrap();
    assert_eq!(
        Json::Array(items).to_text(),
        r#"[{"type":"CREDIT","subMerchantId":"u1","amount":"60.50","id":"s1"},{"type":"DEBIT","subMerchantId":"u2","amount":"5.00","id":"s2"},{"type":"CREDIT","subMerchantId":"u3","amount":"0.01"}]"#
    );
    assert_eq!(next.as_deref(), Some("https://api.instamojo.com/v2/payments/M/settlements/?page=2"));
    let (bare, none) = read_settlement_page(r#"[]"#).unwrap();
    assert!(bare.is_empty() && none.is_none());
    let (wrapped, _) =
        read_settlement_page(r#"{"settlements":[{"type":"CREDIT","submerchant_id":"u","amount":"1"}],"next":null}"#)
            .unwrap();
    assert_eq!(wrapped.len(), 1);
    for bad in [
        r#"{"message":"ok"}"#,
        r#"[{"type":"REFUND","submerchant_id":"u","amount":"1"}]"#,
        r#"[{"type":"CREDIT","amount":"1"}]"#,
        r#"[{"type":"CREDIT","submerchant_id":"u","amount":"1.001"}]"#,
        r#"[{"type":"CREDIT","submerchant_id":"u","amount":"0"}]"#,
        r#"[{"type":"CREDIT","submerchant_id":"u","amount":"1"},{"type":"CREDIT","submerchant_id":"u"}]"#,
    ] {
        assert!(read_settlement_page(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_listings_next_page_is_followed_only_under_the_base_url() {
    let base = "https://api.instamojo.com";
    assert_eq!(
        next_page_path("https://api.instamojo.com/v2/payments/M/settlements/?page=2", base).as_deref(),
        Some("/v2/payments/M/settlements/?page=2")
    );
    assert_eq!(
        next_page_path("/v2/payments/M/settlements/?page=3", "https://api.instamojo.com/").as_deref(),
        Some("/v2/payments/M/settlements/?page=3")
    );
    for elsewhere in [
        "https://evil.example/v2/payments/M/settlements/?page=2",
        "https://api.instamojo.com.evil.example/x",
        "https://api.instamojo.com@evil.example/x",
        "//evil.example/x",
        "http://api.instamojo.com/v2/",
        "page=2",
    ] {
        assert_eq!(next_page_path(elsewhere, base), None, "{elsewhere}");
    }
}

/// `success` written twice: the reply reports an error if either says `false` (reading only the
/// first would take a refusal for a success).
#[test]
fn a_2xx_reply_with_success_false_anywhere_is_a_refusal() {
    let r = config().redactor();
    let read = |body: &str| {
        let outcome = Outcome::Reply { status: 200, body: body.into() };
        read_outcome("instamojo.settle", "Instamojo", &outcome, None, &r, error_message, error_in_reply)
    };
    let f = read(r#"{"success":true,"success":false,"message":"Settlement refused"}"#).unwrap_err();
    assert_eq!((f.status, f.error.code.clone()), (502, Code::GatewayRejected));
    assert!(f.error.message.ends_with("Settlement refused"), "{}", f.error.message);
    assert!(read(r#"{"success":true,"id":"s1"}"#).is_ok());
}

/// Attack: an error body of 100,000 tiny field errors (`{"k0":["x"],…}`, 1.5 MB). Each key and
/// message is redacted on its own, and each redaction built the set of the secrets' 8-character
/// runs again: 11.7 s natively (release) for one reply. The set is built once per redactor.
#[test]
fn an_error_body_of_many_tiny_fields_is_quoted_in_linear_time() {
    use marketsplit::server::redact::Redactor;
    let tokens: Vec<String> = (0..4).map(|i| format!("tok_{i:04}_abcdefghijklmnop")).collect();
    let redactor = Redactor::new(["jp_SECRET_key_5d1f0c9a7e3b", "im_SECRET_client_8c4a6f2d1e9b"]).with(tokens.iter());
    let fields: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":[\"x\"]")).collect();
    let body = format!("{{{},\"last\":[\"tok_0003_abcdefghijklmnop\"]}}", fields.join(","));
    let started = std::time::Instant::now();
    let message = marketsplit::server::instamojo::error_message(&body, &redactor).unwrap_or_default();
    let took = started.elapsed();
    assert!(message.starts_with("k0: x; k1: x") && message.ends_with("last: [redacted]"), "{}", &message[..40]);
    assert!(took < std::time::Duration::from_secs(2), "{} bytes quoted in {took:?}", body.len());
}
