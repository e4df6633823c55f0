//! The fuzz harness's hostile targets (see tests/fuzz.rs): text shaped as an attacker would shape
//! it, through every reader of text, and secrets hidden in gateway text, through the redactor.

use super::{guard, Rng};
use marketsplit::contract::juspay::validate_split_json;
use marketsplit::contract::money::allocate_json;
use marketsplit::contract::split::calculate_split_json;
use marketsplit::instamojo::SettlementLedger;
use marketsplit::json::Json;

/// Whether the redaction target runs (it needs the `server` feature; scripts/fuzz.sh passes it).
pub const REDACTION: bool = cfg!(feature = "server");

/// A JSON string literal's body with escapes an attacker would use: lone and paired surrogates,
/// controls, quotes.
fn hostile_string(rng: &mut Rng, len: usize) -> String {
    const PIECES: &[&str] = &[
        "\\ud800",
        "\\udfff",
        "\\ud83d\\ude00",
        "\\ud800\\u0041",
        "\\udc00\\ud800",
        "\\u0000",
        "\\\"",
        "\\\\",
        "é",
        "V1",
    ];
    let mut out = String::with_capacity(len + 8);
    while out.len() < len {
        if rng.chance(70) {
            out.push(char::from(b'a' + rng.below(26) as u8));
        } else {
            let piece: &&str = rng.pick(PIECES);
            out.push_str(piece);
        }
    }
    out
}

/// A number of up to `digits` digits, signed, with a fraction or an exponent past f64's range.
fn huge_number(rng: &mut Rng, digits: usize) -> String {
    let body: String = (0..1 + rng.below(digits as u64)).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
    let body = body.trim_start_matches('0');
    let body = if body.is_empty() { "1" } else { body };
    match rng.below(5) {
        0 => body.to_string(),
        1 => format!("-{body}"),
        2 => format!("0.{body}"),
        3 => format!("{body}e{}", 300 + rng.below(400)),
        _ => format!("-1e-{}", 300 + rng.below(400)),
    }
}

