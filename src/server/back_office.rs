//! The back-office operations through the proxy (`juspay.refund`, `instamojo.settle`,
//! `instamojo.fulfil`, `instamojo.refund`) without I/O: what their body must carry before
//! anything is sent. They move money that is already paid, so a retry must never pay twice: each
//! write carries the idempotency key its client made (`ProxyClient` mints one when its caller
//! gives none, and hands it back as `error.idempotencyKey`). The proxy never makes one up: a key
//! minted here would be new on every retry, which is how a retried refund got paid twice.

use crate::error::{Code, Error};
use crate::json::Json;
use crate::proxy::routes::Operation;
use crate::server::gateway::Failure;
use crate::server::input::text_of;
use crate::server::instamojo::{fulfil_request, refund_request, settle_request};
use crate::server::juspay::Refund;

/// Checks a back-office request's body as its client will, and that it carries its idempotency
/// key; every problem is listed (422).
pub fn check_back_office(operation: Operation, id: Option<&str>, body: &Json) -> Result<(), Failure> {
    let mut errors = Vec::new();
    if let Some(key) = operation.idempotency_key() {
        // A key of the wrong type is the validator's to report, below.
        if matches!(text_of(body.get(key), key), Ok(None)) || body.get(key).and_then(Json::as_str) == Some("") {
            errors.push(Error::new(
                Code::MissingField,
                key,
                format!(
                    "{key} is required: a back-office write carries the idempotency key its client made \
                     (ProxyClient makes one and hands it back as error.idempotencyKey), so that a retry cannot pay twice"
                ),
            ));
        }
    }
    let id = id.map(Json::str);
    // The key is checked above; this stand-in only lets the validators run without one.
    const STAND_IN: &str = "-";
    let found = match operation {
        Operation::JuspayRefund => Refund::from_json(id.as_ref(), Some(body), STAND_IN).err(),
        Operation::InstamojoSettle => settle_request("", id.as_ref(), Some(body), STAND_IN).err(),
        Operation::InstamojoRefund => refund_request("", id.as_ref(), Some(body), STAND_IN).err(),
        Operation::InstamojoFulfil => fulfil_request("", id.as_ref()).err(),
        _ => None,
    };
    errors.extend(found.unwrap_or_default());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::invalid(operation.name(), errors))
    }
}
