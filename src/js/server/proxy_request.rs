//! What the proxy handler does with the fetch-API `Request` itself: reads its body in chunks,
//! never further than the limit; gives each of the backend's hooks a copy it may read; and calls
//! those hooks so that a throw, a rejection or a hostile thenable is an `Err`, never an exception
//! unwinding through wasm.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a body could not be had.
pub(crate) enum BodyError {
    /// More than the limit: reading stopped at the chunk that crossed it.
    TooLarge,
    /// The stream failed, or gave something that is not bytes.
    Unreadable,
}

fn method_of(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
}

/// The body's bytes, read chunk by chunk from `request.body` and never past `max` bytes: the
/// chunk that would cross the limit is not kept, and no further chunk is asked for. (Not
/// `request.text()`, which would hold all of a body of any size before a byte could be judged.)
pub(crate) async fn read_limited(request: &web_sys::Request, max: u32) -> Result<Vec<u8>, BodyError> {
    let body = Reflect::get(request, &"body".into()).map_err(|_| BodyError::Unreadable)?;
    if body.is_null() || body.is_undefined() {
        return Ok(Vec::new());
    }
    let get_reader = method_of(&body, "getReader").ok_or(BodyError::Unreadable)?;
    let reader = get_reader.call0(&body).map_err(|_| BodyError::Unreadable)?;
    let read = method_of(&reader, "read").ok_or(BodyError::Unreadable)?;
    let limit = max as usize;
    let mut out = Vec::new();
    let outcome = loop {
        let pending = read.call0(&reader).map_err(|_| BodyError::Unreadable)?;
        let step = JsFuture::from(Promise::resolve(&pending)).await.map_err(|_| BodyError::Unreadable)?;
        if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(false) {
            break Ok(out);
        }
        let chunk: Uint8Array =
            Reflect::get(&step, &"value".into()).ok().and_then(|v| v.dyn_into().ok()).ok_or(BodyError::Unreadable)?;
        let start = out.len();
        let length = chunk.length() as usize;
        if length > limit - start {
            break Err(BodyError::TooLarge);
        }
        out.resize(start + length, 0);
        if let Some(room) = out.get_mut(start..) {
            chunk.copy_to(room);
        }
    };
    // Reading stops here. The lock is released rather than the stream cancelled: cancelling
    // would let some servers drop the connection before the 413 is written; what happens to the
    // rest of the body is the server's to decide.
    if let Some(release) = method_of(&reader, "releaseLock") {
        let _ = release.call0(&reader);
    }
    outcome
}

/// A new `Request` with the same method, URL and headers, and `body` as its body: what each hook
/// gets, so that it may read the body without taking it from the handler or from another hook.
pub(crate) fn copy_request(request: &web_sys::Request, body: &[u8]) -> JsValue {
    let method = request.method();
    let init = web_sys::RequestInit::new();
    init.set_method(&method);
    init.set_headers(&request.headers());
    if !method.eq_ignore_ascii_case("GET") && !method.eq_ignore_ascii_case("HEAD") {
        init.set_body(&Uint8Array::from(body).into());
    }
    match web_sys::Request::new_with_str_and_init(&request.url(), &init) {
        Ok(copy) => copy.into(),
        // Only a runtime whose Request refuses its own URL gets here; the hook still sees the
        // method, URL and headers, with the body already read.
        Err(_) => AsRef::<JsValue>::as_ref(request).clone(),
    }
}

/// Calls one of the backend's hooks and awaits its answer. `Err` when it throws or rejects (its
/// text is dropped: it must never reach the browser).
pub(crate) async fn call_hook(hook: &Function, first: &JsValue, second: &JsValue) -> Result<JsValue, ()> {
    let answer = hook.call2(&JsValue::UNDEFINED, first, second).map_err(|_| ())?;
    JsFuture::from(Promise::resolve(&answer)).await.map_err(|_| ())
}
