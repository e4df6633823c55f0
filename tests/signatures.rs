//! Both signature checks against vectors computed here, independently, from hand-built strings
//! with the hmac/sha1/sha2/base64 crates.
#![cfg(all(not(target_arch = "wasm32"), feature = "server"))]

use base64::Engine as _;
use hmac::{Hmac, Mac};
use marketsplit::server::signatures::{juspay_encode, verify_instamojo_webhook, verify_juspay_signature};
use sha1::Sha1;
use sha2::Sha256;

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn hmac_sha1_hex(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac_sha256_b64(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// An Instamojo webhook: keys sorted case-insensitively are amount, buyer, currency, Fees,
/// payment_id, status; their values joined with `|`.
fn instamojo_fields(mac: &str) -> Vec<(String, String)> {
    pairs(&[
        ("payment_id", "MOJO5a06005J21512197"),
        ("status", "Credit"),
        ("Fees", "1.35"),
        ("amount", "100.00"),
        ("mac", mac),
        ("buyer", "a@b.in"),
        ("currency", "INR"),
    ])
}

const INSTAMOJO_MESSAGE: &str = "100.00|a@b.in|INR|1.35|MOJO5a06005J21512197|Credit";

#[test]
fn instamojo_accepts_its_mac_over_the_sorted_values() {
    let mac = hmac_sha1_hex("salt-1", INSTAMOJO_MESSAGE);
    assert!(verify_instamojo_webhook(&instamojo_fields(&mac), "salt-1"));
    // A mac written in capitals is the same hex.
    assert!(verify_instamojo_webhook(&instamojo_fields(&mac.to_uppercase()), "salt-1"));
}

#[test]
fn instamojo_refuses_anything_else() {
    let mac = hmac_sha1_hex("salt-1", INSTAMOJO_MESSAGE);
    assert!(!verify_instamojo_webhook(&instamojo_fields(&mac), "salt-2"));
    let mut tampered = instamojo_fields(&mac);
    tampered[3].1 = "1000.00".into();
    assert!(!verify_instamojo_webhook(&tampered, "salt-1"));
    let without_mac: Vec<_> = instamojo_fields(&mac).into_iter().filter(|(k, _)| k != "mac").collect();
    assert!(!verify_instamojo_webhook(&without_mac, "salt-1"));
    let mut repeated = instamojo_fields(&mac);
    repeated.push(("amount".into(), "100.00".into()));
    assert!(!verify_instamojo_webhook(&repeated, "salt-1"));
    assert!(!verify_instamojo_webhook(&instamojo_fields(&mac[..39]), "salt-1"));
    assert!(!verify_instamojo_webhook(&instamojo_fields(""), "salt-1"));
    assert!(!verify_instamojo_webhook(&[], "salt-1"));
    // A sort by raw bytes would put "Fees" first; case-insensitive order is what is signed.
    let byte_order = hmac_sha1_hex("salt-1", "1.35|100.00|a@b.in|INR|MOJO5a06005J21512197|Credit");
    assert!(!verify_instamojo_webhook(&instamojo_fields(&byte_order), "salt-1"));
}

#[test]
fn instamojo_reads_raw_form_bodies_too() {
    let mac = hmac_sha1_hex("s", "a b|x&y");
    let body = format!("k1=a+b&K2=x%26y&mac={mac}");
    let fields = marketsplit::proxy::http::form_decode(&body).unwrap();
    assert!(verify_instamojo_webhook(&fields, "s"));
}

/// Return-URL parameters with characters that need encoding.
fn juspay_params() -> Vec<(String, String)> {
    pairs(&[
        ("status_id", "21"),
        ("order_id", "ord 1/ä"),
        ("status", "CHARGED"),
        ("signature_algorithm", "HMAC-SHA256"),
    ])
}

/// By hand: keys and values encoded (`ord 1/ä` → `ord%201%2F%C3%A4`), sorted by key, joined,
/// and the whole string encoded once more.
const JUSPAY_MESSAGE: &str = "order_id%3Dord%25201%252F%25C3%25A4%26status%3DCHARGED%26status_id%3D21";

#[test]
fn juspay_accepts_its_signature_as_received_and_once_decoded() {
    let signature = hmac_sha256_b64("resp-key", JUSPAY_MESSAGE);
    let mut params = juspay_params();
    params.push(("signature".into(), signature.clone()));
    assert!(verify_juspay_signature(&params, "resp-key"));
    // Still percent-encoded once, as in the docs' example URL (%253D before the usual decoding).
    let encoded = signature.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    assert_ne!(encoded, signature, "the vector must contain characters that get encoded");
    let mut params = juspay_params();
    params.push(("signature".into(), encoded));
    assert!(verify_juspay_signature(&params, "resp-key"));
}

#[test]
fn juspay_refuses_anything_else() {
    let signature = hmac_sha256_b64("resp-key", JUSPAY_MESSAGE);
    let with = |params: Vec<(String, String)>, sig: &str| {
        let mut p = params;
        p.push(("signature".into(), sig.into()));
        p
    };
    assert!(!verify_juspay_signature(&with(juspay_params(), &signature), "other-key"));
    let mut tampered = juspay_params();
    tampered[2].1 = "PENDING_VBV".into();
    assert!(!verify_juspay_signature(&with(tampered, &signature), "resp-key"));
    assert!(!verify_juspay_signature(&juspay_params(), "resp-key"));
    let mut other_algorithm = juspay_params();
    other_algorithm[3].1 = "MD5".into();
    assert!(!verify_juspay_signature(&with(other_algorithm, &signature), "resp-key"));
    assert!(!verify_juspay_signature(&with(juspay_params(), "%zz"), "resp-key"));
    assert!(!verify_juspay_signature(&with(juspay_params(), ""), "resp-key"));
    let mut repeated = with(juspay_params(), &signature);
    repeated.push(("status".into(), "CHARGED".into()));
    assert!(!verify_juspay_signature(&repeated, "resp-key"));
}

#[test]
fn juspay_encoding_is_encode_uri_component() {
    // encodeURIComponent("a b+c/d=e&f!~*'()é") in any JS engine.
    assert_eq!(juspay_encode("a b+c/d=e&f!~*'()é"), "a%20b%2Bc%2Fd%3De%26f!~*'()%C3%A9");
}

#[test]
fn an_empty_salt_or_key_verifies_nothing_not_even_a_mac_made_with_it() {
    // HMAC with an empty key is a MAC anyone can compute, so a deployment that forgot its salt
    // (an unset environment variable read as "") must not accept every forged webhook.
    let forged = hmac_sha1_hex("", INSTAMOJO_MESSAGE);
    assert!(!verify_instamojo_webhook(&instamojo_fields(&forged), ""));
    let forged = hmac_sha256_b64("", JUSPAY_MESSAGE);
    let mut params = juspay_params();
    params.push(("signature".into(), forged));
    assert!(!verify_juspay_signature(&params, ""));
}
