//! The two signature checks: Instamojo's webhook MAC and Juspay's return-URL signature. Both are
//! constant-time on the computed value and answer `false`, never an error, for malformed input.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::proxy::http::percent_decode;

/// Instamojo's MAC over `fields` (without `mac`): values sorted by key case-insensitively, joined
/// with `|`, HMAC-SHA1 with the salt, lowercase hex. `None` only if the HMAC cannot be keyed.
pub fn instamojo_mac(fields: &[(String, String)], salt: &str) -> Option<String> {
    let mut sorted: Vec<&(String, String)> = fields.iter().collect();
    // A stable sort: keys that differ only in case keep the order they came in, as Python's does.
    sorted.sort_by_key(|(k, _)| k.to_lowercase());
    let message = sorted.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join("|");
    let mut mac = Hmac::<Sha1>::new_from_slice(salt.as_bytes()).ok()?;
    mac.update(message.as_bytes());
    Some(hex::encode(mac.finalize().into_bytes()))
}

/// `verifyInstamojoWebhook`: true when `fields` carry a `mac` that matches the others. A field
/// name given twice makes the payload ambiguous and is refused.
pub fn verify_instamojo_webhook(fields: &[(String, String)], salt: &str) -> bool {
    let mut provided = None;
    let mut rest = Vec::with_capacity(fields.len());
    // HMAC with an empty key is a MAC anyone can compute: an unset salt verifies nothing.
    if salt.is_empty() || has_repeated_key(fields) {
        return false;
    }
    for (k, v) in fields {
        if k == "mac" {
            provided = Some(v.to_ascii_lowercase());
        } else {
            rest.push((k.clone(), v.clone()));
        }
    }
    let (Some(provided), Some(expected)) = (provided, instamojo_mac(&rest, salt)) else {
        return false;
    };
    bool::from(expected.as_bytes().ct_eq(provided.as_bytes()))
}

/// How Juspay encodes keys, values and the joined string before signing: form encoding, as
/// Java's `URLEncoder` does it in Juspay's own sample (letters, digits and `.-*_` kept, a space as
/// `+`, every other byte of the UTF-8 text as `%XX`; GATEWAYS.md). `encodeURIComponent` differs
/// on a space, `~`, `!`, `'`, `(` and `)`.
pub fn juspay_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The signature Juspay puts on a return URL with these parameters (`signature` and
/// `signature_algorithm` are left out): sorted by key, each key and value form-encoded, joined as
/// `k=v` with `&`, the whole string form-encoded again; base64 of its HMAC-SHA256.
pub fn juspay_signature(params: &[(String, String)], response_key: &str) -> Option<String> {
    let mut pairs: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "signature" && k != "signature_algorithm").collect();
    // Keys are unique (a repeated one is refused before this), so sorting by key alone is total.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let joined = pairs.iter().map(|(k, v)| format!("{}={}", juspay_encode(k), juspay_encode(v))).collect::<Vec<_>>();
    let mut mac = Hmac::<Sha256>::new_from_slice(response_key.as_bytes()).ok()?;
    mac.update(juspay_encode(&joined.join("&")).as_bytes());
    Some(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// `verifyJuspaySignature`: true when `params.signature` matches, as received or once
/// percent-decoded (Juspay's own example URL carries it encoded twice).
pub fn verify_juspay_signature(params: &[(String, String)], response_key: &str) -> bool {
    let mut signature = None;
    // As for the webhook salt: an empty key would make a signature anyone can compute.
    if response_key.is_empty() || has_repeated_key(params) {
        return false;
    }
    for (k, v) in params {
        match k.as_str() {
            "signature" => signature = Some(v.as_str()),
            // Any other algorithm than the one this check computes cannot match.
            "signature_algorithm" if !v.eq_ignore_ascii_case("HMAC-SHA256") => return false,
            _ => {}
        }
    }
    let (Some(signature), Some(expected)) = (signature, juspay_signature(params, response_key)) else {
        return false;
    };
    let as_received = expected.as_bytes().ct_eq(signature.as_bytes());
    let decoded = percent_decode(signature, false).unwrap_or_default();
    let once_decoded = expected.as_bytes().ct_eq(decoded.as_bytes());
    bool::from(as_received | once_decoded)
}

fn has_repeated_key(pairs: &[(String, String)]) -> bool {
    let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w.first() == w.get(1))
}
