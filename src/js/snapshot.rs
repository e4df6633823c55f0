//! A JS object or array as JSON text, written in JavaScript in one crossing, then parsed in Rust.
//!
//! Walking a value member by member from Rust costs several calls across the boundary per value
//! (a type test, a `Reflect.get`, a string copy), and the walker's code cost the browser module
//! 2 KB gzip; writing the JSON text in JS and parsing it in Rust costs one call.
//!
//! The writer reads `Array.isArray`, `length` and each index of an array, `Object.keys` and each
//! key of anything else, and treats values as `JSON.stringify` would, except where the core must
//! see more: holes and `undefined` elements are `null`, `undefined` members are left out, `toJSON`
//! is ignored (a `Date` is `{}`), `-0` stays `-0`, and NaN and the infinities are written as the
//! tokens `NaN`, `Infinity` and `-Infinity`, which only `Json::parse_js` reads, so the core refuses
//! them with its own message. Text (a value or a key) with a lone UTF-16 surrogate is refused,
//! since Rust would read U+FFFD in its place and two different ids would become one. Whatever
//! JSON cannot hold (a function, symbol or bigint), a
//! container nested past `MAX_DEPTH`, an array longer than `MAX_ITEMS` and an exception from a
//! getter or Proxy trap is refused with the path where it was met. `walker.rs` (tests only) is the
//! definition these rules are tested against.

use crate::error::{Code, Error};
use crate::json::{Json, MAX_DEPTH};
use crate::prelude::*;
use wasm_bindgen::prelude::*;

/// Strings longer than this (UTF-16 units) cross into the server build through memory allocated
/// first (`server::guard::long_text`); shorter ones through wasm-bindgen's copy.
#[cfg(feature = "server")]
pub(crate) const LONG_TEXT: u32 = 1 << 20;

/// JSON text up to this many UTF-16 units (at most 192 KiB of UTF-8) crosses into the server
/// build by wasm-bindgen's copy; longer text through `long_text`, which measures it first.
#[cfg(feature = "server")]
const SHORT_TEXT: u32 = 1 << 16;

/// The longest array accepted from JS.
pub(crate) const MAX_ITEMS: u32 = 1_000_000;

// The JS constants must match the Rust ones; tests/wasm_fast_paths.rs checks values at the edges.
const _: () = assert!(MAX_DEPTH == 64 && MAX_ITEMS == 1_000_000);

