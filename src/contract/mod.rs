//! The JavaScript contract's shapes (API.md): the `*_json` entry points that take and return
//! [`Json`](crate::json::Json) exactly as the JS functions do, over the core's typed APIs. The
//! binding (`js/`) and the native contract tests call these; the core never does.

pub mod errors;
pub mod instamojo;
pub mod juspay;
pub mod ledger_state;
pub mod money;
pub mod split;

pub use errors::validation_result;
