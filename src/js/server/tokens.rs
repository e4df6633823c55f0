//! Instamojo tokens at run time: ONE renewal in flight per key in this process, however many calls
//! wait for it, and, with a store that has `lock`, one across every process sharing the store:
//! take the key's lease, read the store again, refresh only if the token there still needs it,
//! write, release. The decisions (fresh or not, which grant, whether the store is behind this
//! process) are `server::tokens`; this file only sequences them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, spawn_local, JsFuture};

use super::token_store::{Renewer, StoreError, TokenStore};
use crate::error::{Code, Error};
use crate::js::fetch::{now_ms, sleep};
use crate::server::gateway::Failure;
use crate::server::tokens::{
    lease_ms, renew_every_ms, Current, Grant, KeyMemory, Renewal, Spending, TokenKey, Tokens, REREAD_DELAYS_MS,
    WRITE_RETRY_DELAYS_MS,
};

pub(crate) type Slot = Rc<RefCell<Option<Result<Tokens, Failure>>>>;
/// Token requests in flight, by store key.
pub(crate) type Flights = RefCell<HashMap<String, (Promise, Slot)>>;
/// What this process knows of each key beyond the store.
pub(crate) type Memories = RefCell<HashMap<String, KeyMemory>>;

/// What performs a grant: the Instamojo client, which knows the endpoint and its credentials.
pub(crate) trait Granter: 'static {
    fn store(&self) -> &TokenStore;
    fn flights(&self) -> &Flights;
    fn memories(&self) -> &Memories;
    /// The bound of each store call, and what a key's lease is measured from.
    fn timeout_ms(&self) -> u32;
    /// The new pair, and what became of a refresh token the grant sent.
    fn grant(
        &self,
        operation: &str,
        grant: &Grant,
    ) -> impl std::future::Future<Output = (Result<Tokens, Failure>, Spending)>;
}

fn memory<G: Granter, T>(client: &G, key: &str, f: impl FnOnce(&mut KeyMemory) -> T) -> T {
    f(client.memories().borrow_mut().entry(key.to_string()).or_default())
}

/// The store's pair under `key`, seen through this process's memory.
async fn read<G: Granter>(client: &Rc<G>, operation: &str, key: &str) -> Result<Current, Failure> {
    let stored = client.store().get(key, client.timeout_ms()).await.map_err(|e| e.failure(operation, key))?;
    Ok(memory(&**client, key, |m| m.reconcile(stored)))
}

/// Writes a pair the gateway issued; when the write fails, the pair stays in memory, is used, and
/// is written again here (a few times, while the caller still holds the lease) and by later calls.
pub(crate) async fn persist<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &str,
    tokens: &Tokens,
) -> Result<(), Failure> {
    let ms = client.timeout_ms();
    let mut result = client.store().set(key, tokens, ms).await;
    for delay in WRITE_RETRY_DELAYS_MS {
        if result.is_ok() {
            break;
        }
        sleep(delay).await;
        // A write that did not settle may still have landed, and another process may have moved
        // on: read first, and write only while the store is behind.
        result = match client.store().get(key, ms).await {
            Ok(stored) => match memory(&**client, key, |m| m.reconcile(stored)) {
                Current { tokens: Some(t), write: true } => client.store().set(key, &t, ms).await,
                _ => return Ok(()),
            },
            Err(e) => Err(e),
        };
    }
    result.map_err(|e| e.failure(operation, key))
}

/// A token for `key`, renewed first if it has less than 300 s left, or if it is `stale` (the
/// one a call just had refused with a 401) and still the stored one.
pub(crate) async fn token<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    let key_text = key.text();
    let current = read(client, operation, &key_text).await?;
    let plan = memory(&**client, &key_text, |m| m.plan(key, current.tokens.as_ref(), stale, now_ms()));
    if let Renewal::Use(t) = plan {
        if current.write {
            // The store is behind this process (an earlier write failed): write again, without
            // holding up this call.
            let (me, op, k) = (client.clone(), operation.to_string(), key.clone());
            spawn_local(async move {
                let _ = renew(&me, &op, &k, None).await;
            });
        }
        return Ok(t);
    }
    renew(client, operation, key, stale).await
}

/// Performs a grant for `key` and records what it spent and issued. Written by the caller.
pub(crate) async fn grant_for<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &str,
    grant: &Grant,
    replacing: Option<&Tokens>,
) -> Result<Tokens, Failure> {
    let (result, spending) = client.grant(operation, grant).await;
    if let (Grant::Refresh { refresh_token }, Spending::Spent) = (grant, spending) {
        memory(&**client, key, |m| m.spend(refresh_token));
    }
    let tokens = result?;
    memory(&**client, key, |m| m.issued(&tokens, replacing));
    Ok(tokens)
}

