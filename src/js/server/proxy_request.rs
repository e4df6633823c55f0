//! What the proxy handler does with the fetch-API `Request` itself: reads its body in chunks,
//! never further than the limit; gives each of the backend's hooks a copy it may read; and calls
//! those hooks so that a throw, a rejection or a hostile thenable is an `Err`, never an exception
//! unwinding through wasm.

use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::guard::{self, Body, Incoming};

/// Why a body could not be had.
pub(crate) enum BodyError {
    /// More than the limit: reading stopped at the chunk that crossed it.
    TooLarge,
    /// The stream failed, or gave something that is not bytes.
    Unreadable,
}

/// The body's bytes, read chunk by chunk from `request.body` and never past `max` bytes: the
/// chunk that would cross the limit is not kept, and no further chunk is asked for. (Not
/// `request.text()`, which would hold all of a body of any size before a byte could be judged.)
/// The reading is done in JS (`guard.rs`), where a hostile stream can only make it fail.
pub(crate) async fn read_limited(request: &web_sys::Request, max: u32) -> Result<Vec<u8>, BodyError> {
    match guard::read_body(request, max).await {
        Body::Bytes(bytes) => Ok(bytes),
        Body::TooLarge => Err(BodyError::TooLarge),
        Body::Unreadable => Err(BodyError::Unreadable),
    }
}

/// A new `Request` with the same method, URL and headers, and `body` as its body: what each hook
/// gets, so that it may read the body without taking it from the handler or from another hook.
pub(crate) fn copy_request(incoming: &Incoming, body: &[u8]) -> JsValue {
    let method = &incoming.method;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&incoming.headers);
    if !method.eq_ignore_ascii_case("GET") && !method.eq_ignore_ascii_case("HEAD") {
        init.set_body(&Uint8Array::from(body).into());
    }
    match web_sys::Request::new_with_str_and_init(&incoming.url, &init) {
        Ok(copy) => copy.into(),
        // Only a runtime whose Request refuses its own URL gets here; the hook still sees the
        // method, URL and headers, with the body already read.
        Err(_) => AsRef::<JsValue>::as_ref(&incoming.request).clone(),
    }
}

/// Calls one of the backend's hooks and awaits its answer. `Err` when it throws or rejects (its
/// text is dropped: it must never reach the browser).
pub(crate) async fn call_hook(hook: &Function, first: &JsValue, second: &JsValue) -> Result<JsValue, ()> {
    JsFuture::from(guard::call_settled(hook, &JsValue::UNDEFINED, &[first, second])).await.map_err(|_| ())
}
