//! `verifyInstamojoWebhook` and `verifyJuspaySignature`: read the fields from whatever the caller
//! has (an object, `URLSearchParams`, raw form text) and ask `server::signatures`. Malformed
//! input is `false`, never a throw.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::json::number_text;
use crate::proxy::http::form_decode;
use crate::server::signatures;

/// The fields as text pairs, or `None` when they cannot be read as such.
fn fields(value: &JsValue, allow_text: bool) -> Option<Vec<(String, String)>> {
    if let Some(text) = value.as_string() {
        return if allow_text { form_decode(&text) } else { None };
    }
    if !value.is_object() {
        return None;
    }
    // URLSearchParams (and anything else iterable with [key, value] entries, such as a Map).
    let entries = Reflect::get(value, &"entries".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(entries) = entries.filter(|_| !js_sys::Array::is_array(value)) {
        let iterator = entries.call0(value).ok()?;
        let mut out = Vec::new();
        for entry in js_sys::try_iter(&iterator).ok()?? {
            let pair: js_sys::Array = entry.ok()?.dyn_into().ok()?;
            out.push((pair.get(0).as_string()?, text(&pair.get(1))?));
        }
        return Some(out);
    }
    let object: &Object = value.unchecked_ref();
    let mut out = Vec::new();
    for pair in Object::entries(object).iter() {
        let pair: js_sys::Array = pair.dyn_into().ok()?;
        out.push((pair.get(0).as_string()?, text(&pair.get(1))?));
    }
    Some(out)
}

fn text(value: &JsValue) -> Option<String> {
    value.as_string().or_else(|| value.as_f64().filter(|n| n.is_finite()).map(number_text))
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
    match (fields(&fields_value, true), salt.as_string()) {
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
    match (fields(&params, false), response_key.as_string()) {
        (Some(p), Some(key)) => signatures::verify_juspay_signature(&p, &key),
        _ => false,
    }
}
