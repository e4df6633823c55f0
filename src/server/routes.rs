//! The proxy handler's decisions without I/O: which operation a request names (404, 405), what
//! its headers allow (413 from `Content-Length`, 415, a foreign `Origin`), the body it must carry
//! (400), and every reply's status and JSON. The async handler in `js/server/proxy_handler.rs`
//! performs these steps in the contract's order; `server::checkout` and `server::back_office` hold
//! the decisions about the body.

use crate::error::{Code, Error};
use crate::json::Json;
use crate::proxy::routes::{route, Gateway, Operation, RouteMatch};
use crate::server::gateway::Failure;
use crate::server::redact::Redactor;

/// `maxBodyBytes` when the option is not given (64 KiB): far above any real order, refund or
/// settlement body, far below what could make the module hold much.
pub const DEFAULT_MAX_BODY_BYTES: u32 = 65_536;

/// One answer of the handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Lower-case header names and their values; every reply is JSON and `no-store`.
    pub headers: Vec<(String, String)>,
    /// The JSON text: the call's result, or `{ error: { code, message } }`.
    pub body: String,
}

impl Reply {
    /// Every reply is `no-store`: a success carries an order, a payment request or a settlement
    /// (and refusals say what exists), and no shared or browser cache may keep one for the next
    /// person who asks for the same URL.
    fn json(status: u16, body: &Json) -> Reply {
        Reply {
            status,
            headers: vec![
                ("content-type".into(), "application/json; charset=utf-8".into()),
                ("cache-control".into(), "no-store".into()),
            ],
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
        Gateway::Juspay => "juspay",
        Gateway::Instamojo => "instamojo",
    };
    Reply::error(
        501,
        &Code::NotConfigured,
        &format!("{}: this handler has no {gateway} client configured", operation.name()),
    )
}

/// 501 for a checkout operation on a handler without `order`: with no record of the order on
/// the server, only the browser could say what is paid, and it may not.
pub fn no_order_hook(operation: Operation) -> Reply {
    Reply::error(
        501,
        &Code::NotConfigured,
        &format!(
            "{}: this handler has no `order` option, the backend's own record of an order \
             (createProxyHandler({{ order: (request, {{ operation, orderId }}) => … }})); the browser never decides what is paid",
            operation.name()
        ),
    )
}

/// 403 for a back-office operation on a handler without `authorize`: it moves money already
/// paid, so it fails closed.
pub fn no_authorize_hook(operation: Operation) -> Reply {
    Reply::error(
        403,
        &Code::Forbidden,
        &format!(
            "{}: this handler has no `authorize` option; back-office operations run only when \
             authorize(request, operation) resolves to true",
            operation.name()
        ),
    )
}

/// 403 when `authorize` answers anything but `true`.
pub fn forbidden(operation: Operation) -> Reply {
    Reply::error(403, &Code::Forbidden, &format!("{}: not authorized", operation.name()))
}

/// 500 when one of the backend's own hooks (`authorize`, `order`, `instamojoUser`) throws,
/// rejects or answers something unusable. Its text never reaches the browser: it could hold
/// anything the backend knows (a database URL, a customer's details).
pub fn internal(operation: Operation, hook: &str) -> Reply {
    Reply::error(
        500,
        &Code::Internal,
        &format!("{}: the backend's {hook} hook failed; nothing was sent to the gateway", operation.name()),
    )
}

/// 413 for a body above `max` bytes.
pub fn too_large(operation: Operation, max: u32) -> Reply {
    Reply::error(
        413,
        &Code::PayloadTooLarge,
        &format!("{}: the body is larger than this handler's limit of {max} bytes", operation.name()),
    )
}

/// 413 from the declared `Content-Length`, before a byte of the body is read. A header that is
/// not a number is left to the reading, which stops at the limit all the same.
pub fn check_content_length(operation: Operation, header: Option<&str>, max: u32) -> Result<(), Reply> {
    match header.map(str::trim).and_then(|h| h.parse::<u64>().ok()) {
        Some(length) if length > u64::from(max) => Err(too_large(operation, max)),
        _ => Ok(()),
    }
}

/// A POST must say `Content-Type: application/json` (parameters such as `charset` allowed). A
/// cross-site form or `text/plain` POST is a "simple" request a browser sends with the user's
/// cookies and without asking the server first; JSON is not, so refusing everything else keeps
/// such requests from reaching a route.
pub fn check_content_type(operation: Operation, header: Option<&str>) -> Result<(), Reply> {
    if operation.method() == "GET" {
        return Ok(());
    }
    let essence = header.unwrap_or("").split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/json") {
        return Ok(());
    }
    let given = if essence.is_empty() { "none".to_string() } else { format!("{essence:?}") };
    Err(Reply::error(
        415,
        &Code::UnsupportedMediaType,
        &format!("{}: the body must be sent as Content-Type: application/json, not {given}", operation.name()),
    ))
}

