//! An error about a JSON value's type: here rather than in `error.rs`, which stands below this module.

use super::Json;
use crate::error::{fail, Code, Error};

/// `<name> must be <what>, not <got's kind>` at `path`.
pub(crate) fn wrong_type(code: Code, path: &str, name: &str, what: &str, got: &Json) -> Error {
    fail(code, path, &[name, " must be ", what, ", not ", got.kind()])
}
