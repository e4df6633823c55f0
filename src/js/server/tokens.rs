//! Instamojo tokens at run time: the token store (the caller's `{ get, set }` or memory), and
//! renewal with ONE token request in flight per key, however many calls wait for it. The
//! decisions (fresh or not, which grant) are `server::tokens`; this file only sequences them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::error::{Code, Error};
use crate::js::fetch::{describe, now_ms};
use crate::js::{from_js, to_js};
use crate::server::gateway::Failure;
use crate::server::tokens::{plan_renewal, Grant, Renewal, TokenKey, Tokens};

#[wasm_bindgen(typescript_custom_section)]
const TOKEN_TYPES: &str = r#"
/** An Instamojo token pair; `expiresAt` is in milliseconds since the epoch. */
export type Tokens = { accessToken: string; refreshToken: string | null; expiresAt: number };
/** Where tokens live (your database); keys are `"app"` and `"user:<username>"`. Never holds a password. */
export type TokenStore = {
  get(key: string): Promise<Tokens | null> | Tokens | null;
  set(key: string, tokens: Tokens): Promise<void> | void;
};
"#;

/// The caller's store, or memory.
pub(crate) enum TokenStore {
    Memory(RefCell<HashMap<String, Tokens>>),
    Js(JsValue),
}

fn store_failure(what: &str, why: String) -> Failure {
    Failure {
        status: 500,
        error: Error::new(Code::InvalidState, "tokenStore", format!("tokenStore.{what} failed: {why}")),
        details: Vec::new(),
    }
}

impl TokenStore {
    pub fn from_option(value: JsValue) -> Result<TokenStore, Error> {
        if value.is_undefined() || value.is_null() {
            return Ok(TokenStore::Memory(RefCell::new(HashMap::new())));
        }
        let has = |name: &str| Reflect::get(&value, &JsValue::from_str(name)).ok().is_some_and(|f| f.is_function());
        if !has("get") || !has("set") {
            return Err(Error::new(
                Code::InvalidOption,
                "tokenStore",
                "tokenStore must have get(key) and set(key, tokens) methods",
            ));
        }
        Ok(TokenStore::Js(value))
    }

    async fn call(store: &JsValue, what: &str, args: &[JsValue]) -> Result<JsValue, Failure> {
        let method: Function = Reflect::get(store, &JsValue::from_str(what))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| store_failure(what, "it is not a function".into()))?;
        let args: Vec<&JsValue> = args.iter().collect();
        JsFuture::from(super::guard::call_settled(&method, store, &args))
            .await
            .map_err(|e| store_failure(what, describe(&e)))
    }

    pub async fn get(&self, key: &str) -> Result<Option<Tokens>, Failure> {
        match self {
            TokenStore::Memory(map) => Ok(map.borrow().get(key).cloned()),
            TokenStore::Js(store) => {
                let value = Self::call(store, "get", &[JsValue::from_str(key)]).await?;
                if value.is_undefined() || value.is_null() {
                    return Ok(None);
                }
                // An unreadable entry counts as none: the next grant overwrites it.
                Ok(from_js(&value).ok().and_then(|j| Tokens::from_json(&j)))
            }
        }
    }

    pub async fn set(&self, key: &str, tokens: &Tokens) -> Result<(), Failure> {
        match self {
            TokenStore::Memory(map) => {
                map.borrow_mut().insert(key.to_string(), tokens.clone());
                Ok(())
            }
            TokenStore::Js(store) => {
                Self::call(store, "set", &[JsValue::from_str(key), to_js(&tokens.to_json())]).await.map(|_| ())
            }
        }
    }
}

pub(crate) type Slot = Rc<RefCell<Option<Result<Tokens, Failure>>>>;
/// Token requests in flight, by store key.
pub(crate) type Flights = RefCell<HashMap<String, (Promise, Slot)>>;

/// What performs a grant: the Instamojo client, which knows the endpoint and its credentials.
pub(crate) trait Granter: 'static {
    fn store(&self) -> &TokenStore;
    fn flights(&self) -> &Flights;
    fn grant(&self, operation: &str, grant: &Grant) -> impl std::future::Future<Output = Result<Tokens, Failure>>;
}

/// A token for `key`, renewed first if it has less than 300 s left, or if it is `stale` (the
/// one a call just had refused with a 401) and still the stored one.
pub(crate) async fn token<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    let stored = client.store().get(&key.text()).await?;
    if let Renewal::Use(t) = plan_renewal(key, stored.as_ref(), stale, now_ms()) {
        return Ok(t);
    }
    renew(client, operation, key, stale).await
}

/// Joins the token request in flight for `key`, or starts it.
async fn renew<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    let key_text = key.text();
    let existing = client.flights().borrow().get(&key_text).cloned();
    let (promise, slot) = match existing {
        Some(flight) => flight,
        None => {
            let slot: Slot = Rc::new(RefCell::new(None));
            let (me, filled, k, stale, op) =
                (client.clone(), slot.clone(), key.clone(), stale.map(str::to_string), operation.to_string());
            // future_to_promise only queues the future, so the flight is registered below before
            // it starts, and removed by the future itself once its result is in the slot.
            let promise = future_to_promise(async move {
                let result = renew_now(&me, &op, &k, stale.as_deref()).await;
                *filled.borrow_mut() = Some(result);
                me.flights().borrow_mut().remove(&k.text());
                Ok(JsValue::UNDEFINED)
            });
            client.flights().borrow_mut().insert(key_text, (promise.clone(), slot.clone()));
            (promise, slot)
        }
    };
    let _ = JsFuture::from(promise).await;
    let result = slot.borrow().clone();
    result.unwrap_or_else(|| Err(store_failure("get", "the token request ended without a result".into())))
}

async fn renew_now<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    // Read again: another flight may have finished between the caller's read and this one.
    let stored = client.store().get(&key.text()).await?;
    match plan_renewal(key, stored.as_ref(), stale, now_ms()) {
        Renewal::Use(t) => Ok(t),
        Renewal::NeedLogin => {
            let name = match key {
                TokenKey::User(name) => name.as_str(),
                TokenKey::App => "",
            };
            Err(Failure {
                status: 502,
                error: Error::new(
                    Code::GatewayAuth,
                    "user",
                    format!("{operation}: no usable Instamojo token for user {name:?}; call login(username, password) first"),
                ),
                details: Vec::new(),
            })
        }
        Renewal::Grant(grant) => {
            let tokens = client.grant(operation, &grant).await?;
            client.store().set(&key.text(), &tokens).await?;
            Ok(tokens)
        }
    }
}
