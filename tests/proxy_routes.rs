//! The proxy's wire without a network: the shared route table, what `ProxyClient` sends and how it
//! reads the backend's answers, and (feature `server`) the handler's decisions and redaction.
#![cfg(not(target_arch = "wasm32"))]

use marketsplit::error::Code;
use marketsplit::json::Json;
use marketsplit::proxy::options::check_option_keys;
use marketsplit::proxy::routes::{route, Operation, RouteMatch};

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn found(operation: Operation, id: Option<&str>) -> RouteMatch {
    RouteMatch::Found { operation, id: id.map(str::to_string) }
}

#[test]
fn every_operation_has_the_contract_route() {
    let table = [
        (Operation::JuspayCreateOrder, "POST", "/juspay/orders", "juspay.createOrder"),
        (Operation::JuspayOrderStatus, "GET", "/juspay/orders/o1", "juspay.orderStatus"),
        (Operation::JuspayRefund, "POST", "/juspay/orders/o1/refunds", "juspay.refund"),
        (
            Operation::InstamojoCreatePaymentRequest,
            "POST",
            "/instamojo/payment-requests",
            "instamojo.createPaymentRequest",
        ),
        (Operation::InstamojoSettle, "POST", "/instamojo/payments/o1/settlements", "instamojo.settle"),
        (Operation::InstamojoFulfil, "POST", "/instamojo/payments/o1/fulfil", "instamojo.fulfil"),
        (Operation::InstamojoRefund, "POST", "/instamojo/payments/o1/refunds", "instamojo.refund"),
    ];
    for (op, method, path, name) in table {
        let id = op.takes_id().then_some("o1");
        assert_eq!(op.path(id, "id").unwrap(), path);
        assert_eq!((op.method(), op.name()), (method, name));
        assert_eq!(route("/", method, path), found(op, id), "{path}");
        assert_eq!(route("", &method.to_lowercase(), path), found(op, id), "{path}");
    }
}

#[test]
fn routes_live_under_the_base_path() {
    assert_eq!(route("/api/pay", "POST", "/api/pay/juspay/orders"), found(Operation::JuspayCreateOrder, None));
    assert_eq!(route("api/pay/", "POST", "/api/pay/juspay/orders"), found(Operation::JuspayCreateOrder, None));
    assert_eq!(route("/api/pay", "POST", "/juspay/orders"), RouteMatch::NotFound);
    assert_eq!(route("/api/pay", "POST", "/api/payments/juspay/orders"), RouteMatch::NotFound);
    assert_eq!(route("/", "GET", "/"), RouteMatch::NotFound);
    assert_eq!(route("/", "GET", "/juspay/orders/o1/extra"), RouteMatch::NotFound);
}

#[test]
fn only_the_spelling_proxy_client_writes_is_a_route() {
    // Fixed segments match as written: percent-encoded letters are another path, as a guard in
    // front of the handler that matches paths as written would read them.
    for path in [
        "/juspay/orders/o1/%72efunds",
        "/%6Auspay/orders/o1/refunds",
        "/juspay/%6Frders",
        "/instamojo/payments/p1/%66ulfil",
        "/JUSPAY/orders",
    ] {
        assert_eq!(route("/", "POST", path), RouteMatch::NotFound, "{path}");
    }
    assert_eq!(route("/api", "POST", "/%61pi/juspay/orders"), RouteMatch::NotFound);
    // No empty segment: doubled slashes, a trailing slash, an empty id.
    for path in [
        "/juspay//orders",
        "//juspay/orders",
        "/juspay/orders/",
        "/juspay/orders/o1//refunds",
        "/juspay/orders//refunds",
    ] {
        assert_eq!(route("/", "POST", path), RouteMatch::NotFound, "{path}");
    }
    assert_eq!(route("/api", "POST", "/api//juspay/orders"), RouteMatch::NotFound);
    assert_eq!(route("/", "GET", "/juspay/orders/"), RouteMatch::NotFound);
    // The id alone is the browser's to encode, and is decoded.
    assert_eq!(route("/", "POST", "/juspay/orders/%72efunds/refunds"), found(Operation::JuspayRefund, Some("refunds")));
    assert_eq!(route("/", "GET", "/juspay/orders/o%2F1"), found(Operation::JuspayOrderStatus, Some("o/1")));
}

