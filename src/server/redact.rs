//! Keeps secrets out of every text a client or the proxy quotes: the configured API key and client
//! secret, and every token and password a call sent or received.
//!
//! Each secret is known in every form a gateway could echo it back in: as given; JSON-escaped
//! (with `\/` and with `\uXXXX` for non-ASCII, as some encoders write them); form-encoded and
//! percent-encoded; base64 with and without padding, standard and URL-safe, of the secret, of
//! `secret:` (a Basic credential) and of the secret at each of the three offsets it can have inside
//! a longer base64 text. Matching ignores ASCII case, so `%2b` and `%2B`, or a hex key in either
//! case, are the same; masking a little more than a secret is the safe error.
//!
//! **Fragments.** A gateway may quote a secret cut short, or split it across two fields
//! (`error_code`, `error_message`). The rule: any run of [`FRAGMENT`] or more bytes that also occurs
//! in one of a secret's forms is masked, wherever it stands; a secret shorter than that is masked
//! when it occurs whole. So at most 7 consecutive characters of a secret can ever show, which for
//! the keys and tokens in question (16 characters and more, random) leaves more than 9 unknown
//! characters on any side of what shows. Callers redact each field of a gateway's answer on its own
//! and then the message they build from them, and truncate only after redacting.

use std::cell::OnceCell;
use std::collections::HashSet;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;

use crate::json::{Json, MAX_DEPTH};
use crate::proxy::http::path_segment;

/// What stands in a text where a secret, or a fragment of one, was.
pub const MASK: &str = "[redacted]";

/// The shortest run of a secret's characters that is masked on its own (see the module's doc).
pub const FRAGMENT: usize = 8;

/// The secrets one call must never show, each in all its forms. Built per call (the client's
/// configured secrets, then what that call sent and received), so no shared list of limited
/// length decides what is masked, however many calls are in flight.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// Every form of every secret, ASCII-lower-cased (a repeat costs nothing but its bytes: the
    /// fragments are a set).
    forms: Vec<Vec<u8>>,
    /// The 8-byte runs of the long forms, built at the first [`Redactor::redact`] and kept: a
    /// gateway's error body is redacted field by field, and building them again for each of
    /// 100,000 tiny fields took 11.7 s for 1.5 MB.
    grams: OnceCell<HashSet<u64>>,
}

impl Redactor {
    /// A redactor of these secrets in all their forms; empty secrets are skipped.
    pub fn new<S: AsRef<str>>(secrets: impl IntoIterator<Item = S>) -> Redactor {
        let mut r = Redactor::default();
        for s in secrets {
            r.add(s.as_ref());
        }
        r
    }

    /// This redactor with more secrets: what one call sent or received.
    pub fn with<S: AsRef<str>>(&self, secrets: impl IntoIterator<Item = S>) -> Redactor {
        let mut r = self.clone();
        for s in secrets {
            r.add(s.as_ref());
        }
        r
    }

    /// Adds a secret in every form it could be echoed in.
    pub fn add(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        self.forms.extend(forms(secret).into_iter().filter(|f| !f.is_empty()).map(|f| f.to_ascii_lowercase()));
        self.grams = OnceCell::new();
    }

    /// Every secret of `other` too.
    pub fn extend(&mut self, other: &Redactor) {
        self.forms.extend(other.forms.iter().cloned());
        self.grams = OnceCell::new();
    }

