//! Property tests of the settlement ledger over random operation sequences. The case count comes
//! from PROPTEST_CASES (256 by default).
#![cfg(not(target_arch = "wasm32"))]

use marketsplit::instamojo::{Entry, LedgerOp, PlanFrom, SettlementLedger};
use marketsplit::money::amount::MAX_PAISE;
use marketsplit::{Code, Error, Json, Paise};
use proptest::prelude::*;

const SUBS: [&str; 5] = ["A", "B", "C", "D", "never-credited"];

#[derive(Clone, Debug)]
enum Op {
    Credit {
        sub: usize,
        amount: i64,
    },
    Fulfil,
    Refund {
        amount: i64,
    },
    Debit {
        sub: usize,
        amount: i64,
        balance: Option<i64>,
    },
    /// Plan a refund; when it can be recorded, record it and apply the plan as debits.
    PlanAndApply {
        refund: i64,
        from: PlanFrom,
    },
}

/// PROPTEST_CASES cases (256 by default). Failures are printed, not persisted: proptest finds no
/// lib.rs beside an integration test to put a regressions file next to.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Amounts that reach the boundaries of a payment of `payment` paise: whole, small, tiny, zero and
/// one paisa too many.
fn amount(payment: i64) -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => 1..=payment,
        4 => 1..=(payment / 4).max(1),
        2 => 1i64..=3,
        1 => Just(0i64),
        1 => Just(payment + 1),
    ]
}

fn op(payment: i64) -> impl Strategy<Value = Op> {
    let from = prop_oneof![Just(PlanFrom::Proportional), Just(PlanFrom::Vendors)];
    prop_oneof![
        4 => (0..4usize, amount(payment)).prop_map(|(sub, amount)| Op::Credit { sub, amount }),
        1 => Just(Op::Fulfil),
        2 => amount(payment).prop_map(|amount| Op::Refund { amount }),
        3 => (0..5usize, amount(payment), prop::option::weighted(0.3, 0..=payment))
            .prop_map(|(sub, amount, balance)| Op::Debit { sub, amount, balance }),
        3 => (amount(payment), from).prop_map(|(refund, from)| Op::PlanAndApply { refund, from }),
    ]
}

fn scenario() -> impl Strategy<Value = (i64, Vec<Op>)> {
    prop_oneof![3 => 1i64..=20_000, 1 => 1i64..=MAX_PAISE]
        .prop_flat_map(|payment| (Just(payment), prop::collection::vec(op(payment), 0..40)))
}

fn codes(errors: &[Error]) -> Vec<String> {
    errors.iter().map(|e| format!("{}@{}", e.code, e.path)).collect()
}

/// The codes and paths a ValidationResult lists.
fn result_codes(result: &Json) -> Vec<String> {
    let errors = result.get("errors").and_then(Json::as_array).unwrap_or(&[]);
    errors
        .iter()
        .map(|e| {
            let field = |k| e.get(k).and_then(Json::as_str).unwrap_or("?").to_string();
            format!("{}@{}", field("code"), field("path"))
        })
        .collect()
}

fn as_ledger_op(op: &Op) -> Option<LedgerOp> {
    Some(match *op {
        Op::Credit { sub, amount } => LedgerOp::Credit { sub_merchant_id: SUBS[sub].into(), amount: Paise(amount) },
        Op::Fulfil => LedgerOp::Fulfil,
        Op::Refund { amount } => LedgerOp::Refund { amount: Paise(amount) },
        Op::Debit { sub, amount, balance } => {
            LedgerOp::Debit { sub_merchant_id: SUBS[sub].into(), amount: Paise(amount), balance: balance.map(Paise) }
        }
        Op::PlanAndApply { .. } => return None,
    })
}

/// The same operation as `check`'s JSON argument.
fn as_json_op(op: &LedgerOp) -> Json {
    let text = |p: &Paise| Json::str(p.to_text());
    match op {
        LedgerOp::Credit { sub_merchant_id, amount } => Json::object([
            ("type", Json::str("CREDIT")),
            ("subMerchantId", Json::str(sub_merchant_id.clone())),
            ("amount", text(amount)),
        ]),
        LedgerOp::Fulfil => Json::object([("type", Json::str("FULFIL"))]),
        LedgerOp::Refund { amount } => Json::object([("type", Json::str("REFUND")), ("amount", text(amount))]),
        LedgerOp::Debit { sub_merchant_id, amount, balance } => Json::object([
            ("type", Json::str("DEBIT")),
            ("subMerchantId", Json::str(sub_merchant_id.clone())),
            ("amount", text(amount)),
            ("balance", balance.as_ref().map_or(Json::Null, text)),
        ]),
    }
}

