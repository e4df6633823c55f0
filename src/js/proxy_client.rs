//! `ProxyClient`, `ProxyJuspay` and `ProxyInstamojo`: JavaScript classes in `proxy_client.js` (they
//! only move JSON between `fetch` and the backend; as wasm they cost 7 KB gzip of the browser
//! entry), exported by the glue as they are, so `wasm-pack build` of the crate exports them.

use wasm_bindgen::prelude::*;

// Declared as functions (a class is one) because wasm-bindgen writes `let X: unknown` for a
// re-exported type, which would clash with the declarations below; never called from Rust.
#[wasm_bindgen(module = "/src/js/proxy_client.js")]
extern "C" {
    #[wasm_bindgen(reexport, skip_typescript, js_name = ProxyClient)]
    fn proxy_client_class();
    #[wasm_bindgen(reexport, skip_typescript, js_name = ProxyJuspay)]
    fn proxy_juspay_class();
    #[wasm_bindgen(reexport, skip_typescript, js_name = ProxyInstamojo)]
    fn proxy_instamojo_class();
}

#[wasm_bindgen(typescript_custom_section)]
const PROXY_CLIENT: &str = include_str!("proxy_client.d.ts");
