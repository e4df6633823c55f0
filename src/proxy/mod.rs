//! The wire between `ProxyClient` (browser) and `createProxyHandler` (server): the route table both
//! halves share, HTTP request values and URL encodings, and the client's request building and reply
//! reading. Plain Rust with no I/O, so the browser build and the native tests use the same code.

pub mod client;
pub mod http;
pub mod routes;
