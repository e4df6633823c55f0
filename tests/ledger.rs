#![cfg(not(target_arch = "wasm32"))]
//! The Instamojo settlement ledger: every rule of the contract's table, `check`, the refund-debit
//! planner and the stored state.

use marketsplit::instamojo::{Entry, LedgerOp, PlanFrom, SettlementLedger};
use marketsplit::money::amount::parse_amount_text;
use marketsplit::{Code, Error, Json, Paise};

fn p(text: &str) -> Paise {
    parse_amount_text(text, "").unwrap()
}

fn ledger(amount: &str) -> SettlementLedger {
    SettlementLedger::new("MOJO123".to_string(), p(amount)).unwrap()
}

fn s(text: &str) -> Json {
    Json::str(text)
}

fn json(text: &str) -> Json {
    Json::parse(text, "").unwrap()
}

fn codes(errors: &[Error]) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.code.to_string(), e.path.clone())).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect()
}

/// The error of a refused call, after checking it changed nothing.
fn refused(l: &mut SettlementLedger, op: impl FnOnce(&mut SettlementLedger) -> marketsplit::Result<()>) -> Error {
    let before = l.clone();
    let e = op(l).expect_err("the ledger should refuse this");
    assert_eq!(*l, before, "a refused operation must record nothing");
    assert!(!e.message.is_empty());
    e
}

fn rows(plan: &[(String, Paise)]) -> Vec<(String, String)> {
    plan.iter().map(|(s, a)| (s.clone(), a.to_text())).collect()
}

/// Payment 100.00, credits A 60.00 and B 30.00, refund 50.00: the contract's example.
fn example() -> SettlementLedger {
    let mut l = ledger("100");
    l.credit("A", p("60")).unwrap();
    l.credit("B", p("30")).unwrap();
    l.refund(p("50")).unwrap();
    l
}

#[test]
fn a_new_ledger_needs_a_payment_id_and_an_amount_above_zero() {
    let l = ledger("100.50");
    assert_eq!(l.payment_id(), "MOJO123");
    assert_eq!(l.amount(), Paise(10_050));
    assert_eq!((l.credited(), l.debited(), l.refunded(), l.fulfilled()), (Paise(0), Paise(0), Paise(0), false));
    assert_eq!(l.marketplace_share(), Paise(10_050));
    assert!(l.entries().is_empty());

    let e = SettlementLedger::new(String::new(), p("1")).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::MissingField, "paymentId"));
    let e = SettlementLedger::new("x".into(), Paise(0)).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidAmount, "amount"));
}

