//! The wire between `ProxyClient` (JS, in the browser) and `createProxyHandler` (server): the route
//! table the handler serves, HTTP request values and URL encodings, and how options are checked.
//! Plain Rust with no I/O, tested natively.

pub mod http;
pub mod options;
pub mod routes;
