//! The wire between `ProxyClient` (JS, in the browser) and `createProxyHandler` (server): the route
//! table the handler serves, HTTP request values and URL encodings, and how options are checked.
//! Plain Rust with no I/O, tested natively.

// Not in the browser module, which serves no routes (`ProxyClient` is JS): its dependency graph,
// and so its bytes, stay without the URL-encoding crate.
#[cfg(any(feature = "server", not(target_arch = "wasm32")))]
pub mod http;
pub mod options;
#[cfg(any(feature = "server", not(target_arch = "wasm32")))]
pub mod routes;