#[test]
fn a_known_path_with_the_wrong_method_is_405_not_404() {
    assert_eq!(route("/", "GET", "/juspay/orders"), RouteMatch::WrongMethod { allowed: vec!["POST"] });
    assert_eq!(route("/", "DELETE", "/juspay/orders/o1"), RouteMatch::WrongMethod { allowed: vec!["GET"] });
    assert_eq!(route("/", "GET", "/instamojo/payments/p/fulfil"), RouteMatch::WrongMethod { allowed: vec!["POST"] });
}

#[test]
fn ids_are_encoded_into_one_segment_and_decoded_back() {
    let path = Operation::JuspayRefund.path(Some("a/b c?"), "orderId").unwrap();
    assert_eq!(path, "/juspay/orders/a%2Fb%20c%3F/refunds");
    assert_eq!(route("/", "POST", &path), found(Operation::JuspayRefund, Some("a/b c?")));
    assert_eq!(route("/", "GET", "/juspay/orders/%ff"), RouteMatch::NotFound);
    let e = Operation::InstamojoFulfil.path(Some(""), "paymentId").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::MissingField, "paymentId"));
}

#[test]
fn the_client_refuses_secret_options() {
    // ProxyClient's options (src/js/proxy_client.js refuses others the same way).
    const OPTION_KEYS: [&str; 4] = ["baseUrl", "headers", "timeoutMs", "fetch"];
    assert!(check_option_keys(["baseUrl", "headers", "timeoutMs", "fetch"], &OPTION_KEYS, "ProxyClient").is_ok());
    for key in ["apiKey", "clientSecret", "merchantId"] {
        let e = check_option_keys(["baseUrl", key], &OPTION_KEYS, "ProxyClient").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidOption, key));
    }
}

#[cfg(feature = "server")]
mod server_side {
    use super::json;
    use marketsplit::error::{Code, Error};
    use marketsplit::json::Json;
    use marketsplit::proxy::routes::Operation;
    use marketsplit::server::gateway::Failure;
    use marketsplit::server::redact::Redactor;
    use marketsplit::server::routes::{failure_reply, not_configured, read_body, select, Reply};

    #[test]
    fn unknown_routes_and_methods_answer_404_and_405() {
        let e = select("/", "GET", "/nope").unwrap_err();
        assert_eq!(e.status, 404);
        assert_eq!(json(&e.body).get("error").and_then(|x| x.get("code")), Some(&Json::str("NOT_FOUND")));
        let e = select("/api", "PATCH", "/api/juspay/orders/o1").unwrap_err();
        assert_eq!(e.status, 405);
        assert!(e.headers.contains(&("allow".to_string(), "GET".to_string())));
        assert!(e.headers.contains(&("cache-control".to_string(), "no-store".to_string())));
        let ok = Reply::success(&Json::object([("orderId", Json::str("o1"))]));
        assert!(ok.headers.contains(&("cache-control".to_string(), "no-store".to_string())), "{:?}", ok.headers);
        assert_eq!(json(&e.body).get("error").and_then(|x| x.get("code")), Some(&Json::str("METHOD_NOT_ALLOWED")));
        assert_eq!(
            select("/api", "GET", "/api/juspay/orders/o1").unwrap(),
            (Operation::JuspayOrderStatus, Some("o1".into()))
        );
        let r = not_configured(Operation::InstamojoSettle);
        assert_eq!(
            (r.status, json(&r.body).get("error").and_then(|x| x.get("code")).cloned()),
            (501, Some(Json::str("NOT_CONFIGURED")))
        );
    }

