//! For tests (`tests/wasm_fast_paths.rs`): the reader every export uses and the reference walker
//! it is tested against, side by side, in a file of their own so that neither reader imports the
//! other.

use crate::error::Error;
use crate::json::Json;
use wasm_bindgen::prelude::*;

/// For tests (`tests/wasm_fast_paths.rs`): the reader every export uses.
#[doc(hidden)]
pub fn js_read(value: &JsValue, path: &str) -> Result<Json, Error> {
    super::convert::from_js_at(value, path)
}

/// For tests: the member-by-member walker that defines what the reader must give.
#[cfg(feature = "reference-walker")]
#[doc(hidden)]
pub fn walker_read(value: &JsValue, path: &str) -> Result<Json, Error> {
    super::walker::walk_at(value, path)
}
