//! The core's errors as JSON: here rather than in `error.rs`, which stands below this module.

use super::Json;
use crate::error::{fail, Code, Error};
use crate::prelude::*;

/// `<name> must be <what>, not <got's kind>` at `path`.
pub(crate) fn wrong_type(code: Code, path: &str, name: &str, what: &str, got: &Json) -> Error {
    fail(code, path, &[name, " must be ", what, ", not ", got.kind()])
}

impl Error {
    /// `{ code, path, message }`, as validators list their problems.
    pub fn to_json(&self) -> Json {
        Json::object(vec![
            ("code", Json::String(self.code.as_str().into_owned())),
            ("path", Json::str(self.path.clone())),
            ("message", Json::str(self.message.clone())),
        ])
    }
}

/// A validator's answer: `{ ok, errors: [{ code, path, message }] }`.
pub fn validation_result(errors: &[Error]) -> Json {
    Json::object(vec![
        ("ok", Json::Bool(errors.is_empty())),
        ("errors", Json::Array(errors.iter().map(Error::to_json).collect())),
    ])
}
