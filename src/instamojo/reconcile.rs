//! Reconciling a ledger with the settlements Instamojo lists for its payment
//! (`InstamojoClient.listSettlements`), so that a marketplace can repair its books after a crash:
//! which recorded settlements Instamojo does not have, and which of Instamojo's the ledger lacks.
//!
//! Matching is exact: amounts in paise, ids and sub-merchant ids compared byte for byte, each
//! settlement used at most once. First, a recorded settlement and a listed one that carry the same
//! id (and the same type, sub-merchant and amount) are the same settlement. What is left is matched
//! by type, sub-merchant and amount as a multiset, except that two settlements with different ids
//! are never the same one; a side without an id (a ledger entry recorded without one, a listing
//! that shows none) matches by content alone. Both sides are sorted once: O(n log n).

use core::cmp::Ordering;

use super::ledger::{Entry, OpType, SettlementLedger};
use crate::error::Result;
use crate::money::amount::Paise;
use crate::prelude::*;

/// A settlement's direction: CREDIT pays a sub-merchant, DEBIT takes money back from one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum SettlementType {
    /// `CREDIT`.
    Credit,
    /// `DEBIT`.
    Debit,
}

impl SettlementType {
    /// The ledger's operation type of the same name.
    pub fn op_type(self) -> OpType {
        match self {
            SettlementType::Credit => OpType::Credit,
            SettlementType::Debit => OpType::Debit,
        }
    }

    /// Reads `"CREDIT" | "DEBIT"`, exactly as spelt.
    pub fn parse(text: &str) -> Option<SettlementType> {
        match OpType::parse(text)? {
            OpType::Credit => Some(SettlementType::Credit),
            OpType::Debit => Some(SettlementType::Debit),
            _ => None,
        }
    }
}

/// One CREDIT or DEBIT settlement: a ledger entry, or one Instamojo lists.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settlement {
    /// The unique settlement id it was sent with, where known.
    pub id: Option<String>,
    /// CREDIT or DEBIT.
    pub kind: SettlementType,
    /// The sub-merchant's Instamojo user id.
    pub sub_merchant_id: String,
    /// What was settled.
    pub amount: Paise,
}

impl SettlementLedger {
    /// Records a CREDIT or DEBIT settlement with the settlement id it was sent to Instamojo with,
    /// so that [`SettlementLedger::reconcile`] can match it exactly. `balance` as for `debit`.
    pub fn settle(&mut self, settlement: &Settlement, balance: Option<Paise>) -> Result<()> {
        let Settlement { id, kind, sub_merchant_id, amount } = settlement;
        self.apply(kind.op_type(), Some(sub_merchant_id), Some(*amount), balance, id.as_deref())
    }
}

/// What [`SettlementLedger::reconcile`] found; both empty when the two agree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reconciliation {
    /// Recorded in the ledger but not listed by Instamojo, in ledger order.
    pub missing_at_instamojo: Vec<Settlement>,
    /// Listed by Instamojo but not recorded in the ledger, in listing order.
    pub missing_in_ledger: Vec<Settlement>,
}

/// A settlement as matching sees it: id, type, amount, sub-merchant. Borrowed, so neither side is
/// copied.
pub(crate) type Item<'a> = (Option<&'a str>, OpType, Paise, &'a str);

impl SettlementLedger {
    /// Every CREDIT and DEBIT entry, in the order recorded.
    pub fn settlements(&self) -> Vec<Settlement> {
        self.settlement_items()
            .into_iter()
            .map(|(id, kind, amount, sub)| Settlement {
                id: id.map(str::to_string),
                kind: if kind == OpType::Credit { SettlementType::Credit } else { SettlementType::Debit },
                sub_merchant_id: sub.to_string(),
                amount,
            })
            .collect()
    }

    /// Compares the ledger's settlements with `listed`, what Instamojo lists for the payment.
    pub fn reconcile(&self, listed: &[Settlement]) -> Reconciliation {
        let recorded = self.settlements();
        let (used_recorded, used_listed) = pair_up(&items(&recorded), &items(listed));
        let unused = |all: &[Settlement], used: &[bool]| {
            all.iter().zip(used).filter(|(_, u)| !**u).map(|(s, _)| s.clone()).collect()
        };
        Reconciliation {
            missing_at_instamojo: unused(&recorded, &used_recorded),
            missing_in_ledger: unused(listed, &used_listed),
        }
    }

