//! A JS object or array as JSON text, written in JavaScript in one crossing, then parsed in Rust.
//!
//! Walking a value member by member from Rust costs several calls across the boundary per value
//! (a type test, a `Reflect.get`, a string copy); writing its JSON text in JS and parsing that in
//! Rust costs one, and is several times faster for a payload of a few hundred values.
//!
//! The writer reads exactly what `convert::walk` reads, in the same order (`Array.isArray`,
//! `length`, each index; `Object.keys`, each key), and treats each value the same way: holes and
//! `undefined` elements are `null`, `undefined` members are left out, `toJSON` is ignored (so a
//! `Date` is `{}`), `-0` stays `-0`. It gives up, returning nothing, wherever the walker would
//! refuse the value or JSON text cannot hold it exactly: a function, symbol or bigint, a number
//! that is not finite, an array longer than the walker takes, nesting near `MAX_DEPTH`, or any
//! exception from a getter or Proxy trap; and on an object of more than 64 keys, whose parse
//! would cost more than the walk. The caller then runs the walker, so every error keeps
//! its code, path and message. (A getter is then read a second time; only a getter that answers
//! differently from one read to the next could tell.)

use crate::prelude::*;
use crate::error::Error;
use crate::json::{Json, MAX_DEPTH};
use wasm_bindgen::prelude::*;

// The JS constants must match the Rust ones; tests/wasm_fast_paths.rs checks values at the edges.
const _: () = assert!(MAX_DEPTH == 64 && super::convert::MAX_ITEMS == 1_000_000);

#[wasm_bindgen(inline_js = r#"
const MAX_DEPTH = 64, MAX_ITEMS = 1000000;
// Json::parse compares each key with the earlier ones of its object; beyond this many keys the
// walker (linear) reads the object instead.
const MAX_KEYS = 64;
// Text with nothing to escape is quoted by hand; JSON.stringify was slower for short strings.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (s) => (ESCAPED.test(s) ? JSON.stringify(s) : '"' + s + '"');
function write(v, depth) {
  switch (typeof v) {
    case "string": return quote(v);
    case "number":
      if (v - v !== 0) throw 0; // NaN and the infinities
      return v === 0 && 1 / v < 0 ? "-0" : "" + v;
    case "boolean": return v ? "true" : "false";
    case "object": break;
    default:
      if (v === undefined) return "null";
      throw 0; // function, symbol, bigint, or an exotic `undefined` like document.all
  }
  if (v === null) return "null";
  // Containers only below MAX_DEPTH, so every value of the text is within the parser's limit.
  if (depth >= MAX_DEPTH) throw 0;
  if (Array.isArray(v)) {
    const n = v.length;
    if (!(typeof n === "number" && n >= 0 && n <= MAX_ITEMS && n === Math.floor(n))) throw 0;
    let out = "[";
    for (let i = 0; i < n; i++) out += (i === 0 ? "" : ",") + write(v[i], depth + 1);
    return out + "]";
  }
  const keys = Object.keys(v);
  if (keys.length > MAX_KEYS) throw 0;
  let out = "{", first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i], member = v[key];
    if (member === undefined) continue;
    out += (first ? "" : ",") + quote(key) + ":" + write(member, depth + 1);
    first = false;
  }
  return out + "}";
}
const encoder = new TextEncoder();
export function jsonSnapshot(value) {
  let text;
  try { text = write(value, 0); } catch (_) { return undefined; }
  // As UTF-8 bytes: handing wasm a Uint8Array is one copy, where a string is copied char by char.
  return encoder.encode(text);
}
"#)]
extern "C" {
    /// The value's JSON text as UTF-8, or `None` where the walker must decide. Never throws.
    #[wasm_bindgen(js_name = jsonSnapshot)]
    fn json_snapshot(value: &JsValue) -> Option<Vec<u8>>;
}

/// `value` (an object or array) as the core's `Json`, read in one crossing; `None` when the exact
/// walker must read it instead.
pub(crate) fn read(value: &JsValue, path: &str) -> Option<Json> {
    let text = String::from_utf8(json_snapshot(value)?).ok()?;
    Json::parse(&text, path).ok()
}


/// For tests (`tests/wasm_fast_paths.rs`): the one-crossing read of any value, `None` when it
/// gives up. Whenever it gives a value, [`walker_read`] must give the very same one.
#[doc(hidden)]
pub fn fast_read(value: &JsValue, path: &str) -> Option<Json> {
    read(value, path)
}

/// For tests: the exact member-by-member walker that decides whatever the fast read gives up on.
#[doc(hidden)]
pub fn walker_read(value: &JsValue, path: &str) -> Result<Json, Error> {
    super::convert::walk_at(value, path)
}