fn record(l: &mut SettlementLedger, op: &LedgerOp) -> marketsplit::Result<()> {
    match op {
        LedgerOp::Credit { sub_merchant_id, amount } => l.credit(sub_merchant_id, *amount),
        LedgerOp::Fulfil => l.fulfil(),
        LedgerOp::Refund { amount } => l.refund(*amount),
        LedgerOp::Debit { sub_merchant_id, amount, balance } => l.debit(sub_merchant_id, *amount, *balance),
    }
}

/// `r × credited / amount`, half-up, worked out independently of the ledger.
fn proportional(r: i64, credited: i64, amount: i64) -> i64 {
    let num = i128::from(r) * i128::from(credited);
    let den = i128::from(amount);
    let q = num / den;
    (if (num % den) * 2 >= den { q + 1 } else { q }) as i64
}

fn check_invariants(l: &SettlementLedger) -> Result<(), TestCaseError> {
    let (amount, credited, debited, refunded) = (l.amount().0, l.credited().0, l.debited().0, l.refunded().0);
    prop_assert!(credited <= amount, "credits {} above the payment {}", credited, amount);
    prop_assert!(refunded <= amount, "refunds {} above the payment {}", refunded, amount);
    prop_assert!(debited <= refunded, "debits {} above the refunds {}", debited, refunded);
    for h in l.holdings() {
        prop_assert!(h.debited() <= h.credited(), "{} was debited below zero", h.sub_merchant_id());
        prop_assert!(h.credited().0 > 0);
    }
    // The totals are exactly what the entries say.
    let (mut c, mut d, mut r, mut fulfils) = (0i64, 0i64, 0i64, 0);
    for e in l.entries() {
        match e {
            Entry::Credit { amount, .. } => c += amount.0,
            Entry::Debit { amount, .. } => d += amount.0,
            Entry::Refund { amount } => r += amount.0,
            Entry::Fulfil => fulfils += 1,
        }
    }
    prop_assert_eq!((c, d, r), (credited, debited, refunded));
    prop_assert_eq!(fulfils, i32::from(l.fulfilled()));
    prop_assert_eq!(l.holdings().iter().map(|h| h.credited().0).sum::<i64>(), credited);
    prop_assert_eq!(l.holdings().iter().map(|h| h.debited().0).sum::<i64>(), debited);
    prop_assert_eq!(l.marketplace_share().0, amount - refunded - credited + debited);
    // Every reachable state round-trips through toJSON / fromJSON, as a value and as text.
    let state = l.to_json();
    let text = state.to_text();
    prop_assert_eq!(&SettlementLedger::from_json(&state).unwrap(), l);
    prop_assert_eq!(&SettlementLedger::from_json(&Json::parse(&text, "").unwrap()).unwrap(), l);
    prop_assert_eq!(&SettlementLedger::from_json(&Json::String(text)).unwrap(), l);
    Ok(())
}

