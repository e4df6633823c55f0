//! The one rule on `sub_mid`s of a split: each names one sub account, so a split (a
//! `SplitInput`'s vendors, `vendor.split` of the details, a refund's vendors) may name it once.

use crate::error::{fail, quoted, Code, Error};
use crate::prelude::*;

/// The sub_mids met so far in one split.
#[derive(Debug, Default)]
pub struct SubMids {
    /// Sorted: a binary search finds a repeat in O(log n) without a tree's code in the browser
    /// module. The server build, which has no size budget, keeps a B-tree instead, so a large split
    /// posted to the server is checked in O(n log n) rather than moving the list on each insert
    /// (and, unlike a hash set, with nothing an attacker's ids could collide in).
    #[cfg(not(feature = "server"))]
    seen: Vec<String>,
    #[cfg(feature = "server")]
    seen: alloc::collections::BTreeSet<String>,
}

impl SubMids {
    /// An empty set.
    pub fn new() -> SubMids {
        SubMids::default()
    }

    /// Records `sub_mid`, or, when an earlier entry of the split named it, `DUPLICATE_SUB_MID` at
    /// `path`; `field` is the member's name as the caller's input spells it (`subMid`, `sub_mid`).
    pub fn add(&mut self, sub_mid: &str, field: &str, path: &str) -> Result<(), Error> {
        if self.insert(sub_mid) {
            Ok(())
        } else {
            Err(fail(
                Code::DuplicateSubMid,
                path,
                &[field, " ", &quoted(sub_mid), " appears more than once in the split"],
            ))
        }
    }

    #[cfg(not(feature = "server"))]
    fn insert(&mut self, sub_mid: &str) -> bool {
        match self.seen.binary_search_by(|s| s.as_str().cmp(sub_mid)) {
            Ok(_) => false,
            Err(at) => {
                self.seen.insert(at, sub_mid.to_string());
                true
            }
        }
    }

    #[cfg(feature = "server")]
    fn insert(&mut self, sub_mid: &str) -> bool {
        !self.seen.contains(sub_mid) && self.seen.insert(sub_mid.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_mid_named_again_is_refused_at_its_path() {
        let mut seen = SubMids::new();
        assert!(seen.add("b", "subMid", "vendors[0].subMid").is_ok());
        assert!(seen.add("a", "subMid", "vendors[1].subMid").is_ok());
        let e = seen.add("b", "subMid", "vendors[2].subMid").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::DuplicateSubMid, "vendors[2].subMid"));
        assert_eq!(e.message, "subMid \"b\" appears more than once in the split");
        // Byte for byte: ids differing in case are different sub accounts.
        assert!(seen.add("B", "subMid", "vendors[3].subMid").is_ok());
    }
}
