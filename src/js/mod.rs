//! The wasm-bindgen binding: converts JS values, calls the core, converts back. No business rule
//! lives here; every rule is in the core and tested natively.
//!
//! The export modules are public only so that `tests/wasm_*.rs` can call the exports with JS values.

mod convert;
#[cfg(feature = "reference-walker")]
mod walker;
#[cfg(feature = "server")]
mod fetch;
pub mod snapshot;
#[cfg(feature = "server")]
mod server;
pub mod error;
pub mod ledger;
pub mod money;
pub mod split;
mod types;

pub(crate) use convert::{from_js, from_js_at, optional_arg, to_js};
pub(crate) use error::to_js_error;
