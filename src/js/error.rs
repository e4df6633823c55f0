//! `MarketsplitError`: the one class every export throws.
//!
//! wasm-bindgen cannot make an exported Rust class extend `Error`, so the class is a plain
//! exported struct whose prototype chain is rewired once at start-up (`instanceof Error` then
//! holds), and every instance Rust throws is given a `stack` as a real error would have.

use crate::prelude::*;
use crate::error::Error;
use core::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function extendError(sample) {
  const proto = Object.getPrototypeOf(sample);
  sample.free();
  // Every step is idempotent: the package's entry may have rewired the class before wasm loaded.
  Object.setPrototypeOf(proto, Error.prototype);
  // Static members of Error (captureStackTrace, stackTraceLimit) are visible on the class too.
  if (typeof proto.constructor === "function") Object.setPrototypeOf(proto.constructor, Error);
  // A plain value rather than the Rust getter, so an instance made before wasm is ready
  // (Object.create(MarketsplitError.prototype)) still has its name, and toString works on it.
  Object.defineProperty(proto, "name", { value: "MarketsplitError", writable: true, configurable: true });
  // An instance made with `new` in JS gets no captured stack; give it at least its header line.
  Object.defineProperty(proto, "stack", {
    get() { return this.name + ": " + this.message; },
    set(value) { Object.defineProperty(this, "stack", { value, writable: true, configurable: true }); },
    configurable: true,
  });
}

const WASM_FRAME = /wasm-function|wasm:\/\/|\[wasm code\]/;

export function decorate(error, code, path, message) {
  // Own copies, as a native error has: console.log and JSON.stringify show code and path, and
  // the values stay readable after the wasm side is freed.
  Object.defineProperty(error, "code", { value: code, enumerable: true, configurable: true });
  Object.defineProperty(error, "path", { value: path, enumerable: true, configurable: true });
  Object.defineProperty(error, "message", { value: message, writable: true, configurable: true });
  if (Object.prototype.hasOwnProperty.call(error, "__wbg_ptr")) {
    Object.defineProperty(error, "__wbg_ptr", { enumerable: false });
  }
  // Capture with room for the frames inside wasm and its glue, then drop them: the stack starts
  // at the exported function the caller called, as a native error's would.
  const limit = Error.stackTraceLimit;
  const room = typeof limit === "number" && Object.isExtensible(Error);
  if (room) Error.stackTraceLimit = limit + 100;
  let raw;
  try {
    if (typeof Error.captureStackTrace === "function") {
      const holder = {};
      Error.captureStackTrace(holder, decorate);
      raw = holder.stack;
    } else {
      raw = new Error(message).stack;
    }
  } finally {
    if (room) Error.stackTraceLimit = limit;
  }
  let frames = typeof raw === "string" ? raw.split("\n") : [];
  // V8 starts with a header line ("Error" or "Error: message"); Firefox and Safari have none.
  if (frames.length > 0 && /^Error\b/.test(frames[0])) frames.shift();
  let last = -1;
  frames.forEach((line, i) => { if (WASM_FRAME.test(line)) last = i; });
  frames = frames.slice(last + 1);
  if (room) frames = frames.slice(0, Math.max(limit, 0));
  const header = "MarketsplitError: " + message;
  Object.defineProperty(error, "stack", {
    value: frames.length > 0 ? header + "\n" + frames.join("\n") : header,
    writable: true,
    configurable: true,
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = extendError)]
    fn extend_error(sample: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch)]
    fn decorate(error: &JsValue, code: &str, path: &str, message: &str) -> Result<(), JsValue>;
}

/// The error thrown by every function of marketsplit: `code`, `path`, `message`, `name`, `stack`.
#[wasm_bindgen]
pub struct MarketsplitError {
    code: String,
    path: String,
    message: String,
}

#[wasm_bindgen]
impl MarketsplitError {
    /// Makes an error like the library's own, for code that wraps or re-throws marketsplit errors.
    /// @example
    /// ```ts
    /// throw new MarketsplitError("SUM_MISMATCH", "vendors", "vendors sum to 90.00 but the order is 100.00");
    /// ```
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ErrorCode")] code: String,
        path: Option<String>,
        message: Option<String>,
    ) -> MarketsplitError {
        install();
        MarketsplitError { code, path: path.unwrap_or_default(), message: message.unwrap_or_default() }
    }

    /// A stable code, such as `"SUM_MISMATCH"` or `"HTTP_404"`.
    #[wasm_bindgen(getter, unchecked_return_type = "ErrorCode")]
    pub fn code(&self) -> String {
        self.code.clone()
    }

    /// Where in the input the problem is, like `vendors[1].commission.percent`; `""` for the whole input.
    #[wasm_bindgen(getter)]
    pub fn path(&self) -> String {
        self.path.clone()
    }

    /// A sentence a developer can act on.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }

    /// Always `"MarketsplitError"`.
    #[wasm_bindgen(getter, unchecked_return_type = "\"MarketsplitError\"")]
    pub fn name(&self) -> String {
        "MarketsplitError".to_string()
    }
}

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Makes the exported class a subclass of `Error`, once. The module's start function calls it,
/// and so does every way an instance is made, because a host may skip the start function (the
/// wasm-bindgen test runner does).
pub(crate) fn install() {
    if !INSTALLED.swap(true, Ordering::Relaxed) {
        let sample = MarketsplitError { code: String::new(), path: String::new(), message: String::new() };
        // Called from inside exports too, where an exception must not unwind through wasm; a
        // host that forbids the rewiring (a frozen realm) only loses `instanceof Error`.
        let _ = extend_error(sample.into());
    }
}

/// The JS exception for a core error: a `MarketsplitError` with a stack.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    install();
    let code = err.code.as_str();
    let value: JsValue =
        MarketsplitError { code: code.clone().into_owned(), path: err.path.clone(), message: err.message.clone() }.into();
    // Decoration failing (a frozen Error, a hostile prepareStackTrace) loses only the extras;
    // never let it turn one error into another.
    let _ = decorate(&value, &code, &err.path, &err.message);
    value
}
