//! Strings of JSON text: escapes, surrogate pairs, and the refusal of a lone surrogate.

use super::parse::Parser;
use crate::error::{cat, Code, Error, Result};
use crate::prelude::*;

/// Four hex digits (no sign, unlike `from_str_radix`) as a number.
fn hex_value(hex: &[u8]) -> Option<u32> {
    hex.iter().try_fold(0u32, |v, b| Some(v * 16 + char::from(*b).to_digit(16)?))
}

impl Parser<'_> {
    fn hex4(&mut self) -> Result<u32> {
        let v =
            self.bytes.get(self.pos..self.pos + 4).and_then(hex_value).ok_or_else(|| self.error("bad \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    /// The character of a surrogate pair whose high half `hi` was just read, when a `\u` escape
    /// of a low half follows (it is then consumed); `None`, consuming nothing, when it does not.
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

    /// The string whose opening quote is at `pos`.
    pub(super) fn string(&mut self) -> Result<String> {
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
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    // Kept to report once the whole text is known to be JSON, so
                                    // text that is not JSON stays INVALID_JSON wherever it breaks.
                                    out.push('\u{FFFD}');
                                    if !self.naming && self.lone.is_none() {
                                        self.lone = Some(self.lone_surrogate());
                                    }
                                }
                            }
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

    /// A half of a UTF-16 pair alone (`\ud800` not followed by a low half, or `\udc00` alone) has
    /// no UTF-8 form: read as U+FFFD, two different ids would become one, so the text is refused
    /// at the string's path (a key's own path when it is a key), as the JS value reader refuses it.
    #[inline(never)]
    fn lone_surrogate(&self) -> Error {
        let path = self.path_here();
        let name = if path.is_empty() { "the input" } else { path.as_str() };
        let message = cat(&[name, " holds a lone UTF-16 surrogate (half of a pair)"]);
        Error::new(Code::InvalidType, path, message)
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Code;
    use crate::json::Json;

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let v = Json::parse(r#""a\u00e9\ud83d\ude00\n""#, "").unwrap();
        assert_eq!(v, Json::str("aé😀\n"));
        let v = Json::parse(r#"["\uD83D\uDE00", "\u0041\ud7ff\ue000\uffff"]"#, "").unwrap();
        assert_eq!(v, Json::Array(vec![Json::str("😀"), Json::str("A\u{d7ff}\u{e000}\u{ffff}")]));
    }

    #[test]
    fn a_lone_surrogate_is_refused_at_the_path_of_its_value() {
        let cases = [
            (r#"{"uniqueRequestId":"r\ud800"}"#, "uniqueRequestId"),
            (r#"{"orderId":"\udc00o"}"#, "orderId"),
            (
                r#"{"vendor":{"split":[{"sub_mid":"a"},{"sub_mid":"b"},{"sub_mid":"\udbff"}]}}"#,
                "vendor.split[2].sub_mid",
            ),
            (r#"[["x"],["y","\ud800\u0041"]]"#, "[1][1]"),
            (r#""\ud83d\u000a""#, ""),
            (r#"{"a":{"b":["\ud800\ud800\udc00"]}}"#, "a.b[0]"),
            (r#"{"a":"ok","b":"\udc00\ud83d"}"#, "b"),
        ];
        for (text, path) in cases {
            let e = Json::parse(text, "").unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, path), "{text}");
            let name = if path.is_empty() { "the input" } else { path };
            assert_eq!(e.message, format!("{name} holds a lone UTF-16 surrogate (half of a pair)"));
        }
        // The argument's own name comes first, as every other path of that argument does.
        let e = Json::parse(r#"{"vendors":[{},{},{"sub_mid":"\ud800"}]}"#, "details").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "details.vendors[2].sub_mid"));
    }

    #[test]
    fn a_lone_surrogate_in_a_key_is_refused_at_the_keys_own_path() {
        // The key in the path reads as the JS reader's path of such a key does once in wasm.
        let e = Json::parse(r#"{"a":1,"v":[{"k\udfff":1}]}"#, "").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "v[0].k\u{FFFD}"));
        let e = Json::parse(r#"{"\ud800":1}"#, "body").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "body.\u{FFFD}"));
        // Keys that came before, escaped or not, are named as they read.
        let e = Json::parse(r#"{"a\"b\u00e9":{"c":"\ud800"}}"#, "").unwrap_err();
        assert_eq!(e.path, "a\"bé.c");
    }

    #[test]
    fn two_ids_that_differ_only_in_a_lone_surrogate_never_read_as_one() {
        for text in [r#""r\ud800""#, r#""r\udbff""#, r#""r\udc00""#] {
            assert_eq!(Json::parse(text, "").unwrap_err().code, Code::InvalidType, "{text}");
        }
        // Text that is not JSON is INVALID_JSON, wherever it breaks.
        for text in [r#"{"a":"\ud800""#, r#"["\ud800",]"#, r#""\ud800" x"#] {
            assert_eq!(Json::parse(text, "").unwrap_err().code, Code::InvalidJson, "{text}");
        }
        // A real U+FFFD is text like any other.
        assert_eq!(Json::parse(r#""r\ufffd""#, "").unwrap(), Json::str("r\u{FFFD}"));
    }

    #[test]
    fn malformed_escapes_stay_invalid_json() {
        for bad in [r#""\u+041""#, r#""\u004""#, r#""\ud800\u""#, r#""\uzzzz""#, r#""\ud800\uzzzz""#] {
            assert_eq!(Json::parse(bad, "p").unwrap_err().code, Code::InvalidJson, "{bad}");
        }
    }
}
