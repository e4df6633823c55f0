//! `MarketsplitError`: the one class every export throws.
//!
//! It is a JavaScript class that extends `Error`, in `error.js`: an exported Rust struct cannot
//! extend `Error`, and its constructor and four getters would cost the browser module a kilobyte.
//! The glue re-exports it (`reexport`), so `wasm-pack build` of the crate exports it by itself and
//! it exists before the wasm module is loaded, for the entries' NOT_INITIALIZED error.

use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/error.js")]
extern "C" {
    /// The class, exported by the glue as it is. Declared as a function (a class is one) because
    /// wasm-bindgen writes `let X: unknown` for a re-exported type, which would clash with the
    /// class's declaration in types.rs; never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = MarketsplitError)]
    fn reexport_marketsplit_error();

    /// The same class as a value, for Rust code that needs it (the wasm tests).
    #[wasm_bindgen(thread_local_v2, js_name = MarketsplitError)]
    static MARKETSPLIT_ERROR: JsValue;

    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, path: &str, message: &str) -> JsValue;
}

/// The JS exception for a core error: a `MarketsplitError` with a stack.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    make_error(&err.code.as_str(), &err.path, &err.message)
}

/// The `MarketsplitError` class (the wasm tests construct it); not exported to JS, which gets the
/// class itself from the glue.
pub fn marketsplit_error_class() -> JsValue {
    MARKETSPLIT_ERROR.with(JsValue::clone)
}
