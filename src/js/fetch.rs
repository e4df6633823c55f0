//! The options the clients share (`timeoutMs`, `fetch`, string options, unknown keys), and, for
//! the server clients (feature `server`), moving bytes with the runtime's `fetch`: the global one
//! looked up on `globalThis` (browsers, workers, Node ≥ 18 alike; never `window`) or one the caller
//! injects, a timeout aborting it through an `AbortController`, and the other globals they need:
//! timers, the clock and random ids.
//!
//! `ProxyClient` does its fetch in a JS snippet of its own (`proxy_client.rs`), so the browser
//! build links none of the async code below.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{cat, Code, Error};

#[cfg(feature = "server")]
pub(crate) use transport::*;

#[cfg(feature = "server")]
mod transport {
    use std::cell::Cell;
    use std::rc::Rc;

    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::js::server::guard::{call_settled as settled_call, text_within};
    use crate::proxy::http::{HttpRequest, Outcome};

    /// The longest gateway reply read (UTF-16 units); a longer one is a failed attempt.
    const MAX_REPLY: u32 = 1 << 20;

    /// A function found on `globalThis`, if there is one.
    pub(crate) fn global_function(name: &str) -> Option<Function> {
        Reflect::get(&js_sys::global(), &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
    }

    /// Where requests go, and how long an attempt may take.
    pub(crate) struct Transport {
        pub base_url: String,
        pub timeout_ms: Option<u32>,
        fetch: Option<Function>,
    }

    impl Transport {
        pub fn new(base_url: String, timeout_ms: Option<u32>, fetch: Option<Function>) -> Transport {
            Transport { base_url, timeout_ms, fetch }
        }

        /// One attempt. Never throws: every failure is an [`Outcome`].
        pub async fn send(&self, request: &HttpRequest) -> Outcome {
            let Some(fetch) = self.fetch.clone().or_else(|| global_function("fetch")) else {
                return Outcome::Network("this runtime has no global fetch; pass one as the `fetch` option".into());
            };
            let init = Object::new();
            let headers = Object::new();
            for (k, v) in &request.headers {
                let _ = Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v));
            }
            let _ = Reflect::set(&init, &"method".into(), &JsValue::from_str(request.method));
            let _ = Reflect::set(&init, &"headers".into(), &headers);
            if let Some(body) = &request.body {
                let _ = Reflect::set(&init, &"body".into(), &JsValue::from_str(body));
            }
            let timer = self.timeout_ms.and_then(|ms| Timer::start(ms, &init));
            let deadline = timer.as_ref().map(|t| &t.deadline);
            let outcome = attempt(&fetch, &request.url(&self.base_url), &init, deadline).await;
            let timed_out = timer.as_ref().is_some_and(Timer::fired);
            drop(timer);
            match outcome {
                Err(_) if timed_out => Outcome::Timeout,
                Err(why) => Outcome::Network(why),
                Ok(reply) => reply,
            }
        }
    }

    /// `promise`, or the deadline's rejection if that comes first: a `fetch` (or a body) that
    /// ignores the abort signal still ends the attempt at `timeoutMs`.
    async fn within(promise: Promise, deadline: Option<&Promise>) -> Result<JsValue, JsValue> {
        match deadline {
            None => JsFuture::from(promise).await,
            Some(deadline) => JsFuture::from(Promise::race(&js_sys::Array::of2(&promise, deadline))).await,
        }
    }

    async fn attempt(
        fetch: &Function,
        url: &str,
        init: &Object,
        deadline: Option<&Promise>,
    ) -> Result<Outcome, String> {
        let asked = settled_call(fetch, &js_sys::global(), &[&JsValue::from_str(url), init]);
        let response = within(asked, deadline).await.map_err(|e| describe(&e))?;
        let status = Reflect::get(&response, &"status".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0);
        // Status codes are integers in 100..=599; anything else is no proper answer.
        if !(100.0..=599.0).contains(&status) {
            return Err("the fetch function returned something that is not a Response".into());
        }
        let text_fn = Reflect::get(&response, &"text".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
        let body = match text_fn {
            Some(text) => {
                let body = within(settled_call(&text, &response, &[]), deadline).await.map_err(|e| describe(&e))?;
                match text_within(&body, MAX_REPLY) {
                    Some(text) => text,
                    // A gateway's answer is a few hundred bytes: a huge one never enters wasm.
                    None if body.is_string() => return Err("its reply was longer than 1 MiB".into()),
                    None => String::new(),
                }
            }
            None => String::new(),
        };
        Ok(Outcome::Reply { status: status as u16, body })
    }

    /// A thrown JS value as text: its `message` (and its `cause`'s, which Node's fetch uses).
    pub(crate) fn describe(value: &JsValue) -> String {
        let message = |v: &JsValue| Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string());
        let mut text = message(value).or_else(|| value.as_string()).unwrap_or_else(|| "unknown error".into());
        if let Some(cause) = Reflect::get(value, &"cause".into()).ok().filter(|c| !c.is_undefined() && !c.is_null()) {
            if let Some(m) = message(&cause) {
                text = crate::error::cat(&[&text, " (", &m, ")"]);
            }
        }
        text
    }

    /// A timeout on one attempt: aborts the request's signal when it fires, and rejects
    /// `deadline`, which the attempt races; cleared when dropped.
    struct Timer {
        handle: JsValue,
        fired: Rc<Cell<bool>>,
        deadline: Promise,
        _on_fire: Closure<dyn FnMut()>,
    }

    impl Timer {
        fn start(ms: u32, init: &Object) -> Option<Timer> {
            let controller = web_sys::AbortController::new().ok()?;
            let _ = Reflect::set(init, &"signal".into(), &controller.signal());
            let mut reject = None;
            let deadline = Promise::new(&mut |_resolve, r| reject = Some(r));
            let reject = reject?;
            let fired = Rc::new(Cell::new(false));
            let flag = fired.clone();
            let on_fire = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                controller.abort();
                let _ = reject.call1(&JsValue::UNDEFINED, &JsValue::from_str("the attempt timed out"));
            });
            let set_timeout = global_function("setTimeout")?;
            let handle = set_timeout.call2(&JsValue::UNDEFINED, on_fire.as_ref(), &JsValue::from(ms)).ok()?;
            Some(Timer { handle, fired, deadline, _on_fire: on_fire })
        }

        fn fired(&self) -> bool {
            self.fired.get()
        }
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            if let Some(clear) = global_function("clearTimeout") {
                let _ = clear.call1(&JsValue::UNDEFINED, &self.handle);
            }
        }
    }

    /// Waits `ms` milliseconds (a `setTimeout` promise).
    pub(crate) async fn sleep(ms: u32) {
        let promise = Promise::new(&mut |resolve, _reject| {
            if let Some(set_timeout) = global_function("setTimeout") {
                let _ = set_timeout.call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(ms));
            } else {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Milliseconds since the epoch.
    pub(crate) fn now_ms() -> i64 {
        js_sys::Date::now() as i64
    }

    /// A fresh idempotency key: `crypto.randomUUID()` where the runtime has it, else time and
    /// `Math.random` (Node 18 without the global `crypto`).
    pub(crate) fn random_id() -> String {
        let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok().filter(|c| c.is_object());
        if let Some(crypto) = crypto {
            let uuid = Reflect::get(&crypto, &"randomUUID".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
            if let Some(id) = uuid.and_then(|f| f.call0(&crypto).ok()).and_then(|v| v.as_string()) {
                return id;
            }
        }
        // `{:x}` of an i64 writes its two's-complement bits, as this cast keeps them.
        let mut id = crate::error::hex_text(now_ms() as u64, 0);
        for _ in 0..4 {
            id.push_str(&crate::error::hex_text(u64::from((js_sys::Math::random() * 4_294_967_295.0) as u32), 8));
        }
        id
    }
}

/// Reads the common transport options of an options object: `timeoutMs` (a positive number) and
/// `fetch` (a function).
// Only the server clients read these since `ProxyClient` reads its options in the core.
pub(crate) fn transport_options(options: &JsValue) -> Result<(Option<u32>, Option<Function>), Error> {
    let timeout = match Reflect::get(options, &"timeoutMs".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
        None => None,
        Some(v) => match v.as_f64() {
            Some(ms) if ms.is_finite() && ms >= 1.0 && ms <= f64::from(u32::MAX) => Some(ms as u32),
            _ => {
                return Err(Error::new(
                    Code::InvalidOption,
                    "timeoutMs",
                    "timeoutMs must be a positive number of milliseconds",
                ))
            }
        },
    };
    let fetch = match Reflect::get(options, &"fetch".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
        None => None,
        Some(f) => Some(
            f.dyn_into::<Function>()
                .map_err(|_| Error::new(Code::InvalidOption, "fetch", "fetch must be a function"))?,
        ),
    };
    Ok((timeout, fetch))
}

/// The own enumerable keys of an options object (`INVALID_TYPE` if it is not an object).
pub(crate) fn option_keys(options: &JsValue, what: &str) -> Result<Vec<String>, Error> {
    if !options.is_object() || options.is_function() {
        return Err(Error::new(Code::InvalidType, "", cat(&[what, " takes an options object"])));
    }
    Ok(Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect())
}

/// An optional string option; `INVALID_TYPE` for another type.
pub(crate) fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, Error> {
    match Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
        None => Ok(None),
        Some(v) => {
            v.as_string().map(Some).ok_or_else(|| Error::new(Code::InvalidType, key, cat(&[key, " must be a string"])))
        }
    }
}
