//! What a gateway call's attempts come to: the reply as camelCase JSON, or a [`Failure`] that
//! names the operation, carries the HTTP status the proxy answers with, and quotes the gateway
//! only through the redactor. Also the retry policy, which the async layer follows.

use crate::error::{Code, Error};
use crate::json::{Json, MAX_DEPTH};
use crate::proxy::http::Outcome;
use crate::server::redact::Redactor;
use crate::server::replies;

/// A failed call: `error` is what a client throws; `status` is what the proxy answers with;
/// `details` lists every validation problem when there are several (422).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The HTTP status the proxy answers with.
    pub status: u16,
    /// What a client throws: its message names the operation and quotes the gateway only
    /// through the redactor.
    pub error: Error,
    /// Every validation problem when the input was refused (422); empty otherwise.
    pub details: Vec<Error>,
}

impl Failure {
    /// Input refused before anything was sent (422). `errors` must not be empty; an empty list
    /// still yields a failure rather than a panic.
    pub fn invalid(operation: &str, errors: Vec<Error>) -> Failure {
        let first =
            errors.first().cloned().unwrap_or_else(|| Error::new(Code::InvalidType, "", "the input is not valid"));
        let message = format!("{operation}: {}", first.message);
        Failure { status: 422, error: Error::new(first.code, first.path, message), details: errors }
    }

    /// What the gateway's answer showed to be another operation than the one asked for
    /// (`ORDER_CONFLICT`, `IDEMPOTENCY_CONFLICT`): 409, as a conflict with an earlier request. It
    /// is listed in `details` too, so the proxy's 409 names its path (`orderId`, the key's) in
    /// `errors` as an `ORDER_MISMATCH` does, and `ProxyClient`'s error carries it.
    pub fn conflict(operation: &str, error: Error) -> Failure {
        let message = format!("{operation}: {}", error.message);
        Failure {
            status: 409,
            error: Error::new(error.code.clone(), error.path.clone(), message),
            details: vec![error],
        }
    }

    fn gateway(status: u16, code: Code, message: String) -> Failure {
        Failure { status, error: Error::new(code, "", message), details: Vec::new() }
    }
}

/// What every gateway call sends as `User-Agent`: `marketsplit/<version>` of this crate.
pub const USER_AGENT: &str = concat!("marketsplit/", env!("CARGO_PKG_VERSION"));

/// Backoff before the first and the second retry.
pub const RETRY_DELAYS_MS: [u32; 2] = [100, 300];

/// Whether an attempt's outcome is worth repeating (for calls that are safe to repeat): no
/// answer, a timeout, or a 5xx.
pub fn is_transient(outcome: &Outcome) -> bool {
    match outcome {
        Outcome::Reply { status, .. } => *status >= 500,
        Outcome::Timeout | Outcome::Network(_) => true,
    }
}

