//! Repeated keys in an object read from text: the last value wins, as in `JSON.parse`, and it
//! stands where the key was last written (what this reader has always given).

use super::Json;
use crate::prelude::*;

/// Drops each member whose key comes again later in `members`. Time is `n log n` in the number of
/// members: a megabyte of distinct keys is one sort of their keys, not a comparison of every key
/// with every earlier one (which took 21.5 s for 1 MB).
#[inline(never)]
pub(super) fn keep_last(members: &mut Vec<(String, Json)>) {
    if members.len() < 2 {
        return;
    }
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    let dropped = repeated(&keys, true);
    if dropped.contains(&true) {
        let mut flags = dropped.into_iter();
        members.retain(|_| !flags.next().unwrap_or(false));
    }
}

/// For each text, whether an equal one comes later in `texts` (`later`) or earlier (not
/// `later`). Time is `n log n`: the indices are sorted by text, then index, so equal texts end
/// up side by side, earliest first.
pub(super) fn repeated(texts: &[&str], later: bool) -> Vec<bool> {
    let text = |i: usize| texts.get(i).copied().unwrap_or_default();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    sort_indices(&mut order, &|a, b| (text(a), a) < (text(b), b));
    let mut marks = vec![false; texts.len()];
    for pair in order.windows(2) {
        if let [i, j] = *pair {
            if text(i) == text(j) {
                if let Some(mark) = marks.get_mut(if later { i } else { j }) {
                    *mark = true;
                }
            }
        }
    }
    marks
}

/// Sorts indices by `less`, in O(n log n) at worst: a heap sort, since the standard library's
/// sorts are several times larger in the browser module (see `money/largest.rs`). One copy serves
/// every caller (`less` is dynamic).
pub(crate) fn sort_indices(items: &mut [usize], less: &dyn Fn(usize, usize) -> bool) {
    let n = items.len();
    for at in (0..n / 2).rev() {
        sift_down(items, at, n, less);
    }
    for len in (1..n).rev() {
        swap(items, 0, len);
        sift_down(items, 0, len, less);
    }
}

/// Swaps the items at `a` and `b` (always in range at the callers; the same index twice changes
/// nothing, as with `slice::swap`). Without a panic path: `slice::swap`'s linked the bounds-check
/// panic and its location data into the browser module. Out of line: inlined, it grew each sort.
#[inline(never)]
pub(crate) fn swap<T>(items: &mut [T], a: usize, b: usize) {
    if let Some((low, high)) = items.split_at_mut_checked(a.max(b)) {
        if let (Some(x), Some(y)) = (low.get_mut(a.min(b)), high.first_mut()) {
            core::mem::swap(x, y);
        }
    }
}

/// Moves the item at `at` down the max-heap `items[..len]` until no child is greater.
fn sift_down(items: &mut [usize], mut at: usize, len: usize, less: &dyn Fn(usize, usize) -> bool) {
    loop {
        let left = at.saturating_mul(2).saturating_add(1);
        let mut top = at;
        for child in [left, left.saturating_add(1)] {
            if child < len && matches!((items.get(top), items.get(child)), (Some(&t), Some(&c)) if less(t, c)) {
                top = child;
            }
        }
        if top == at {
            return;
        }
        swap(items, at, top);
        at = top;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(members: &[(String, Json)]) -> Vec<&str> {
        members.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn the_last_of_each_key_stays_at_its_place_with_its_value() {
        for filler in [0usize, 5, 100] {
            let mut members: Vec<(String, Json)> = vec![("a".into(), Json::Number(1.0))];
            members.extend((0..filler).map(|i| (format!("k{i}"), Json::Number(i as f64))));
            for (k, v) in [("b", 2.0), ("a", 3.0), ("c", 4.0), ("b", 5.0), ("a", 6.0)] {
                members.push((k.into(), Json::Number(v)));
            }
            keep_last(&mut members);
            let mut expected: Vec<String> = (0..filler).map(|i| format!("k{i}")).collect();
            expected.extend(["c", "b", "a"].map(String::from));
            assert_eq!(keys(&members), expected);
            let value = Json::Object(members);
            assert_eq!(value.get("a"), Some(&Json::Number(6.0)));
            assert_eq!(value.get("b"), Some(&Json::Number(5.0)));
        }
    }

    #[test]
    fn distinct_keys_are_all_kept_in_order() {
        let mut members: Vec<(String, Json)> = (0..1000).map(|i| (format!("k{i}"), Json::Null)).collect();
        let before = members.clone();
        keep_last(&mut members);
        assert_eq!(members, before);
    }

    #[test]
    fn repeats_are_marked_at_their_earlier_or_later_places() {
        let texts = ["b", "a", "b", "c", "a", "b", "", ""];
        let flags = |later| repeated(&texts, later).iter().map(|&f| u8::from(f)).collect::<Vec<_>>();
        assert_eq!(flags(true), [1, 1, 1, 0, 0, 0, 1, 0]);
        assert_eq!(flags(false), [0, 0, 1, 0, 1, 1, 0, 1]);
        assert_eq!(repeated(&[], true), Vec::<bool>::new());
        // Past a handful of texts, as in a wide object.
        let many: Vec<&str> = texts.iter().chain(texts.iter()).copied().collect();
        let marks = repeated(&many, false);
        assert_eq!(marks.iter().filter(|&&m| m).count(), 12, "16 texts, 4 distinct");
        assert_eq!(marks.get(..8), Some(&[false, false, true, false, true, true, false, true][..]));
    }

    #[test]
    fn the_sort_orders_any_input() {
        for n in [0usize, 1, 2, 3, 8, 9, 500] {
            let words: Vec<String> = (0..n).map(|i| format!("w{}", (i * 7919) % 211)).collect();
            let mut items: Vec<usize> = (0..n).collect();
            let word = |i: usize| words[i].as_str();
            sort_indices(&mut items, &|a, b| (word(a), a) < (word(b), b));
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| (word(i), i));
            assert_eq!(items, expected);
        }
    }
}
