#![cfg(not(target_arch = "wasm32"))]
//! `SettlementLedger::reconcile`: the ledger against what Instamojo lists for its payment. Exact
//! (paise, ids and sub-merchant ids compared as they are), each settlement used once, by id where
//! both sides carry one, else by type, sub-merchant and amount; checked against a brute-force
//! maximum matching on random inputs.

use marketsplit::instamojo::{Entry, Settlement, SettlementLedger, SettlementType};
use marketsplit::money::amount::parse_amount_text;
use marketsplit::{Code, Json, Paise};
use proptest::prelude::*;

fn p(text: &str) -> Paise {
    parse_amount_text(text, "").unwrap()
}

fn credit(id: Option<&str>, sub: &str, amount: &str) -> Settlement {
    Settlement {
        id: id.map(str::to_string),
        kind: SettlementType::Credit,
        sub_merchant_id: sub.into(),
        amount: p(amount),
    }
}

fn debit(id: Option<&str>, sub: &str, amount: &str) -> Settlement {
    Settlement { kind: SettlementType::Debit, ..credit(id, sub, amount) }
}

/// Payment 100.00: A 60.00 (s1) and B 30.00 (s2) credited, 20.00 refunded, A debited 10.00 (s3).
fn books() -> SettlementLedger {
    let mut l = SettlementLedger::new("MOJO123".into(), p("100")).unwrap();
    l.settle(&credit(Some("s1"), "A", "60"), None).unwrap();
    l.settle(&credit(Some("s2"), "B", "30"), None).unwrap();
    l.refund(p("20")).unwrap();
    l.settle(&debit(Some("s3"), "A", "10"), None).unwrap();
    l
}

#[test]
fn a_ledger_that_agrees_with_instamojo_reports_nothing() {
    let l = books();
    let listed = [debit(Some("s3"), "A", "10"), credit(Some("s2"), "B", "30"), credit(Some("s1"), "A", "60")];
    let found = l.reconcile(&listed);
    assert!(found.missing_at_instamojo.is_empty() && found.missing_in_ledger.is_empty(), "{found:?}");
    assert_eq!(l.settlements(), vec![listed[2].clone(), listed[1].clone(), listed[0].clone()]);
}

#[test]
fn a_ledger_that_lost_a_settlement_is_told_which_one_instamojo_has() {
    // The process crashed after Instamojo accepted s4 and before the ledger recorded it.
    let l = books();
    let listed = [
        credit(Some("s1"), "A", "60"),
        credit(Some("s2"), "B", "30"),
        debit(Some("s3"), "A", "10"),
        credit(Some("s4"), "C", "5"),
    ];
    let found = l.reconcile(&listed);
    assert_eq!(found.missing_in_ledger, vec![credit(Some("s4"), "C", "5")]);
    assert!(found.missing_at_instamojo.is_empty());
}

#[test]
fn a_ledger_with_an_extra_settlement_is_told_which_one_instamojo_lacks() {
    // Recorded, but the request never reached Instamojo.
    let l = books();
    let listed = [credit(Some("s1"), "A", "60"), debit(Some("s3"), "A", "10")];
    let found = l.reconcile(&listed);
    assert_eq!(found.missing_at_instamojo, vec![credit(Some("s2"), "B", "30")]);
    assert!(found.missing_in_ledger.is_empty());
}

#[test]
fn the_same_id_with_another_amount_type_or_sub_merchant_is_not_the_same_settlement() {
    let l = books();
    for changed in [credit(Some("s2"), "B", "30.01"), debit(Some("s2"), "B", "30"), credit(Some("s2"), "b", "30")] {
        let listed = [credit(Some("s1"), "A", "60"), changed.clone(), debit(Some("s3"), "A", "10")];
        let found = l.reconcile(&listed);
        assert_eq!(found.missing_at_instamojo, vec![credit(Some("s2"), "B", "30")], "{changed:?}");
        assert_eq!(found.missing_in_ledger, vec![changed]);
    }
}

#[test]
fn two_settlements_with_different_ids_are_never_matched_even_with_equal_content() {
    // A retried credit sent under a new id (a double payment) must show, not cancel out.
    let l = books();
    let listed = [credit(Some("s1"), "A", "60"), credit(Some("s2-retry"), "B", "30"), debit(Some("s3"), "A", "10")];
    let found = l.reconcile(&listed);
    assert_eq!(found.missing_at_instamojo, vec![credit(Some("s2"), "B", "30")]);
    assert_eq!(found.missing_in_ledger, vec![credit(Some("s2-retry"), "B", "30")]);
}

