//! The member-by-member walker that read JS values before `snapshot.rs` read every container in
//! one crossing. It is kept, behind the `reference-walker` feature and out of every shipped build,
//! as the definition the JS reader is tested against (tests/wasm_fast_paths.rs): the same value, or
//! the same error with the same code, path and message, for every odd value the tests hold.

use super::snapshot::MAX_ITEMS;
use crate::error::{cat, index, int_text, join, Code, Error};
use crate::json::{Json, MAX_DEPTH};
use crate::prelude::*;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<Array, JsValue>;
}

#[wasm_bindgen(inline_js = r#"
const LONE = /(?:[^\ud800-\udbff]|^)[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])/;
export function hasLoneSurrogate(s) {
  return typeof s == "string" && LONE.test(s);
}
export function exceptionText(e) {
  try { return String(e instanceof Error ? e.message : e); } catch (_) { return "an exception"; }
}
"#)]
extern "C" {
    /// What a getter or trap threw, as text; never throws itself (`instanceof` on a revoked
    /// Proxy and a throwing `toString` are caught in JS).
    #[wasm_bindgen(js_name = exceptionText)]
    fn exception_text(exception: &JsValue) -> String;

    /// Whether a JS string holds half of a surrogate pair alone (which Rust would read as U+FFFD).
    #[wasm_bindgen(js_name = hasLoneSurrogate)]
    fn has_lone_surrogate(value: &JsValue) -> bool;
}

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

/// The walker alone, without the one-crossing read first (for tests that hold the two to each other).
pub fn walk_at(value: &JsValue, path: &str) -> Result<Json, Error> {
    walk(value, &Step::Root(path), 0)
}

fn walk(value: &JsValue, at: &Step<'_>, depth: usize) -> Result<Json, Error> {
    // Most leaves are strings and numbers: test those first.
    if let Some(s) = value.as_string() {
        return if has_lone_surrogate(value) { Err(lone(at)) } else { Ok(Json::String(s)) };
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
                cat(&[
                    "the array is longer than ",
                    &int_text(u64::from(MAX_ITEMS)),
                    " elements; no input of this library is that large",
                ]),
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
        if has_lone_surrogate(&key_js) {
            return Err(lone(&here));
        }
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
    let message = cat(&[
        name,
        " is ",
        what,
        "; only JSON values (strings, numbers, booleans, null, arrays, plain objects) are accepted",
    ]);
    Error::new(Code::InvalidType, path, message)
}

/// Text (a value or a key) with a lone surrogate, which Rust text cannot hold exactly.
fn lone(at: &Step<'_>) -> Error {
    let path = at.path();
    let name = if path.is_empty() { "the input" } else { path.as_str() };
    let message = cat(&[name, " holds a lone UTF-16 surrogate (half of a pair)"]);
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
