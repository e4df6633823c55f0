//! The caller's token store (`{ get, set, lock? }`) or memory, with every call bounded: a store
//! call that throws, rejects or does not settle within the client's `timeoutMs` is a
//! [`StoreError`] naming the call, never a call left pending. A failure's own text is not quoted:
//! a database error can carry its connection URL, password included.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::error::{Code, Error};
use crate::js::fetch::global_function;
use crate::js::from_js;
use crate::server::gateway::Failure;
use crate::server::tokens::Tokens;

#[wasm_bindgen(typescript_custom_section)]
const TOKEN_STORE_TYPES: &str = r#"
/** An Instamojo token pair; `expiresAt` is in milliseconds since the epoch. */
export type Tokens = { accessToken: string; refreshToken: string | null; expiresAt: number };
/**
 * Ends a lease. `extend`, where the store has it, renews the lease for `ttlMs` more while its owner
 * still holds it (`false` once it lapsed); the client renews leases it holds through it.
 */
export type TokenLeaseRelease = (() => Promise<void>) & { extend?: (ttlMs: number) => Promise<boolean> };
/**
 * Where tokens live (your database); keys are `"app"` and `"user:<username>"`. Never holds a
 * password. With `lock`, many processes share the store and a refresh token is spent once across
 * them: `lock` resolves once this caller holds the key's lease (for `ttlMs`, or until released).
 */
export type TokenStore = {
  get(key: string): Promise<Tokens | null> | Tokens | null;
  set(key: string, tokens: Tokens): Promise<void> | void;
  lock?(key: string, ttlMs: number): Promise<TokenLeaseRelease>;
};
"#;

/// The caller's store, or memory.
pub(crate) enum TokenStore {
    Memory(RefCell<HashMap<String, Tokens>>),
    Js(JsValue),
}

/// A store call that failed: which call, and how (never the error's text).
#[derive(Debug)]
pub(crate) struct StoreError {
    pub call: &'static str,
    pub why: String,
}

impl StoreError {
    /// What a client throws (500 `INTERNAL`): the operation, the call and its key, and how it
    /// failed. The proxy answers the browser with the code alone.
    pub fn failure(&self, operation: &str, key: &str) -> Failure {
        Failure {
            status: 500,
            error: Error::new(
                Code::Internal,
                "tokenStore",
                format!("{operation}: tokenStore.{}({key:?}) {}", self.call, self.why),
            ),
            details: Vec::new(),
        }
    }
}

/// How a call failed: the thrown value's `name` and `code` where they are plain identifiers
/// (`Error ECONNREFUSED`, `error 28P01`), which cannot hold a URL or a password; its message is
/// left out.
fn thrown(value: &JsValue) -> String {
    let ident = |name: &str| {
        Reflect::get(value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    };
    let parts: Vec<String> = [ident("name"), ident("code")].into_iter().flatten().collect();
    if parts.is_empty() {
        "failed (its message is not quoted: it may hold a secret)".to_string()
    } else {
        format!("failed with {} (its message is not quoted: it may hold a secret)", parts.join(" "))
    }
}

/// Awaits a value (a promise or not) for at most `ms`: its value, or how it failed (`None`: it did
/// not settle in time).
async fn settle(value: JsValue, ms: u32) -> Result<JsValue, Option<JsValue>> {
    // A fresh native promise: a store's hostile thenable can only make it reject (guard.rs).
    let promise = super::guard::settle(&value);
    let Some(set_timeout) = global_function("setTimeout") else {
        return JsFuture::from(promise).await.map_err(Some);
    };
    // The timer resolves with a value of its own; whichever settles first decides.
    let timed_out: JsValue = Object::new().into();
    let mut handle = JsValue::UNDEFINED;
    let timer = Promise::new(&mut |resolve, _reject| {
        handle = set_timeout
            .call3(&JsValue::UNDEFINED, &resolve, &JsValue::from(ms), &timed_out)
            .unwrap_or(JsValue::UNDEFINED);
    });
    let result = JsFuture::from(Promise::race(&Array::of2(&promise, &timer))).await;
    if let Some(clear) = global_function("clearTimeout") {
        let _ = clear.call1(&JsValue::UNDEFINED, &handle);
    }
    match result {
        Ok(v) if Object::is(&v, &timed_out) => Err(None),
        Ok(v) => Ok(v),
        Err(e) => Err(Some(e)),
    }
}

/// Calls `target[name](...args)` bounded by `ms`.
async fn call(target: &JsValue, call: &'static str, args: &[JsValue], ms: u32) -> Result<JsValue, StoreError> {
    let fail = |why: String| StoreError { call, why };
    let method: Function = Reflect::get(target, &JsValue::from_str(call))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| fail("is not a function".into()))?;
    let result = method.apply(target, &args.iter().collect::<Array>()).map_err(|e| fail(thrown(&e)))?;
    settle(result, ms).await.map_err(|e| match e {
        Some(e) => fail(thrown(&e)),
        None => fail(format!("did not settle within {ms} ms")),
    })
}

thread_local! {
    /// A function that does nothing, for rejections nobody awaits (made once).
    static IGNORE: JsValue = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {}).into_js_value();
}

/// Runs `then` on a promise's value when it settles, ignoring a rejection (for promises nobody
/// awaits any more: a lease granted after its caller gave up is released).
fn when_settled(promise: &JsValue, then: Option<Box<dyn FnOnce(JsValue)>>) {
    let promise = super::guard::settle(promise);
    let on_value = then.map(Closure::once_into_js).unwrap_or(JsValue::UNDEFINED);
    if let Ok(Some(then_fn)) = Reflect::get(&promise, &"then".into()).map(|f| f.dyn_into::<Function>().ok()) {
        let _ = IGNORE.with(|ignore| then_fn.call2(&promise, &on_value, ignore));
    }
}

