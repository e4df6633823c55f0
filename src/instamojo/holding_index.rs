//! Where each sub-merchant's holding is in a ledger's `holdings`, found in `O(log² n)`: a state of
//! many sub-merchants replays in near-linear time, where a search of `holdings` for each entry was
//! quadratic. The indices are kept in sorted runs whose sizes follow a binary counter (a new one
//! joins the last while that is no longer), since a `BTreeMap` added 2.7 KB gzip to the
//! browser module and a single sorted list costs a move of half of it per new sub-merchant.

use crate::prelude::*;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HoldingIndex {
    /// Indices into `holdings`, each run sorted by the holdings' ids, longest run first.
    runs: Vec<Vec<usize>>,
}

impl HoldingIndex {
    /// The index of the holding whose id is `id`, where `id_of(i)` is the id of holding `i`.
    pub(crate) fn find<'a>(&self, id: &str, id_of: &dyn Fn(usize) -> &'a str) -> Option<usize> {
        self.runs.iter().find_map(|run| {
            let at = run.binary_search_by(|&i| id_of(i).cmp(id)).ok()?;
            run.get(at).copied()
        })
    }

    /// Adds holding `i`, whose id is not in the index yet.
    pub(crate) fn add<'a>(&mut self, i: usize, id_of: &dyn Fn(usize) -> &'a str) {
        let mut run = vec![i];
        while self.runs.last().is_some_and(|last| last.len() <= run.len()) {
            // Each index takes part in at most log2(n) merges: adding n holdings moves O(n log n).
            run = merge(&self.runs.pop().unwrap_or_default(), &run, id_of);
        }
        self.runs.push(run);
    }
}

/// Two runs sorted by id as one (index loops: no iterator adapters to link per caller).
fn merge<'a>(a: &[usize], b: &[usize], id_of: &dyn Fn(usize) -> &'a str) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut x, mut y) = (0, 0);
    while let (Some(&p), Some(&q)) = (a.get(x), b.get(y)) {
        if id_of(q) < id_of(p) {
            out.push(q);
            y += 1;
        } else {
            out.push(p);
            x += 1;
        }
    }
    out.extend_from_slice(a.get(x..).unwrap_or_default());
    out.extend_from_slice(b.get(y..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_added_in_any_order_and_no_other() {
        let ids: Vec<String> = (0..1000u32).map(|i| format!("s{}", (i * 7919) % 1000)).collect();
        let mut index = HoldingIndex::default();
        let id_of = |i: usize| ids.get(i).map_or("", String::as_str);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(id, &id_of), None);
            index.add(i, &id_of);
            assert_eq!(index.find(id, &id_of), Some(i));
        }
        assert!(index.runs.len() <= 10, "runs follow the bits of 1000");
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(id, &id_of), Some(i));
        }
        assert_eq!(index.find("s1000", &id_of), None);
        assert_eq!(index.find("", &id_of), None);
    }
}
