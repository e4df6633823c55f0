//! Picking the `k` largest remainders for largest-remainder allocation, by one order: the larger
//! remainder first, and between equal remainders the lower index. Indices are unique, so the order
//! is total and stability does not come into it.
//!
//! Quickselect (median-of-three pivots, a loop rather than recursion) takes O(n) on average; should
//! a hostile input keep it from converging, a binary heap finishes the job, so the worst case is
//! O(n log n). It replaces the standard library's sorts and selection here, whose code is several
//! times larger in the browser module.

use crate::json::swap;
use core::cmp::Ordering;

/// Whether `a` comes before `b`: the larger remainder, then the lower index.
fn before<R: Ord>(a: &(R, usize), b: &(R, usize)) -> bool {
    match a.0.cmp(&b.0) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => a.1 < b.1,
    }
}

/// Whether the item at `i` comes before the one at `j` (false when either is out of range).
fn at_before<R: Ord>(items: &[(R, usize)], i: usize, j: usize) -> bool {
    matches!((items.get(i), items.get(j)), (Some(a), Some(b)) if before(a, b))
}

/// Reorders `items` so that its first `k` entries (or all of them, when there are fewer) are the
/// `k` that come first in the order above, and returns those entries.
pub(crate) fn largest<R: Ord>(items: &mut [(R, usize)], k: usize) -> &[(R, usize)] {
    let k = k.min(items.len());
    let (mut lo, mut hi) = (0, items.len());
    // About 2·log2(n) rounds are plenty on any ordinary input.
    let mut rounds = 2 * (usize::BITS - items.len().leading_zeros());
    while k > lo && k < hi && hi - lo > 8 {
        if rounds == 0 {
            if let Some(range) = items.get_mut(lo..hi) {
                heap_select(range, k - lo);
            }
            return items.get(..k).unwrap_or(&[]);
        }
        rounds -= 1;
        let p = partition(items, lo, hi);
        // items[lo..p] come before items[p], which comes before items[p + 1..hi].
        if k <= p {
            hi = p;
        } else {
            lo = p + 1;
        }
    }
    if k > lo && k < hi {
        insertion_sort(items, lo, hi);
    }
    items.get(..k).unwrap_or(&[])
}

/// Partitions `items[lo..hi]` (at least 3 long) around the median of its first, middle and last
/// items; returns where the pivot ends.
fn partition<R: Ord>(items: &mut [(R, usize)], lo: usize, hi: usize) -> usize {
    let (a, b, c) = (lo, lo + (hi - lo) / 2, hi - 1);
    let median = if at_before(items, a, b) == at_before(items, b, c) {
        b
    } else if at_before(items, b, a) == at_before(items, a, c) {
        a
    } else {
        c
    };
    swap(items, lo, median);
    let mut store = lo + 1;
    for i in lo + 1..hi {
        if at_before(items, i, lo) {
            swap(items, i, store);
            store += 1;
        }
    }
    swap(items, lo, store - 1);
    store - 1
}

fn insertion_sort<R: Ord>(items: &mut [(R, usize)], lo: usize, hi: usize) {
    for i in lo + 1..hi {
        let mut j = i;
        while j > lo && at_before(items, j, j - 1) {
            swap(items, j, j - 1);
            j -= 1;
        }
    }
}

/// Moves the `k` first items of `items` to its front with a binary heap: O(n + k log n).
pub(crate) fn heap_select<R: Ord>(items: &mut [(R, usize)], k: usize) {
    let n = items.len();
    let k = k.min(n);
    for at in (0..n / 2).rev() {
        sift_down(items, at, n);
    }
    let mut len = n;
    for _ in 0..k {
        len -= 1;
        swap(items, 0, len);
        sift_down(items, 0, len);
    }
    // The picked items sit at the end, the first one last: bring them to the front.
    for i in 0..k {
        swap(items, i, n - 1 - i);
    }
}

/// Moves the item at `at` down the heap `items[..len]` until neither child comes before it.
fn sift_down<R: Ord>(items: &mut [(R, usize)], mut at: usize, len: usize) {
    loop {
        let left = at.saturating_mul(2).saturating_add(1);
        let right = left.saturating_add(1);
        let mut top = at;
        if left < len && at_before(items, left, top) {
            top = left;
        }
        if right < len && at_before(items, right, top) {
            top = right;
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

    /// The reference: a full sort by the same order.
    fn by_sorting(items: &[(u32, usize)], k: usize) -> Vec<usize> {
        let mut sorted = items.to_vec();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut picked: Vec<usize> = sorted.iter().take(k).map(|x| x.1).collect();
        picked.sort_unstable();
        picked
    }

    #[test]
    fn picks_what_a_full_sort_would_pick() {
        let mut state: u64 = 7;
        for n in (0..60).chain([200, 1000]) {
            for k in (0..=n + 1).filter(|k| n < 100 || k % 97 == 0 || *k == n) {
                let items: Vec<(u32, usize)> = (0..n)
                    .map(|i| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        // Few distinct remainders, so ties are common; or sorted runs.
                        if n == 200 {
                            (i as u32 / 3, i)
                        } else {
                            (((state >> 33) % 5) as u32, i)
                        }
                    })
                    .collect();
                let mut work = items.clone();
                let mut picked: Vec<usize> = largest(&mut work, k).iter().map(|x| x.1).collect();
                picked.sort_unstable();
                assert_eq!(picked, by_sorting(&items, k), "n {n} k {k}");
                let mut work = items.clone();
                heap_select(&mut work, k);
                let mut picked: Vec<usize> = work.iter().take(k).map(|x| x.1).collect();
                picked.sort_unstable();
                assert_eq!(picked, by_sorting(&items, k), "heap: n {n} k {k}");
            }
        }
    }
}