#[test]
fn without_ids_on_one_side_settlements_match_by_content_as_a_multiset() {
    // Recorded without ids: the listing's ids cannot be compared, so content decides.
    let mut l = SettlementLedger::new("MOJO9".into(), p("100")).unwrap();
    for _ in 0..3 {
        l.credit("A", p("10")).unwrap();
    }
    l.credit("B", p("10")).unwrap();
    let listed = [credit(Some("x1"), "A", "10"), credit(Some("x2"), "A", "10"), credit(Some("x3"), "B", "10")];
    let found = l.reconcile(&listed);
    assert_eq!(found.missing_at_instamojo, vec![credit(None, "A", "10")], "three A credits recorded, two listed");
    assert!(found.missing_in_ledger.is_empty());
    // And the other way round: ids recorded, a listing without them.
    let found = books().reconcile(&[credit(None, "A", "60"), credit(None, "B", "30"), debit(None, "A", "10")]);
    assert!(found.missing_at_instamojo.is_empty() && found.missing_in_ledger.is_empty(), "{found:?}");
}

#[test]
fn an_id_on_both_sides_is_used_before_content() {
    // Ledger: A 10 with id k, A 10 without. Listing: A 10 without id, A 10 with id k. Matching k to
    // k first leaves the two without ids to each other: nothing missing.
    let mut l = SettlementLedger::new("M".into(), p("100")).unwrap();
    l.credit("A", p("10")).unwrap();
    l.settle(&credit(Some("k"), "A", "10"), None).unwrap();
    let found = l.reconcile(&[credit(None, "A", "10"), credit(Some("k"), "A", "10")]);
    assert!(found.missing_at_instamojo.is_empty() && found.missing_in_ledger.is_empty(), "{found:?}");
}

#[test]
fn amounts_are_compared_in_paise_and_ids_exactly() {
    let mut l = SettlementLedger::new("M".into(), p("100")).unwrap();
    l.settle(&credit(Some("Stl-1"), "A", "0.10"), None).unwrap();
    let near = l.reconcile(&[credit(None, "A", "0.11")]);
    assert_eq!((near.missing_at_instamojo.len(), near.missing_in_ledger.len()), (1, 1));
    let case = l.reconcile(&[credit(Some("stl-1"), "A", "0.10")]);
    assert_eq!((case.missing_at_instamojo.len(), case.missing_in_ledger.len()), (1, 1), "ids are case-sensitive");
    assert!(l.reconcile(&[credit(Some("Stl-1"), "A", "0.1")]).missing_in_ledger.is_empty());
}

#[test]
fn refunds_and_fulfilment_are_not_settlements() {
    let mut l = books();
    l.fulfil().unwrap();
    assert_eq!(l.settlements().len(), 3);
    assert_eq!(l.reconcile(&[]).missing_at_instamojo.len(), 3);
}

#[test]
fn settle_records_the_id_and_keeps_every_ledger_rule() {
    let mut l = books();
    assert!(matches!(&l.entries()[0], Entry::Credit { id: Some(id), .. } if id == "s1"));
    let before = l.clone();
    let e = l.settle(&credit(Some("s9"), "A", "20"), None).unwrap_err();
    assert_eq!(e.code, Code::CreditExceedsPayment);
    assert_eq!(l, before);
    let e = l.settle(&debit(Some("s9"), "C", "1"), None).unwrap_err();
    assert_eq!(e.code, Code::DebitNotCredited);
    // An empty id would be written by to_json and refused by from_json: the ledger refuses it.
    let e = l.settle(&credit(Some(""), "A", "1"), None).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "id"));
    assert_eq!(l, before);
    assert_eq!(SettlementLedger::from_json(&l.to_json()).unwrap(), l);
}

