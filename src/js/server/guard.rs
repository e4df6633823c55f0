//! Reading the caller's JS values on the server without ever letting an exception unwind through
//! wasm: options objects, the fields of a signature check, a `Request`, a text answer, and any
//! promise or thenable the caller hands back. Each is read once, in JS, inside `try`.
//!
//! A JS exception that unwinds through wasm frames skips their epilogues: the shadow stack pointer
//! and wasm-bindgen's stack of borrowed references are never restored, so after a few thousand
//! such calls every call fails (`memory access out of bounds`, `table index is out of bounds`);
//! inside a future it is an uncaught exception that ends the process. So a value the caller gave
//! (which may be a Proxy, revoked or with throwing traps, or have throwing getters) is only ever
//! read here, and what Rust goes on to touch is plain data this file made.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{cat, Code, Error};

#[wasm_bindgen(inline_js = r#"
// A lone surrogate (half of a UTF-16 pair), which UTF-8, and so Rust text, cannot hold: wasm-bindgen
// would turn it into U+FFFD, so two different texts could read as one. (No lookbehind: Safari < 16.4.)
const LONE = /(?:[^\ud800-\udbff]|^)[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])/;
const thrownText = (e) => {
  try { return String(e instanceof Error ? e.message : e); } catch (_) { return "an exception"; }
};
const refusal = (path, message) => [path, message];
// An options object's own enumerable string keys and their values, each getter run once, copied
// into a plain object without a prototype (so nothing Rust reads of it can run caller code), or
// [path, message] when a key cannot be read or a string option holds a lone surrogate.
export function readOptions(options) {
  let keys;
  try { keys = Object.keys(options); } catch (e) { return refusal("", "the options could not be read: " + thrownText(e)); }
  const copy = Object.create(null);
  for (const key of keys) {
    let value;
    try { value = options[key]; } catch (e) { return refusal(key, key + " could not be read: " + thrownText(e)); }
    if (typeof value == "string" && LONE.test(value)) return refusal(key, key + " holds a lone UTF-16 surrogate");
    copy[key] = value;
  }
  return copy;
}
// The fields of a signature check as [key, value, key, value, ...] (values strings or numbers),
// from an object, URLSearchParams or anything with entries(); the text itself for form text;
// undefined for anything unreadable, any other value, or text with a lone surrogate.
export function signedFields(value, allowText) {
  try {
    if (typeof value == "string") return allowText && !LONE.test(value) ? value : undefined;
    if (typeof value != "object" || value === null) return undefined;
    const out = [];
    const add = (k, v) => {
      if (typeof k != "string" || LONE.test(k)) throw 0;
      if (typeof v == "string" ? LONE.test(v) : typeof v != "number") throw 0;
      out.push(k, v);
    };
    const entries = Array.isArray(value) ? undefined : value.entries;
    if (typeof entries == "function") {
      for (const pair of entries.call(value)) {
        if (!Array.isArray(pair)) return undefined;
        add(pair[0], pair[1]);
      }
    } else {
      for (const key of Object.keys(value)) add(key, value[key]);
    }
    return out;
  } catch (_) {
    return undefined;
  }
}
// Text the caller gave, or undefined for anything else or text with a lone surrogate.
export function wellFormedText(value) {
  return typeof value == "string" && !LONE.test(value) ? value : undefined;
}
// A native promise of what `value` settles to: a thenable whose `then` throws, a promise with a
// hostile `then` or `constructor`, a revoked Proxy: each becomes a rejection, never a throw.
export function settle(value) {
  return new Promise((resolve) => resolve(value));
}
// A fetch-API Request's method, URL and headers, or undefined when `request` is not one that can
// be read (a subclass or Proxy whose getters throw, or lie about their types).
export function requestLine(request) {
  try {
    if (!(request instanceof Request)) return undefined;
    const method = request.method, url = request.url, headers = request.headers;
    if (typeof method != "string" || typeof url != "string" || !(headers instanceof Headers)) return undefined;
    if (LONE.test(method) || LONE.test(url)) return undefined;
    return [method, url, headers];
  } catch (_) {
    return undefined;
  }
}
// The body of `request`, read chunk by chunk and never past `max` bytes: a Uint8Array of its own,
// 0 when the body is over the limit (reading stops at the chunk that crosses it), or undefined
// when it cannot be read. The lock is released rather than the stream cancelled: cancelling would
// let some servers drop the connection before the 413 is written. Never throws.
export async function readBody(request, max) {
  try {
    const body = request.body;
    if (body === null || body === undefined) return new Uint8Array(0);
    const reader = body.getReader();
    const chunks = [];
    let size = 0;
    try {
      for (;;) {
        const step = await reader.read();
        if (step.done) break;
        const value = step.value;
        // A chunk must be bytes; a view of its own, so no getter of the chunk is read again.
        if (!ArrayBuffer.isView(value)) return undefined;
        const chunk = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        if (chunk.length > max - size) return 0;
        chunks.push(chunk);
        size += chunk.length;
      }
    } finally {
      try { reader.releaseLock(); } catch (_) {}
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } catch (_) {
    return undefined;
  }
}
// An upper bound of a string's UTF-8 length (a surrogate pair counts 6 where it takes 4); once it
// passes `max` the count stops there.
export function utf8Bound(s, max) {
  let n = s.length;
  for (let i = 0; i < s.length && n <= max; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : 2;
  }
  return n;
}
const encoder = new TextEncoder();
// Writes a string's UTF-8 into wasm memory that Rust has already allocated; the bytes written.
export function encodeInto(s, memory, at, room) {
  return encoder.encodeInto(s, new Uint8Array(memory.buffer, at, room)).written;
}
// Text no longer than `max` UTF-16 units, or undefined.
export function textWithin(value, max) {
  return typeof value == "string" && value.length <= max ? value : undefined;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options_js(options: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = signedFields)]
    fn signed_fields(value: &JsValue, allow_text: bool) -> JsValue;

    #[wasm_bindgen(js_name = wellFormedText)]
    fn well_formed_text(value: &JsValue) -> Option<String>;

    #[wasm_bindgen(js_name = settle)]
    fn settle_js(value: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = requestLine)]
    fn request_line(request: &JsValue) -> Option<Array>;

    #[wasm_bindgen(js_name = readBody)]
    fn read_body_js(request: &JsValue, max: u32) -> Promise;

    #[wasm_bindgen(js_name = utf8Bound)]
    fn utf8_bound(text: &JsValue, max: u32) -> f64;

    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsValue, memory: &JsValue, at: usize, room: usize) -> usize;

    #[wasm_bindgen(js_name = textWithin)]
    fn text_within_js(value: &JsValue, max: u32) -> Option<String>;
}

