//! Reading a call's JSON input field by field, collecting every problem rather than the first.

use crate::error::{join, Code, Error};
use crate::json::{number_text, Json};
use crate::money::amount::{parse_amount, Paise};

/// The problems found so far in one input.
#[derive(Default, Debug)]
pub struct Problems(pub Vec<Error>);

impl Problems {
    /// Records one more problem.
    pub fn push(&mut self, e: Error) {
        self.0.push(e);
    }

    /// `value()` when nothing was found wrong, else every problem in the order found.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<Error>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }

    /// A text field that must be present and non-empty.
    pub fn required_text(&mut self, input: &Json, key: &str, base: &str) -> String {
        let path = join(base, key);
        match text_of(input.get(key), &path) {
            Ok(Some(s)) if !s.is_empty() => s,
            Ok(_) => {
                self.push(Error::new(Code::MissingField, &path, format!("{path} is required")));
                String::new()
            }
            Err(e) => {
                self.push(e);
                String::new()
            }
        }
    }

    /// A text field that may be absent, `null` or empty (all read as absent).
    pub fn optional_text(&mut self, input: &Json, key: &str, base: &str) -> Option<String> {
        match text_of(input.get(key), &join(base, key)) {
            Ok(s) => s.filter(|s| !s.is_empty()),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// A boolean field that may be absent or `null` (read as absent); another type is
    /// `INVALID_TYPE`.
    pub fn optional_bool(&mut self, input: &Json, key: &str, base: &str) -> Option<bool> {
        match input.get(key) {
            None | Some(Json::Null) => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(other) => {
                let path = join(base, key);
                self.push(Error::new(
                    Code::InvalidType,
                    &path,
                    format!("{path} must be a boolean, not {}", other.kind()),
                ));
                None
            }
        }
    }

    /// A required amount; `positive` also refuses zero.
    pub fn amount(&mut self, input: &Json, key: &str, base: &str, positive: bool) -> Paise {
        let path = join(base, key);
        match parse_amount(input.get(key), &path) {
            Ok(p) if positive && p == Paise::ZERO => {
                self.push(Error::new(Code::InvalidAmount, &path, format!("{path} must be above zero")));
                p
            }
            Ok(p) => p,
            Err(e) => {
                self.push(e);
                Paise::ZERO
            }
        }
    }

    /// A text field whose value must be one of `allowed` (compared as given).
    pub fn one_of(&mut self, input: &Json, key: &str, base: &str, allowed: &[&str]) -> String {
        let value = self.required_text(input, key, base);
        if !value.is_empty() && !allowed.contains(&value.as_str()) {
            let path = join(base, key);
            self.push(Error::new(
                Code::InvalidOption,
                &path,
                format!("{path} must be one of {}, not {value:?}", allowed.join(", ")),
            ));
        }
        value
    }
}

/// Text from a string, or from a finite number's shortest text (ids are often numbers in JS).
pub fn text_of(value: Option<&Json>, path: &str) -> Result<Option<String>, Error> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(Json::Number(n)) if n.is_finite() => Ok(Some(number_text(*n))),
        Some(other) => {
            Err(Error::new(Code::InvalidType, path, format!("{path} must be a string, not {}", other.kind())))
        }
    }
}

/// An input that must be an object (`{}` when absent).
pub fn object_or_empty<'a>(value: Option<&'a Json>, path: &str) -> Result<&'a Json, Vec<Error>> {
    static EMPTY: Json = Json::Object(Vec::new());
    match value {
        None | Some(Json::Null) => Ok(&EMPTY),
        Some(v @ Json::Object(_)) => Ok(v),
        Some(other) => Err(vec![Error::new(
            Code::InvalidType,
            path,
            format!("{} must be an object, not {}", if path.is_empty() { "the input" } else { path }, other.kind()),
        )]),
    }
}

/// Prefixes an error's path with `base` (`split` + `vendors[0].amount` → `split.vendors[0].amount`).
pub fn under(base: &str, mut e: Error) -> Error {
    e.path = if e.path.is_empty() {
        base.to_string()
    } else if e.path.starts_with('[') {
        format!("{base}{}", e.path)
    } else {
        join(base, &e.path)
    };
    e
}