#[wasm_bindgen(inline_js = r#"
const MAX_DEPTH = 64, MAX_ITEMS = 1000000;
const ONLY_JSON = "; only JSON values (strings, numbers, booleans, null, arrays, plain objects) are accepted";
// Text with nothing to escape is quoted by hand; JSON.stringify was slower for short strings.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
// A lone surrogate (half of a UTF-16 pair) has no UTF-8 form, so Rust would read U+FFFD and two
// different ids could become one. With the `u` flag a whole pair is one code point, so `\p{Cs}`
// matches exactly the lone halves. (Not `try { encodeURIComponent(s) }`: minifiers take that call
// for side-effect free and drop it, check and all.)
const LONE = /\p{Cs}/u;
const quote = (s) => {
  if (!ESCAPED.test(s)) return '"' + s + '"';
  if (LONE.test(s)) throw new Refusal(false, (p) => name(p) + " holds a lone UTF-16 surrogate (half of a pair)");
  return JSON.stringify(s);
};
// Where the writer is: the argument's name, then a key or an index per level. A path string is
// only built for an error.
let root = "", at = [];
const path = () => at.reduce((p, s) => (typeof s == "number" ? p + "[" + s + "]" : p === "" ? s : p + "." + s), root);
const name = (p) => (p === "" ? "the input" : p);
class Refusal {
  constructor(json, message) { this.code = json ? "J" : "T"; this.path = path(); this.message = message(this.path); }
}
const refused = (what) => new Refusal(false, (p) => name(p) + " is " + what + ONLY_JSON);
const unreadable = (e) => {
  let detail;
  try { detail = String(e instanceof Error ? e.message : e); } catch (_) { detail = "an exception"; }
  return new Refusal(false, (p) => name(p) + " could not be read: " + detail);
};
// Reads one property; an exception from a getter or trap becomes a refusal at `at`.
function get(v, key) {
  try { return v[key]; } catch (e) { throw unreadable(e); }
}
function write(v, depth) {
  switch (typeof v) {
    case "string": return quote(v);
    case "number": return v === 0 && 1 / v < 0 ? "-0" : "" + v;
    case "boolean": return v ? "true" : "false";
    case "object": if (v === null) return "null"; break;
    case "function": throw refused("a function");
    case "symbol": throw refused("a symbol");
    case "bigint": throw refused("a bigint (pass the amount as a string)");
    default:
      if (v === undefined) return "null";
      throw refused("a value of an unknown kind"); // an exotic `undefined` like document.all
  }
  if (depth > MAX_DEPTH) throw new Refusal(true, () => "the value is nested more than " + MAX_DEPTH + " levels deep (is it cyclic?)");
  let isArray;
  try { isArray = Array.isArray(v); } catch (e) { throw unreadable(e); }
  if (isArray) {
    const n = get(v, "length");
    // A sparse array can claim 2^32 - 1 elements; walking them would never end.
    if (!(typeof n == "number" && n >= 0 && n <= MAX_ITEMS)) {
      throw new Refusal(true, () => "the array is longer than " + MAX_ITEMS + " elements; no input of this library is that large");
    }
    let out = "[";
    for (let i = 0; i < Math.trunc(n); i++) {
      at.push(i);
      out += (i === 0 ? "" : ",") + write(get(v, i), depth + 1);
      at.pop();
    }
    return out + "]";
  }
  let keys;
  try { keys = Object.keys(v); } catch (e) { throw unreadable(e); }
  let out = "{", first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    at.push(key);
    const quoted = quote(key);
    const member = get(v, key);
    if (member !== undefined) {
      out += (first ? "" : ",") + quoted + ":" + write(member, depth + 1);
      first = false;
    }
    at.pop();
  }
  return out + "}";
}
const encoder = new TextEncoder();
let refusal;
// The server build's form: the text itself, which Rust copies into memory it allocated first.
export function snapshotText(value, path) {
  root = path;
  at = [];
  try {
    return write(value, 0);
  } catch (e) {
    refusal = e instanceof Refusal ? e : unreadable(e);
    return undefined;
  }
}
export function jsonSnapshot(value, path) {
  root = path;
  at = [];
  try {
    // As UTF-8 bytes: handing wasm a Uint8Array is one copy, where a string is copied char by char.
    return encoder.encode(write(value, 0));
  } catch (e) {
    // A Refusal, or the engine's own error (a string too long to build).
    refusal = e instanceof Refusal ? e : unreadable(e);
    return undefined;
  }
}
// The last refusal, in parts: a path or a key may hold any character, so no separator would do.
export function snapshotRefusal() {
  return refusal.code + refusal.message;
}
export function snapshotRefusalPath() {
  return refusal.path;
}
"#)]
extern "C" {
    /// The value's JSON text as UTF-8, or `None` when it is refused. Never throws.
    #[cfg(not(feature = "server"))]
    #[wasm_bindgen(js_name = jsonSnapshot)]
    fn json_snapshot(value: &JsValue, path: &str) -> Option<Vec<u8>>;

    /// The value's JSON text, or `undefined` when it is refused. Never throws.
    #[cfg(feature = "server")]
    #[wasm_bindgen(js_name = snapshotText)]
    fn snapshot_text(value: &JsValue, path: &str) -> JsValue;

    /// The last refusal: `J` (INVALID_JSON) or `T` (INVALID_TYPE), then the message.
    #[wasm_bindgen(js_name = snapshotRefusal)]
    fn snapshot_refusal() -> String;

    /// The path of the last refusal.
    #[wasm_bindgen(js_name = snapshotRefusalPath)]
    fn snapshot_refusal_path() -> String;
}

/// `value` (anything but a string, number, boolean, `null` or `undefined`) as the core's `Json`,
/// read in one crossing; errors name `path` and what lies below it.
pub(crate) fn read(value: &JsValue, path: &str) -> Result<Json, Error> {
    #[cfg(feature = "server")]
    let text = {
        let text = snapshot_text(value, path);
        if text.is_undefined() {
            None
        } else if js_sys::JsString::from(text.clone()).length() <= SHORT_TEXT {
            // Small enough to copy the ordinary way: no bound to measure in JS first.
            text.as_string()
        } else {
            Some(super::server::guard::long_text(&text, path)?)
        }
    };
    // TextEncoder writes UTF-8, so the conversion cannot fail.
    #[cfg(not(feature = "server"))]
    let text = json_snapshot(value, path).map(|bytes| String::from_utf8(bytes).unwrap_or_default());
    match text {
        Some(text) => Json::parse_js(&text, path),
        None => {
            let refusal = snapshot_refusal();
            let code = if refusal.starts_with('J') { Code::InvalidJson } else { Code::InvalidType };
            Err(Error::new(code, snapshot_refusal_path(), refusal.get(1..).unwrap_or("")))
        }
    }
}