/// A held lease: ends with `release`; `extend` renews it where the store can.
pub(crate) struct Lease {
    release: Function,
    pub extend: Option<Function>,
}

impl Lease {
    /// Ends the lease; a failure is ignored (the lease then lapses at its end).
    pub async fn release(&self, ms: u32) {
        let called = self.release.call0(&JsValue::UNDEFINED);
        if let Ok(p) = called {
            let _ = settle(p, ms).await;
        }
    }
}

impl TokenStore {
    pub fn from_option(value: JsValue) -> Result<TokenStore, Error> {
        if value.is_undefined() || value.is_null() {
            return Ok(TokenStore::Memory(RefCell::new(HashMap::new())));
        }
        let member = |name: &str| Reflect::get(&value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let (get, set, lock) = (member("get"), member("set"), member("lock"));
        if !get.is_function() || !set.is_function() || !(lock.is_function() || lock.is_undefined()) {
            return Err(Error::new(
                Code::InvalidOption,
                "tokenStore",
                "tokenStore must have get(key) and set(key, tokens) methods, and lock(key, ttlMs) may be a method",
            ));
        }
        Ok(TokenStore::Js(value))
    }

    pub async fn get(&self, key: &str, ms: u32) -> Result<Option<Tokens>, StoreError> {
        match self {
            TokenStore::Memory(map) => Ok(map.borrow().get(key).cloned()),
            TokenStore::Js(store) => {
                let value = call(store, "get", &[JsValue::from_str(key)], ms).await?;
                if value.is_undefined() || value.is_null() {
                    return Ok(None);
                }
                // An unreadable entry counts as none: the next grant overwrites it.
                Ok(from_js(&value).ok().and_then(|j| Tokens::from_json(&j)))
            }
        }
    }

    pub async fn set(&self, key: &str, tokens: &Tokens, ms: u32) -> Result<(), StoreError> {
        match self {
            TokenStore::Memory(map) => {
                map.borrow_mut().insert(key.to_string(), tokens.clone());
                Ok(())
            }
            TokenStore::Js(store) => {
                call(store, "set", &[JsValue::from_str(key), tokens_to_js(tokens)], ms).await.map(|_| ())
            }
        }
    }

    /// The key's lease for `ttl_ms`, waited for at most `ms`; `None` for a store without `lock`
    /// (one process: the client's own single flight is enough).
    pub async fn lock(&self, key: &str, ttl_ms: u32, ms: u32) -> Result<Option<Lease>, StoreError> {
        let TokenStore::Js(store) = self else { return Ok(None) };
        let Some(lock) = Reflect::get(store, &"lock".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) else {
            return Ok(None);
        };
        let fail = |why: String| StoreError { call: "lock", why };
        let pending =
            lock.call2(store, &JsValue::from_str(key), &JsValue::from(ttl_ms)).map_err(|e| fail(thrown(&e)))?;
        let release = match settle(pending.clone(), ms).await {
            Ok(release) => release,
            Err(Some(e)) => return Err(fail(thrown(&e))),
            Err(None) => {
                // The lease may still be granted after this caller stopped waiting: end it then.
                when_settled(
                    &pending,
                    Some(Box::new(|release: JsValue| {
                        if let Some(f) = release.dyn_ref::<Function>() {
                            let _ = f.call0(&JsValue::UNDEFINED);
                        }
                    })),
                );
                return Err(fail(format!("did not settle within {ms} ms")));
            }
        };
        let release: Function = release.dyn_into().map_err(|_| fail("did not resolve to a release function".into()))?;
        let extend = Reflect::get(&release, &"extend".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
        Ok(Some(Lease { release, extend }))
    }
}

/// Renews a held lease every `every_ms` until dropped (a `setInterval`): only a holder that
/// stopped lets its lease lapse.
pub(crate) struct Renewer {
    handle: JsValue,
    _tick: Closure<dyn FnMut()>,
}

impl Renewer {
    pub fn start(lease: &Lease, ttl_ms: u32, every_ms: u32) -> Option<Renewer> {
        let extend = lease.extend.clone()?;
        let set_interval = global_function("setInterval")?;
        let tick = Closure::<dyn FnMut()>::new(move || {
            if let Ok(p) = extend.call1(&JsValue::UNDEFINED, &JsValue::from(ttl_ms)) {
                when_settled(&p, None);
            }
        });
        let handle = set_interval.call2(&JsValue::UNDEFINED, tick.as_ref(), &JsValue::from(every_ms)).ok()?;
        Some(Renewer { handle, _tick: tick })
    }
}

impl Drop for Renewer {
    fn drop(&mut self) {
        if let Some(clear) = global_function("clearInterval") {
            let _ = clear.call1(&JsValue::UNDEFINED, &self.handle);
        }
    }
}

/// Tokens as JS sees them (`{ accessToken, refreshToken, expiresAt }`), built by serde-wasm-bindgen
/// from the typed value: plain data, so no caller code runs. What a store hands back is still read
/// through the guarded snapshot (`from_js`), never by serde-wasm-bindgen, which would run its getters.
pub(crate) fn tokens_to_js(tokens: &Tokens) -> JsValue {
    use serde::Serialize as _;
    // `expiresAt` is below 2^53 (read so, or a grant's now + at most 10^9 s), a Number.
    tokens.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}
