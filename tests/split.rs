#![cfg(not(target_arch = "wasm32"))]
//! `calculateSplit` and `juspaySplitMetadata`: the rules of the contract, each error with its
//! code and path, and the worked examples.

use marketsplit::contract::juspay::split_metadata_json;
use marketsplit::contract::split::calculate_split_json;
use marketsplit::json::Json;
use marketsplit::juspay::{MdrBorneBy, SplitSettlementDetails};
use marketsplit::money::{Paise, Percent, Ratio};
use marketsplit::split::{calculate_split, Commission, Share, SplitInput, VendorInput};
use marketsplit::Code;

fn j(text: &str) -> Json {
    Json::parse(text, "").expect("test JSON")
}

fn plan(input: &str) -> Json {
    calculate_split_json(&j(input)).unwrap_or_else(|e| panic!("{input}: {e}"))
}

fn fails(input: &str) -> (Code, String) {
    let e = calculate_split_json(&j(input)).expect_err("should fail");
    (e.code, e.path)
}

/// A field of the plan by a dotted path with indexes, like `vendors.1.amount`.
fn at<'a>(plan: &'a Json, path: &str) -> &'a Json {
    path.split('.').fold(plan, |v, key| match key.parse::<usize>() {
        Ok(i) => v.as_array().and_then(|a| a.get(i)).unwrap_or_else(|| panic!("no {path}")),
        Err(_) => v.get(key).unwrap_or_else(|| panic!("no {path}")),
    })
}

fn text(plan: &Json, path: &str) -> String {
    at(plan, path).as_str().unwrap_or_else(|| panic!("{path} is not text")).to_string()
}

#[test]
fn the_gateway_docs_example_comes_out_exactly() {
    // GATEWAYS.md: 100 = 50 + 30 + 20, merchant commissions 5 and 3. The marketplace's own items
    // are 12.00; its 20 is those plus the two commissions.
    let p = plan(
        r#"{"orderAmount":"100","mdrBorneBy":"ALL","marketplaceAmount":12,
            "vendors":[{"subMid":"V1","amount":55,"commission":{"flat":5}},
                       {"subMid":"V2","amount":"33.00","commission":{"flat":"3"}}]}"#,
    );
    assert_eq!(
        split_metadata_json(&p).unwrap(),
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":5},{"sub_mid":"V2","amount":30,"merchant_commission":3}]}}"#
    );
}

#[test]
fn the_plan_has_the_contract_shape_and_key_order() {
    let p =
        plan(r#"{"orderAmount":100,"vendors":[{"subMid":"V1","amount":"66.67"},{"subMid":"V2","amount":"33.33"}]}"#);
    assert_eq!(
        p.to_text(),
        concat!(
            r#"{"orderAmount":"100.00","mdrBorneBy":"MARKETPLACE","#,
            r#""marketplace":{"amount":"0.00","ownAmount":"0.00","commission":"0.00","commissionTax":"0.00","fee":"0.00","net":"0.00"},"#,
            r#""vendors":[{"subMid":"V1","gross":"66.67","commission":"0.00","commissionTax":"0.00","amount":"66.67","fee":"0.00","net":"66.67"},"#,
            r#"{"subMid":"V2","gross":"33.33","commission":"0.00","commissionTax":"0.00","amount":"33.33","fee":"0.00","net":"33.33"}],"#,
            r#""splitSettlementDetails":{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":0},"vendor":{"split":["#,
            r#"{"sub_mid":"V1","amount":66.67,"merchant_commission":0},{"sub_mid":"V2","amount":33.33,"merchant_commission":0}]}}}"#
        )
    );
}

#[test]
fn commission_is_percent_half_up_plus_flat_then_tax_on_top() {
    let p = plan(
        r#"{"orderAmount":"1000","vendors":[{"subMid":"V1","amount":"1000",
            "commission":{"percent":"12.5","flat":"1.50","taxPercent":18}}]}"#,
    );
    // 12.5% of 1000 = 125.00, + 1.50 = 126.50; GST 18% of it = 22.77; vendor keeps 850.73.
    assert_eq!(text(&p, "vendors.0.commission"), "126.50");
    assert_eq!(text(&p, "vendors.0.commissionTax"), "22.77");
    assert_eq!(text(&p, "vendors.0.amount"), "850.73");
    assert_eq!(text(&p, "marketplace.amount"), "149.27");
    assert_eq!(text(&p, "marketplace.commission"), "126.50");
    assert_eq!(text(&p, "marketplace.commissionTax"), "22.77");
    assert_eq!(at(&p, "splitSettlementDetails.vendor.split.0.merchant_commission"), &Json::Number(149.27));
}

