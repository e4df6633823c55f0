//! An [`Error`] in the contract's shape, and a validator's `{ ok, errors }` answer.

use crate::error::Error;
use crate::json::Json;
use crate::prelude::*;

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
