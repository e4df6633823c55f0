//! The wasm-bindgen binding: converts JS values, calls the core, converts back. No business rule
//! lives here; every rule is in the core and tested natively.
//!
//! The export modules are public only so that `tests/wasm_*.rs` can call the exports with JS values.

mod convert;
pub mod error;
#[cfg(feature = "server")]
mod fetch;
pub mod ledger;
pub mod money;
mod proxy_client;
#[doc(hidden)]
pub mod readers;
#[cfg(feature = "server")]
pub(crate) mod server;
pub mod snapshot;
pub mod split;
mod types;
#[cfg(feature = "reference-walker")]
mod walker;

pub(crate) use convert::{from_js, from_js_at, optional_arg, to_js};
pub(crate) use error::to_js_error;
