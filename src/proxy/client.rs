//! `ProxyClient` without I/O: its options, the request each method sends to the backend, and how
//! the backend's answer becomes a value or an error.

use crate::error::{cat, int_text, quoted, Code, Error, Result};
use crate::json::Json;
use crate::proxy::http::{HttpRequest, Outcome};
use crate::proxy::routes::Operation;

/// The only options `ProxyClient` knows. Anything else (`apiKey`, `clientSecret`, …) is refused,
/// so a gateway secret cannot be handed to browser code by mistake.
pub const OPTION_KEYS: [&str; 4] = ["baseUrl", "headers", "timeoutMs", "fetch"];

/// `ProxyClient`'s options as the core reads them; `fetch` and `headers` stay JS values in the
/// binding.
#[derive(Debug)]
pub struct ProxyOptions {
    pub base_url: String,
    pub timeout_ms: Option<u32>,
}

/// Reads `ProxyClient`'s options from one JSON object holding every key the caller passed. Only
/// `baseUrl` and `timeoutMs` are read from their values; the binding gives a value that is not
/// JSON data as `true`, which is then refused as the wrong type like any other.
pub fn proxy_options(options: &Json) -> Result<ProxyOptions> {
    let Json::Object(members) = options else {
        return Err(Error::new(Code::InvalidType, "", "ProxyClient takes an options object"));
    };
    check_option_keys(members.iter().map(|(k, _)| k.as_str()), &OPTION_KEYS, "ProxyClient")?;
    let base_url = match options.get("baseUrl") {
        None | Some(Json::Null) => "",
        Some(Json::String(s)) => s.as_str(),
        Some(_) => return Err(Error::new(Code::InvalidType, "baseUrl", "baseUrl must be a string")),
    };
    if base_url.is_empty() {
        return Err(Error::new(Code::MissingField, "baseUrl", "ProxyClient needs baseUrl, where the proxy handler is mounted"));
    }
    let timeout_ms = match options.get("timeoutMs") {
        None | Some(Json::Null) => None,
        Some(Json::Number(ms)) if ms.is_finite() && *ms >= 1.0 && *ms <= f64::from(u32::MAX) => Some(*ms as u32),
        Some(_) => {
            return Err(Error::new(Code::InvalidOption, "timeoutMs", "timeoutMs must be a positive number of milliseconds"))
        }
    };
    Ok(ProxyOptions { base_url: base_url.to_string(), timeout_ms })
}

/// `INVALID_OPTION` for the first key not in `known`, naming it.
pub fn check_option_keys<'a>(keys: impl IntoIterator<Item = &'a str>, known: &[&str], what: &str) -> Result<()> {
    for key in keys {
        if !known.contains(&key) {
            let hint = if looks_secret(key) { " (a gateway secret belongs on the server, never in this client)" } else { "" };
            let mut message = cat(&[what, " does not take the option ", &quoted(key), hint, "; it takes "]);
            for (i, name) in known.iter().enumerate() {
                if i > 0 {
                    message.push_str(", ");
                }
                message.push_str(name);
            }
            return Err(Error::new(Code::InvalidOption, key, message));
        }
    }
    Ok(())
}

/// Whether a key names a secret, ASCII case aside. Compared as bytes at each start: `str::contains`
/// would link a substring searcher, and `windows` a panic message, for five short words.
fn looks_secret(key: &str) -> bool {
    let key = key.as_bytes();
    ["key", "secret", "token", "password", "salt"]
        .iter()
        .any(|word| (0..key.len()).any(|i| key.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))))
}

