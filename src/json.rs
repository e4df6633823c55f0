//! A small JSON value: what crosses into the core from JS values and JSON text alike. Objects keep
//! their key order. Numbers are `f64`, as JavaScript hands them over; amounts are read from a
//! number's shortest round-trip text, never computed with.

use crate::error::{cat, int_text, Code, Error, Result};
use crate::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

impl Json {
    /// A member of an object; `None` for a missing key or when `self` is not an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A member that is present and not null.
    pub fn field(&self, key: &str) -> Option<&Json> {
        self.get(key).filter(|v| !matches!(v, Json::Null))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The name of this value's kind, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// Builds an object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// Parses JSON text (RFC 8259). Errors are `INVALID_JSON` at `path`.
    pub fn parse(text: &str, path: &str) -> Result<Json> {
        Parser { text, bytes: text.as_bytes(), pos: 0, path, js: false }.run_all()
    }

    /// Parses the text `js/snapshot.rs` writes of a JS value: JSON, plus the number tokens `NaN`,
    /// `Infinity` and `-Infinity`, with keys known to be unique (they come from `Object.keys`), and
    /// values one level deeper than `parse` takes (the writer refuses containers past
    /// `MAX_DEPTH`, as the contract does, but not the primitives inside the deepest ones).
    pub fn parse_js(text: &str, path: &str) -> Result<Json> {
        Parser { text, bytes: text.as_bytes(), pos: 0, path, js: true }.run_all()
    }

    /// Compact JSON text. Non-finite numbers are written as `null`, as `JSON.stringify` does.
    pub fn to_text(&self) -> String {
        // Most texts written here are a reply of a few hundred bytes: one allocation, not five.
        let mut out = String::with_capacity(256);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => write_number(*n, out),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `<name> must be <what>, not <got's kind>` at `path`.
pub(crate) fn wrong_type(code: Code, path: &str, name: &str, what: &str, got: &Json) -> Error {
    crate::error::fail(code, path, &[name, " must be ", what, ", not ", got.kind()])
}

/// The shortest text that reads back as the same `f64`, without an exponent, as JavaScript's
/// `String(n)` gives for the amounts and ratios this library sees.
pub fn number_text(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    crate::float::shortest_text(n)
}

fn write_number(n: f64, out: &mut String) {
    out.push_str(&crate::float::json_text(n));
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Runs of text that need no escape are copied whole: every escaped character is ASCII, so a
    // cut next to one is a character boundary.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or(""));
        run = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str(if b < 0x10 { "\\u000" } else { "\\u001" });
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

/// Four hex digits (no sign, unlike `from_str_radix`) as a number.
fn hex_value(hex: &[u8]) -> Option<u32> {
    hex.iter().try_fold(0u32, |v, b| Some(v * 16 + char::from(*b).to_digit(16)?))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    path: &'a str,
    /// Reading `Json::parse_js` text.
    js: bool,
}

// The parser reads bytes by value (`peek`) and slices the `&str` itself, since every place it
// cuts is next to an ASCII byte: a request's payload is parsed on every call, and in wasm byte
// comparisons through `Option<&u8>` and UTF-8 re-validation of each run showed in profiles.
impl Parser<'_> {
    /// The whole text as one value.
    fn run_all(mut self) -> Result<Json> {
        self.skip_ws();
        let value = self.value(0)?;
        self.skip_ws();
        if self.pos != self.bytes.len() {
            return Err(self.error("unexpected text after the JSON value"));
        }
        Ok(value)
    }

    fn error(&self, what: &str) -> Error {
        Error::new(
            Code::InvalidJson,
            self.path,
            cat(&["not valid JSON: ", what, " at character ", &int_text(self.pos as u64)]),
        )
    }

    // Inlined by force: the release build optimises for size, which left this a call per byte.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, literal: &str) -> Result<()> {
        if self.rest().starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(self.error("unexpected text"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json> {
        if depth > MAX_DEPTH + usize::from(self.js) {
            return Err(self.error("nesting too deep"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.eat("null").map(|_| Json::Null),
            Some(b't') => self.eat("true").map(|_| Json::Bool(true)),
            Some(b'f') => self.eat("false").map(|_| Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'N') if self.js => self.eat("NaN").map(|_| Json::Number(f64::NAN)),
            Some(b'I') if self.js => self.eat("Infinity").map(|_| Json::Number(f64::INFINITY)),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if let Some(b']') = self.peek() {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json> {
        self.pos += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_ws();
        if let Some(b'}') = self.peek() {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if !matches!(self.peek(), Some(b'"')) {
                return Err(self.error("expected a key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if !matches!(self.peek(), Some(b':')) {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            // A repeated key keeps the last value, as JSON.parse does. Each key is compared with the
            // earlier ones, quadratic in an object's size; text from JS has no repeated key.
            if !self.js {
                if let Some(earlier) = members.iter().position(|(k, _)| *k == key) {
                    members.remove(earlier);
                }
            }
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn number(&mut self) -> Result<Json> {
        if self.js && self.rest().starts_with(b"-Infinity") {
            self.pos += "-Infinity".len();
            return Ok(Json::Number(f64::NEG_INFINITY));
        }
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos - s
        };
        if let Some(b'-') = self.peek() {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 || (n > 1 && matches!(self.bytes.get(int_start), Some(b'0'))) {
            return Err(self.error("malformed number"));
        }
        if let Some(b'.') = self.peek() {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("malformed number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("malformed number"));
            }
        }
        let text = self.text.get(start..self.pos);
        text.and_then(crate::float::parse_json_number).map(Json::Number).ok_or_else(|| self.error("malformed number"))
    }

    fn hex4(&mut self) -> Result<u32> {
        let v =
            self.bytes.get(self.pos..self.pos + 4).and_then(hex_value).ok_or_else(|| self.error("bad \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    /// The character of a surrogate pair whose high half `hi` was just read, when a `\u` escape
    /// of a low half follows (it is then consumed); `None`, consuming nothing, when it does not, so
    /// an escape after a lone high surrogate (`\ud800\u0041`) is still read as its own character.
    fn low_surrogate(&mut self, hi: u32) -> Option<char> {
        let lo = hex_value(self.rest().strip_prefix(b"\\u")?.get(..4)?)?;
        if !(0xDC00..0xE000).contains(&lo) {
            return None;
        }
        self.pos += 6;
        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    }

    /// The text from `start` up to the next quote, backslash or control character.
    fn run(&mut self, start: usize) -> Result<&str> {
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
        // `start` follows and `pos` is at an ASCII byte (or the end), so both are char boundaries.
        self.text.get(start..self.pos).ok_or_else(|| self.error("invalid text"))
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // opening quote
        let first = self.run(self.pos)?;
        // Most strings have no escape: one allocation of the right size.
        let mut out = String::from(first);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek().ok_or_else(|| self.error("unexpected end"))?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{08}'),
                        b'f' => out.push('\u{0c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                self.low_surrogate(hi)
                            } else {
                                char::from_u32(hi)
                            };
                            // A lone surrogate cannot be held in Rust text: stand it in, as
                            // JavaScript's text encoder does for a string handed to wasm.
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.error("bad escape")),
                    }
                }
                _ => return Err(self.error("unterminated string")),
            }
            let start = self.pos;
            let run = self.run(start)?;
            out.push_str(run);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text() {
        let text = r#"{"a":[1,2.5,-3,"x\"y"],"b":{"c":null,"d":true},"e":33.33}"#;
        let v = Json::parse(text, "").unwrap();
        assert_eq!(v.to_text(), text);
        assert_eq!(v.get("e"), Some(&Json::Number(33.33)));
    }

    #[test]
    fn refuses_bad_json_with_its_code() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "nul", "\"abc", "{} x", "[1e]"] {
            let e = Json::parse(bad, "details").unwrap_err();
            assert_eq!(e.code, Code::InvalidJson, "{bad}");
            assert_eq!(e.path, "details");
        }
    }

    #[test]
    fn js_text_reads_non_finite_tokens_and_one_more_level_only_in_js_mode() {
        let read = Json::parse_js("[NaN,Infinity,-Infinity,-0,{\"a\":1}]", "x").unwrap();
        let Json::Array(items) = read else { panic!("not an array") };
        assert!(matches!(items[0], Json::Number(n) if n.is_nan()));
        assert_eq!(
            (items[1].clone(), items[2].clone()),
            (Json::Number(f64::INFINITY), Json::Number(f64::NEG_INFINITY))
        );
        assert!(matches!(items[3], Json::Number(z) if z == 0.0 && z.is_sign_negative()));
        for text in ["[NaN]", "Infinity", "-Infinity"] {
            assert_eq!(Json::parse(text, "").unwrap_err().code, Code::InvalidJson, "{text}");
        }
        assert!(Json::parse_js("[Nan]", "").is_err() && Json::parse_js("-Inf", "").is_err());
        // 65 arrays around a number: one level past `parse`'s limit.
        let deep = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(Json::parse(&deep, "").is_err() && Json::parse_js(&deep, "").is_ok());
        let deeper = format!("[{deep}]");
        assert!(Json::parse_js(&deeper, "").is_err());
    }

    #[test]
    fn refuses_deep_nesting_instead_of_overflowing() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(Json::parse(&deep, "").unwrap_err().code, Code::InvalidJson);
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let v = Json::parse(r#""a\u00e9\ud83d\ude00\n""#, "").unwrap();
        assert_eq!(v, Json::str("aé😀\n"));
    }

    #[test]
    fn an_escape_after_a_lone_high_surrogate_is_its_own_character() {
        // As a JS string handed to wasm reads: each lone surrogate becomes U+FFFD, nothing is lost.
        let v = Json::parse(r#"["\ud800\u0041", "\ud800\ud800\udc00", "\udc00\ud83d", "\ud83d\u000a", "a\ud800"]"#, "")
            .unwrap();
        let expected = ["\u{FFFD}A", "\u{FFFD}\u{10000}", "\u{FFFD}\u{FFFD}", "\u{FFFD}\n", "a\u{FFFD}"];
        assert_eq!(v, Json::Array(expected.iter().map(|s| Json::str(*s)).collect()));
        for bad in [r#""\u+041""#, r#""\u004""#, r#""\ud800\u""#, r#""\uzzzz""#] {
            assert_eq!(Json::parse(bad, "p").unwrap_err().code, Code::InvalidJson, "{bad}");
        }
    }

    #[test]
    fn strings_with_and_without_escapes_and_repeated_keys() {
        let v = Json::parse(r#"{"a":"plain é","b":"x\"y\\z\/\b\f\n\r\t","a":"last"}"#, "").unwrap();
        assert_eq!(v, Json::object([("b", Json::str("x\"y\\z/\u{8}\u{c}\n\r\t")), ("a", Json::str("last"))]));
        for bad in ["\"a\u{1}\"", "\"a\nb\"", "\"\\x\"", "\"\\", "{\"a\":1,}", "[1 2]", "{1:2}"] {
            assert_eq!(Json::parse(bad, "p").unwrap_err().code, Code::InvalidJson, "{bad:?}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_in_small_and_large_objects() {
        for filler in [0usize, 3, 40] {
            let mut text = String::from("{\"a\":1,");
            for i in 0..filler {
                text.push_str(&format!("\"k{i}\":{i},"));
            }
            text.push_str("\"b\":2,\"a\":3,\"c\":4,\"b\":5,\"a\":6}");
            let Json::Object(members) = Json::parse(&text, "").unwrap() else { panic!("{text}") };
            let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            let mut expected: Vec<String> = (0..filler).map(|i| format!("k{i}")).collect();
            expected.extend(["c", "b", "a"].map(String::from));
            assert_eq!(keys, expected, "{text}");
            let value = Json::parse(&text, "").unwrap();
            assert_eq!(
                (value.get("a"), value.get("b"), value.get("c")),
                (Some(&Json::Number(6.0)), Some(&Json::Number(5.0)), Some(&Json::Number(4.0)))
            );
        }
    }

    #[test]
    fn number_text_is_shortest_round_trip() {
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(1499.5), "1499.5");
        assert_eq!(number_text(540.0), "540");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e21), "1000000000000000000000");
    }
}
