//! The one rule on `sub_mid`s of a split: each names one sub account, so a split (a
//! `SplitInput`'s vendors, `vendor.split` of the details, a refund's vendors) may name it once.

use crate::error::{fail, quoted, Code, Error};
use crate::prelude::*;

/// The sub_mids met so far in one split.
///
/// Held as sorted runs of 1, 2, 4, … ids (at most one run of each length), merged like a binary
/// counter: an insert moves each id O(log n) times over the whole split and a lookup is a binary
/// search per run, so a split of n vendors is checked in O(n log² n). One sorted list would move
/// half of it on each insert (quadratic); a B-tree or the standard sorts cost kilobytes in the
/// browser module; a hash set gives an attacker's ids something to collide in.
#[derive(Debug, Default)]
pub struct SubMids {
    runs: Vec<Vec<String>>,
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

    fn insert(&mut self, sub_mid: &str) -> bool {
        if self.runs.iter().any(|run| run.binary_search_by(|s| s.as_str().cmp(sub_mid)).is_ok()) {
            return false;
        }
        let mut carry = vec![sub_mid.to_string()];
        for run in self.runs.iter_mut() {
            if run.is_empty() {
                *run = carry;
                return true;
            }
            carry = merge(core::mem::take(run), carry);
        }
        self.runs.push(carry);
        true
    }
}

/// Two sorted runs as one.
fn merge(a: Vec<String>, b: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        out.extend(if take_a { a.next() } else { b.next() });
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

    #[test]
    fn every_repeat_is_found_across_the_merged_runs() {
        let mut seen = SubMids::new();
        for i in 0..1000 {
            assert!(seen.add(&format!("v{}", (i * 7919) % 1000), "subMid", "").is_ok(), "first {i}");
        }
        for i in 0..1000 {
            assert!(seen.add(&format!("v{i}"), "subMid", "").is_err(), "repeat {i}");
        }
        assert!(seen.add("v1000", "subMid", "").is_ok());
    }
}
