//! marketsplit: exact payment splits for Indian marketplaces.
//!
//! Dependencies point one way, from the layer below to the layers above (README.md, "Layout";
//! `scripts/check/imports.mjs` enforces it):
//!
//! - the core (`money`, `split`, `juspay`, `instamojo`, `json`, `float`, `error`): plain Rust with
//!   typed APIs only, no wasm-bindgen, every rule in one place;
//! - [`contract`]: the JavaScript contract's shapes, the `*_json` entry points that take and return
//!   [`json::Json`] exactly as the JS functions do, over the core's typed APIs;
//! - `proxy` and `server` (feature `server`): the proxy's wire and what holds gateway secrets;
//! - `js`: the wasm-bindgen binding, which only converts values.
//!
//! Features `serde` and `rust_decimal` (off by default) give a Rust backend serde on the public
//! types and `Paise` to and from `rust_decimal::Decimal`.

#![cfg_attr(all(feature = "browser", target_arch = "wasm32"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(all(feature = "browser", feature = "server"))]
compile_error!("`browser` is the browser build alone; the server build links std");

pub mod contract;
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

// The small size-class allocator is for the browser module, where dlmalloc's 9 KB counts. The
// server build keeps std's allocator: its requests vary in shape, and a freed block of one size
// class is never reused for another, so a long run of varied bodies would hold the sum of every
// class's peak; dlmalloc coalesces and reuses freed memory whatever its size.
#[cfg(all(target_arch = "wasm32", not(feature = "server")))]
mod wasm_alloc;

#[cfg(all(target_arch = "wasm32", not(feature = "server")))]
#[global_allocator]
static ALLOCATOR: wasm_alloc::Allocator = wasm_alloc::Allocator::new();

pub use error::{Code, Error, Result};
pub use json::Json;
pub use money::amount::Paise;

/// The names std's prelude gives every module, for the `browser` build, which links no std.
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

/// A panic is a bug (the core reports bad input as errors); in the browser build it traps at once
/// instead of formatting a message nobody reads, which keeps `core::fmt` out of the module.
#[cfg(all(feature = "browser", target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
