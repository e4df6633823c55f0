//! Small readers of text (split at an ASCII byte, an integer, trimming) shared by number, amount
//! and status text: each does what its `str` counterpart does, as one copy without the generic
//! pattern and parsing code those link into the browser module.

/// `text` split around its first byte that is one of `at` (ASCII), without it: what
/// `str::split_once` does, as one copy for every pattern (each pattern type linked its own).
// `at.contains` would link `memchr` (about 300 bytes of the browser module) for two-byte lists.
#[allow(clippy::manual_contains)]
pub(crate) fn split_once_at<'a>(text: &'a str, at: &[u8]) -> Option<(&'a str, &'a str)> {
    let i = text.bytes().position(|b| at.iter().any(|&a| a == b))?;
    Some((text.get(..i)?, text.get(i + 1..)?))
}

/// Decimal integer text (a `-` or `+`, then digits) as an `i64`; `None` for any other text or
/// beyond `i64`: what `str::parse::<i64>` gives, without its generic code.
pub(crate) fn parse_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        let digit = i64::from(char::from(b).to_digit(10)?);
        n = n.checked_mul(10)?;
        n = if negative { n.checked_sub(digit)? } else { n.checked_add(digit)? };
    }
    Some(n)
}

/// `text` without the whitespace around it, as `str::trim` (Unicode `White_Space`), without its
/// pattern searcher.
pub(crate) fn trim(text: &str) -> &str {
    let mut kept = text.char_indices().filter(|(_, c)| !c.is_whitespace());
    let Some((start, first)) = kept.next() else { return "" };
    let (last, c) = kept.next_back().unwrap_or((start, first));
    text.get(start..last + c.len_utf8()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_where_split_once_does() {
        for text in ["1.5", "1e+21", "-1.5E-7", "12", "", ".", "é.ü", "1.2.3", "e"] {
            assert_eq!(split_once_at(text, b"."), text.split_once('.'), "{text:?}");
            assert_eq!(split_once_at(text, b"eE"), text.split_once(['e', 'E']), "{text:?}");
        }
    }

    #[test]
    fn integers_and_trimming_as_the_standard_library_does() {
        for text in [
            "0",
            "-0",
            "+7",
            "42",
            "-9223372036854775808",
            "9223372036854775807",
            "9223372036854775808",
            "",
            "-",
            "+",
            "1 ",
            "--1",
            "+-1",
            "1e3",
            "٣",
        ] {
            assert_eq!(parse_int(text), text.parse::<i64>().ok(), "{text:?}");
        }
        for text in ["", " ", " a ", "\u{3000}b\u{a0}c\u{2029}", "é", " é\t\n", "x"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
