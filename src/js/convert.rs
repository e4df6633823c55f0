//! JS values to the core's `Json` and back.
//!
//! Inward, an object that is plain JSON data is read in one crossing as JSON text (`snapshot.rs`).
//! Anything else is walked with js_sys so a function, a symbol or a bigint is refused with its
//! path instead of being dropped the way `JSON.stringify` would drop it, and a cyclic or very deep
//! object is refused at `json::MAX_DEPTH` instead of overflowing the stack. Every JS call that a
//! hostile value (a throwing getter, a revoked Proxy) could make throw is imported with `catch`:
//! an exception unwinding through wasm would skip destructors and leave a ledger borrowed forever.
//!
//! Outward, a container is written as JSON text and handed to `JSON.parse` once: one crossing for
//! the whole value instead of one per member.

use crate::prelude::*;
use crate::error::{cat, index, int_text, join, Code, Error};
use crate::json::{Json, MAX_DEPTH};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(inline_js = r#"
export function exceptionText(e) {
  try { return String(e instanceof Error ? e.message : e); } catch (_) { return "an exception"; }
}
"#)]
extern "C" {
    /// What a getter or trap threw, as text; never throws itself (`instanceof` on a revoked
    /// Proxy and a throwing `toString` are caught in JS).
    #[wasm_bindgen(js_name = exceptionText)]
    fn exception_text(exception: &JsValue) -> String;
}

/// The longest array accepted from JS.
pub(crate) const MAX_ITEMS: u32 = 1_000_000;

/// Where the walk is, kept as a chain on the stack so a path string is only built for an error.
enum Step<'a> {
    Root(&'a str),
    Key(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl Step<'_> {
    fn path(&self) -> String {
        match self {
            Step::Root(path) => (*path).to_string(),
            Step::Key(parent, key) => join(&parent.path(), key),
            Step::Index(parent, i) => index(&parent.path(), *i),
        }
    }
}

/// Converts a JS value for the core, with paths relative to the whole input (`""`).
pub(crate) fn from_js(value: &JsValue) -> Result<Json, Error> {
    from_js_at(value, "")
}

/// Converts a JS value for the core; errors name `path` (the argument's name) and what lies below.
pub(crate) fn from_js_at(value: &JsValue, path: &str) -> Result<Json, Error> {
    // An object in one crossing when it is plain JSON data; the walker decides everything else.
    if value.is_object() {
        if let Some(json) = super::snapshot::read(value, path) {
            return Ok(json);
        }
    }
    walk_at(value, path)
}

/// The walker alone, without the one-crossing read first (for tests that hold the two to each other).
pub(crate) fn walk_at(value: &JsValue, path: &str) -> Result<Json, Error> {
    walk(value, &Step::Root(path), 0)
}

/// An optional argument: `undefined` (or left out) is `None`; anything else, `null` included, is
/// converted, so the core can tell "absent" from "present but wrong".
pub(crate) fn optional_arg(value: &JsValue, path: &str) -> Result<Option<Json>, Error> {
    if value.is_undefined() {
        Ok(None)
    } else {
        from_js_at(value, path).map(Some)
    }
}

fn walk(value: &JsValue, at: &Step<'_>, depth: usize) -> Result<Json, Error> {
    // Most leaves are strings and numbers: test those first.
    if let Some(s) = value.as_string() {
        return Ok(Json::String(s));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if !value.is_object() {
        let what = if value.is_function() {
            "a function"
        } else if value.is_symbol() {
            "a symbol"
        } else if value.is_bigint() {
            "a bigint (pass the amount as a string)"
        } else {
            "a value of an unknown kind"
        };
        return Err(refused(at, what));
    }
    if depth > MAX_DEPTH {
        return Err(Error::new(
            Code::InvalidJson,
            at.path(),
            cat(&["the value is nested more than ", &int_text(MAX_DEPTH as u64), " levels deep (is it cyclic?)"]),
        ));
    }
    if is_array(value).map_err(|e| thrown(at, &e))? {
        walk_array(value, at, depth)
    } else {
        walk_object(value, at, depth)
    }
}

fn walk_array(value: &JsValue, at: &Step<'_>, depth: usize) -> Result<Json, Error> {
    // Read through Reflect so a Proxy's throwing trap becomes an error, not an exception.
    let length = Reflect::get(value, &JsValue::from_str("length")).map_err(|e| thrown(at, &e))?;
    let length = match length.as_f64() {
        Some(n) if n >= 0.0 && n <= MAX_ITEMS as f64 => n as u32,
        // A sparse array can claim 2^32 - 1 elements; walking them would never end.
        _ => {
            return Err(Error::new(
                Code::InvalidJson,
                at.path(),
                cat(&["the array is longer than ", &int_text(u64::from(MAX_ITEMS)), " elements; no input of this library is that large"]),
            ))
        }
    };
    let mut items = Vec::with_capacity(length.min(1024) as usize);
    for i in 0..length {
        let here = Step::Index(at, i as usize);
        let item = Reflect::get_u32(value, i).map_err(|e| thrown(&here, &e))?;
        // A hole or an `undefined` element is `null`, as in JSON.stringify.
        items.push(walk(&item, &here, depth + 1)?);
    }
    Ok(Json::Array(items))
}

fn walk_object(value: &JsValue, at: &Step<'_>, depth: usize) -> Result<Json, Error> {
    let keys = own_keys(value).map_err(|e| thrown(at, &e))?;
    let count = keys.length();
    let mut members = Vec::with_capacity(count.min(1024) as usize);
    for i in 0..count {
        let key_js = keys.get(i);
        let Some(key) = key_js.as_string() else { continue };
        let here = Step::Key(at, &key);
        let member = Reflect::get(value, &key_js).map_err(|e| thrown(&here, &e))?;
        // Left out, as JSON.stringify leaves out an `undefined` property.
        if member.is_undefined() {
            continue;
        }
        let converted = walk(&member, &here, depth + 1)?;
        members.push((key, converted));
    }
    Ok(Json::Object(members))
}

fn refused(at: &Step<'_>, what: &str) -> Error {
    let path = at.path();
    let name = if path.is_empty() { "the input" } else { path.as_str() };
    let message =
        cat(&[name, " is ", what, "; only JSON values (strings, numbers, booleans, null, arrays, plain objects) are accepted"]);
    Error::new(Code::InvalidType, path, message)
}

/// A getter or Proxy trap threw while the value was read.
fn thrown(at: &Step<'_>, exception: &JsValue) -> Error {
    let detail = exception_text(exception);
    let path = at.path();
    let name = if path.is_empty() { "the input" } else { path.as_str() };
    let message = cat(&[name, " could not be read: ", &detail]);
    Error::new(Code::InvalidType, path, message)
}

/// A core value as a plain JS value (objects and arrays, no classes).
pub(crate) fn to_js(value: &Json) -> JsValue {
    match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(*n),
        Json::String(s) => JsValue::from_str(s),
        // The core's JSON text is always valid, so JSON.parse cannot refuse it; the member-wise
        // build is kept only as a path that cannot fail.
        Json::Array(_) | Json::Object(_) => json_parse(&value.to_text()).unwrap_or_else(|_| build(value)),
    }
}

fn build(value: &Json) -> JsValue {
    match value {
        Json::Array(items) => items.iter().map(build).collect::<Array>().into(),
        Json::Object(members) => {
            let object = js_sys::Object::new();
            for (k, v) in members {
                let descriptor = js_sys::Object::new();
                let _ = Reflect::set(&descriptor, &"value".into(), &build(v));
                for flag in ["writable", "enumerable", "configurable"] {
                    let _ = Reflect::set(&descriptor, &flag.into(), &JsValue::TRUE);
                }
                // defineProperty, not set: a `__proto__` key must stay an own property.
                let _ = Reflect::define_property(&object, &k.into(), &descriptor);
            }
            object.into()
        }
        other => to_js(other),
    }
}
