#![cfg(all(not(target_arch = "wasm32"), feature = "serde", feature = "rust_decimal"))]
//! A Rust backend takes the public types from its own JSON (cargo features `serde` and
//! `rust_decimal`): amounts as exact two-decimal text, the split input and plan, Juspay's details,
//! the ledger (replayed through its rules), order statuses, and `Paise` to and from the
//! `Decimal` a NUMERIC column holds. Run by `cargo test --features server,serde,rust_decimal`.

use marketsplit::contract::split::calculate_split_json;
use marketsplit::instamojo::{Entry, LedgerOp, Reconciliation, Settlement, SettlementLedger, SettlementType};
use marketsplit::juspay::status::UNKNOWN;
use marketsplit::juspay::{MdrBorneBy, OrderStatus, SplitSettlementDetails, VendorSplit, ORDER_STATUSES};
use marketsplit::money::{Paise, Percent, Ratio};
use marketsplit::split::{calculate_split, Share, SplitInput, SplitPlan};
use marketsplit::{Code, Json};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::str::FromStr;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(&back, value, "{text}");
    text
}

fn refused<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
    serde_json::from_str::<T>(text).expect_err(text).to_string()
}

#[test]
fn amounts_are_exact_two_decimal_text_read_with_the_contract_rules() {
    assert_eq!(serde_json::to_string(&Paise(149_950)).unwrap(), r#""1499.50""#);
    assert_eq!(round_trip(&Paise(-25)), r#""-0.25""#);
    round_trip(&Paise(1_000_000_000_000));
    round_trip(&Paise(0));
    for (text, paise) in
        [(r#""1499.5""#, 149_950), ("1499.5", 149_950), ("100", 10_000), (r#""0.10""#, 10), ("0.1", 10)]
    {
        assert_eq!(serde_json::from_str::<Paise>(text).unwrap(), Paise(paise), "{text}");
    }
    assert!(refused::<Paise>(r#""1.005""#).contains("TOO_MANY_DECIMALS"));
    assert!(refused::<Paise>("1.005").contains("TOO_MANY_DECIMALS"));
    assert!(refused::<Paise>(r#""10000000000.01""#).contains("INVALID_AMOUNT"));
    assert!(refused::<Paise>(r#""--1""#).contains("INVALID_AMOUNT"));
    assert!(refused::<Paise>(r#""1e3""#).contains("INVALID_AMOUNT"));
    refused::<Paise>("true");
    refused::<Paise>("null");
    assert_eq!(serde_json::from_str::<Percent>(r#""12.5""#).unwrap(), Percent(1250));
    round_trip(&Percent(1800));
}

#[test]
fn ratios_keep_every_decimal() {
    for text in ["0.333", "7", "0.0000000000000000000000000000000000000001", "123456789012345678901234567890.5"] {
        let ratio = Ratio::from_text(text, "").unwrap();
        assert_eq!(round_trip(&ratio), format!("\"{text}\""));
    }
    assert_eq!(serde_json::from_str::<Ratio>("2").unwrap(), Ratio::from_int(2));
    assert!(refused::<Ratio>(r#""-1""#).contains("RATIO_INVALID"));
}

/// The same split from a backend's own JSON (serde names) and from the JS contract's shape gives
/// the same plan.
#[test]
fn a_split_input_from_a_backends_json_gives_the_contracts_plan() {
    let input: SplitInput = serde_json::from_str(
        r#"{
            "order_amount": "1000.00",
            "mdr_borne_by": "VENDOR",
            "vendors": [
                { "sub_mid": "seller_a", "share": { "amount": "600" },
                  "commission": { "percent": "10", "tax_percent": "18" } },
                { "sub_mid": "seller_b", "share": { "amount": 300.5 } }
            ],
            "marketplace_amount": "99.50",
            "mdr": { "percent": "2", "tax_percent": "18" }
        }"#,
    )
    .unwrap();
    assert_eq!(input.mdr_borne_by, MdrBorneBy::Vendor);
    assert_eq!(input.vendors[1].share, Share::Amount(Paise(30_050)));
    let plan = calculate_split(&input).unwrap();
    let contract = calculate_split_json(
        &Json::parse(
            r#"{"orderAmount":"1000","mdrBorneBy":"VENDOR","marketplaceAmount":"99.50",
                "vendors":[{"subMid":"seller_a","amount":"600","commission":{"percent":10,"taxPercent":18}},
                           {"subMid":"seller_b","amount":"300.50"}],
                "mdr":{"percent":2,"taxPercent":18}}"#,
            "",
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(plan.to_json(), contract);
    let text = round_trip(&plan);
    assert!(text.contains(r#""order_amount":"1000.00""#), "{text}");
    round_trip(&input);
    // Weights, with the defaults left out.
    let weighted: SplitInput = serde_json::from_str(
        r#"{"order_amount":"100","vendors":[{"sub_mid":"a","share":{"weight":"1"}},{"sub_mid":"b","share":{"weight":2}}]}"#,
    )
    .unwrap();
    assert_eq!(weighted.mdr_borne_by, MdrBorneBy::Marketplace);
    let plan: SplitPlan = calculate_split(&weighted).unwrap();
    assert_eq!(plan.vendors.iter().map(|v| v.amount).collect::<Vec<_>>(), [Paise(3_333), Paise(6_667)]);
}

/// Serde reads the types; the calculator's checks still refuse what the types allow.
#[test]
fn typed_input_read_by_serde_is_still_checked() {
    let input: SplitInput = serde_json::from_str(
        r#"{"order_amount":"100","vendors":[{"sub_mid":"a","share":{"amount":"50"}},{"sub_mid":"a","share":{"amount":"50"}}]}"#,
    )
    .unwrap();
    let e = calculate_split(&input).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::DuplicateSubMid, "vendors[1].subMid"));
    assert!(refused::<SplitInput>(r#"{"order_amount":"100","mdr_borne_by":"vendor","vendors":[]}"#).contains("VENDOR"));
}

#[test]
fn juspay_details_round_trip() {
    let details = SplitSettlementDetails {
        mdr_borne_by: MdrBorneBy::All,
        marketplace_amount: Paise(1_000),
        vendors: vec![VendorSplit { sub_mid: "s1".into(), amount: Paise(9_000), merchant_commission: Paise(500) }],
    };
    let text = round_trip(&details);
    assert!(text.contains(r#""mdr_borne_by":"ALL""#), "{text}");
}

#[test]
fn a_ledger_round_trips_and_a_state_it_could_not_reach_is_refused() {
    let mut ledger = SettlementLedger::new("MOJO1".into(), Paise(10_000)).unwrap();
    ledger.credit("s1", Paise(6_000)).unwrap();
    ledger
        .settle(
            &Settlement {
                id: Some("set_2".into()),
                kind: SettlementType::Credit,
                sub_merchant_id: "s2".into(),
                amount: Paise(3_000),
            },
            None,
        )
        .unwrap();
    ledger.fulfil().unwrap();
    ledger.refund(Paise(2_000)).unwrap();
    ledger.debit("s1", Paise(1_500), Some(Paise(5_000))).unwrap();
    let text = round_trip(&ledger);
    assert!(text.contains(r#"{"type":"FULFIL"}"#), "{text}");
    let back: SettlementLedger = serde_json::from_str(&text).unwrap();
    assert_eq!(back.credited(), Paise(9_000));
    assert_eq!(back.holdings(), ledger.holdings());

    let debit_first = r#"{"payment_id":"MOJO1","amount":"100.00","entries":[
        {"type":"CREDIT","sub_merchant_id":"s1","amount":"60.00","id":null},
        {"type":"DEBIT","sub_merchant_id":"s1","amount":"10.00","id":null}]}"#;
    assert!(refused::<SettlementLedger>(debit_first).contains("DEBIT_WITHOUT_REFUND"));
    let past_payment = r#"{"payment_id":"MOJO1","amount":"100.00","entries":[
        {"type":"CREDIT","sub_merchant_id":"s1","amount":"100.01","id":null}]}"#;
    assert!(refused::<SettlementLedger>(past_payment).contains("CREDIT_EXCEEDS_PAYMENT"));
    let extra = r#"{"payment_id":"MOJO1","amount":"100.00","entries":[],"credited":"100.00"}"#;
    refused::<SettlementLedger>(extra);

    round_trip(&Entry::Refund { amount: Paise(5) });
    round_trip(&LedgerOp::Debit { sub_merchant_id: "s1".into(), amount: Paise(5), balance: None });
    round_trip(&ledger.reconcile(&[]));
    round_trip(&Reconciliation::default());
}

#[test]
fn order_statuses_round_trip_by_name_and_id() {
    for status in ORDER_STATUSES.iter().chain([&UNKNOWN]) {
        round_trip(status);
    }
    let charged: OrderStatus = serde_json::from_str(r#"{"status":"CHARGED","status_id":21}"#).unwrap();
    assert!(charged.success);
    refused::<OrderStatus>(r#"{"status":"CHARGED","status_id":22}"#);
    refused::<OrderStatus>(r#"{"status":"PAID","status_id":21}"#);
}

#[test]
fn decimals_convert_exactly_to_the_paisa() {
    let d = |text: &str| Decimal::from_str(text).unwrap();
    assert_eq!(Paise::try_from(d("1499.50")), Ok(Paise(149_950)));
    assert_eq!(Paise::try_from(d("1499.5")), Ok(Paise(149_950)));
    assert_eq!(Paise::try_from(d("1.500")), Ok(Paise(150)), "trailing zeros are not decimals");
    assert_eq!(Paise::try_from(d("-0.25")), Ok(Paise(-25)));
    assert_eq!(Paise::try_from(d("10000000000.00")), Ok(Paise(1_000_000_000_000)));
    assert_eq!(Paise::try_from(d("1.005")).unwrap_err().code, Code::TooManyDecimals);
    assert_eq!(Paise::try_from(d("0.001")).unwrap_err().code, Code::TooManyDecimals);
    assert_eq!(Paise::try_from(d("10000000000.01")).unwrap_err().code, Code::InvalidAmount);
    assert_eq!(Paise::try_from(d("-10000000000.01")).unwrap_err().code, Code::InvalidAmount);
    assert_eq!(Paise::try_from(Decimal::MAX).unwrap_err().code, Code::InvalidAmount);

    let out = Decimal::from(Paise(149_950));
    assert_eq!((out.to_string().as_str(), out.scale()), ("1499.50", 2));
    assert_eq!(Decimal::from(Paise(-5)).to_string(), "-0.05");
    for paise in [0, 1, -1, 99, 149_950, 1_000_000_000_000, -1_000_000_000_000] {
        assert_eq!(Paise::try_from(Decimal::from(Paise(paise))), Ok(Paise(paise)));
    }
}