    #[test]
    fn a_body_must_be_a_json_object() {
        for bad in ["", "[1]", "\"x\"", "{", "null"] {
            let r = read_body(Operation::JuspayCreateOrder, bad).unwrap_err();
            assert_eq!(r.status, 400, "{bad:?}");
            assert_eq!(json(&r.body).get("error").and_then(|x| x.get("code")), Some(&Json::str("INVALID_JSON")));
        }
        assert_eq!(read_body(Operation::JuspayCreateOrder, r#"{"a":1}"#).unwrap(), json(r#"{"a":1}"#));
        // A lone surrogate is JSON whose text no id can hold: 422 at the string's path, as a
        // validation failure lists its problems, so the client names the field.
        let r = read_body(Operation::JuspayRefund, r#"{"amount":"1.00","uniqueRequestId":"r\ud800"}"#).unwrap_err();
        assert_eq!(r.status, 422);
        let body = json(&r.body);
        assert_eq!(body.get("error").and_then(|e| e.get("code")), Some(&Json::str("INVALID_TYPE")));
        let first = body.get("errors").and_then(Json::as_array).and_then(|e| e.first()).cloned();
        assert_eq!(first.as_ref().and_then(|e| e.get("path")), Some(&Json::str("uniqueRequestId")));
        assert_eq!(first.as_ref().and_then(|e| e.get("code")), Some(&Json::str("INVALID_TYPE")));
        assert_eq!(read_body(Operation::JuspayOrderStatus, "").unwrap(), Json::Object(vec![]));
    }

    /// Attack: a browser body that serde_json (arbitrary_precision) cannot read while the JSON
    /// reader can (an object posing as a number, `{"$serde_json::private::Number":"x"}`), plus a
    /// `\u` escape, once sent the body through a second, path-building reading that copied the
    /// path of every value: a long key over a long array took time quadratic in the body (3.3 s
    /// natively for 1 MB, a `maxBodyBytes` a backend may well set).
    #[test]
    fn a_body_serde_cannot_read_is_read_in_linear_time() {
        let n = 1_000_000;
        let key = "k".repeat(n / 2);
        let zeros = vec!["0"; n / 4].join(",");
        let body = format!(r#"{{"{key}":[{zeros}],"z":{{"$serde_json::private::Number":"x"}},"e":"\u0041"}}"#);
        let started = std::time::Instant::now();
        let read = read_body(Operation::JuspayCreateOrder, &body);
        let took = started.elapsed();
        assert!(read.is_ok(), "the JSON reader reads it: the object is an object");
        assert!(took < std::time::Duration::from_secs(2), "1 MB read in {took:?}");
    }

    #[test]
    fn validation_failures_list_every_error_and_redact_them() {
        let errors = vec![
            Error::new(Code::SumMismatch, "split.vendors", "vendors sum to 90.00 but the order is 100.00"),
            Error::new(Code::InvalidReturnUrl, "returnUrl", "returnUrl must not contain sk_live_1"),
        ];
        let r = failure_reply(&Failure::invalid("juspay.createOrder", errors), &Redactor::new(["sk_live_1"]));
        assert_eq!(r.status, 422);
        assert_eq!(
            r.body,
            r#"{"error":{"code":"SUM_MISMATCH","message":"juspay.createOrder: vendors sum to 90.00 but the order is 100.00"},"errors":[{"code":"SUM_MISMATCH","path":"split.vendors","message":"vendors sum to 90.00 but the order is 100.00"},{"code":"INVALID_RETURN_URL","path":"returnUrl","message":"returnUrl must not contain [redacted]"}]}"#
        );
    }

    #[test]
    fn gateway_failures_keep_their_status_and_lose_their_secrets() {
        let f = Failure {
            status: 404,
            error: Error::new(Code::GatewayRejected, "", "x: order of key ABC not found"),
            details: vec![],
        };
        let r = failure_reply(&f, &Redactor::new(["ABC"]));
        assert_eq!(r, Reply::error(404, &Code::GatewayRejected, "x: order of key [redacted] not found"));
        assert!(!r.body.contains("errors"));
    }

    #[test]
    fn redaction_covers_encoded_forms_and_nested_secrets() {
        let r = Redactor::new(["a b/c\"d", "key", "key_long"]);
        let text = "raw a b/c\"d form a+b%2Fc%22d path a%20b%2Fc%22d json a b/c\\\"d long key_long short key";
        let out = r.redact(text);
        assert_eq!(
            out,
            "raw [redacted] form [redacted] path [redacted] json [redacted] long [redacted] short [redacted]"
        );
        assert_eq!(Redactor::new([""]).redact("nothing to hide"), "nothing to hide");
    }
}

#[test]
fn an_internal_failure_reaches_the_browser_as_its_code_alone() {
    use marketsplit::error::{Code, Error};
    use marketsplit::server::gateway::Failure;
    use marketsplit::server::redact::Redactor;
    use marketsplit::server::routes::failure_reply;
    let secret = "postgres://app:hunter2@db.internal/shop";
    let failure = Failure {
        status: 500,
        error: Error::new(Code::Internal, "tokenStore", format!("tokenStore.get failed: {secret}")),
        details: Vec::new(),
    };
    let reply = failure_reply(&failure, &Redactor::default());
    assert_eq!(reply.status, 500);
    assert!(reply.body.contains("\"code\":\"INTERNAL\""), "{}", reply.body);
    assert!(!reply.body.contains("hunter2") && !reply.body.contains("tokenStore"), "{}", reply.body);
}
