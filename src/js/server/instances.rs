//! The client classes' instances, as JS holds them: how `createProxyHandler` takes the Rust side
//! of a `JuspayClient` or `InstamojoClient` it is given, and how a method called on a freed or
//! foreign `this` becomes a `MarketsplitError` instead of a throw inside wasm.
//!
//! No registry of handles: a client's hidden method hands its own state (an `Rc` of its core)
//! over in a slot that only that method fills, and the handler takes it from there right after
//! calling the method through a guarded call. A foreign object's method cannot fill the slot.
//!
//! wasm-bindgen's method shims turn a `this` without a live pointer (freed, or another object) into
//! a throw from inside wasm, which the guard (guard.rs) exists to prevent. So each method of the
//! two classes is wrapped once, in JS, at module start, to check `this` first.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::thread::LocalKey;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::instamojo_client::{InstamojoClient, InstamojoCore};
use super::juspay_client::{JuspayClient, JuspayCore};

/// The name of the hidden method through which `createProxyHandler` takes the Rust side of a
/// client instance it is given.
pub(crate) const HANDLE_METHOD: &str = "__marketsplitHandle";

thread_local! {
    static HARDENED: Cell<bool> = const { Cell::new(false) };
}

/// The core of the client `value` is, if it is a live instance of ours: its hidden method is
/// called (every read and call through `catch`-bound imports, so a throwing getter or a revoked
/// Proxy only means "not a client"), and a live instance's method fills `slot`.
pub(crate) fn client_of<T>(value: &JsValue, slot: &'static LocalKey<RefCell<Option<Rc<T>>>>) -> Option<Rc<T>> {
    slot.with(|s| s.borrow_mut().take());
    let method = Reflect::get(value, &JsValue::from_str(HANDLE_METHOD)).ok()?.dyn_into::<Function>().ok()?;
    // A foreign object's own method may throw or return anything: only the slot counts.
    let _ = method.call0(value);
    slot.with(|s| s.borrow_mut().take())
}

#[wasm_bindgen(inline_js = r#"
// Wraps each named method of `instance`'s class so that a `this` which is not a live instance of
// that class (freed, a plain object, another class's instance, a revoked Proxy, a copy of an
// instance) never reaches the glue, whose shim would throw from inside wasm or use its pointer:
// an async method rejects with a MarketsplitError, a sync one throws it, and `free` (and
// `Symbol.dispose`) of what is not live does nothing. Frees `instance` first.
//
// Which objects are live is kept here, not read from their own `__wbg_ptr` field: the glue's
// pointer becomes an accessor of the prototype, stored in a WeakMap by the glue's own writes (the
// constructor, `__wrap`, `free`). A copy of an instance's fields (`Object.assign`, a clone) or an
// object made with the prototype and a number there once passed the check with the pointer of an
// instance that could be freed meanwhile, and its call read freed memory and trapped the module.
//
// Every method of the prototype is wrapped, so one added to a client later is guarded too: `free`
// as `free`, the hidden hand-over method as a sync one, the rest (the gateway calls) as async.
// `__destroy_into_raw` is the glue's own, reached only through the wrapped `free`.
export function hardenMethods(instance, handleMethod, MarketsplitError) {
  const proto = Object.getPrototypeOf(instance);
  const Class = proto.constructor;
  instance.free();
  const pointers = new WeakMap();
  Object.defineProperty(proto, "__wbg_ptr", {
    configurable: false,
    get() {
      return pointers.get(this) ?? 0;
    },
    set(ptr) {
      pointers.set(this, ptr);
    },
  });
  const live = (self) => {
    const ptr = pointers.get(self);
    return typeof ptr == "number" && ptr !== 0;
  };
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name == "constructor" || name == "__destroy_into_raw" || typeof descriptor.value != "function") continue;
    const kind = name == "free" ? "free" : name == handleMethod ? "sync" : "async";
    const method = descriptor.value;
    const wrapped = {
      [name](...args) {
        if (live(this)) return method.apply(this, args);
        if (kind == "free") return undefined;
        const error = new MarketsplitError("INVALID_TYPE", "",
          Class.name + "." + name + " was called on an object that is not a live " + Class.name + " (freed, or another object)");
        if (kind == "async") return Promise.reject(error);
        throw error;
      },
    }[name];
    Object.defineProperty(proto, name, { ...descriptor, value: wrapped });
    if (kind == "free" && typeof Symbol.dispose == "symbol" && proto[Symbol.dispose] === method) {
      Object.defineProperty(proto, Symbol.dispose, { ...Object.getOwnPropertyDescriptor(proto, Symbol.dispose), value: wrapped });
    }
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = hardenMethods)]
    fn harden_methods(instance: JsValue, handle_method: &str, error_class: &JsValue);
}

/// A plain options object from literal pairs, for the throwaway instances below.
fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    object.into()
}

/// Wraps the client classes' methods (see `hardenMethods`), once per module instance. The class
/// is reached through a throwaway instance, as the glue makes classes visible to wasm only so.
#[wasm_bindgen(start, private)]
pub fn harden_client_classes() {
    if HARDENED.with(|h| h.replace(true)) {
        return;
    }
    let error_class = crate::js::error::marketsplit_error_class();
    if let Ok(core) = JuspayCore::from_options(&options(&[("apiKey", "-"), ("merchantId", "-")])) {
        harden_methods(JuspayClient::from_core(Rc::new(core)).into(), HANDLE_METHOD, &error_class);
    }
    if let Ok(core) = InstamojoCore::from_options(&options(&[("clientId", "-"), ("clientSecret", "-")])) {
        harden_methods(InstamojoClient::from_core(Rc::new(core)).into(), HANDLE_METHOD, &error_class);
    }
}
