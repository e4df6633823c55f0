//! The one rule on `sub_mid`s of a split: each names one sub account, so a split (a
//! `SplitInput`'s vendors, `vendor.split` of the details, a refund's vendors) may name it once.

use crate::error::{fail, quoted, Code, Error};
use crate::instamojo::holding_index::HoldingIndex;
use crate::prelude::*;

/// The sub_mids met so far in one split.
///
/// Held as the ledger's index of holdings is (`instamojo::holding_index`): sorted runs of 1, 2,
/// 4, … ids merged like a binary counter, so a split of n vendors is checked in O(n log² n). One
/// sorted list would move half of it on each insert (quadratic); a B-tree or the standard sorts
/// cost kilobytes in the browser module; a hash set gives an attacker's ids something to collide in.
#[derive(Debug, Default)]
pub struct SubMids {
    ids: Vec<String>,
    index: HoldingIndex,
}

impl SubMids {
    /// An empty set.
    pub fn new() -> SubMids {
        SubMids::default()
    }

    /// Records `sub_mid`, or, when an earlier entry of the split named it, `DUPLICATE_SUB_MID` at
    /// `path()`; `field` is the member's name as the caller's input spells it (`subMid`, `sub_mid`).
    /// The path is built only for that error: most splits have none.
    pub fn add(&mut self, sub_mid: &str, field: &str, path: &dyn Fn() -> String) -> Result<(), Error> {
        let ids = &self.ids;
        if self.index.find(sub_mid, &|i| ids.get(i).map_or("", String::as_str)).is_some() {
            return Err(fail(
                Code::DuplicateSubMid,
                &path(),
                &[field, " ", &quoted(sub_mid), " appears more than once in the split"],
            ));
        }
        self.ids.push(sub_mid.to_string());
        let ids = &self.ids;
        self.index.add(ids.len() - 1, &|i| ids.get(i).map_or("", String::as_str));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_mid_named_again_is_refused_at_its_path() {
        let mut seen = SubMids::new();
        assert!(seen.add("b", "subMid", &|| "vendors[0].subMid".to_string()).is_ok());
        assert!(seen.add("a", "subMid", &|| "vendors[1].subMid".to_string()).is_ok());
        let e = seen.add("b", "subMid", &|| "vendors[2].subMid".to_string()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::DuplicateSubMid, "vendors[2].subMid"));
        assert_eq!(e.message, "subMid \"b\" appears more than once in the split");
        // Byte for byte: ids differing in case are different sub accounts.
        assert!(seen.add("B", "subMid", &|| "vendors[3].subMid".to_string()).is_ok());
    }

    #[test]
    fn every_repeat_is_found_across_the_merged_runs() {
        let mut seen = SubMids::new();
        for i in 0..1000 {
            assert!(seen.add(&format!("v{}", (i * 7919) % 1000), "subMid", &String::new).is_ok(), "first {i}");
        }
        for i in 0..1000 {
            assert!(seen.add(&format!("v{i}"), "subMid", &|| "".to_string()).is_err(), "repeat {i}");
        }
        assert!(seen.add("v1000", "subMid", &|| "".to_string()).is_ok());
    }
}
