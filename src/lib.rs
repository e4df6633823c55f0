//! marketsplit: exact payment splits for Indian marketplaces.
//!
//! The core (money, allocation, split calculator, Juspay validator, Instamojo ledger, order status)
//! is plain Rust with no wasm-bindgen in it. Each area offers a typed Rust API and a `*_json` entry
//! point that takes and returns [`json::Json`] exactly as the JavaScript contract shapes them, so the
//! wasm binding in `js/` only converts values and every rule is tested natively.

pub mod error;
pub mod float;
pub mod instamojo;
pub mod json;
pub mod juspay;
pub mod money;
pub mod proxy;
pub mod split;

#[cfg(feature = "server")]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod js;

#[cfg(target_arch = "wasm32")]
mod wasm_alloc;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: wasm_alloc::Allocator = wasm_alloc::Allocator::new();

pub use error::{Code, Error, Result};
pub use json::Json;
pub use money::amount::Paise;