#[test]
fn options_are_read_with_the_contracts_codes_and_paths() {
    let l = SettlementLedger::from_options_json(&json(r#"{"paymentId":"P1","amount":"1499.50"}"#)).unwrap();
    assert_eq!((l.payment_id(), l.amount()), ("P1", Paise(149_950)));
    let l = SettlementLedger::from_options_json(&json(r#"{"paymentId":"P1","amount":1499.5}"#)).unwrap();
    assert_eq!(l.amount(), Paise(149_950));

    let cases = [
        (r#"{"amount":"1"}"#, Code::MissingField, "paymentId"),
        (r#"{"paymentId":null,"amount":"1"}"#, Code::MissingField, "paymentId"),
        (r#"{"paymentId":"","amount":"1"}"#, Code::MissingField, "paymentId"),
        (r#"{"paymentId":12,"amount":"1"}"#, Code::InvalidType, "paymentId"),
        (r#"{"paymentId":"P"}"#, Code::MissingField, "amount"),
        (r#"{"paymentId":"P","amount":true}"#, Code::InvalidType, "amount"),
        (r#"{"paymentId":"P","amount":"abc"}"#, Code::InvalidAmount, "amount"),
        (r#"{"paymentId":"P","amount":"-5"}"#, Code::NegativeAmount, "amount"),
        (r#"{"paymentId":"P","amount":"1.555"}"#, Code::TooManyDecimals, "amount"),
        (r#"{"paymentId":"P","amount":"0"}"#, Code::InvalidAmount, "amount"),
        (r#"{"paymentId":"P","amount":"10000000000.01"}"#, Code::InvalidAmount, "amount"),
        (r#""P1""#, Code::InvalidType, ""),
    ];
    for (text, code, path) in cases {
        let e = SettlementLedger::from_options_json(&json(text)).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{text}");
    }
}

#[test]
fn credits_are_recorded_up_to_the_payment_amount() {
    let mut l = ledger("100");
    l.credit("A", p("60")).unwrap();
    l.credit("B", p("39.99")).unwrap();
    let e = refused(&mut l, |l| l.credit("A", p("0.02")));
    assert_eq!((e.code, e.path.as_str()), (Code::CreditExceedsPayment, "amount"));
    assert!(e.message.contains("100.01") && e.message.contains("100.00"), "{}", e.message);
    l.credit("A", p("0.01")).unwrap();
    assert_eq!(l.credited(), p("100"));
    assert_eq!(l.holdings()[0].credited(), p("60.01"));
    assert_eq!(l.marketplace_share(), Paise(0));
}

#[test]
fn no_credit_after_fulfil_and_fulfil_only_once() {
    let mut l = ledger("100");
    l.credit("A", p("10")).unwrap();
    l.fulfil().unwrap();
    assert!(l.fulfilled());
    let e = refused(&mut l, |l| l.credit("A", p("1")));
    assert_eq!((e.code, e.path.as_str()), (Code::CreditAfterFulfil, ""));
    let e = refused(&mut l, |l| l.fulfil());
    assert_eq!(e.code, Code::AlreadyFulfilled);
    // The rest is the marketplace's commission.
    assert_eq!(l.marketplace_share(), p("90"));
}

#[test]
fn refunds_are_recorded_up_to_the_payment_amount_before_or_after_fulfil() {
    let mut l = ledger("100");
    l.refund(p("40")).unwrap();
    l.fulfil().unwrap();
    l.refund(p("60")).unwrap();
    let e = refused(&mut l, |l| l.refund(p("0.01")));
    assert_eq!((e.code, e.path.as_str()), (Code::RefundExceedsPayment, "amount"));
    assert_eq!(l.refunded(), p("100"));
}

#[test]
fn operation_amounts_must_be_above_zero() {
    let mut l = example();
    for e in [
        refused(&mut l, |l| l.credit("A", Paise(0))),
        refused(&mut l, |l| l.refund(Paise(0))),
        refused(&mut l, |l| l.debit("A", Paise(0), None)),
        refused(&mut l, |l| l.credit("A", Paise(-100))),
        refused(&mut l, |l| l.credit_json(Some(&s("A")), Some(&s("0.00")))),
        refused(&mut l, |l| l.refund_json(Some(&Json::Number(0.0)))),
        refused(&mut l, |l| l.debit_json(Some(&s("A")), Some(&s("0")), None)),
    ] {
        assert_eq!((e.code.clone(), e.path.as_str()), (Code::InvalidAmount, "amount"), "{e}");
    }
}

#[test]
fn a_debit_needs_a_refund_first() {
    let mut l = ledger("100");
    l.credit("A", p("60")).unwrap();
    let e = refused(&mut l, |l| l.debit("A", p("1"), None));
    assert_eq!((e.code, e.path.as_str()), (Code::DebitWithoutRefund, ""));
}

#[test]
fn only_a_sub_merchant_credited_on_this_payment_can_be_debited() {
    let mut l = example();
    let e = refused(&mut l, |l| l.debit("C", p("1"), None));
    assert_eq!((e.code, e.path.as_str()), (Code::DebitNotCredited, "subMerchantId"));
    assert!(e.message.contains("\"C\""), "{}", e.message);
}

#[test]
fn a_debit_takes_no_more_than_was_credited_less_earlier_debits() {
    let mut l = ledger("100");
    l.credit("A", p("20")).unwrap();
    l.credit("B", p("70")).unwrap();
    l.refund(p("100")).unwrap();
    l.debit("A", p("15"), None).unwrap();
    let e = refused(&mut l, |l| l.debit("A", p("5.01"), None));
    assert_eq!((e.code, e.path.as_str()), (Code::DebitExceedsCredit, "amount"));
    l.debit("A", p("5"), None).unwrap();
    assert_eq!(l.holdings()[0].held(), Paise(0));
}

#[test]
fn debits_total_no_more_than_the_refunds() {
    let mut l = example();
    l.debit("A", p("40"), None).unwrap();
    let e = refused(&mut l, |l| l.debit("B", p("10.01"), None));
    assert_eq!((e.code, e.path.as_str()), (Code::DebitExceedsRefund, "amount"));
    l.debit("B", p("10"), None).unwrap();
    assert_eq!(l.debited(), p("50"));
}

#[test]
fn a_debit_needs_the_sub_merchants_balance_when_given() {
    let mut l = example();
    let e = refused(&mut l, |l| l.debit("A", p("10"), Some(p("9.99"))));
    assert_eq!((e.code, e.path.as_str()), (Code::InsufficientBalance, "balance"));
    let e = refused(&mut l, |l| l.debit_json(Some(&s("A")), Some(&s("10")), Some(&json(r#"{"balance":"9.99"}"#))));
    assert_eq!((e.code, e.path.as_str()), (Code::InsufficientBalance, "balance"));
    let e = refused(&mut l, |l| l.debit_json(Some(&s("A")), Some(&s("10")), Some(&json(r#"{"balance":"-1"}"#))));
    assert_eq!((e.code, e.path.as_str()), (Code::NegativeAmount, "balance"));
    l.debit("A", p("10"), Some(p("10"))).unwrap();
    l.debit_json(Some(&s("A")), Some(&s("1")), Some(&json(r#"{"balance":null}"#))).unwrap();
    l.debit_json(Some(&s("A")), Some(&s("1")), Some(&Json::Null)).unwrap();
    assert_eq!(l.debited(), p("12"));
}

#[test]
fn a_refused_call_throws_the_first_rule_in_the_tables_order() {
    let mut l = ledger("100");
    l.credit("A", p("90")).unwrap();
    l.fulfil().unwrap();
    // Both after fulfil and past the payment: the fulfil rule comes first.
    assert_eq!(refused(&mut l, |l| l.credit("A", p("20"))).code, Code::CreditAfterFulfil);
    // No refund and never credited: the refund rule comes first.
    assert_eq!(refused(&mut l, |l| l.debit("Z", p("1"), Some(Paise(0)))).code, Code::DebitWithoutRefund);
    l.refund(p("10")).unwrap();
    // Past its credit, past the refunds and past its balance: the credit rule comes first.
    assert_eq!(refused(&mut l, |l| l.debit("A", p("95"), Some(p("1")))).code, Code::DebitExceedsCredit);
    assert_eq!(refused(&mut l, |l| l.debit("A", p("11"), Some(p("1")))).code, Code::DebitExceedsRefund);
}

#[test]
fn json_arguments_have_their_own_codes_and_paths() {
    let mut l = example();
    let cases: Vec<(Error, Code, &str)> = vec![
        (refused(&mut l, |l| l.credit_json(None, Some(&s("1")))), Code::MissingField, "subMerchantId"),
        (refused(&mut l, |l| l.credit_json(Some(&s("")), Some(&s("1")))), Code::MissingField, "subMerchantId"),
        (
            refused(&mut l, |l| l.credit_json(Some(&Json::Number(7.0)), Some(&s("1")))),
            Code::InvalidType,
            "subMerchantId",
        ),
        (refused(&mut l, |l| l.credit_json(Some(&s("A")), None)), Code::MissingField, "amount"),
        (refused(&mut l, |l| l.credit_json(Some(&s("A")), Some(&s("1.001")))), Code::TooManyDecimals, "amount"),
        (refused(&mut l, |l| l.refund_json(Some(&Json::Bool(true)))), Code::InvalidType, "amount"),
        (refused(&mut l, |l| l.refund_json(Some(&s("-3")))), Code::NegativeAmount, "amount"),
        (refused(&mut l, |l| l.debit_json(Some(&s("A")), Some(&s("1")), Some(&s("x")))), Code::InvalidType, ""),
    ];
    for (e, code, path) in cases {
        assert_eq!((e.code.clone(), e.path.as_str()), (code, path), "{e}");
    }
    l.credit_json(Some(&s("C")), Some(&Json::Number(9.5))).unwrap();
    l.refund_json(Some(&s("0.50"))).unwrap();
    assert_eq!((l.credited(), l.refunded()), (p("99.5"), p("50.5")));
}

#[test]
fn check_reports_every_rule_an_operation_breaks_and_records_nothing() {
    let mut l = ledger("100");
    l.credit("A", p("90")).unwrap();
    l.fulfil().unwrap();
    let before = l.clone();
    let credit = LedgerOp::Credit { sub_merchant_id: "A".into(), amount: p("20") };
    assert_eq!(codes(&l.check(&credit)), pairs(&[("CREDIT_AFTER_FULFIL", ""), ("CREDIT_EXCEEDS_PAYMENT", "amount")]));
    assert_eq!(codes(&l.check(&LedgerOp::Fulfil)), pairs(&[("ALREADY_FULFILLED", "")]));
    let debit = LedgerOp::Debit { sub_merchant_id: "Z".into(), amount: p("1"), balance: Some(Paise(0)) };
    assert_eq!(
        codes(&l.check(&debit)),
        pairs(&[
            ("DEBIT_WITHOUT_REFUND", ""),
            ("DEBIT_NOT_CREDITED", "subMerchantId"),
            ("INSUFFICIENT_BALANCE", "balance")
        ])
    );
    assert_eq!(l, before);

    l.refund(p("10")).unwrap();
    let debit = LedgerOp::Debit { sub_merchant_id: "A".into(), amount: p("95"), balance: Some(p("1")) };
    assert_eq!(
        codes(&l.check(&debit)),
        pairs(&[
            ("DEBIT_EXCEEDS_CREDIT", "amount"),
            ("DEBIT_EXCEEDS_REFUND", "amount"),
            ("INSUFFICIENT_BALANCE", "balance")
        ])
    );
    assert_eq!(
        codes(&l.check(&LedgerOp::Refund { amount: p("90.01") })),
        pairs(&[("REFUND_EXCEEDS_PAYMENT", "amount")])
    );
    assert!(l
        .check(&LedgerOp::Debit { sub_merchant_id: "A".into(), amount: p("10"), balance: Some(p("10")) })
        .is_empty());
    assert!(l.check(&LedgerOp::Refund { amount: p("90") }).is_empty());
    assert_eq!(l.entries().len(), 3);
}

#[test]
fn check_json_reports_malformed_operations_inside_the_result() {
    let mut l = ledger("100");
    l.credit("A", p("90")).unwrap();
    l.fulfil().unwrap();
    let result = |op: &str| {
        let r = l.check_json(Some(&json(op)));
        let errors = r.get("errors").and_then(Json::as_array).unwrap();
        let found: Vec<(String, String)> = errors
            .iter()
            .map(|e| {
                (
                    e.get("code").and_then(Json::as_str).unwrap().to_string(),
                    e.get("path").and_then(Json::as_str).unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(r.get("ok"), Some(&Json::Bool(found.is_empty())));
        for e in errors {
            assert!(!e.get("message").and_then(Json::as_str).unwrap().is_empty());
        }
        found
    };
    assert_eq!(result(r#"{"type":"REFUND","amount":"100"}"#), vec![]);
    assert_eq!(result(r#"{"type":"SETTLE","amount":"1"}"#), pairs(&[("INVALID_OPTION", "type")]));
    assert_eq!(result(r#"{"type":"credit","amount":"1"}"#), pairs(&[("INVALID_OPTION", "type")]));
    assert_eq!(result(r#"{"amount":"1"}"#), pairs(&[("MISSING_FIELD", "type")]));
    assert_eq!(result(r#"{"type":3}"#), pairs(&[("INVALID_TYPE", "type")]));
    assert_eq!(result(r#"[1]"#), pairs(&[("INVALID_TYPE", "")]));
    // An unreadable amount is reported, and the rules that do not need it still are.
    assert_eq!(
        result(r#"{"type":"CREDIT","subMerchantId":"A","amount":"abc"}"#),
        pairs(&[("INVALID_AMOUNT", "amount"), ("CREDIT_AFTER_FULFIL", "")])
    );
    assert_eq!(
        result(r#"{"type":"CREDIT","amount":"20"}"#),
        pairs(&[("MISSING_FIELD", "subMerchantId"), ("CREDIT_AFTER_FULFIL", ""), ("CREDIT_EXCEEDS_PAYMENT", "amount")])
    );
    assert_eq!(
        result(r#"{"type":"DEBIT","subMerchantId":"A","amount":0,"balance":"x"}"#),
        pairs(&[("INVALID_AMOUNT", "amount"), ("INVALID_AMOUNT", "balance"), ("DEBIT_WITHOUT_REFUND", "")])
    );
    assert_eq!(result(r#"{"type":"FULFIL"}"#), pairs(&[("ALREADY_FULFILLED", "")]));
    let r = l.check_json(None);
    assert_eq!(r.get("ok"), Some(&Json::Bool(false)));
    assert_eq!(l.entries().len(), 2);
}

#[test]
fn the_marketplace_share_is_what_it_keeps_and_can_go_negative() {
    let mut l = ledger("100");
    l.credit("A", p("90")).unwrap();
    l.refund(p("50")).unwrap();
    assert_eq!(l.marketplace_share(), Paise(-4000));
    assert_eq!(l.marketplace_share().to_text(), "-40.00");
    l.debit("A", p("40"), None).unwrap();
    assert_eq!(l.marketplace_share(), Paise(0));
}

#[test]
fn entries_list_every_recorded_operation_in_order() {
    let mut l = example();
    l.debit("A", p("30"), None).unwrap();
    let _ = l.debit("A", p("100"), None);
    l.fulfil().unwrap();
    assert_eq!(
        l.entries(),
        &[
            Entry::Credit { sub_merchant_id: "A".into(), amount: p("60"), id: None },
            Entry::Credit { sub_merchant_id: "B".into(), amount: p("30"), id: None },
            Entry::Refund { amount: p("50") },
            Entry::Debit { sub_merchant_id: "A".into(), amount: p("30"), id: None },
            Entry::Fulfil,
        ]
    );
    assert_eq!(
        l.entries_json().to_text(),
        r#"[{"type":"CREDIT","subMerchantId":"A","amount":"60.00"},{"type":"CREDIT","subMerchantId":"B","amount":"30.00"},{"type":"REFUND","amount":"50.00"},{"type":"DEBIT","subMerchantId":"A","amount":"30.00"},{"type":"FULFIL"}]"#
    );
}

#[test]
fn the_contracts_example_plans_proportional_and_vendors_debits() {
    let l = example();
    let plan = l.plan_refund_debits(p("50"), PlanFrom::Proportional).unwrap();
    assert_eq!(rows(&plan), vec![("A".to_string(), "30.00".to_string()), ("B".to_string(), "15.00".to_string())]);
    // The marketplace bears the rest of the refund.
    let borne: i64 = plan.iter().map(|(_, a)| a.0).sum();
    assert_eq!(Paise(p("50").0 - borne).to_text(), "5.00");
    let plan = l.plan_refund_debits(p("50"), PlanFrom::Vendors).unwrap();
    assert_eq!(rows(&plan), vec![("A".to_string(), "33.33".to_string()), ("B".to_string(), "16.67".to_string())]);

    assert_eq!(
        l.plan_refund_debits_json(Some(&s("50")), None).unwrap().to_text(),
        r#"[{"subMerchantId":"A","amount":"30.00"},{"subMerchantId":"B","amount":"15.00"}]"#
    );
    assert_eq!(
        l.plan_refund_debits_json(Some(&Json::Number(50.0)), Some(&json(r#"{"from":"VENDORS"}"#))).unwrap().to_text(),
        r#"[{"subMerchantId":"A","amount":"33.33"},{"subMerchantId":"B","amount":"16.67"}]"#
    );
    assert_eq!(
        l.plan_refund_debits_json(Some(&s("50")), Some(&json(r#"{"from":"PROPORTIONAL"}"#))).unwrap(),
        l.plan_refund_debits_json(Some(&s("50")), Some(&json("{}"))).unwrap()
    );
}

#[test]
fn a_plan_records_nothing_and_applies_cleanly() {
    let mut l = example();
    let before = l.clone();
    let plan = l.plan_refund_debits(p("50"), PlanFrom::Vendors).unwrap();
    assert_eq!(l, before);
    for (sub, amount) in &plan {
        l.debit(sub, *amount, None).unwrap();
    }
    assert_eq!(l.debited(), p("50"));
}

#[test]
fn a_plan_refuses_a_refund_above_the_payment_only() {
    let mut l = example();
    l.refund(p("50")).unwrap();
    // Everything is refunded already, yet a plan for the whole payment is still allowed.
    assert!(l.plan_refund_debits(p("100"), PlanFrom::Proportional).is_ok());
    let e = l.plan_refund_debits(p("100.01"), PlanFrom::Proportional).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::RefundExceedsPayment, "amount"));
    let e = l.plan_refund_debits(Paise(0), PlanFrom::Vendors).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidAmount, "amount"));
    let e = l.plan_refund_debits_json(Some(&s("x")), None).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidAmount, "amount"));
}

#[test]
fn a_plan_refuses_an_unknown_from() {
    let l = example();
    for opts in [r#"{"from":"MARKETPLACE"}"#, r#"{"from":"vendors"}"#, r#"{"from":1}"#] {
        let e = l.plan_refund_debits_json(Some(&s("10")), Some(&json(opts))).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidOption, "from"), "{opts}");
    }
    assert!(l.plan_refund_debits_json(Some(&s("10")), Some(&json(r#"{"from":null}"#))).is_ok());
}

#[test]
fn a_plan_is_empty_when_nothing_was_credited() {
    let mut l = ledger("100");
    l.refund(p("30")).unwrap();
    assert!(l.plan_refund_debits(p("30"), PlanFrom::Vendors).unwrap().is_empty());
    assert_eq!(l.plan_refund_debits_json(Some(&s("30")), None).unwrap(), Json::Array(vec![]));
}

#[test]
fn a_plan_splits_by_what_each_still_holds_in_order_of_first_credit() {
    let mut l = ledger("110");
    l.credit("B", p("30")).unwrap();
    l.credit("A", p("50")).unwrap();
    l.credit("C", p("10")).unwrap();
    l.credit("B", p("10")).unwrap();
    l.refund(p("40")).unwrap();
    l.debit("C", p("10"), None).unwrap();
    l.debit("A", p("20"), None).unwrap();
    // Now B holds 40, A 30, C nothing: C's zero row is left out, B comes first.
    let plan = l.plan_refund_debits(p("35"), PlanFrom::Vendors).unwrap();
    assert_eq!(rows(&plan), vec![("B".to_string(), "20.00".to_string()), ("A".to_string(), "15.00".to_string())]);
    // Proportional: the sub-merchants bear 35 × 100 / 110 = 31.8181… → 31.82 of it, split 40:30
    // (18.1828… and 13.6371…: the leftover paisa goes to A's larger remainder).
    let plan = l.plan_refund_debits(p("35"), PlanFrom::Proportional).unwrap();
    assert_eq!(rows(&plan), vec![("B".to_string(), "18.18".to_string()), ("A".to_string(), "13.64".to_string())]);
}

#[test]
fn the_proportional_part_is_rounded_half_up() {
    let mut l = ledger("2");
    l.credit("A", p("1")).unwrap();
    // 0.01 × 1 / 2 = 0.005 → 0.01.
    assert_eq!(
        rows(&l.plan_refund_debits(p("0.01"), PlanFrom::Proportional).unwrap()),
        vec![("A".to_string(), "0.01".to_string())]
    );
    let mut l = ledger("3");
    l.credit("A", p("1")).unwrap();
    // 0.01 × 1 / 3 = 0.0033 → 0.00: no rows at all.
    assert!(l.plan_refund_debits(p("0.01"), PlanFrom::Proportional).unwrap().is_empty());
    // 0.02 × 1 / 3 = 0.0067 → 0.01.
    assert_eq!(
        rows(&l.plan_refund_debits(p("0.02"), PlanFrom::Proportional).unwrap()),
        vec![("A".to_string(), "0.01".to_string())]
    );
}

#[test]
fn a_plan_never_takes_more_than_the_sub_merchants_hold() {
    let mut l = ledger("100");
    l.credit("A", p("60")).unwrap();
    l.credit("B", p("30")).unwrap();
    let e = l.plan_refund_debits(p("90.01"), PlanFrom::Vendors).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::DebitExceedsCredit, "amount"));
    assert!(e.message.contains("90.01") && e.message.contains("90.00"), "{}", e.message);
    let plan = l.plan_refund_debits(p("90"), PlanFrom::Vendors).unwrap();
    assert_eq!(rows(&plan), vec![("A".to_string(), "60.00".to_string()), ("B".to_string(), "30.00".to_string())]);
    l.refund(p("90")).unwrap();
    l.debit("A", p("60"), None).unwrap();
    l.debit("B", p("30"), None).unwrap();
    // Everything credited was taken back: nothing is left to bear a further refund.
    let e = l.plan_refund_debits(p("10"), PlanFrom::Proportional).unwrap_err();
    assert_eq!(e.code, Code::DebitExceedsCredit);
}

#[test]
fn the_state_round_trips_through_json_and_its_text() {
    let mut l = example();
    l.debit("A", p("30"), None).unwrap();
    l.fulfil().unwrap();
    let state = l.to_json();
    assert_eq!(state.get("version"), Some(&Json::Number(1.0)));
    assert_eq!(state.get("paymentId"), Some(&s("MOJO123")));
    assert_eq!(state.get("amount"), Some(&s("100.00")));
    assert_eq!(state.get("entries"), Some(&l.entries_json()));
    let text = state.to_text();
    assert_eq!(SettlementLedger::from_json(&state).unwrap(), l);
    assert_eq!(SettlementLedger::from_json(&json(&text)).unwrap(), l);
    assert_eq!(SettlementLedger::from_json(&Json::String(text)).unwrap(), l);
    let fresh = ledger("5");
    assert_eq!(SettlementLedger::from_json(&fresh.to_json()).unwrap(), fresh);
}

#[test]
fn a_state_the_ledger_could_not_have_produced_is_refused() {
    let good = r#"{"version":1,"paymentId":"P","amount":"100.00","entries":[{"type":"CREDIT","subMerchantId":"A","amount":"60.00"},{"type":"REFUND","amount":"50.00"},{"type":"DEBIT","subMerchantId":"A","amount":"30.00"}]}"#;
    assert!(SettlementLedger::from_json(&json(good)).is_ok());
    let cases = [
        // Tampered with: credits above the payment, a debit before the refund, a debit above the refund.
        (good.replace(r#""60.00"}"#, r#""160.00"}"#), "entries[0].amount"),
        (good.replace(r#""amount":"100.00""#, r#""amount":"50.00""#), "entries[0].amount"),
        (
            r#"{"version":1,"paymentId":"P","amount":"100.00","entries":[{"type":"CREDIT","subMerchantId":"A","amount":"60.00"},{"type":"DEBIT","subMerchantId":"A","amount":"30.00"},{"type":"REFUND","amount":"50.00"}]}"#.to_string(),
            "entries[1]",
        ),
        (good.replace(r#""30.00""#, r#""55.00""#), "entries[2].amount"),
        (good.replace(r#""DEBIT","subMerchantId":"A""#, r#""DEBIT","subMerchantId":"B""#), "entries[2].subMerchantId"),
        (
            r#"{"version":1,"paymentId":"P","amount":"100.00","entries":[{"type":"FULFIL"},{"type":"FULFIL"}]}"#.to_string(),
            "entries[1]",
        ),
        // Not a state at all.
        (good.replace(r#""version":1"#, r#""version":2"#), "version"),
        (good.replace(r#""version":1,"#, ""), "version"),
        (good.replace(r#""paymentId":"P""#, r#""paymentId":"""#), "paymentId"),
        (good.replace(r#""amount":"100.00""#, r#""amount":100"#), "amount"),
        (good.replace(r#""amount":"100.00""#, r#""amount":"0.00""#), "amount"),
        (good.replace(r#""amount":"100.00""#, r#""amount":"-1.00""#), "amount"),
        (good.replace(r#""entries":["#, r#""extra":1,"entries":["#), "extra"),
        (good.replace(r#"{"type":"REFUND","#, r#"{"type":"REFUND","subMerchantId":"A","#), "entries[1].subMerchantId"),
        (good.replace(r#""REFUND""#, r#""CHARGEBACK""#), "entries[1].type"),
        (good.replace(r#""amount":"50.00""#, r#""amount":"50.001""#), "entries[1].amount"),
        (good.replace(r#""subMerchantId":"A","amount":"60.00""#, r#""subMerchantId":7,"amount":"60.00""#), "entries[0].subMerchantId"),
        (good.replace(r#""subMerchantId":"A","amount":"60.00""#, r#""subMerchantId":"","amount":"60.00""#), "entries[0].subMerchantId"),
        (good.replace(r#"{"type":"REFUND","amount":"50.00"}"#, "3"), "entries[1]"),
        (r#"{"version":1,"paymentId":"P","amount":"1.00","entries":{}}"#.to_string(), "entries"),
        ("[]".to_string(), ""),
    ];
    for (text, path) in &cases {
        let e = SettlementLedger::from_json(&json(text)).unwrap_err();
        assert_eq!((e.code.clone(), e.path.as_str()), (Code::InvalidState, *path), "{text}");
        let e = SettlementLedger::from_json(&Json::String(text.clone())).unwrap_err();
        assert_eq!(e.code, Code::InvalidState, "{text}");
    }
    for other in [Json::Null, Json::Number(1.0), Json::Bool(true), s("not json"), s("")] {
        let e = SettlementLedger::from_json(&other).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidState, ""), "{other:?}");
    }
}

#[test]
fn a_state_of_many_sub_merchants_replays_with_every_holding_in_order() {
    // 20,000 sub-merchants credited in turn, then each debited after a refund: each entry once
    // looked its sub-merchant up among all the holdings before it.
    let n = 20_000;
    let mut entries: Vec<Json> = (0..n)
        .map(|i| {
            Json::object([
                ("type", s("CREDIT")),
                ("subMerchantId", s(&format!("seller_{}", (i * 7919) % n))),
                ("amount", s("1.00")),
            ])
        })
        .collect();
    entries.push(Json::object([("type", s("REFUND")), ("amount", s("5.00"))]));
    for sub in ["seller_0", "seller_19999", "seller_7919"] {
        entries.push(Json::object([("type", s("DEBIT")), ("subMerchantId", s(sub)), ("amount", s("1.00"))]));
    }
    let state = Json::object([
        ("version", Json::Number(1.0)),
        ("paymentId", s("P1")),
        ("amount", s("100000.00")),
        ("entries", Json::Array(entries)),
    ]);
    let l = SettlementLedger::from_json(&Json::String(state.to_text())).unwrap();
    assert_eq!(l.holdings().len(), n);
    let ids: Vec<&str> = l.holdings().iter().take(3).map(|h| h.sub_merchant_id()).collect();
    assert_eq!(ids, ["seller_0", "seller_7919", "seller_15838"]);
    let held = |id: &str| l.holdings().iter().find(|h| h.sub_merchant_id() == id).map(|h| h.held());
    assert_eq!((held("seller_0"), held("seller_19999"), held("seller_1")), (Some(p("0")), Some(p("0")), Some(p("1"))));
    assert_eq!(l.debited(), p("3"));
    // A debit of a sub-merchant never credited is still refused at its entry.
    let mut text = state.to_text();
    text.truncate(text.len() - 2);
    text.push_str(r#",{"type":"DEBIT","subMerchantId":"seller_20000","amount":"1.00"}]}"#);
    let e = SettlementLedger::from_json(&Json::String(text)).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidState, format!("entries[{}].subMerchantId", n + 4).as_str()));
}

#[test]
fn a_state_text_with_a_lone_surrogate_is_refused_at_its_path() {
    // Read as U+FFFD, a debit to "\udfff" passed after a credit to "\ud800": two ids became one.
    let text = r#"{"version":1,"paymentId":"P","amount":"100.00","entries":[{"type":"CREDIT","subMerchantId":"\ud800","amount":"60.00"},{"type":"REFUND","amount":"50.00"},{"type":"DEBIT","subMerchantId":"\udfff","amount":"30.00"}]}"#;
    let e = SettlementLedger::from_json(&Json::String(text.to_string())).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "entries[0].subMerchantId"));
    let e = SettlementLedger::from_json(&Json::String(r#"{"version":1,"paymentId":"P\udc00"}"#.into())).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidType, "paymentId"));
}
