//! The server exports (feature `server`): the gateway clients, token handling, the proxy handler
//! and the signature checks. The wire formats are in `server/juspay.rs` and
//! `server/instamojo.rs`; this layer sends them, retries what is safe, and keeps tokens.

pub(crate) mod guard;
mod instamojo_client;
mod instances;
mod juspay_client;
mod proxy_handler;
mod proxy_request;
mod signatures;
mod token_store;
mod tokens;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use wasm_bindgen_futures::future_to_promise;

use super::fetch::{sleep, Transport};
use super::{optional_arg, to_js, to_js_error};
use crate::error::Error;
use crate::json::Json;
use crate::proxy::http::{HttpRequest, Outcome};
use crate::server::gateway::Failure;
use crate::server::gateway::{is_transient, RETRY_DELAYS_MS};

/// Sends a request; when `safe_to_repeat` (a read, or a write with an idempotency key), a
/// timeout, a missing answer or a 5xx is tried again, at most twice, after a backoff.
pub(crate) async fn send_with_retries(transport: &Transport, request: &HttpRequest, safe_to_repeat: bool) -> Outcome {
    let mut outcome = transport.send(request).await;
    if safe_to_repeat {
        for delay in RETRY_DELAYS_MS {
            if !is_transient(&outcome) {
                break;
            }
            sleep(delay).await;
            outcome = transport.send(request).await;
        }
    }
    outcome
}

/// Converts arguments, runs a call and settles the Promise; every failure rejects it with a
/// `MarketsplitError`, never a throw.
pub(crate) fn run_call<F, Fut>(args: Vec<(JsValue, &'static str)>, call: F) -> Promise
where
    F: FnOnce(Vec<Option<Json>>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<Json, Failure>> + 'static,
{
    let converted: Result<Vec<Option<Json>>, Error> = args.iter().map(|(v, name)| optional_arg(v, name)).collect();
    future_to_promise(async move {
        let values = converted.map_err(to_js_error)?;
        call(values).await.map(|v| to_js(&v)).map_err(|f| to_js_error(f.error))
    })
}

/// `run_call` for the methods of two arguments, `(id, input)` in every client.
pub(crate) fn run_call2<F, Fut>(first: (JsValue, &'static str), second: (JsValue, &'static str), call: F) -> Promise
where
    F: FnOnce(Option<Json>, Option<Json>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<Json, Failure>> + 'static,
{
    run_call(vec![first, second], move |values| {
        let mut values = values.into_iter();
        let (a, b) = (values.next().flatten(), values.next().flatten());
        call(a, b)
    })
}
