//! The value itself and what readers ask of it.

use crate::prelude::*;

/// A JSON value, from a JS value or from JSON text. Amounts are never computed with its `f64`:
/// they are read from the number's shortest round-trip text.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null` (and JavaScript's `undefined` as the binding hands it over).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as JavaScript holds it (NaN and the infinities included).
    Number(f64),
    /// A string, with escapes decoded; a lone surrogate escape is refused while reading.
    String(String),
    /// An array, in order.
    Array(Vec<Json>),
    /// An object's members in the order written; read from text, a repeated key keeps its last value.
    Object(Vec<(String, Json)>),
}

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

    /// The text of a string; `None` for any other kind.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array; `None` for any other kind.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is an object.
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

    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// Builds an object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}
