//! `verifyInstamojoWebhook` and `verifyJuspaySignature`: read the fields from whatever the caller
//! has (an object, `URLSearchParams`, raw form text) and ask `server::signatures`. Malformed
//! input is `false`, never a throw.

use wasm_bindgen::prelude::*;

use super::guard::{self, Fields};
use crate::proxy::http::form_decode;
use crate::server::signatures;

/// The fields as text pairs, or `None` when they cannot be read as such (read in JS, so a
/// throwing getter, a Proxy or a lone surrogate is `None`, never a throw).
fn fields(value: &JsValue, allow_text: bool) -> Option<Vec<(String, String)>> {
    match guard::fields(value, allow_text)? {
        Fields::Text(text) => form_decode(&text),
        Fields::Pairs(pairs) => Some(pairs),
    }
}

/// Checks an Instamojo webhook's `mac`: the other fields sorted by key (case-insensitively),
/// values joined with `|`, HMAC-SHA1 with your private salt, compared in constant time.
/// @example
/// ```ts
/// if (!verifyInstamojoWebhook(await request.text(), process.env.INSTAMOJO_SALT!)) return new Response(null, { status: 400 });
/// ```
#[wasm_bindgen(js_name = verifyInstamojoWebhook)]
pub fn verify_instamojo_webhook(
    #[wasm_bindgen(js_name = fields, unchecked_param_type = "Record<string, string> | URLSearchParams | string")]
    fields_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] salt: JsValue,
) -> bool {
    match (fields(&fields_value, true), guard::text(&salt)) {
        (Some(f), Some(salt)) => signatures::verify_instamojo_webhook(&f, &salt),
        _ => false,
    }
}

/// Checks the `signature` on a Juspay return URL's query with your response key (HMAC-SHA256,
/// base64); the signature is tried as received and once percent-decoded. Constant time.
/// @example
/// ```ts
/// const ok = verifyJuspaySignature(new URL(request.url).searchParams, process.env.JUSPAY_RESPONSE_KEY!);
/// ```
#[wasm_bindgen(js_name = verifyJuspaySignature)]
pub fn verify_juspay_signature(
    #[wasm_bindgen(unchecked_param_type = "Record<string, string> | URLSearchParams")] params: JsValue,
    #[wasm_bindgen(js_name = responseKey, unchecked_param_type = "string")] response_key: JsValue,
) -> bool {
    match (fields(&params, false), guard::text(&response_key)) {
        (Some(p), Some(key)) => signatures::verify_juspay_signature(&p, &key),
        _ => false,
    }
}