#[test]
fn ids_survive_to_json_and_from_json_and_a_bad_stored_id_is_refused() {
    let l = books();
    let state = l.to_json();
    assert!(state.to_text().contains(r#"{"type":"CREDIT","subMerchantId":"A","amount":"60.00","id":"s1"}"#));
    assert!(state.to_text().contains(r#"{"type":"REFUND","amount":"20.00"}"#));
    assert_eq!(SettlementLedger::from_json(&state).unwrap(), l);
    for bad in [
        r#"{"version":1,"paymentId":"M","amount":"10.00","entries":[{"type":"CREDIT","subMerchantId":"A","amount":"1.00","id":7}]}"#,
        r#"{"version":1,"paymentId":"M","amount":"10.00","entries":[{"type":"CREDIT","subMerchantId":"A","amount":"1.00","id":""}]}"#,
        r#"{"version":1,"paymentId":"M","amount":"10.00","entries":[{"type":"REFUND","amount":"1.00","id":"r"}]}"#,
    ] {
        let e = SettlementLedger::from_json(&Json::parse(bad, "").unwrap()).unwrap_err();
        assert_eq!(e.code, Code::InvalidState, "{bad}");
        assert!(e.path.starts_with("entries[0]"), "{bad}: {}", e.path);
    }
}

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

#[test]
fn reconcile_json_reads_what_list_settlements_returns_and_reports_both_lists() {
    let mut l = SettlementLedger::new("M".into(), p("100")).unwrap();
    l.record_json(
        marketsplit::instamojo::OpType::Credit,
        Some(&Json::str("A")),
        Some(&Json::str("60")),
        Some(&json(r#"{"id":"s1"}"#)),
    )
    .unwrap();
    l.credit_json(Some(&Json::str("B")), Some(&Json::str("30"))).unwrap();
    let listed = json(
        r#"[{"type":"CREDIT","subMerchantId":"A","amount":"60.00","id":"s1"},{"type":"CREDIT","subMerchantId":"C","amount":5,"id":null}]"#,
    );
    assert_eq!(
        l.reconcile_json(Some(&listed)).unwrap().to_text(),
        r#"{"ok":false,"missingAtInstamojo":[{"type":"CREDIT","subMerchantId":"B","amount":"30.00"}],"missingInLedger":[{"type":"CREDIT","subMerchantId":"C","amount":"5.00"}]}"#
    );
    let all = json(
        r#"[{"type":"CREDIT","subMerchantId":"B","amount":"30"},{"type":"CREDIT","subMerchantId":"A","amount":"60","id":"s1"}]"#,
    );
    assert_eq!(l.reconcile_json(Some(&all)).unwrap().get("ok"), Some(&Json::Bool(true)));
}

#[test]
fn reconcile_json_refuses_what_it_cannot_read_instead_of_skipping_it() {
    let l = books();
    let cases: [(&str, Code, &str); 8] = [
        (r#"{"settlements":[]}"#, Code::InvalidType, "settlements"),
        (r#"[{"type":"CREDIT","subMerchantId":"A","amount":"60"},7]"#, Code::InvalidType, "settlements[1]"),
        (r#"[{"type":"credit","subMerchantId":"A","amount":"60"}]"#, Code::InvalidOption, "settlements[0].type"),
        (r#"[{"subMerchantId":"A","amount":"60"}]"#, Code::MissingField, "settlements[0].type"),
        (r#"[{"type":"DEBIT","subMerchantId":"","amount":"60"}]"#, Code::MissingField, "settlements[0].subMerchantId"),
        (r#"[{"type":"DEBIT","subMerchantId":"A","amount":"0"}]"#, Code::InvalidAmount, "settlements[0].amount"),
        (r#"[{"type":"DEBIT","subMerchantId":"A","amount":"1.005"}]"#, Code::TooManyDecimals, "settlements[0].amount"),
        (r#"[{"type":"DEBIT","subMerchantId":"A","amount":"1","id":5}]"#, Code::InvalidType, "settlements[0].id"),
    ];
    for (input, code, path) in cases {
        let e = l.reconcile_json(Some(&json(input))).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{input}");
    }
    let e = l.reconcile_json(None).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::MissingField, "settlements"));
}

#[test]
fn a_hundred_thousand_settlements_each_side_reconcile() {
    // Size, not time: the matching sorts once per pass, so this is quick in a debug build too.
    let n = 100_000;
    let mut l = SettlementLedger::new("BIG".into(), Paise(10_000_000_000)).unwrap();
    let mut listed = Vec::with_capacity(n);
    for i in 0..n {
        let s = credit(Some(&format!("s{i}")), &format!("sub{}", i % 97), "1");
        if i != 4242 {
            l.settle(&s, None).unwrap();
        }
        if i != 777 {
            listed.push(s);
        }
    }
    let found = l.reconcile(&listed);
    assert_eq!(found.missing_at_instamojo, vec![credit(Some("s777"), "sub1", "1")]);
    assert_eq!(found.missing_in_ledger, vec![credit(Some("s4242"), &format!("sub{}", 4242 % 97), "1")]);
}

/// The most settlements any matching allowed by the rules can pair: augmenting paths over every
/// pair that may match (same content, and ids equal or at least one absent), with same-id pairs
/// first. Exponential-free but quadratic: for small inputs only.
fn brute_force_unmatched(a: &[Settlement], b: &[Settlement]) -> (usize, usize) {
    let same = |x: &Settlement, y: &Settlement| {
        x.kind == y.kind && x.amount == y.amount && x.sub_merchant_id == y.sub_merchant_id
    };
    let may = |x: &Settlement, y: &Settlement| {
        same(x, y)
            && match (&x.id, &y.id) {
                (Some(i), Some(j)) => i == j,
                _ => true,
            }
    };
    let mut partner: Vec<Option<usize>> = vec![None; b.len()];
    fn augment(
        i: usize,
        a: &[Settlement],
        b: &[Settlement],
        may: &dyn Fn(&Settlement, &Settlement) -> bool,
        seen: &mut [bool],
        partner: &mut [Option<usize>],
    ) -> bool {
        for j in 0..b.len() {
            if !seen[j] && may(&a[i], &b[j]) {
                seen[j] = true;
                if partner[j].is_none() || augment(partner[j].unwrap(), a, b, may, seen, partner) {
                    partner[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    let mut matched = 0;
    for i in 0..a.len() {
        let mut seen = vec![false; b.len()];
        if augment(i, a, b, &may, &mut seen, &mut partner) {
            matched += 1;
        }
    }
    (a.len() - matched, b.len() - matched)
}

fn settlement() -> impl Strategy<Value = Settlement> {
    (prop::option::of(0..4u8), any::<bool>(), 0..3usize, 1..4i64).prop_map(|(id, is_credit, sub, amount)| Settlement {
        id: id.map(|i| format!("s{i}")),
        kind: if is_credit { SettlementType::Credit } else { SettlementType::Debit },
        sub_merchant_id: ["A", "B", "AB"][sub].to_string(),
        amount: Paise(amount),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// As many settlements are matched as the rules allow, and every one reported comes from its
    /// side (a multiset difference of what is there).
    #[test]
    fn reconcile_matches_as_many_as_a_maximum_matching(
        recorded in prop::collection::vec(settlement(), 0..9),
        listed in prop::collection::vec(settlement(), 0..9),
    ) {
        // A ledger big enough for any sequence, debits only after a refund covering them.
        let mut l = SettlementLedger::new("P".into(), Paise(1_000)).unwrap();
        for s in recorded.iter().filter(|s| s.kind == SettlementType::Credit) {
            l.settle(s, None).unwrap();
        }
        l.refund(Paise(1_000)).unwrap();
        for s in recorded.iter().filter(|s| s.kind == SettlementType::Debit) {
            if l.settle(s, None).is_err() {
                // Never credited: no such debit can be recorded; leave it out of the comparison.
            }
        }
        let kept = l.settlements();
        let found = l.reconcile(&listed);
        let expected = brute_force_unmatched(&kept, &listed);
        prop_assert_eq!((found.missing_at_instamojo.len(), found.missing_in_ledger.len()), expected);
        // What is reported is a sub-multiset of its side, and what remains can all be paired.
        let rest_a: Vec<Settlement> = {
            let mut pool = kept.clone();
            for s in &found.missing_at_instamojo {
                let at = pool.iter().position(|x| x == s);
                prop_assert!(at.is_some(), "reported {:?} is not in the ledger", s);
                pool.remove(at.unwrap());
            }
            pool
        };
        let rest_b: Vec<Settlement> = {
            let mut pool = listed.clone();
            for s in &found.missing_in_ledger {
                let at = pool.iter().position(|x| x == s);
                prop_assert!(at.is_some(), "reported {:?} is not listed", s);
                pool.remove(at.unwrap());
            }
            pool
        };
        prop_assert_eq!(brute_force_unmatched(&rest_a, &rest_b), (0, 0));
    }
}
