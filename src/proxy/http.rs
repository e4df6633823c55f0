//! HTTP requests as plain values, and the URL encodings they need. The wasm layer turns an
//! [`HttpRequest`] into a `fetch` call; everything that decides its bytes lives here.

use crate::prelude::*;
/// One request, ready to send: `path` is relative to the client's base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path and query, after the client's base URL.
    pub path: String,
    /// Name and value of each header, in order.
    pub headers: Vec<(String, String)>,
    /// The body, where the request has one.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The absolute URL: `base` without its trailing slashes, then `path`.
    pub fn url(&self, base: &str) -> String {
        let mut url = base.trim_end_matches('/').to_string();
        url.push_str(&self.path);
        url
    }

    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What one attempt at a request gave: an answer, a timeout, or no answer at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An answer.
    Reply {
        /// Its HTTP status.
        status: u16,
        /// Its body.
        body: String,
    },
    /// No answer in time.
    Timeout,
    /// No answer: what the runtime said.
    Network(String),
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_escaped(out: &mut String, byte: u8) {
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0x0f)]));
}

/// Percent-encodes every byte for which `keep` is false.
pub fn percent_encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            push_escaped(&mut out, b);
        }
    }
    out
}

/// One path segment: only RFC 3986 unreserved characters stay as they are, so an id can never
/// add a segment or a query to the path.
pub fn path_segment(text: &str) -> String {
    percent_encode(text, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// `application/x-www-form-urlencoded`, byte for byte as `URLSearchParams` writes it (the WHATWG
/// serializer): `*-._` and alphanumerics stay, a space is `+`, everything else is `%XX`.
pub fn form_encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let component = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') {
                out.push(char::from(b));
            } else if b == b' ' {
                out.push('+');
            } else {
                push_escaped(&mut out, b);
            }
        }
        out
    };
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&component(k.as_ref()));
        out.push('=');
        out.push_str(&component(v.as_ref()));
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`). A malformed escape is kept as
/// it is, as `decodeURIComponent`'s lenient cousins do; bytes that are not UTF-8 give `None`.
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        match b {
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(hi), Some(lo)) => {
                    // Both digits are below 16, so this fits a byte.
                    out.push(u8::try_from(hi * 16 + lo).ok()?);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Reads a form-encoded body into its pairs, in order.
pub fn form_decode(text: &str) -> Option<Vec<(String, String)>> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_matches_url_search_params() {
        // new URLSearchParams([["a b","x&y=z"],["k","é*~!'()"]]).toString()
        let text = form_encode(&[("a b", "x&y=z"), ("k", "é*~!'()")]);
        assert_eq!(text, "a+b=x%26y%3Dz&k=%C3%A9*%7E%21%27%28%29");
        assert_eq!(form_decode(&text).unwrap(), vec![("a b".into(), "x&y=z".into()), ("k".into(), "é*~!'()".into())]);
    }

    #[test]
    fn path_segments_cannot_escape_their_segment() {
        assert_eq!(path_segment("../o 1?x=#"), "..%2Fo%201%3Fx%3D%23");
        assert_eq!(percent_decode("%2", false).unwrap(), "%2");
        assert_eq!(percent_decode("%zz%41+", false).unwrap(), "%zzA+");
        assert!(percent_decode("%ff", false).is_none());
    }
}