/// The request a `ProxyClient` method sends. `id` is the order or payment id of routes that have
/// one (`id_name` names that argument for errors); `body` is the method's input, sent as JSON.
pub fn build_request(
    operation: Operation,
    id: Option<&Json>,
    id_name: &str,
    body: Option<&Json>,
    extra_headers: &[(String, String)],
) -> Result<HttpRequest> {
    let id_text = match id {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(Json::Number(n)) if n.is_finite() => Some(crate::json::number_text(*n)),
        Some(other) => {
            return Err(Error::new(Code::InvalidType, id_name, cat(&[id_name, " must be a string, not ", other.kind()])))
        }
    };
    let path = operation.path(id_text.as_deref(), id_name)?;
    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
    let body = if operation.method() == "GET" {
        None
    } else {
        let text = match body {
            None | Some(Json::Null) => "{}".to_string(),
            Some(v @ Json::Object(_)) => v.to_text(),
            Some(other) => {
                return Err(Error::new(Code::InvalidType, "", cat(&[operation.name(), " takes an object, not ", other.kind()])))
            }
        };
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
        Some(text)
    };
    // The caller's headers come last so they can override ours (an auth header, a CSRF token).
    for (k, v) in extra_headers {
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case(k));
        headers.push((k.clone(), v.clone()));
    }
    Ok(HttpRequest { method: operation.method(), path, headers, body })
}

/// Reads the backend's answer: the JSON of a 2xx, or the error it names in
/// `{ error: { code, message } }`, or `HTTP_<status>` when it names none.
pub fn read_reply(status: u16, body: &str) -> Result<Json> {
    let parsed = Json::parse(body, "");
    if (200..300).contains(&status) {
        if body.trim().is_empty() {
            return Ok(Json::Null);
        }
        return parsed.map_err(|_| {
            Error::new(Code::InvalidJson, "", cat(&["the backend answered ", &int_text(u64::from(status)), " with a body that is not JSON"]))
        });
    }
    let error = parsed.as_ref().ok().and_then(|v| v.get("error"));
    let code = error.and_then(|e| e.get("code")).and_then(Json::as_str).filter(|c| !c.is_empty());
    let message = error.and_then(|e| e.get("message")).and_then(Json::as_str);
    let (code, message) = match (code, message) {
        (Some(code), Some(message)) => (Code::from_str(code), message.to_string()),
        (Some(code), None) => (Code::from_str(code), cat(&["the backend answered ", &int_text(u64::from(status)), " ", code])),
        (None, Some(message)) => {
            (Code::Http(status), cat(&["the backend answered HTTP ", &int_text(u64::from(status)), ": ", message]))
        }
        (None, None) => (Code::Http(status), cat(&["the backend answered HTTP ", &int_text(u64::from(status))])),
    };
    Err(Error::new(code, "", message))
}