/// The most UTF-8 text one value may take on the server: no input of this library comes near
/// it, and parsed it may cost some twenty times as much memory, which wasm never gives back.
pub(crate) const MAX_TEXT: u32 = 32 << 20;

/// A JS string as Rust text, its memory allocated here first: text over `MAX_TEXT` bytes, or more
/// than the module can still allocate, is a `PAYLOAD_TOO_LARGE` error at `path`, never an
/// out-of-memory trap inside wasm-bindgen's own copy (which would abort the instance). Lone
/// surrogates become U+FFFD, as in wasm-bindgen's copy: callers refuse those first.
pub(crate) fn long_text(text: &JsValue, path: &str) -> Result<String, Error> {
    // At most 3 bytes a unit, and a JS string is under 2^30 units: the bound is exact in an f64.
    let room = utf8_bound(text, MAX_TEXT) as usize;
    let mut bytes: Vec<u8> = Vec::new();
    if room > MAX_TEXT as usize || bytes.try_reserve_exact(room).is_err() {
        let name = if path.is_empty() { "the input" } else { path };
        let limit = crate::error::int_text(u64::from(MAX_TEXT >> 20));
        return Err(Error::new(
            Code::PayloadTooLarge,
            path,
            cat(&[name, " is too large: its text is over ", &limit, " MiB, or more than this module can allocate"]),
        ));
    }
    bytes.resize(room, 0);
    let written = encode_into(text, &wasm_bindgen::memory(), bytes.as_mut_ptr() as usize, room);
    bytes.truncate(written);
    // TextEncoder writes UTF-8.
    String::from_utf8(bytes).map_err(|_| Error::new(Code::InvalidType, path, "the text could not be read"))
}

/// Text no longer than `max` UTF-16 units, read only then: a longer string never enters wasm.
pub(crate) fn text_within(value: &JsValue, max: u32) -> Option<String> {
    text_within_js(value, max)
}

