//! Where the parser is, as the path an error names (`vendors[2].sub_mid`). One step per container
//! it is inside; a key is kept as the offset of its opening quote and decoded again only when an
//! error is written, so reading a valid text builds no path at all.

use crate::error::{index, join};
use crate::prelude::*;

#[derive(Clone, Copy)]
pub(super) enum Step {
    /// The member whose key's opening quote is at this offset of the text.
    Key(usize),
    /// The element at this index.
    Index(usize),
}

/// `root` followed by each step, as `error::join` and `error::index` write paths elsewhere.
/// `key_at` decodes the key at an offset (a lone surrogate in it read as U+FFFD, as the path of a
/// JS value's key reads once it crosses into wasm).
pub(super) fn format(root: &str, steps: &[Step], key_at: impl Fn(usize) -> String) -> String {
    let mut path = String::from(root);
    for step in steps {
        path = match *step {
            Step::Key(at) => join(&path, &key_at(at)),
            Step::Index(i) => index(&path, i),
        };
    }
    path
}
