//! JSON text (RFC 8259) read into a `Json`: values, containers and numbers (`string.rs` reads
//! strings).

use super::keys::keep_last;
use super::path::{self, Step};
use super::{Json, MAX_DEPTH};
use crate::error::{cat, int_text, Code, Error, Result};
use crate::prelude::*;

impl Json {
    /// Parses JSON text (RFC 8259). Text that is not JSON is `INVALID_JSON` at `path`; a string
    /// holding a lone UTF-16 surrogate escape is `INVALID_TYPE` at that string's path below `path`.
    pub fn parse(text: &str, path: &str) -> Result<Json> {
        Parser::new(text, path, false).run_all()
    }

    /// Parses the text `js/snapshot.rs` writes of a JS value: JSON, plus the number tokens `NaN`,
    /// `Infinity` and `-Infinity`, with keys known to be unique (they come from `Object.keys`), and
    /// values one level deeper than `parse` takes (the writer refuses containers past
    /// `MAX_DEPTH`, as the contract does, but not the primitives inside the deepest ones).
    pub fn parse_js(text: &str, path: &str) -> Result<Json> {
        Parser::new(text, path, true).run_all()
    }
}

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    path: &'a str,
    /// Reading `Json::parse_js` text.
    js: bool,
    /// The containers the parser is inside, for the path of a refused string.
    steps: Vec<Step>,
    /// The first string with a lone surrogate, reported once the whole text has parsed.
    pub(super) lone: Option<Error>,
    /// Decoding a key again for a path: nothing is reported.
    pub(super) naming: bool,
}

// The parser reads bytes by value (`peek`) and slices the `&str` itself, since every place it
// cuts is next to an ASCII byte: a request's payload is parsed on every call, and in wasm byte
// comparisons through `Option<&u8>` and UTF-8 re-validation of each run showed in profiles.
impl<'a> Parser<'a> {
    fn new(text: &'a str, path: &'a str, js: bool) -> Self {
        Parser { text, bytes: text.as_bytes(), pos: 0, path, js, steps: Vec::new(), lone: None, naming: false }
    }

    /// The whole text as one value.
    fn run_all(mut self) -> Result<Json> {
        self.skip_ws();
        let value = self.value(0)?;
        self.skip_ws();
        if self.pos != self.bytes.len() {
            return Err(self.error("unexpected text after the JSON value"));
        }
        match self.lone {
            Some(refused) => Err(refused),
            None => Ok(value),
        }
    }

    /// The path of the value (or key) being read. Only for an error: each key is decoded again.
    pub(super) fn path_here(&self) -> String {
        path::format(self.path, &self.steps, |at| {
            let mut key = Parser::new(self.text, "", self.js);
            key.pos = at;
            key.naming = true;
            key.string().unwrap_or_default()
        })
    }

    pub(super) fn error(&self, what: &str) -> Error {
        Error::new(
            Code::InvalidJson,
            self.path,
            cat(&["not valid JSON: ", what, " at character ", &int_text(self.pos as u64)]),
        )
    }

    // Inlined by force: the release build optimises for size, which left this a call per byte.
    #[inline(always)]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn rest(&self) -> &[u8] {
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
        self.steps.push(Step::Index(0));
        loop {
            self.skip_ws();
            if let Some(step) = self.steps.last_mut() {
                *step = Step::Index(items.len());
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.steps.pop();
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
        self.steps.push(Step::Key(0));
        loop {
            self.skip_ws();
            if !matches!(self.peek(), Some(b'"')) {
                return Err(self.error("expected a key"));
            }
            if let Some(step) = self.steps.last_mut() {
                *step = Step::Key(self.pos);
            }
            let key = self.string()?;
            self.skip_ws();
            if !matches!(self.peek(), Some(b':')) {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.steps.pop();
                    // Text from JS has no repeated key (its keys come from `Object.keys`).
                    if !self.js {
                        keep_last(&mut members);
                    }
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
    fn a_wide_object_of_distinct_keys_reads_every_member_in_order() {
        // 200,000 keys (about 2.6 MB): each key compared with every earlier one took minutes.
        let n = 200_000;
        let mut text = String::from("{");
        for i in 0..n {
            text.push_str(&format!("\"key_{i}\":{},", i % 10));
        }
        text.push_str("\"key_7\":\"last\",\"key_0\":null}");
        let Json::Object(members) = Json::parse(&text, "").unwrap() else { panic!("not an object") };
        assert_eq!(members.len(), n);
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).take(3).collect();
        assert_eq!(keys, ["key_1", "key_2", "key_3"]);
        assert_eq!(members.get(n - 3), Some(&(String::from("key_199999"), Json::Number(9.0))));
        assert_eq!(members.get(n - 2), Some(&(String::from("key_7"), Json::str("last"))));
        assert_eq!(members.get(n - 1), Some(&(String::from("key_0"), Json::Null)));
        assert_eq!(members.get(100).map(|(k, v)| (k.as_str(), v)), Some(("key_102", &Json::Number(2.0))));
    }

    #[test]
    fn a_wide_object_that_repeats_one_key_many_times_keeps_the_last() {
        let mut text = String::from("{");
        for i in 0..100_000 {
            text.push_str(&format!("\"same\":{i},\"k{i}\":true,"));
        }
        text.push_str("\"z\":0}");
        let value = Json::parse(&text, "").unwrap();
        let Json::Object(members) = &value else { panic!("not an object") };
        assert_eq!(members.len(), 100_002);
        assert_eq!(value.get("same"), Some(&Json::Number(99_999.0)));
        assert_eq!(members.get(members.len() - 3).map(|(k, _)| k.as_str()), Some("same"));
    }
}
