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

/// What a path segment keeps as it is: RFC 3986 unreserved characters.
const PATH_SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One path segment: only RFC 3986 unreserved characters stay as they are, so an id can never
/// add a segment or a query to the path.
pub fn path_segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, PATH_SEGMENT).to_string()
}

/// `application/x-www-form-urlencoded`, byte for byte as `URLSearchParams` writes it (the WHATWG
/// serializer, which `form_urlencoded` implements): `*-._` and alphanumerics stay, a space is `+`,
/// everything else is `%XX`.
#[cfg(feature = "server")]
pub fn form_encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k.as_ref(), v.as_ref());
    }
    out.finish()
}

/// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`). A malformed escape is kept as
/// it is, as `decodeURIComponent`'s lenient cousins do; bytes that are not UTF-8 give `None`
/// (`form_urlencoded::parse` would turn them into U+FFFD, so two texts could read as one).
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let decoded = if plus_is_space && text.contains('+') {
        percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8().ok()?.into_owned()
    } else {
        percent_encoding::percent_decode_str(text).decode_utf8().ok()?.into_owned()
    };
    Some(decoded)
}

/// Reads a form-encoded body into its pairs, in order.
#[cfg(feature = "server")]
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
    #[cfg(feature = "server")]
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
