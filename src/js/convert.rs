//! JS values to the core's `Json` and back.
//!
//! Inward, a string, number, boolean, `null` or `undefined` is read directly; anything else (an
//! object, an array, or a value JSON cannot hold: a function, symbol or bigint) goes to
//! `snapshot.rs`, which writes a container as JSON text in JS in one crossing, refusing what is not
//! JSON data with its path, and never lets a throwing getter or Proxy trap unwind through wasm.
//!
//! Outward, a container is written as JSON text and handed to `JSON.parse` once: one crossing for
//! the whole value instead of one per member.

use crate::error::Error;
use crate::json::Json;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// Converts a JS value for the core, with paths relative to the whole input (`""`).
pub(crate) fn from_js(value: &JsValue) -> Result<Json, Error> {
    from_js_at(value, "")
}

/// Converts a JS value for the core; errors name `path` (the argument's name) and what lies below.
pub(crate) fn from_js_at(value: &JsValue, path: &str) -> Result<Json, Error> {
    // On the server, a long string (JSON text) goes through the snapshot writer, whose text crosses
    // into memory allocated first, so one too large is an error rather than an out-of-memory trap.
    #[cfg(feature = "server")]
    if value.is_string() && js_sys::JsString::from(value.clone()).length() > super::snapshot::LONG_TEXT {
        return super::snapshot::read(value, path);
    }
    // Most arguments are amounts as strings or numbers: those need no text.
    if let Some(s) = value.as_string() {
        // A lone surrogate crosses as U+FFFD: only then is the string read again, by the JS
        // writer, which refuses a lone surrogate with the path (and keeps a genuine U+FFFD).
        if !s.bytes().any(|b| b == 0xEF) {
            return Ok(Json::String(s));
        }
    } else if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    } else if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    } else if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    super::snapshot::read(value, path)
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

/// A core value as a plain JS value (objects and arrays, no classes).
pub(crate) fn to_js(value: &Json) -> JsValue {
    match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(*n),
        Json::String(s) => JsValue::from_str(s),
        // The core writes valid JSON text (a non-finite number as `null`), which JSON.parse takes.
        Json::Array(_) | Json::Object(_) => json_parse(&value.to_text()).unwrap_or(JsValue::NULL),
    }
}