/// An origin as `allowedOrigins` lists it: `scheme://host[:port]`, no path, compared without
/// regard to ASCII case. `INVALID_OPTION` at `path` for anything else.
pub fn allowed_origin(text: &str, path: &str) -> Result<String, Error> {
    let origin = text.strip_suffix('/').unwrap_or(text).to_ascii_lowercase();
    let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).unwrap_or("");
    if host.is_empty() || host.contains(['/', '?', '#', '@', ' ', '*']) {
        return Err(Error::new(
            Code::InvalidOption,
            path,
            format!(
                "{path} must be an origin such as \"https://shop.example\" (scheme, host and port only), not {text:?}"
            ),
        ));
    }
    Ok(origin)
}

/// 403 for a request whose `Origin` header is not one of `allowed` (already normalised by
/// [`allowed_origin`]). A request without the header (a server calling, a same-origin GET) is
/// not refused here: there is no foreign origin to refuse.
pub fn check_origin(operation: Operation, origin: Option<&str>, allowed: &[String]) -> Result<(), Reply> {
    match origin {
        Some(origin) if !allowed.iter().any(|a| a.eq_ignore_ascii_case(origin.trim())) => Err(Reply::error(
            403,
            &Code::Forbidden,
            &format!("{}: requests from origin {origin:?} are not allowed", operation.name()),
        )),
        _ => Ok(()),
    }
}

/// The request body as a JSON object (`{}` for a GET), or 400 `INVALID_JSON`, or 422 `INVALID_TYPE` at
/// the path of a string holding a lone surrogate.
pub fn read_body(operation: Operation, text: &str) -> Result<Json, Reply> {
    if operation.method() == "GET" {
        return Ok(Json::Object(Vec::new()));
    }
    match Json::parse(text, "") {
        // The reader refuses a lone surrogate itself (below): no second reading of the text.
        Ok(value @ Json::Object(_)) => Ok(value),
        Ok(other) => Err(Reply::error(
            400,
            &Code::InvalidJson,
            &format!("{}: the body must be a JSON object, not {}", operation.name(), other.kind()),
        )),
        // JSON whose text cannot be held exactly (a lone surrogate): input that fails validation,
        // named at its path as every 422 names its problems.
        Err(e) if e.code != Code::InvalidJson => {
            let mut body = error_body(&e.code, &format!("{}: {}", operation.name(), e.message));
            if let Json::Object(members) = &mut body {
                members.push(("errors".into(), Json::Array(vec![e.to_json()])));
            }
            Err(Reply::json(422, &body))
        }
        Err(e) => Err(Reply::error(400, &Code::InvalidJson, &format!("{}: {}", operation.name(), e.message))),
    }
}

/// 400 for a body that is not UTF-8 or could not be read to its end.
pub fn unreadable_body(operation: Operation) -> Reply {
    Reply::error(400, &Code::InvalidJson, &format!("{}: the body could not be read as UTF-8 text", operation.name()))
}

/// A failed call's reply, every text passed through the redactor. A 422 lists every problem in
/// `errors`, and so does a 409 (`ORDER_MISMATCH`), whose `path` says what differs.
pub fn failure_reply(failure: &Failure, redactor: &Redactor) -> Reply {
    // The server's own dependencies (the token store) failed, or its configuration (a payment
    // request with no Instamojo user anywhere): the browser gets the code alone, since their
    // errors can carry what no browser may see (a database URL and its password), and the
    // buyer can do nothing about them.
    if failure.error.code == Code::Internal || failure.status == 500 {
        return Reply::json(500, &error_body(&Code::Internal, "the server could not complete the request"));
    }
    let message = redactor.redact(&failure.error.message);
    let mut body = error_body(&failure.error.code, &message);
    if matches!(failure.status, 409 | 422) && !failure.details.is_empty() {
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
