//! How the ledger words a refusal: the paths of an operation's fields, and messages filled in
//! from a template out of line. Shared by the ledger, its rules, its planner and its stored form.

use crate::error::{quoted, Code, Error};
use crate::money::amount::Paise;
use crate::prelude::*;

/// The path of an operation's sub-merchant id.
pub(crate) const SUB_PATH: &str = "subMerchantId";
/// The path of an operation's amount.
pub(crate) const AMOUNT_PATH: &str = "amount";
/// The path of a debit's sub-merchant balance.
pub(crate) const BALANCE_PATH: &str = "balance";
/// The path of a settlement id.
pub(crate) const ID_PATH: &str = "id";

/// An error whose message is `template` written by [`fill`].
#[inline(never)]
pub(crate) fn refusal(code: Code, path: &str, template: &str, texts: &[&str], amounts: &[Paise]) -> Error {
    Error::new(code, path, fill(String::new(), template, texts, amounts))
}

/// Appends `template` to `out` with each `\u{1}` replaced by the next of `amounts`, each `\u{2}`
/// by the next of `texts` and each `\u{3}` by the next of `texts` in quotes. Out of line, so an
/// error site passes only what varies instead of building its message in place.
#[inline(never)]
pub(crate) fn fill(mut out: String, template: &str, texts: &[&str], amounts: &[Paise]) -> String {
    let mut texts = texts.iter();
    let mut amounts = amounts.iter();
    for c in template.chars() {
        match c {
            '\u{1}' => out.push_str(&amounts.next().map_or_else(String::new, |a| a.to_text())),
            '\u{2}' => out.push_str(texts.next().map_or("", |t| t)),
            '\u{3}' => out.push_str(&quoted(texts.next().map_or("", |t| t))),
            c => out.push(c),
        }
    }
    out
}
