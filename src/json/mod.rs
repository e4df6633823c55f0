//! A small JSON value: what crosses into the core from JS values and JSON text alike. Objects keep
//! their key order. Numbers are `f64`, as JavaScript hands them over; amounts are read from a
//! number's shortest round-trip text, never computed with.
//!
//! `value.rs` holds the value, `parse.rs` and `string.rs` read JSON text (`keys.rs` settles repeated
//! keys, `path.rs` names where a refused string sits), `write.rs` writes it, and `errors.rs` words
//! a value of the wrong type.

mod errors;
mod keys;
mod parse;
mod path;
mod string;
mod value;
mod write;

pub(crate) use errors::wrong_type;
pub(crate) use keys::swap;
pub use value::Json;
pub use write::number_text;

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;
