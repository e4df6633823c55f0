//! A small JSON value: what crosses into the core from JS values and JSON text alike. Objects keep
//! their key order. Numbers are `f64`, as JavaScript hands them over; amounts are read from a
//! number's shortest round-trip text, never computed with.
//!
//! `value.rs` holds the value, `parse.rs` and `string.rs` read JSON text (`keys.rs` settles repeated
//! keys, `path.rs` names where a refused string sits), `write.rs` writes it, and `errors.rs` turns
//! the core's errors into the JSON the contract shows them as.

mod errors;
mod keys;
mod parse;
mod path;
mod string;
mod value;
mod write;

pub use errors::validation_result;
pub(crate) use errors::wrong_type;
pub(crate) use keys::{repeated, sort_indices};
pub use value::Json;
pub use write::number_text;

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;