/// Joins the renewal in flight for `key` in this process, or starts it.
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
                let result = leased(&me, &op, &k, stale.as_deref()).await;
                *filled.borrow_mut() = Some(result);
                me.flights().borrow_mut().remove(&k.text());
                Ok(JsValue::UNDEFINED)
            });
            client.flights().borrow_mut().insert(key_text.clone(), (promise.clone(), slot.clone()));
            (promise, slot)
        }
    };
    let _ = JsFuture::from(promise).await;
    let result = slot.borrow().clone();
    result.unwrap_or_else(|| {
        Err(StoreError { call: "get", why: "ended without a result".into() }.failure(operation, &key_text))
    })
}

/// The renewal under the key's lease, where the store has `lock`: renewed while held, released
/// after (a store's release checks the owner, so a lease that lapsed and went to another
/// process is not ended by this one).
async fn leased<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    let key_text = key.text();
    let (ms, lease_for) = (client.timeout_ms(), lease_ms(client.timeout_ms()));
    let lease = client.store().lock(&key_text, lease_for, ms).await.map_err(|e| e.failure(operation, &key_text))?;
    let renewer = lease.as_ref().and_then(|l| Renewer::start(l, lease_for, renew_every_ms(lease_for)));
    let result = renew_held(client, operation, key, stale).await;
    drop(renewer);
    if let Some(lease) = lease {
        lease.release(ms).await;
    }
    result
}

/// Reads the store again (another process may have renewed the token meanwhile), and asks for a
/// token only if the one there still needs it.
async fn renew_held<G: Granter>(
    client: &Rc<G>,
    operation: &str,
    key: &TokenKey,
    stale: Option<&str>,
) -> Result<Tokens, Failure> {
    let key_text = key.text();
    let mut refused: Option<Failure> = None;
    let mut delays = REREAD_DELAYS_MS.iter();
    loop {
        let current = read(client, operation, &key_text).await?;
        match memory(&**client, &key_text, |m| m.plan(key, current.tokens.as_ref(), stale, now_ms())) {
            Renewal::Use(t) => {
                if current.write {
                    // Kept in memory when this write fails too; the call goes on with the pair.
                    let _ = persist(client, operation, &key_text, &t).await;
                }
                return Ok(t);
            }
            Renewal::NeedLogin => return Err(need_login(operation, key)),
            Renewal::Spent => {
                // The store still holds a pair whose refresh token is spent: the process that
                // spent it writes the new pair in a moment. Never send the spent one again.
                let Some(delay) = delays.next() else {
                    return Err(refused.unwrap_or_else(|| spent(operation, key)));
                };
                sleep(*delay).await;
            }
            Renewal::Grant(grant) => {
                match grant_for(client, operation, &key_text, &grant, current.tokens.as_ref()).await {
                    Ok(tokens) => {
                        let _ = persist(client, operation, &key_text, &tokens).await;
                        return Ok(tokens);
                    }
                    // A refused refresh token is spent (the plan now says so): another process
                    // spent it, and writes the pair that replaced it in a moment. Read again.
                    Err(f) if refresh_refused(client, &key_text, &grant) => {
                        let Some(delay) = delays.next() else { return Err(f) };
                        sleep(*delay).await;
                        refused = Some(f);
                    }
                    Err(f) => return Err(f),
                }
            }
        }
    }
}

fn refresh_refused<G: Granter>(client: &Rc<G>, key: &str, grant: &Grant) -> bool {
    match grant {
        Grant::Refresh { refresh_token } => memory(&**client, key, |m| m.is_spent(refresh_token)),
        _ => false,
    }
}

fn need_login(operation: &str, key: &TokenKey) -> Failure {
    let name = match key {
        TokenKey::User(name) => name.as_str(),
        TokenKey::App => "",
    };
    Failure {
        status: 502,
        error: Error::new(
            Code::GatewayAuth,
            "user",
            format!("{operation}: no usable Instamojo token for user {name:?}; call login(username, password) first"),
        ),
        details: Vec::new(),
    }
}

fn spent(operation: &str, key: &TokenKey) -> Failure {
    let mut f = need_login(operation, key);
    f.error.message = format!(
        "{operation}: the token store still holds a refresh token that was already spent for {:?}, and no newer pair \
         was written; call login(username, password) again",
        key.text()
    );
    f
}