/// What one attempt's [`Outcome`] means for the caller of `operation`: the backend's answer read by
/// [`read_reply`], or `TIMEOUT` (after `timeout_ms`) or `NETWORK` naming the operation.
pub fn read_outcome(operation: Operation, timeout_ms: u32, outcome: Outcome) -> Result<Json> {
    let name = operation.name();
    match outcome {
        Outcome::Reply { status, body } => read_reply(status, &body),
        Outcome::Timeout => Err(Error::new(
            Code::Timeout,
            "",
            cat(&[name, ": the backend did not answer within ", &int_text(u64::from(timeout_ms)), " ms"]),
        )),
        Outcome::Network(why) => Err(Error::new(Code::Network, "", cat(&[name, ": could not reach the backend: ", &why]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_and_network_failures_name_the_operation() {
        let e = read_outcome(Operation::JuspayOrderStatus, 250, Outcome::Timeout).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (Code::Timeout, "juspay.orderStatus: the backend did not answer within 250 ms"));
        let e = read_outcome(Operation::InstamojoFulfil, 0, Outcome::Network("fetch failed (ECONNREFUSED)".into())).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (Code::Network, "instamojo.fulfil: could not reach the backend: fetch failed (ECONNREFUSED)")
        );
        let reply = Outcome::Reply { status: 503, body: "busy".into() };
        assert_eq!(read_outcome(Operation::InstamojoFulfil, 0, reply).unwrap_err().code, Code::Http(503));
    }

    #[test]
    fn reply_messages_say_what_the_backend_answered() {
        assert_eq!(read_reply(500, "oops").unwrap_err().message, "the backend answered HTTP 500");
        assert_eq!(read_reply(404, r#"{"error":{"message":"no such order"}}"#).unwrap_err().message, "the backend answered HTTP 404: no such order");
        let e = read_reply(409, r#"{"error":{"code":"CONFLICT"}}"#).unwrap_err();
        assert_eq!((e.code.as_str().into_owned(), e.message), ("CONFLICT".to_string(), "the backend answered 409 CONFLICT".to_string()));
        assert_eq!(read_reply(201, "{").unwrap_err().message, "the backend answered 201 with a body that is not JSON");
    }

    #[test]
    fn unknown_options_are_named_and_secrets_get_a_hint() {
        let e = check_option_keys(["baseUrl", "ClientSECRET"], &OPTION_KEYS, "ProxyClient").unwrap_err();
        assert_eq!(
            e.message,
            "ProxyClient does not take the option \"ClientSECRET\" (a gateway secret belongs on the server, never in this client); \
             it takes baseUrl, headers, timeoutMs, fetch"
        );
        let e = check_option_keys(["retries"], &OPTION_KEYS, "ProxyClient").unwrap_err();
        assert_eq!(e.message, "ProxyClient does not take the option \"retries\"; it takes baseUrl, headers, timeoutMs, fetch");
    }

    #[test]
    fn proxy_options_are_read_from_one_json_object() {
        let read = |text: &str| proxy_options(&Json::parse(text, "").unwrap());
        let o = read(r#"{"baseUrl":"/api","timeoutMs":1500.7,"headers":null,"fetch":null}"#).unwrap();
        assert_eq!((o.base_url.as_str(), o.timeout_ms), ("/api", Some(1500)));
        assert_eq!(read(r#"{"baseUrl":"/api","timeoutMs":null}"#).unwrap().timeout_ms, None);
        let e = read(r#"{"baseUrl":"/api","apiKey":null}"#).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidOption, "apiKey"));
        for (text, code, path) in [
            ("[]", Code::InvalidType, ""),
            (r#"{"baseUrl":""}"#, Code::MissingField, "baseUrl"),
            (r#"{"timeoutMs":5}"#, Code::MissingField, "baseUrl"),
            (r#"{"baseUrl":true}"#, Code::InvalidType, "baseUrl"),
            (r#"{"baseUrl":"/a","timeoutMs":0.5}"#, Code::InvalidOption, "timeoutMs"),
            (r#"{"baseUrl":"/a","timeoutMs":"5"}"#, Code::InvalidOption, "timeoutMs"),
            (r#"{"baseUrl":"/a","timeoutMs":5e9}"#, Code::InvalidOption, "timeoutMs"),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (code, path), "{text}");
        }
    }

    #[test]
    fn the_fetch_snippet_gets_the_whole_request_as_json() {
        let extra = vec![("X-Csrf".to_string(), "t\"1".to_string())];
        let body = Json::parse(r#"{"amount":"1"}"#, "").unwrap();
        let r = build_request(Operation::InstamojoFulfil, Some(&Json::str("p 1")), "paymentId", Some(&body), &extra).unwrap();
        let sent = Json::parse(&r.fetch_json("https://shop.in/api//"), "").unwrap();
        assert_eq!(sent.get("url"), Some(&Json::str("https://shop.in/api/instamojo/payments/p%201/fulfil")));
        assert_eq!(sent.get("method"), Some(&Json::str("POST")));
        assert_eq!(sent.get("body"), Some(&Json::str(r#"{"amount":"1"}"#)));
        let headers = sent.get("headers").unwrap();
        assert_eq!(headers.get("X-Csrf"), Some(&Json::str("t\"1")));
        assert_eq!(headers.get("Content-Type"), Some(&Json::str("application/json")));
        let get = build_request(Operation::JuspayOrderStatus, Some(&Json::str("o1")), "orderId", None, &[]).unwrap();
        assert_eq!(Json::parse(&get.fetch_json("/api"), "").unwrap().get("body"), None);
    }
}
