//! `ProxyClient` without I/O: its options, the request each method sends to the backend, and how
//! the backend's answer becomes a value or an error.

use crate::error::{quoted, Code, Error, Result};
use crate::json::Json;
use crate::proxy::http::HttpRequest;
use crate::proxy::routes::Operation;

/// The only options `ProxyClient` knows. Anything else (`apiKey`, `clientSecret`, …) is refused,
/// so a gateway secret cannot be handed to browser code by mistake.
pub const OPTION_KEYS: [&str; 4] = ["baseUrl", "headers", "timeoutMs", "fetch"];

/// `INVALID_OPTION` for the first key not in `known`, naming it.
pub fn check_option_keys<'a>(keys: impl IntoIterator<Item = &'a str>, known: &[&str], what: &str) -> Result<()> {
    for key in keys {
        if !known.contains(&key) {
            let hint = if looks_secret(key) { " (a gateway secret belongs on the server, never in this client)" } else { "" };
            return Err(Error::new(
                Code::InvalidOption,
                key,
                format!("{what} does not take the option {}{hint}; it takes {}", quoted(key), known.join(", ")),
            ));
        }
    }
    Ok(())
}

fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["key", "secret", "token", "password", "salt"].iter().any(|s| k.contains(s))
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
            return Err(Error::new(Code::InvalidType, id_name, format!("{id_name} must be a string, not {}", other.kind())))
        }
    };
    let path = operation.path(id_text.as_deref(), id_name)?;
    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
    let body = if operation.method() == "GET" {
        None
    } else {
        let value = match body {
            None | Some(Json::Null) => Json::Object(Vec::new()),
            Some(v @ Json::Object(_)) => v.clone(),
            Some(other) => {
                return Err(Error::new(Code::InvalidType, "", format!("{} takes an object, not {}", operation.name(), other.kind())))
            }
        };
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
        Some(value.to_text())
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
        return parsed.map_err(|_| Error::new(Code::InvalidJson, "", format!("the backend answered {status} with a body that is not JSON")));
    }
    let error = parsed.ok().and_then(|v| v.get("error").cloned());
    let code = error.as_ref().and_then(|e| e.get("code")).and_then(Json::as_str).filter(|c| !c.is_empty());
    let message = error.as_ref().and_then(|e| e.get("message")).and_then(Json::as_str);
    match code {
        Some(code) => Err(Error::new(
            Code::from_str(code),
            "",
            message.map(str::to_string).unwrap_or_else(|| format!("the backend answered {status} {code}")),
        )),
        None => Err(Error::new(
            Code::Http(status),
            "",
            format!("the backend answered HTTP {status}{}", message.map(|m| format!(": {m}")).unwrap_or_default()),
        )),
    }
}