/// One hostile JSON text (and sometimes not quite JSON), up to some 200 KB.
pub fn hostile_text(rng: &mut Rng) -> String {
    let text = match rng.below(8) {
        // Deep: past the parser's limit of 64 and far past it.
        0 => {
            let n = *rng.pick(&[63usize, 64, 65, 66, 1000, 10_000]);
            if rng.chance(50) {
                format!("{}1{}", "[".repeat(n), "]".repeat(n))
            } else {
                format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
            }
        }
        // Wide, with repeated keys.
        1 => {
            let n = 1 + rng.below(4000) as usize;
            let distinct = 1 + rng.below(n as u64);
            let members: Vec<String> = (0..n).map(|i| format!("\"k{}\":{i}", rng.below(distinct))).collect();
            format!("{{{}}}", members.join(","))
        }
        // Long strings with escapes.
        2 => {
            let len = 1 + rng.below(200_000) as usize;
            format!("{{\"sub_mid\":\"{}\"}}", hostile_string(rng, len))
        }
        // Huge numbers where amounts and ratios go.
        3 => {
            let n = huge_number(rng, 1000);
            match rng.below(3) {
                0 => format!("[{n},{},1]", huge_number(rng, 800)),
                1 => format!("{{\"orderAmount\":\"{n}\",\"vendors\":[{{\"subMid\":\"A\",\"weight\":\"{n}\"}}]}}"),
                _ => n,
            }
        }
        // split_settlement_details with many splits, repeated sub_mids and hostile leaves.
        4 => {
            let n = 1 + rng.below(3000);
            let split: Vec<String> = (0..n)
                .map(|i| {
                    let id =
                        if rng.chance(10) { hostile_string(rng, 6) } else { format!("V{}", i % (1 + rng.below(n))) };
                    let amount = if rng.chance(5) { huge_number(rng, 40) } else { format!("{}.{}", i % 100, i % 10) };
                    format!("{{\"sub_mid\":\"{id}\",\"amount\":{amount},\"merchant_commission\":0}}")
                })
                .collect();
            format!(
                "{{\"mdr_borne_by\":\"ALL\",\"marketplace\":{{\"amount\":0}},\"vendor\":{{\"split\":[{}]}}}}",
                split.join(",")
            )
        }
        // A ledger state with many entries, some hostile.
        5 => {
            let n = rng.below(3000);
            let entries: Vec<String> = (0..n)
                .map(|i| match rng.below(10) {
                    0 => "{\"type\":\"FULFIL\"}".to_string(),
                    1 => format!(
                        "{{\"type\":\"DEBIT\",\"subMerchantId\":\"\\ud800\",\"amount\":\"{}\"}}",
                        huge_number(rng, 30)
                    ),
                    2 => "{\"type\":\"REFUND\",\"amount\":\"0.01\"}".to_string(),
                    _ => format!("{{\"type\":\"CREDIT\",\"subMerchantId\":\"S{}\",\"amount\":\"0.01\"}}", i % 50),
                })
                .collect();
            format!(
                "{{\"version\":1,\"paymentId\":\"P\",\"amount\":\"{}.00\",\"entries\":[{}]}}",
                1 + rng.below(100_000),
                entries.join(",")
            )
        }
        // Ratios: many, long decimal text.
        6 => {
            let n = 1 + rng.below(2000);
            let ratios: Vec<String> = (0..n)
                .map(|_| {
                    if rng.chance(20) {
                        format!("\"{}\"", huge_number(rng, 100))
                    } else {
                        rng.below(1000).to_string()
                    }
                })
                .collect();
            format!("[{}]", ratios.join(","))
        }
        // Garbage around structure.
        _ => {
            let alphabet = b"{}[]\":,\\u0123456789abcdefnrtd.-+eE \t";
            (0..rng.below(5000)).map(|_| char::from(*rng.pick(alphabet))).collect()
        }
    };
    // Sometimes cut short, or with a byte changed.
    match rng.below(10) {
        0 => text.get(..text.len() * rng.below(100) as usize / 100).unwrap_or("").to_string(),
        1 if !text.is_empty() => {
            let mut bytes = text.into_bytes();
            let i = rng.below(bytes.len() as u64) as usize;
            bytes[i] = *rng.pick(b"{}[]\",:\\");
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => text,
    }
}

fn finite(value: &Json) -> bool {
    match value {
        Json::Number(n) => n.is_finite(),
        Json::Array(items) => items.iter().all(finite),
        Json::Object(members) => members.iter().all(|(_, v)| finite(v)),
        _ => true,
    }
}

/// Every reader of text on one hostile text: no panic; what is accepted keeps the contract.
pub fn fuzz_text_readers(rng: &mut Rng) -> bool {
    let text = hostile_text(rng);
    let shown = text.get(..text.len().min(300)).unwrap_or("");
    guard("a reader of hostile text", &shown, || {
        let as_text = Json::String(text.clone());
        let parsed = Json::parse(&text, "");
        let verdict = validate_split_json(Some(&Json::str("100")), Some(&as_text)).expect("a valid order amount");
        let errors = verdict.get("errors").and_then(Json::as_array).expect("errors");
        assert_eq!(verdict.get("ok") == Some(&Json::Bool(true)), errors.is_empty());
        let _ = SettlementLedger::from_json(&as_text);
        let Ok(value) = parsed else { return false };
        // A parsed value writes back as text that reads as the same value (a number past f64's
        // range reads as an infinity, which JSON writes as null, as JSON.stringify does).
        if finite(&value) {
            assert_eq!(Json::parse(&value.to_text(), ""), Ok(value.clone()), "a parsed value does not round-trip");
        }
        let _ = calculate_split_json(&value);
        if let Ok(Json::Array(shares)) = allocate_json(Some(&Json::str("100")), Some(&value)) {
            assert!(!shares.is_empty());
        }
        true
    })
}

#[cfg(feature = "server")]
pub fn fuzz_redaction(rng: &mut Rng) -> bool {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine as _;
    use marketsplit::server::redact::{Redactor, FRAGMENT, MASK};

    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.:%@ !\"\\";
    let secret: String = (0..FRAGMENT as u64 + rng.below(40))
        .map(|_| if rng.chance(3) { 'é' } else { char::from(*rng.pick(CHARS)) })
        .collect();
    let prefix: String = (0..rng.below(3)).map(|_| char::from(*rng.pick(b"xyz:"))).collect();
    // The form the gateway echoes, and what of it must not show.
    let (echoed, must_hide) = match rng.below(7) {
        0 => (secret.clone(), secret.clone()),
        1 => {
            let encoded = marketsplit::proxy::http::path_segment(&secret);
            let echoed = if rng.chance(50) { encoded.to_ascii_lowercase() } else { encoded.clone() };
            (echoed, encoded)
        }
        2 => {
            let json = Json::str(&*secret).to_text();
            let json = json.get(1..json.len() - 1).unwrap_or("").to_string();
            (json.clone(), json)
        }
        3 => (STANDARD.encode(format!("{secret}:")), STANDARD.encode(format!("{secret}:"))),
        4 => {
            // Inside a longer base64 text: only the characters that encode the secret alone.
            let engine = if rng.chance(50) { &STANDARD } else { &URL_SAFE_NO_PAD };
            let all = engine.encode(format!("{prefix}{secret}tail"));
            let first = (prefix.len() * 8).div_ceil(6);
            let last = (prefix.len() + secret.len()) * 8 / 6;
            (all.clone(), all.get(first..last).unwrap_or("").to_string())
        }
        5 => (secret.to_ascii_uppercase(), secret.clone()),
        _ => (STANDARD.encode(&secret).trim_end_matches('=').to_string(), STANDARD.encode(&secret)),
    };
    // In noise, maybe cut in two with a separator between (a split across two fields).
    let noise =
        |rng: &mut Rng| -> String { (0..rng.below(30)).map(|_| char::from(*rng.pick(b"abc XYZ019:{}\""))).collect() };
    let text = if rng.chance(30) && echoed.len() > 2 {
        let mut cut = 1 + rng.below(echoed.len() as u64 - 1) as usize;
        while !echoed.is_char_boundary(cut) {
            cut += 1;
        }
        format!("{}{}\": \"{}{}", noise(rng), &echoed[..cut], &echoed[cut..], noise(rng))
    } else {
        format!("{}{}{}", noise(rng), echoed, noise(rng))
    };
    let redactor = Redactor::new([secret.as_str()]);
    guard("redact", &(&secret, &text), || {
        let out = redactor.redact(&text);
        let lower = out.to_ascii_lowercase();
        let hide = must_hide.to_ascii_lowercase();
        let hide = hide.as_bytes();
        for window in hide.windows(FRAGMENT) {
            assert!(
                !lower.as_bytes().windows(FRAGMENT).any(|w| w == window),
                "{:?} of the secret {secret:?} shows in {out:?} (from {text:?})",
                String::from_utf8_lossy(window)
            );
        }
        out.contains(MASK)
    })
}

#[cfg(not(feature = "server"))]
pub fn fuzz_redaction(_: &mut Rng) -> bool {
    false
}
