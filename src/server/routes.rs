//! The proxy handler's decisions without I/O: which operation a request names (404, 405), the
//! body it must carry (400), and every reply's status and JSON. The async handler in
//! `js/server/proxy_handler.rs` performs these steps in the contract's order.

use crate::error::{Code, Error};
use crate::json::Json;
use crate::proxy::routes::{route, Operation, RouteMatch};
use crate::server::gateway::Failure;
use crate::server::instamojo::BROWSER_PAYMENT_REQUEST_KEYS;
use crate::server::redact::Redactor;

/// One answer of the handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    fn json(status: u16, body: &Json) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json; charset=utf-8".into())],
            body: body.to_text(),
        }
    }

    /// `{ error: { code, message } }`.
    pub fn error(status: u16, code: &Code, message: &str) -> Reply {
        Reply::json(status, &error_body(code, message))
    }

    /// 200 with the call's camelCase result.
    pub fn success(value: &Json) -> Reply {
        Reply::json(200, value)
    }
}

fn error_body(code: &Code, message: &str) -> Json {
    Json::object([(
        "error",
        Json::object([("code", Json::String(code.as_str().into_owned())), ("message", Json::str(message))]),
    )])
}

/// The operation and id a request names, or the 404/405 reply.
pub fn select(base_path: &str, method: &str, pathname: &str) -> Result<(Operation, Option<String>), Reply> {
    match route(base_path, method, pathname) {
        RouteMatch::Found { operation, id } => Ok((operation, id)),
        RouteMatch::NotFound => Err(Reply::error(404, &Code::NotFound, &format!("no route for {method} {pathname}"))),
        RouteMatch::WrongMethod { allowed } => {
            let allow = allowed.join(", ");
            let mut reply = Reply::error(
                405,
                &Code::MethodNotAllowed,
                &format!("{pathname} does not take {method}; it takes {allow}"),
            );
            reply.headers.push(("allow".into(), allow));
            Err(reply)
        }
    }
}

/// 501 for a gateway the handler was not given.
pub fn not_configured(operation: Operation) -> Reply {
    let gateway = match operation.gateway() {
        crate::proxy::routes::Gateway::Juspay => "juspay",
        crate::proxy::routes::Gateway::Instamojo => "instamojo",
    };
    Reply::error(
        501,
        &Code::NotConfigured,
        &format!("{}: this handler has no {gateway} client configured", operation.name()),
    )
}

/// 403 when `authorize` says no.
pub fn forbidden(operation: Operation) -> Reply {
    Reply::error(403, &Code::Forbidden, &format!("{}: not authorized", operation.name()))
}

/// The request body as a JSON object (`{}` for a GET), or 400 `INVALID_JSON`.
pub fn read_body(operation: Operation, text: &str) -> Result<Json, Reply> {
    if operation.method() == "GET" {
        return Ok(Json::Object(Vec::new()));
    }
    match Json::parse(text, "") {
        Ok(value @ Json::Object(_)) => Ok(value),
        Ok(other) => Err(Reply::error(
            400,
            &Code::InvalidJson,
            &format!("{}: the body must be a JSON object, not {}", operation.name(), other.kind()),
        )),
        Err(e) => Err(Reply::error(400, &Code::InvalidJson, &format!("{}: {}", operation.name(), e.message))),
    }
}

/// Only the payment request fields a browser may choose; the rest stays the backend's decision.
pub fn browser_payment_request(body: &Json) -> Json {
    match body {
        Json::Object(members) => Json::Object(
            members.iter().filter(|(k, _)| BROWSER_PAYMENT_REQUEST_KEYS.contains(&k.as_str())).cloned().collect(),
        ),
        other => other.clone(),
    }
}

/// A failed call's reply, every text passed through the redactor: 422 lists every problem.
pub fn failure_reply(failure: &Failure, redactor: &Redactor) -> Reply {
    // The server's own dependencies (the token store) failed: the browser gets the code alone,
    // since their errors can carry what no browser may see (a database URL and its password).
    if failure.error.code == Code::Internal {
        return Reply::json(500, &error_body(&Code::Internal, "the server could not complete the request"));
    }
    let message = redactor.redact(&failure.error.message);
    let mut body = error_body(&failure.error.code, &message);
    if failure.status == 422 {
        let errors = failure
            .details
            .iter()
            .map(|e| Error { message: redactor.redact(&e.message), ..e.clone() }.to_json())
            .collect();
        if let Json::Object(members) = &mut body {
            members.push(("errors".into(), Json::Array(errors)));
        }
    }
    Reply::json(failure.status, &body)
}
