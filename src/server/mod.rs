//! The server half (cargo feature `server`): what holds gateway secrets. Everything here is plain
//! Rust without I/O: reading call inputs, resolving a split into what Juspay is sent, mapping
//! gateway answers to errors, token decisions, redaction, the proxy's routes and replies, and the
//! two signature checks. The wasm layer (`js/server/`) only moves bytes and owns the async parts.

pub mod back_office;
pub mod browser_reply;
pub mod checkout;
pub mod existing_order;
pub mod gateway;
pub mod input;
pub mod instamojo;
pub mod juspay;
pub mod redact;
pub(crate) mod replies;
pub mod routes;
pub mod settlement;
pub mod signatures;
pub mod split_input;
pub mod tokens;
