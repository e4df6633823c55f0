//! `MarketsplitError`: the one class every export throws.
//!
//! It is a JavaScript class that extends `Error`, written in the snippet below: an exported Rust
//! struct cannot extend `Error`, and its constructor and four getters cost the browser module a
//! kilobyte. The package's entries export the class from this snippet (scripts/pkg.sh points them
//! at it), so it exists before the wasm module is loaded, for the NOT_INITIALIZED error; the
//! glue's `__errorClass` gives it to code that only has the glue (the Node tests).

use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const own = (o, key, value, enumerable, writable) => Object.defineProperty(o, key, { value, enumerable, writable, configurable: true });

export class MarketsplitError extends Error {
  constructor(code, path, message) {
    super(message ?? "");
    // Own properties, as a native error's message is: console.log and JSON.stringify show them.
    own(this, "code", code, true, false);
    own(this, "path", path ?? "", true, false);
  }
}
own(MarketsplitError.prototype, "name", "MarketsplitError", false, true);

const WASM_FRAME = /wasm-function|wasm:\/\/|\[wasm code\]/;

// An error for the core's, its stack starting at the exported function the caller called, as a
// native error's would: the frames inside wasm and its glue are dropped.
export function makeError(code, path, message) {
  const limit = Error.stackTraceLimit;
  const room = typeof limit === "number" && Object.isExtensible(Error);
  let error;
  try {
    if (room) Error.stackTraceLimit = limit + 100;
    error = new MarketsplitError(code, path, message);
  } finally {
    if (room) Error.stackTraceLimit = limit;
  }
  try {
    let frames = String(error.stack).split("\n");
    // V8 starts with a header line ("MarketsplitError: message"); Firefox and Safari have none.
    if (frames.length > 0 && /^MarketsplitError\b/.test(frames[0])) frames.shift();
    let last = -1;
    frames.forEach((line, i) => { if (WASM_FRAME.test(line)) last = i; });
    frames = frames.slice(last + 1);
    if (room) frames = frames.slice(0, Math.max(limit, 0));
    const header = "MarketsplitError: " + message;
    own(error, "stack", frames.length > 0 ? header + "\n" + frames.join("\n") : header, false, true);
  } catch (_) {
    // A hostile prepareStackTrace or a frozen error loses only the trimming.
  }
  return error;
}

export function errorClass() {
  return MarketsplitError;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, path: &str, message: &str) -> JsValue;

    #[wasm_bindgen(js_name = errorClass)]
    fn error_class() -> JsValue;
}

/// The JS exception for a core error: a `MarketsplitError` with a stack.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    make_error(&err.code.as_str(), &err.path, &err.message)
}

/// The `MarketsplitError` class, for code that has only the glue (the package's entries import it
/// from the snippet instead). Not in the browser build, where nothing needs it.
#[cfg(not(feature = "browser"))]
#[wasm_bindgen(js_name = __errorClass, skip_typescript)]
pub fn marketsplit_error_class() -> JsValue {
    error_class()
}
