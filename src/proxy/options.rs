//! Options objects of the server's clients and handler: an option they do not know is refused by
//! name, with a hint when it looks like a secret (`ProxyClient`, in JS, refuses the same way).

use crate::error::{cat, quoted, Code, Error, Result};

/// `INVALID_OPTION` for the first key not in `known`, naming it.
pub fn check_option_keys<'a>(keys: impl IntoIterator<Item = &'a str>, known: &[&str], what: &str) -> Result<()> {
    for key in keys {
        if !known.contains(&key) {
            let hint =
                if looks_secret(key) { " (a gateway secret belongs on the server, never in this client)" } else { "" };
            let mut message = cat(&[what, " does not take the option ", &quoted(key), hint, "; it takes "]);
            for (i, name) in known.iter().enumerate() {
                if i > 0 {
                    message.push_str(", ");
                }
                message.push_str(name);
            }
            return Err(Error::new(Code::InvalidOption, key, message));
        }
    }
    Ok(())
}

/// Whether a key names a secret, ASCII case aside. Compared as bytes at each start: `str::contains`
/// would link a substring searcher, and `windows` a panic message, for five short words.
fn looks_secret(key: &str) -> bool {
    let key = key.as_bytes();
    ["key", "secret", "token", "password", "salt"].iter().any(|word| {
        (0..key.len()).any(|i| key.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 4] = ["baseUrl", "headers", "timeoutMs", "fetch"];

    #[test]
    fn unknown_options_are_named_and_secrets_get_a_hint() {
        let e = check_option_keys(["baseUrl", "ClientSECRET"], &KNOWN, "ProxyClient").unwrap_err();
        assert_eq!(
            e.message,
            "ProxyClient does not take the option \"ClientSECRET\" (a gateway secret belongs on the server, never in this client); \
             it takes baseUrl, headers, timeoutMs, fetch"
        );
        let e = check_option_keys(["retries"], &KNOWN, "ProxyClient").unwrap_err();
        assert_eq!(
            e.message,
            "ProxyClient does not take the option \"retries\"; it takes baseUrl, headers, timeoutMs, fetch"
        );
    }
}
