//! JSON text of a value, as `JSON.stringify` writes it.

use super::Json;
use crate::prelude::*;

impl Json {
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
            Json::Number(n) => out.push_str(&crate::float::json_text(*n)),
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

/// The shortest text that reads back as the same `f64`, without an exponent, as JavaScript's
/// `String(n)` gives for the amounts and ratios this library sees.
pub fn number_text(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    crate::float::shortest_text(n)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_is_shortest_round_trip() {
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(1499.5), "1499.5");
        assert_eq!(number_text(540.0), "540");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e21), "1000000000000000000000");
    }

    #[test]
    fn control_characters_and_non_finite_numbers_are_written_as_json_stringify_does() {
        let v = Json::Array(vec![Json::str("a\u{1}\u{1f}\u{8}\"é"), Json::Number(f64::NAN), Json::Number(-0.0)]);
        assert_eq!(v.to_text(), "[\"a\\u0001\\u001f\\b\\\"é\",null,0]");
    }
}