/// The options object of `what` (a class or function name), read once into a plain object whose
/// members Rust may read with `Reflect` without running caller code. `INVALID_TYPE` when it is not
/// an object, a getter throws (at its key), or a string option holds a lone surrogate.
pub(crate) fn read_options(options: &JsValue, what: &str) -> Result<JsValue, Error> {
    if !options.is_object() || options.is_function() {
        return Err(Error::new(Code::InvalidType, "", cat(&[what, " takes an options object"])));
    }
    let copy = read_options_js(options);
    match copy.dyn_ref::<Array>() {
        // The refusal is an array this file made: [path, message].
        Some(refusal) => {
            let (path, message) = (refusal.get(0).as_string(), refusal.get(1).as_string());
            Err(Error::new(
                Code::InvalidType,
                path.unwrap_or_default(),
                cat(&[what, ": ", &message.unwrap_or_default()]),
            ))
        }
        None => Ok(copy),
    }
}

/// What a signature check reads: the form text (when `allow_text`), or the fields as text pairs,
/// numbers written as JSON writes them. `None` when the value cannot be read as fields.
pub(crate) enum Fields {
    Text(String),
    Pairs(Vec<(String, String)>),
}

pub(crate) fn fields(value: &JsValue, allow_text: bool) -> Option<Fields> {
    let read = signed_fields(value, allow_text);
    if let Some(text) = read.as_string() {
        return Some(Fields::Text(text));
    }
    let flat = read.dyn_into::<Array>().ok()?;
    let mut pairs = Vec::with_capacity(flat.length() as usize / 2);
    let mut i = 0;
    while i + 1 < flat.length() {
        let key = flat.get(i).as_string()?;
        let value = flat.get(i + 1);
        let value = match value.as_string() {
            Some(s) => s,
            None => value.as_f64().filter(|n| n.is_finite()).map(crate::json::number_text)?,
        };
        pairs.push((key, value));
        i += 2;
    }
    Some(Fields::Pairs(pairs))
}

/// Text the caller gave; `None` for another value or text with a lone surrogate.
pub(crate) fn text(value: &JsValue) -> Option<String> {
    well_formed_text(value)
}

/// A native promise of what `value` settles to, safe to await: whatever the caller returned (a
/// value, a promise, a hostile thenable) can only make it reject.
pub(crate) fn settle(value: &JsValue) -> Promise {
    settle_js(value)
}

/// A caller's function called with `args`; a throw becomes a rejection. The result is settled.
pub(crate) fn call_settled(function: &Function, this: &JsValue, args: &[&JsValue]) -> Promise {
    let called = match args {
        [] => function.call0(this),
        [a] => function.call1(this, a),
        [a, b] => function.call2(this, a, b),
        [a, b, c, ..] => function.call3(this, a, b, c),
    };
    match called {
        Ok(value) => settle(&value),
        Err(thrown) => Promise::reject(&thrown),
    }
}

/// A `Request` read once in JS: its method, URL and headers, which Rust then uses instead of
/// the request's own getters (a subclass or a Proxy may make those throw).
pub(crate) struct Incoming {
    pub request: web_sys::Request,
    pub method: String,
    pub url: String,
    pub headers: web_sys::Headers,
}

impl Incoming {
    /// `None` for anything that is not a readable fetch-API `Request`.
    pub fn read(request: JsValue) -> Option<Incoming> {
        let line = request_line(&request)?;
        Some(Incoming {
            method: line.get(0).as_string()?,
            url: line.get(1).as_string()?,
            // Checked to be a Headers in JS; its methods are bound with `catch`.
            headers: line.get(2).unchecked_into(),
            request: request.unchecked_into(),
        })
    }
}

/// What reading a request's body gave (see `readBody` above).
pub(crate) enum Body {
    Bytes(Vec<u8>),
    TooLarge,
    Unreadable,
}

/// The body of `request`, never read past `max` bytes.
pub(crate) async fn read_body(request: &web_sys::Request, max: u32) -> Body {
    let Ok(read) = wasm_bindgen_futures::JsFuture::from(read_body_js(request, max)).await else {
        return Body::Unreadable;
    };
    match read.dyn_into::<js_sys::Uint8Array>() {
        // A Uint8Array readBody made: copying it out calls nothing of the caller's.
        Ok(bytes) => Body::Bytes(bytes.to_vec()),
        Err(other) if other.as_f64() == Some(0.0) => Body::TooLarge,
        Err(_) => Body::Unreadable,
    }
}