/// The last outcome of a call, as the caller sees it: a 2xx reply's JSON as the gateway wrote it
/// (callers convert it to camelCase), or a failure. `gateway` is the name used in messages
/// ("Juspay"); `message_of` digs the gateway's own message out of an error body's text (each field
/// it takes redacted on its own), and `error_in_reply` tells a 2xx reply whose body reports an
/// error, which is a refusal (502 `GATEWAY_REJECTED`: the gateway refused, the caller's input was
/// not at fault), never a success. A 2xx body holding a lone surrogate escape, or an object
/// serde_json would read as a number, is not read either.
pub fn read_outcome(
    operation: &str,
    gateway: &str,
    outcome: &Outcome,
    timeout_ms: Option<u32>,
    redactor: &Redactor,
    message_of: MessageOf,
    error_in_reply: fn(&str) -> bool,
) -> Result<Json, Failure> {
    match outcome {
        Outcome::Timeout => Err(Failure::gateway(
            504,
            Code::GatewayTimeout,
            match timeout_ms {
                Some(ms) => format!("{operation}: {gateway} did not answer within {ms} ms"),
                None => format!("{operation}: {gateway} did not answer in time"),
            },
        )),
        Outcome::Network(why) => Err(Failure::gateway(
            502,
            Code::GatewayUnavailable,
            redactor.redact(&format!("{operation}: could not reach {gateway}: {why}")),
        )),
        Outcome::Reply { status, body } => {
            if (200..300).contains(status) {
                return match Json::parse(body, "") {
                    Ok(_) if !replies::is_readable(body) => Err(Failure::gateway(
                        502,
                        Code::GatewayUnavailable,
                        format!(
                            "{operation}: {gateway} answered {status} with a body that JSON readers read differently \
                             (an object in place of a number)"
                        ),
                    )),
                    Ok(_) if error_in_reply(body) => {
                        // Quoted as a 4xx's text is: each field redacted, then the whole, then cut.
                        let quoted = quote_gateway(body, redactor, message_of);
                        Err(Failure::gateway(
                            502,
                            Code::GatewayRejected,
                            format!(
                                "{operation}: {gateway} rejected the request (HTTP {status} with an error in its body): {quoted}"
                            ),
                        ))
                    }
                    Ok(json) => Ok(json),
                    // The reader's message names the field, which is the gateway's text: not quoted.
                    Err(e) => Err(Failure::gateway(
                        502,
                        Code::GatewayUnavailable,
                        if e.code == Code::InvalidJson {
                            format!("{operation}: {gateway} answered {status} with a body that is not JSON")
                        } else {
                            format!("{operation}: {gateway} answered {status} with a body that holds a lone UTF-16 surrogate")
                        },
                    )),
                };
            }
            let quoted = quote_gateway(body, redactor, message_of);
            let status = *status;
            Err(match status {
                401 | 403 => Failure::gateway(
                    502,
                    Code::GatewayAuth,
                    // The gateway's text about credentials is not quoted: it may describe them.
                    format!("{operation}: {gateway} refused the credentials (HTTP {status}); check the client's keys"),
                ),
                400..=499 => Failure::gateway(
                    status,
                    Code::GatewayRejected,
                    format!("{operation}: {gateway} rejected the request (HTTP {status}): {quoted}"),
                ),
                _ => Failure::gateway(
                    502,
                    Code::GatewayUnavailable,
                    format!("{operation}: {gateway} answered HTTP {status}"),
                ),
            })
        }
    }
}

/// A reply's text (empty for an outcome without one), which the typed readers of
/// `server/replies.rs` parse.
pub fn reply_text(outcome: Outcome) -> String {
    match outcome {
        Outcome::Reply { body, .. } => body,
        Outcome::Timeout | Outcome::Network(_) => String::new(),
    }
}

/// The most of a gateway's own text an error quotes (characters), cut after redacting.
pub const QUOTED_CHARS: usize = 200;

/// How a gateway's own message is read out of an error reply's text: every field it takes is
/// redacted on its own with the redactor it is given.
pub type MessageOf = fn(&str, &Redactor) -> Option<String>;

/// The gateway's own message out of an error reply, as an error may quote it: every field of the
/// reply redacted on its own first (a secret split across `error_code` and `error_message` is
/// masked in each part), then the message built from them redacted again, and only then cut to
/// [`QUOTED_CHARS`]; a reply that is not JSON is redacted whole before it is cut.
pub fn quote_gateway(body: &str, redactor: &Redactor, message_of: MessageOf) -> String {
    let message = match message_of(body, redactor) {
        Some(message) => redactor.redact(message.trim()),
        None => redactor.redact(body.trim()),
    };
    match message.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", message.get(..cut).unwrap_or("")),
        None => message,
    }
}

/// `payment_links` → `paymentLinks`; other characters stay.
pub fn to_camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every object key in camelCase. Bounded by the parser's depth limit: deeper values are kept
/// as they are rather than recursed into.
pub fn camel_case_keys(value: &Json) -> Json {
    fn go(value: &Json, depth: usize) -> Json {
        if depth > MAX_DEPTH {
            return value.clone();
        }
        match value {
            Json::Object(members) => {
                Json::Object(members.iter().map(|(k, v)| (to_camel(k), go(v, depth + 1))).collect())
            }
            Json::Array(items) => Json::Array(items.iter().map(|v| go(v, depth + 1)).collect()),
            other => other.clone(),
        }
    }
    go(value, 0)
}

/// The first of `fields` that holds non-blank text, redacted.
pub fn first_text(fields: &[&Option<String>], redactor: &Redactor) -> Option<String> {
    fields.iter().filter_map(|f| f.as_deref()).map(|s| redactor.redact(s)).find(|s| !s.trim().is_empty())
}