fn plan_and_apply(l: &mut SettlementLedger, refund: i64, from: PlanFrom) -> Result<(), TestCaseError> {
    let before = l.clone();
    let planned = l.plan_refund_debits(Paise(refund), from);
    prop_assert_eq!(&*l, &before, "planning recorded something");
    let held: i64 = l.holdings().iter().map(|h| h.held().0).sum();
    let borne = match from {
        PlanFrom::Proportional => proportional(refund, l.credited().0, l.amount().0),
        PlanFrom::Vendors => refund,
    };
    let rows = match planned {
        Err(e) => {
            let expected = if refund <= 0 {
                Code::InvalidAmount
            } else if refund > l.amount().0 {
                Code::RefundExceedsPayment
            } else {
                prop_assert!(l.credited().0 > 0 && borne > held, "refused a plan the sub-merchants can bear: {}", e);
                Code::DebitExceedsCredit
            };
            prop_assert_eq!(e.code, expected);
            return Ok(());
        }
        Ok(rows) => rows,
    };
    prop_assert!(refund > 0 && refund <= l.amount().0);
    if l.credited().0 == 0 {
        prop_assert!(rows.is_empty());
    } else {
        prop_assert_eq!(rows.iter().map(|(_, a)| a.0).sum::<i64>(), borne);
    }
    // Rows follow the order of first credit, are positive, and never exceed what a sub-merchant holds.
    let order: Vec<&str> = l.holdings().iter().map(|h| h.sub_merchant_id()).collect();
    let mut last = None;
    for (sub, amount) in &rows {
        let pos = order.iter().position(|s| s == sub);
        prop_assert!(pos.is_some() && pos > last, "rows out of order: {:?}", rows);
        last = pos;
        let holding = l.holdings().iter().find(|h| h.sub_merchant_id() == sub).unwrap();
        prop_assert!(
            amount.0 > 0 && *amount <= holding.held(),
            "{} asked for {} but holds {}",
            sub,
            amount.0,
            holding.held().0
        );
    }
    // The JSON entry point gives the same rows.
    let opts = Json::object([("from", Json::str(from.as_str()))]);
    let as_json = l.plan_refund_debits_json(Some(&Json::str(Paise(refund).to_text())), Some(&opts)).unwrap();
    let expected = Json::Array(
        rows.iter()
            .map(|(s, a)| Json::object([("subMerchantId", Json::str(s.clone())), ("amount", Json::str(a.to_text()))]))
            .collect(),
    );
    prop_assert_eq!(as_json, expected);
    // Once the refund is recorded, the plan applies as debits without a refusal.
    if l.refunded().0 + refund <= l.amount().0 {
        l.refund(Paise(refund)).unwrap();
        for (sub, amount) in &rows {
            if let Err(e) = l.debit(sub, *amount, None) {
                return Err(TestCaseError::fail(format!("plan {rows:?} refused on apply: {e}")));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_operation_sequences_keep_every_invariant((payment, ops) in scenario()) {
        let mut l = SettlementLedger::new("MOJO".into(), Paise(payment)).unwrap();
        for op in &ops {
            match as_ledger_op(op) {
                None => {
                    if let Op::PlanAndApply { refund, from } = op {
                        plan_and_apply(&mut l, *refund, *from)?;
                    }
                }
                Some(ledger_op) => {
                    let found = l.check(&ledger_op);
                    // check() through JSON finds the same problems as the typed check().
                    prop_assert_eq!(result_codes(&l.check_json(Some(&as_json_op(&ledger_op)))), codes(&found));
                    let before = l.clone();
                    match record(&mut l, &ledger_op) {
                        Err(e) => {
                            prop_assert_eq!(&l, &before, "a refused operation changed the ledger");
                            prop_assert_eq!(Some(&e), found.first(), "the refusal is not check()'s first error");
                        }
                        Ok(()) => {
                            prop_assert!(found.is_empty(), "recorded an operation check() refuses: {:?}", codes(&found));
                            prop_assert_eq!(l.entries().len(), before.entries().len() + 1);
                        }
                    }
                }
            }
            check_invariants(&l)?;
        }
    }

    /// With the weights as holdings, largest remainder could in principle hand a sub-merchant one
    /// paisa more than it holds; a VENDORS plan of any refund up to the holdings never does.
    #[test]
    fn a_vendors_plan_never_asks_for_more_than_is_held(
        (credits, refund) in prop::collection::vec((0..4usize, 1i64..5_000), 1..12)
            .prop_flat_map(|c| { let total: i64 = c.iter().map(|(_, a)| a).sum(); (Just(c), 1..=total) })
    ) {
        let total: i64 = credits.iter().map(|(_, a)| a).sum();
        let mut l = SettlementLedger::new("MOJO".into(), Paise(total)).unwrap();
        for (sub, amount) in &credits {
            l.credit(SUBS[*sub], Paise(*amount)).unwrap();
        }
        let rows = l.plan_refund_debits(Paise(refund), PlanFrom::Vendors).unwrap();
        prop_assert_eq!(rows.iter().map(|(_, a)| a.0).sum::<i64>(), refund);
        for (sub, amount) in &rows {
            let held = l.holdings().iter().find(|h| h.sub_merchant_id() == sub).unwrap().held();
            prop_assert!(*amount <= held, "{} asked for {} but holds {}", sub, amount.0, held.0);
        }
    }
}