    /// The CREDIT and DEBIT entries as items, in order.
    pub(crate) fn settlement_items(&self) -> Vec<Item<'_>> {
        let mut out = Vec::new();
        for entry in self.entries() {
            if let Entry::Credit { sub_merchant_id, amount, id } | Entry::Debit { sub_merchant_id, amount, id } = entry
            {
                out.push((id.as_deref(), entry.op_type(), *amount, sub_merchant_id.as_str()));
            }
        }
        out
    }
}

fn items(all: &[Settlement]) -> Vec<Item<'_>> {
    all.iter().map(|s| (s.id.as_deref(), s.kind.op_type(), s.amount, s.sub_merchant_id.as_str())).collect()
}

/// What items are sorted by: id (empty when matching by content), type, amount, sub-merchant,
/// and whether it has an id. One key type for both passes, so the sort is compiled once.
type Key<'a> = (&'a str, OpType, Paise, &'a str, bool);

/// The items of `all` not yet used (and, with `by_id`, only those with an id), sorted by key,
/// smallest first.
#[inline(never)]
fn sorted<'a>(all: &[Item<'a>], used: &[bool], by_id: bool) -> Vec<(Key<'a>, usize)> {
    let mut keys = Vec::new();
    for (i, (&(id, kind, amount, sub), used)) in all.iter().zip(used).enumerate() {
        if !*used && (id.is_some() || !by_id) {
            let first = if by_id { id.unwrap_or("") } else { "" };
            keys.push(((first, kind, amount, sub, id.is_some()), i));
        }
    }
    // The browser module does not link reconcile, so core's sort costs it nothing.
    keys.sort_unstable();
    keys
}

/// Which items of `a` and of `b` have a partner on the other side.
#[inline(never)]
pub(crate) fn pair_up(a: &[Item<'_>], b: &[Item<'_>]) -> (Vec<bool>, Vec<bool>) {
    let mut used = (vec![false; a.len()], vec![false; b.len()]);
    // Same id and same content: the same settlement.
    let (ka, kb) = (sorted(a, &used.0, true), sorted(b, &used.1, true));
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (ka.get(i), kb.get(j)) {
        match x.0.cmp(&y.0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                mark(&mut used.0, &ka, i..i + 1);
                mark(&mut used.1, &kb, j..j + 1);
                i += 1;
                j += 1;
            }
        }
    }
    // The rest by content, in groups of equal type, amount and sub-merchant; within a group those
    // without an id sort first. One with an id may pair only with one without.
    let (ka, kb) = (sorted(a, &used.0, false), sorted(b, &used.1, false));
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (ka.get(i), kb.get(j)) {
        let group = content(&x.0);
        match group.cmp(&content(&y.0)) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                // Where the group's items without an id end, and where the group ends.
                let end = |keys: &[(Key<'_>, usize)], from: usize| {
                    let rest = keys.get(from..).unwrap_or(&[]);
                    let len = rest.iter().take_while(|k| content(&k.0) == group).count();
                    let without_id = rest.iter().take(len).take_while(|k| !k.0 .4).count();
                    (from + without_id, from + len)
                };
                // a[i..im] and b[j..jm] have no id; a[im..ie] and b[jm..je] have one.
                let ((im, ie), (jm, je)) = (end(&ka, i), end(&kb, j));
                // a's with an id take b's without; b's with an id take a's without; then the rest,
                // which have no id on either side. The first two use what only they can use.
                let x = (ie - im).min(jm - j);
                let y = (im - i).min(je - jm);
                let z = (im - i - y).min(jm - j - x);
                mark(&mut used.0, &ka, im..im + x);
                mark(&mut used.1, &kb, j..j + x + z);
                mark(&mut used.0, &ka, i..i + y + z);
                mark(&mut used.1, &kb, jm..jm + y);
                (i, j) = (ie, je);
            }
        }
    }
    used
}

/// A key without its id part: type, amount and sub-merchant.
fn content<'a>(k: &Key<'a>) -> (OpType, Paise, &'a str) {
    (k.1, k.2, k.3)
}

/// Marks the settlements behind `keys[range]` as used.
fn mark(used: &mut [bool], keys: &[(Key<'_>, usize)], range: core::ops::Range<usize>) {
    for (_, at) in keys.get(range).unwrap_or(&[]) {
        if let Some(u) = used.get_mut(*at) {
            *u = true;
        }
    }
}
