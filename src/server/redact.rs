//! Keeps secrets out of every text a client or the proxy quotes: the configured API key, client
//! secret and every token, in the forms a gateway could echo them back (as given, URL-encoded,
//! JSON-escaped, inside a Basic credential).

use crate::json::Json;
use crate::proxy::http::{form_encode, path_segment};

pub const MASK: &str = "[redacted]";

#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// Longest first, so a secret that contains another is masked whole.
    secrets: Vec<String>,
}

impl Redactor {
    pub fn new<S: AsRef<str>>(secrets: impl IntoIterator<Item = S>) -> Redactor {
        let mut r = Redactor::default();
        for s in secrets {
            r.add(s.as_ref());
        }
        r
    }

    /// Adds a secret and the encoded forms it could appear in.
    pub fn add(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        let form = form_encode(&[("", secret)]);
        let json = Json::str(secret).to_text();
        let variants = [
            secret.to_string(),
            form.trim_start_matches('=').to_string(),
            path_segment(secret),
            json.trim_matches('"').to_string(),
        ];
        for v in variants {
            if !v.is_empty() && !self.secrets.contains(&v) {
                self.secrets.push(v);
            }
        }
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    pub fn extend(&mut self, other: &Redactor) {
        for s in &other.secrets {
            self.add(s);
        }
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), MASK);
            }
        }
        out
    }
}