    /// `text` with every secret, and every fragment of one (see the module's doc), replaced by
    /// [`MASK`]. Linear in the text (one hash lookup per byte) plus the short secrets' searches.
    pub fn redact(&self, text: &str) -> String {
        if self.forms.is_empty() || text.is_empty() {
            return text.to_string();
        }
        let lower = text.as_bytes().to_ascii_lowercase();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let grams = self.grams.get_or_init(|| {
            self.forms.iter().filter(|f| f.len() >= FRAGMENT).flat_map(|f| f.windows(FRAGMENT).map(gram)).collect()
        });
        if !grams.is_empty() {
            for (i, window) in lower.windows(FRAGMENT).enumerate() {
                if grams.contains(&gram(window)) {
                    spans.push((i, i + FRAGMENT));
                }
            }
        }
        for short in self.forms.iter().filter(|f| f.len() < FRAGMENT) {
            for (i, window) in lower.windows(short.len()).enumerate() {
                if window == short.as_slice() {
                    spans.push((i, i + short.len()));
                }
            }
        }
        if spans.is_empty() {
            return text.to_string();
        }
        spans.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut spans = spans.into_iter().peekable();
        while let Some((start, mut end)) = spans.next() {
            // Overlapping or touching runs are one mask.
            while let Some(&(next_start, next_end)) = spans.peek() {
                if next_start > end {
                    break;
                }
                end = end.max(next_end);
                spans.next();
            }
            // Whole characters: a run may start or end inside a multi-byte one.
            let start = floor_boundary(text, start.max(at));
            let end = ceil_boundary(text, end);
            if start < at {
                continue;
            }
            out.push_str(text.get(at..start).unwrap_or(""));
            out.push_str(MASK);
            at = end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        out
    }

    /// Every string and key of a JSON value redacted on its own (a gateway's answer, before a
    /// message is built from its fields). Deeper than the parser's limit, values are dropped.
    pub fn redact_json(&self, value: &Json) -> Json {
        fn go(r: &Redactor, value: &Json, depth: usize) -> Json {
            if depth > MAX_DEPTH {
                return Json::Null;
            }
            match value {
                Json::String(s) => Json::String(r.redact(s)),
                Json::Array(items) => Json::Array(items.iter().map(|v| go(r, v, depth + 1)).collect()),
                Json::Object(members) => {
                    Json::Object(members.iter().map(|(k, v)| (r.redact(k), go(r, v, depth + 1))).collect())
                }
                other => other.clone(),
            }
        }
        if self.forms.is_empty() {
            return value.clone();
        }
        go(self, value, 0)
    }
}

/// Eight bytes as one number, to hash a window at once.
fn gram(window: &[u8]) -> u64 {
    let mut bytes = [0u8; FRAGMENT];
    bytes.copy_from_slice(window);
    u64::from_le_bytes(bytes)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The forms a gateway could echo `secret` in (before lower-casing).
fn forms(secret: &str) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![secret.as_bytes().to_vec()];
    out.push(form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>().into_bytes());
    out.push(path_segment(secret).into_bytes());
    // JSON as written here, with `\/` (PHP), and with every non-ASCII character escaped.
    let json = Json::str(secret).to_text();
    let json = json.get(1..json.len().saturating_sub(1)).unwrap_or("").to_string();
    out.push(json.replace('/', "\\/").into_bytes());
    let mut ascii = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                ascii.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out.push(ascii.into_bytes());
    out.push(json.into_bytes());
    // base64 of the secret and of the Basic credential `secret:`, padded or not, both alphabets.
    let credential = format!("{secret}:");
    for engine in [&STANDARD, &URL_SAFE] {
        out.push(engine.encode(secret).into_bytes());
        out.push(engine.encode(&credential).into_bytes());
    }
    // Inside a longer base64 text the secret starts at byte 0, 1 or 2 of a group: the characters
    // that depend on its bytes alone, for each offset.
    let bits = secret.len() * 8;
    for engine in [&STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
        for offset in 0..3usize {
            let mut bytes = vec![0u8; offset];
            bytes.extend_from_slice(secret.as_bytes());
            let encoded = engine.encode(&bytes);
            let first = (offset * 8).div_ceil(6);
            let last = (offset * 8 + bits) / 6;
            if let Some(core) = encoded.get(first..last) {
                out.push(core.as_bytes().to_vec());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "jp_SECRET_key_5d1f0c9a7e3b";

    fn shows(text: &str, what: &str) -> bool {
        text.to_ascii_lowercase().contains(&what.to_ascii_lowercase())
    }

    #[test]
    fn every_form_is_masked() {
        let r = Redactor::new([KEY, "p@ss w/rd+é"]);
        let b64 = |s: &str| STANDARD.encode(s);
        let texts = [
            KEY.to_string(),
            KEY.to_ascii_uppercase(),
            format!("key={}", crate::proxy::http::form_encode(&[("", "p@ss w/rd+é")])),
            "p%40ss%20w%2frd%2b%c3%a9".to_string(),
            r#""p@ss w\/rd+\u00e9""#.to_string(),
            format!("Basic {}", b64(&format!("{KEY}:"))),
            b64(KEY),
            b64(KEY).trim_end_matches('=').to_string(),
            URL_SAFE_NO_PAD.encode(format!("x{KEY}")),
            STANDARD.encode(format!("user:{KEY}")),
            STANDARD.encode(format!("ab{KEY}yz")),
        ];
        for text in texts {
            let out = r.redact(&format!("before {text} after"));
            assert!(out.starts_with("before ") && out.ends_with(" after"), "{out}");
            assert!(out.contains(MASK), "{text} -> {out}");
            for part in [KEY, "5d1f0c9a", "p@ss w/r"] {
                assert!(!shows(&out, part), "{text} -> {out}");
            }
        }
    }

    #[test]
    fn a_fragment_of_eight_characters_is_masked_and_of_seven_is_not() {
        let r = Redactor::new([KEY]);
        // Cut short, as a truncating gateway or a 200-character cut would leave it.
        assert_eq!(r.redact("key jp_SECRET_key_5d1f is bad"), "key [redacted] is bad");
        assert_eq!(r.redact("tail 0c9a7e3b."), "tail [redacted].");
        // Split across two fields and joined: each part of 8 or more is masked.
        assert_eq!(r.redact("jp_SECRET_ke: y_5d1f0c9a7e3b"), "[redacted]: [redacted]");
        // Seven characters show: the rule's bound.
        assert_eq!(r.redact("code 5d1f0c9 x"), "code 5d1f0c9 x");
        // A secret shorter than a fragment is masked whole, in any case.
        let short = Redactor::new(["pw12"]);
        assert_eq!(short.redact("PW12 and pw1"), "[redacted] and pw1");
    }

    #[test]
    fn masks_whole_characters_and_keeps_the_rest() {
        let r = Redactor::new(["ééééé-secret"]);
        let out = r.redact("x ééééé-secret y é");
        assert_eq!(out, "x [redacted] y é");
        assert_eq!(Redactor::default().redact("anything"), "anything");
        assert_eq!(r.redact("nothing here"), "nothing here");
    }

    #[test]
    fn json_is_redacted_field_by_field_keys_included() {
        let r = Redactor::new([KEY]);
        let body = Json::object([
            ("error_code", Json::str("jp_SECRET_key")),
            ("error_message", Json::str("_5d1f0c9a7e3b rejected")),
            (KEY, Json::Array(vec![Json::str(KEY), Json::Number(1.0)])),
        ]);
        let text = r.redact_json(&body).to_text();
        assert_eq!(
            text,
            r#"{"error_code":"[redacted]","error_message":"[redacted] rejected","[redacted]":["[redacted]",1]}"#
        );
    }

    #[test]
    fn each_redactor_is_its_own_set_and_extends_without_limit() {
        let base = Redactor::new([KEY]);
        // Far more than the 64 the redactor once remembered.
        let tokens: Vec<String> = (0..300).map(|i| format!("tok_{i:04}_{}", i * 7919)).collect();
        let call = base.with(tokens.iter());
        let text: Vec<String> = tokens.iter().map(|t| format!("Bearer {t}")).collect();
        assert_eq!(call.redact(&text.join(", ")), vec!["Bearer [redacted]"; tokens.len()].join(", "));
        assert_eq!(base.redact("Bearer tok_0001_7919"), "Bearer tok_0001_7919");
        let mut merged = Redactor::default();
        merged.extend(&call);
        assert_eq!(merged.redact(KEY), MASK);
    }
}
