//! The server exports (feature `server`): the gateway clients, token handling, the proxy handler
//! and the signature checks. The wire formats are in `server/juspay.rs` and
//! `server/instamojo.rs`; this layer sends them, retries what is safe, and keeps tokens.

pub(crate) mod guard;
mod instamojo_client;
mod juspay_client;
mod proxy_handler;
mod proxy_request;
mod signatures;
mod token_store;
mod tokens;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

/// The name of the hidden method through which `createProxyHandler` finds the Rust side of a
/// client instance it is given.
pub(crate) const HANDLE_METHOD: &str = "__marketsplitHandle";

/// Client instances by handle, so that the proxy handler can share a client's state (its token
/// store and in-flight token requests) rather than copy it.
pub(crate) struct Registry<T> {
    next: Cell<u32>,
    items: RefCell<Vec<(u32, Weak<T>)>>,
}

impl<T> Registry<T> {
    pub const fn new() -> Registry<T> {
        Registry { next: Cell::new(1), items: RefCell::new(Vec::new()) }
    }

    pub fn add(&self, item: &Rc<T>) -> u32 {
        let id = self.next.get();
        self.next.set(id.wrapping_add(1));
        let mut items = self.items.borrow_mut();
        items.retain(|(_, w)| w.strong_count() > 0);
        items.push((id, Rc::downgrade(item)));
        id
    }

    /// The client behind a JS value, if it is one of ours.
    pub fn find(&self, value: &JsValue) -> Option<Rc<T>> {
        let method = Reflect::get(value, &JsValue::from_str(HANDLE_METHOD)).ok()?.dyn_into::<Function>().ok()?;
        let id = method.call0(value).ok()?.as_f64()?;
        self.items.borrow().iter().find(|(i, _)| f64::from(*i) == id).and_then(|(_, w)| w.upgrade())
    }
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