#[test]
fn percentages_round_half_up_to_the_paisa() {
    let commission = |gross: &str, percent: &str, tax: &str| {
        let p = plan(&format!(
            r#"{{"orderAmount":"{gross}","vendors":[{{"subMid":"V","amount":"{gross}","commission":{{"percent":"{percent}","taxPercent":"{tax}"}}}}]}}"#
        ));
        (text(&p, "vendors.0.commission"), text(&p, "vendors.0.commissionTax"))
    };
    assert_eq!(commission("0.50", "5", "0"), ("0.03".into(), "0.00".into())); // 2.5 paise → 3
    assert_eq!(commission("0.99", "12.5", "0"), ("0.12".into(), "0.00".into())); // 12.375 → 12
    assert_eq!(commission("0.10", "2.5", "0"), ("0.00".into(), "0.00".into())); // 0.25 → 0
    assert_eq!(commission("2.50", "10", "18"), ("0.25".into(), "0.05".into())); // tax 4.5 → 5
    assert_eq!(commission("2.40", "10", "18"), ("0.24".into(), "0.04".into())); // tax 4.32 → 4
}

#[test]
fn commission_is_held_within_min_and_max() {
    let c = |rules: &str| {
        let p =
            plan(&format!(r#"{{"orderAmount":100,"vendors":[{{"subMid":"V","amount":100,"commission":{rules}}}]}}"#));
        text(&p, "vendors.0.commission")
    };
    assert_eq!(c(r#"{"percent":1,"min":5}"#), "5.00");
    assert_eq!(c(r#"{"percent":10,"max":"2.5"}"#), "2.50");
    assert_eq!(c(r#"{"percent":3,"min":2,"max":4}"#), "3.00");
    assert_eq!(c(r#"{"min":"1.25"}"#), "1.25");
    assert_eq!(c(r#"{"percent":3,"min":3,"max":3}"#), "3.00");
    assert_eq!(c("null"), "0.00");
    assert_eq!(c(r#"{"percent":null,"flat":null}"#), "0.00");
}

#[test]
fn a_commission_equal_to_the_gross_leaves_zero_but_more_is_refused() {
    let p = plan(r#"{"orderAmount":10,"vendors":[{"subMid":"V","amount":10,"commission":{"percent":100}}]}"#);
    assert_eq!(text(&p, "vendors.0.amount"), "0.00");
    assert_eq!(
        fails(
            r#"{"orderAmount":10,"vendors":[{"subMid":"A","amount":0},{"subMid":"V","amount":10,"commission":{"flat":9,"taxPercent":18}}]}"#
        ),
        (Code::CommissionExceedsGross, "vendors[1].commission".into())
    );
    assert_eq!(
        fails(r#"{"orderAmount":5,"vendors":[{"subMid":"V","amount":5,"commission":{"min":6}}]}"#),
        (Code::CommissionExceedsGross, "vendors[0].commission".into())
    );
    // A percentage far past 100 is the same refusal, not an overflow.
    assert_eq!(
        fails(r#"{"orderAmount":"10000000000","vendors":[{"subMid":"V","amount":"10000000000","commission":{"percent":"10000000000"}}]}"#).0,
        Code::CommissionExceedsGross
    );
    assert_eq!(
        fails(r#"{"orderAmount":5,"vendors":[{"subMid":"V","amount":5,"commission":{"min":3,"max":2}}]}"#),
        (Code::InvalidCommission, "vendors[0].commission".into())
    );
}

#[test]
fn settled_amounts_always_add_up_to_the_order() {
    let p = plan(
        r#"{"orderAmount":"999.99","marketplaceAmount":"100.01","vendors":[
            {"subMid":"A","amount":"333.33","commission":{"percent":"7.5","taxPercent":18}},
            {"subMid":"B","amount":"566.65","commission":{"percent":"3","flat":"0.99","min":5,"taxPercent":"18"}}]}"#,
    );
    let paise = |path: &str| marketsplit::money::amount::parse_amount_text(&text(&p, path), "").unwrap().0;
    assert_eq!(paise("marketplace.amount") + paise("vendors.0.amount") + paise("vendors.1.amount"), 99_999);
    assert_eq!(text(&p, "marketplace.ownAmount"), "100.01");
    assert_eq!(
        paise("marketplace.amount"),
        paise("marketplace.ownAmount") + paise("marketplace.commission") + paise("marketplace.commissionTax")
    );
}

#[test]
fn weights_share_what_the_marketplace_does_not_keep() {
    let p = plan(
        r#"{"orderAmount":110,"marketplaceAmount":10,"vendors":[{"subMid":"A","weight":1},{"subMid":"B","weight":"1"},{"subMid":"C","weight":1.0}]}"#,
    );
    assert_eq!(
        [text(&p, "vendors.0.gross"), text(&p, "vendors.1.gross"), text(&p, "vendors.2.gross")],
        ["33.34", "33.33", "33.33"]
    );
    let p = plan(
        r#"{"orderAmount":10,"vendors":[{"subMid":"A","weight":0},{"subMid":"B","weight":1},{"subMid":"C","weight":"2"}]}"#,
    );
    assert_eq!(
        [text(&p, "vendors.0.gross"), text(&p, "vendors.1.gross"), text(&p, "vendors.2.gross")],
        ["0.00", "3.33", "6.67"]
    );
    let p = plan(r#"{"orderAmount":10,"marketplaceAmount":10,"vendors":[{"subMid":"A","weight":3}]}"#);
    assert_eq!(text(&p, "vendors.0.gross"), "0.00");
}

#[test]
fn weights_follow_the_ratio_rules() {
    assert_eq!(
        fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","weight":1},{"subMid":"B","weight":-1}]}"#),
        (Code::RatioInvalid, "vendors[1].weight".into())
    );
    assert_eq!(
        fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","weight":"1e2"}]}"#),
        (Code::RatioInvalid, "vendors[0].weight".into())
    );
    assert_eq!(
        fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","weight":0},{"subMid":"B","weight":"0.0"}]}"#).0,
        Code::RatioInvalid
    );
    assert_eq!(
        fails(r#"{"orderAmount":10,"marketplaceAmount":11,"vendors":[{"subMid":"A","weight":1}]}"#),
        (Code::SumMismatch, "marketplaceAmount".into())
    );
}

#[test]
fn every_vendor_has_an_amount_or_every_vendor_a_weight() {
    let mixed = (Code::MixedShares, "vendors[1]".to_string());
    assert_eq!(fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","amount":5},{"subMid":"B","weight":5}]}"#), mixed);
    assert_eq!(fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","weight":5},{"subMid":"B","amount":5}]}"#), mixed);
    assert_eq!(
        fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","amount":5},{"subMid":"B","amount":5,"weight":1}]}"#),
        mixed
    );
    assert_eq!(fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","amount":10},{"subMid":"B"}]}"#), mixed);
    assert_eq!(
        fails(r#"{"orderAmount":10,"vendors":[{"subMid":"A","amount":null}]}"#),
        (Code::MixedShares, "vendors[0]".into())
    );
}

#[test]
fn a_sum_mismatch_names_the_expected_and_actual_sums() {
    let e = calculate_split_json(&j(
        r#"{"orderAmount":100,"vendors":[{"subMid":"A","amount":60},{"subMid":"B","amount":30}]}"#,
    ))
    .unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::SumMismatch, "vendors"));
    assert_eq!(e.message, "vendors sum to 90.00 but the order is 100.00");
    let e = calculate_split_json(&j(
        r#"{"orderAmount":100,"marketplaceAmount":5,"vendors":[{"subMid":"A","amount":100}]}"#,
    ))
    .unwrap_err();
    assert_eq!(e.code, Code::SumMismatch);
    assert!(e.message.contains("105.00") && e.message.contains("100.00"), "{}", e.message);
}

#[test]
fn amounts_are_checked_before_sums() {
    assert_eq!(
        fails(r#"{"orderAmount":100,"vendors":[{"subMid":"A","amount":60},{"subMid":"B","amount":"3.333"}]}"#),
        (Code::TooManyDecimals, "vendors[1].amount".into())
    );
    assert_eq!(
        fails(r#"{"orderAmount":100,"vendors":[{"subMid":"A","amount":60}],"mdr":{"percent":"x"}}"#),
        (Code::InvalidAmount, "mdr.percent".into())
    );
}

#[test]
fn input_errors_have_their_codes_and_paths() {
    let cases: &[(&str, Code, &str)] = &[
        ("[]", Code::InvalidType, ""),
        (r#""x""#, Code::InvalidType, ""),
        (r#"{"vendors":[{"subMid":"A","amount":1}]}"#, Code::MissingField, "orderAmount"),
        (r#"{"orderAmount":"1,000","vendors":[]}"#, Code::InvalidAmount, "orderAmount"),
        (r#"{"orderAmount":-1,"vendors":[]}"#, Code::NegativeAmount, "orderAmount"),
        (r#"{"orderAmount":"10000000000.01","vendors":[]}"#, Code::InvalidAmount, "orderAmount"),
        (r#"{"orderAmount":1}"#, Code::MissingField, "vendors"),
        (r#"{"orderAmount":1,"vendors":{}}"#, Code::InvalidType, "vendors"),
        (r#"{"orderAmount":1,"vendors":[]}"#, Code::EmptySplit, "vendors"),
        (r#"{"orderAmount":1,"vendors":[5]}"#, Code::InvalidType, "vendors[0]"),
        (r#"{"orderAmount":1,"vendors":[{"amount":1}]}"#, Code::MissingField, "vendors[0].subMid"),
        (r#"{"orderAmount":1,"vendors":[{"subMid":"","amount":1}]}"#, Code::MissingField, "vendors[0].subMid"),
        (r#"{"orderAmount":1,"vendors":[{"subMid":"  ","amount":1}]}"#, Code::MissingField, "vendors[0].subMid"),
        (r#"{"orderAmount":1,"vendors":[{"subMid":7,"amount":1}]}"#, Code::InvalidType, "vendors[0].subMid"),
        (
            r#"{"orderAmount":3,"vendors":[{"subMid":"A","amount":1},{"subMid":"B","amount":1},{"subMid":"A","amount":1}]}"#,
            Code::DuplicateSubMid,
            "vendors[2].subMid",
        ),
        (
            r#"{"orderAmount":1,"mdrBorneBy":"marketplace","vendors":[{"subMid":"A","amount":1}]}"#,
            Code::InvalidMdrBorneBy,
            "mdrBorneBy",
        ),
        (
            r#"{"orderAmount":1,"mdrBorneBy":"BOTH","vendors":[{"subMid":"A","amount":1}]}"#,
            Code::InvalidMdrBorneBy,
            "mdrBorneBy",
        ),
        (
            r#"{"orderAmount":1,"mdrBorneBy":1,"vendors":[{"subMid":"A","amount":1}]}"#,
            Code::InvalidMdrBorneBy,
            "mdrBorneBy",
        ),
        (r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":true}]}"#, Code::InvalidType, "vendors[0].amount"),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":5}]}"#,
            Code::InvalidType,
            "vendors[0].commission",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"percent":"-1"}}]}"#,
            Code::NegativeAmount,
            "vendors[0].commission.percent",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"percent":"1.234"}}]}"#,
            Code::TooManyDecimals,
            "vendors[0].commission.percent",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"flat":"x"}}]}"#,
            Code::InvalidAmount,
            "vendors[0].commission.flat",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"min":{}}}]}"#,
            Code::InvalidType,
            "vendors[0].commission.min",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"max":"-2"}}]}"#,
            Code::NegativeAmount,
            "vendors[0].commission.max",
        ),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1,"commission":{"taxPercent":"1e2"}}]}"#,
            Code::InvalidAmount,
            "vendors[0].commission.taxPercent",
        ),
        (
            r#"{"orderAmount":1,"marketplaceAmount":"0.001","vendors":[{"subMid":"A","amount":1}]}"#,
            Code::TooManyDecimals,
            "marketplaceAmount",
        ),
        (r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1}],"mdr":[]}"#, Code::InvalidType, "mdr"),
        (r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1}],"mdr":{}}"#, Code::MissingField, "mdr.percent"),
        (
            r#"{"orderAmount":1,"vendors":[{"subMid":"A","amount":1}],"mdr":{"percent":1,"flat":-1}}"#,
            Code::NegativeAmount,
            "mdr.flat",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(fails(input), (code.clone(), path.to_string()), "{input}");
    }
}

#[test]
fn without_mdr_every_fee_is_zero_and_net_is_the_amount() {
    let p = plan(
        r#"{"orderAmount":100,"mdrBorneBy":"ALL","vendors":[{"subMid":"A","amount":100,"commission":{"percent":10}}]}"#,
    );
    assert_eq!((text(&p, "marketplace.fee"), text(&p, "marketplace.net")), ("0.00".into(), "10.00".into()));
    assert_eq!((text(&p, "vendors.0.fee"), text(&p, "vendors.0.net")), ("0.00".into(), "90.00".into()));
}

fn fees(input: &str) -> (String, Vec<String>) {
    let p = plan(input);
    let vendors = at(&p, "vendors").as_array().unwrap().iter().map(|v| text(v, "fee")).collect();
    (text(&p, "marketplace.fee"), vendors)
}

#[test]
fn the_fee_preview_goes_to_whoever_bears_the_mdr() {
    // 2% of 1000 = 20.00, plus 18% GST = 23.60 in all.
    let input = |bearer: &str| {
        format!(
            r#"{{"orderAmount":1000,"mdrBorneBy":"{bearer}","marketplaceAmount":250,"vendors":[
                {{"subMid":"A","amount":500}},{{"subMid":"B","amount":250}}],
                "mdr":{{"percent":2,"taxPercent":18}}}}"#
        )
    };
    assert_eq!(fees(&input("MARKETPLACE")), ("23.60".into(), vec!["0.00".into(), "0.00".into()]));
    assert_eq!(fees(&input("VENDOR")), ("0.00".into(), vec!["15.73".into(), "7.87".into()]));
    assert_eq!(fees(&input("ALL")), ("5.90".into(), vec!["11.80".into(), "5.90".into()]));
    let p = plan(&input("ALL"));
    assert_eq!(text(&p, "vendors.0.net"), "488.20");
    assert_eq!(text(&p, "marketplace.net"), "244.10");
}

#[test]
fn the_fee_base_is_percent_half_up_plus_flat_and_its_tax_is_half_up() {
    // 1.75% of 99.99 = 1.749825 → 1.75; + 0.30 = 2.05; 18% of 2.05 = 0.369 → 0.37; 2.42 in all.
    let (marketplace, _) = fees(
        r#"{"orderAmount":"99.99","vendors":[{"subMid":"A","amount":"99.99"}],"mdr":{"percent":"1.75","flat":"0.30","taxPercent":18}}"#,
    );
    assert_eq!(marketplace, "2.42");
}

#[test]
fn for_all_the_marketplace_comes_first_when_shares_tie() {
    // 0.03 over three equal settled amounts: one paisa each; 0.01 goes to the marketplace.
    let (m, v) = fees(
        r#"{"orderAmount":3,"mdrBorneBy":"ALL","marketplaceAmount":1,"vendors":[{"subMid":"A","amount":1},{"subMid":"B","amount":1}],"mdr":{"percent":0,"flat":"0.01"}}"#,
    );
    assert_eq!((m, v), ("0.01".into(), vec!["0.00".into(), "0.00".into()]));
}

#[test]
fn the_marketplace_bears_the_fee_when_every_bearer_has_nothing() {
    // The vendor gives everything up as commission: the vendors hold zero, so VENDOR falls back.
    let (m, v) = fees(
        r#"{"orderAmount":10,"mdrBorneBy":"VENDOR","vendors":[{"subMid":"A","amount":10,"commission":{"percent":100}}],"mdr":{"percent":1}}"#,
    );
    assert_eq!((m, v), ("0.10".into(), vec!["0.00".into()]));
    let (m, v) = fees(
        r#"{"orderAmount":0,"mdrBorneBy":"ALL","vendors":[{"subMid":"A","amount":0}],"mdr":{"percent":1,"flat":1}}"#,
    );
    assert_eq!((m, v), ("1.00".into(), vec!["0.00".into()]));
}

#[test]
fn a_fee_above_the_amount_gives_a_negative_net() {
    let p = plan(
        r#"{"orderAmount":1,"mdrBorneBy":"VENDOR","vendors":[{"subMid":"A","amount":1}],"mdr":{"percent":0,"flat":"2.25"}}"#,
    );
    assert_eq!(text(&p, "vendors.0.net"), "-1.25");
    assert_eq!(text(&p, "vendors.0.amount"), "1.00");
}

#[test]
fn a_fee_beyond_any_amount_is_refused_not_overflowed() {
    let e = calculate_split_json(&j(r#"{"orderAmount":"10000000000","vendors":[{"subMid":"A","amount":"10000000000"}],"mdr":{"percent":"10000000000","taxPercent":"10000000000"}}"#)).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::InvalidAmount, "mdr"));
}

#[test]
fn the_typed_api_gives_the_same_plan_and_checks_typed_input() {
    let json = j(
        r#"{"orderAmount":"200","mdrBorneBy":"VENDOR","vendors":[{"subMid":"A","amount":150,"commission":{"percent":"12.5","taxPercent":18}},{"subMid":"B","amount":50}],"mdr":{"percent":2}}"#,
    );
    let input = SplitInput::from_json(&json).unwrap();
    assert_eq!(input.mdr_borne_by, MdrBorneBy::Vendor);
    assert_eq!(input.vendors[0].commission.percent, Percent(1250));
    let typed = calculate_split(&input).unwrap();
    assert_eq!(typed.to_json(), calculate_split_json(&json).unwrap());
    assert_eq!(typed.details.total().unwrap(), Paise(20_000));

    let vendor =
        |sub_mid: &str, share: Share| VendorInput { sub_mid: sub_mid.into(), share, commission: Commission::default() };
    let mut bad = input.clone();
    bad.vendors[1] = vendor("B", Share::Weight(Ratio::from_int(1)));
    assert_eq!(calculate_split(&bad).unwrap_err().code, Code::MixedShares);
    let mut bad = input.clone();
    bad.vendors[1] = vendor("A", Share::Amount(Paise(5000)));
    assert_eq!(calculate_split(&bad).unwrap_err().path, "vendors[1].subMid");
    let mut bad = input.clone();
    bad.vendors[1] = vendor("B", Share::Amount(Paise(-5000)));
    assert_eq!(calculate_split(&bad).unwrap_err().code, Code::NegativeAmount);
    let mut bad = input.clone();
    bad.vendors.clear();
    assert_eq!(calculate_split(&bad).unwrap_err().code, Code::EmptySplit);
    let mut bad = input;
    bad.order_amount = Paise(i64::MAX);
    assert_eq!(calculate_split(&bad).unwrap_err().code, Code::InvalidAmount);
}

#[test]
fn metadata_comes_from_a_plan_or_a_details_object_with_juspays_key_order() {
    let details = j(
        r#"{"vendor":{"split":[{"merchant_commission":"0","amount":"540.00","sub_mid":"V1"}]},"marketplace":{"amount":"33.33"},"mdr_borne_by":"VENDOR"}"#,
    );
    let text = split_metadata_json(&details).unwrap();
    assert_eq!(
        text,
        r#"{"mdr_borne_by":"VENDOR","marketplace":{"amount":33.33},"vendor":{"split":[{"sub_mid":"V1","amount":540,"merchant_commission":0}]}}"#
    );
    // The text reads back as the same details.
    assert_eq!(
        SplitSettlementDetails::from_json(&j(&text)).unwrap(),
        SplitSettlementDetails::from_json(&details).unwrap()
    );

    let bad = j(
        r#"{"mdr_borne_by":"VENDOR","marketplace":{"amount":1},"vendor":{"split":[{"sub_mid":"V1","amount":"1.001","merchant_commission":0}]}}"#,
    );
    let e = split_metadata_json(&bad).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::TooManyDecimals, "vendor.split[0].amount"));
    assert_eq!(split_metadata_json(&j("[]")).unwrap_err().code, Code::InvalidType);
}

#[test]
fn an_edited_plan_is_refused_rather_than_sent() {
    let mut p = plan(r#"{"orderAmount":100,"vendors":[{"subMid":"A","amount":100}]}"#);
    let Json::Object(members) = &mut p else { panic!() };
    members.retain(|(k, _)| k != "splitSettlementDetails");
    members.push(("splitSettlementDetails".into(), j(r#"{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":1},"vendor":{"split":[{"sub_mid":"A","amount":100,"merchant_commission":0}]}}"#)));
    let e = split_metadata_json(&p).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::SumMismatch, "splitSettlementDetails"));
}
