#![cfg(not(target_arch = "wasm32"))]
//! `validateJuspaySplit`: every problem at once, each with its code and path.

use marketsplit::contract::juspay::validate_split_json;
use marketsplit::json::Json;
use marketsplit::juspay::{validate_split, MdrBorneBy, SplitSettlementDetails, VendorSplit};
use marketsplit::money::Paise;
use marketsplit::Code;

fn j(text: &str) -> Json {
    Json::parse(text, "").expect("test JSON")
}

/// The `(code, path)` of every reported problem, in order; checks `ok` agrees.
fn problems(order: &str, details: &Json) -> Vec<(String, String)> {
    let result = validate_split_json(Some(&j(order)), Some(details)).expect("orderAmount is readable");
    let errors = result.get("errors").and_then(Json::as_array).expect("errors array");
    assert_eq!(result.get("ok"), Some(&Json::Bool(errors.is_empty())));
    errors
        .iter()
        .map(|e| {
            let field = |k: &str| e.get(k).and_then(Json::as_str).expect("code/path/message").to_string();
            assert!(!field("message").is_empty());
            (field("code"), field("path"))
        })
        .collect()
}

fn p(code: &str, path: &str) -> (String, String) {
    (code.to_string(), path.to_string())
}

const DOCS_EXAMPLE: &str = r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":5},{"sub_mid":"V2","amount":30,"merchant_commission":3}]}}"#;

#[test]
fn the_gateway_docs_example_is_valid_as_object_and_as_text() {
    assert_eq!(problems("100", &j(DOCS_EXAMPLE)), vec![]);
    assert_eq!(problems(r#""100.00""#, &Json::str(DOCS_EXAMPLE)), vec![]);
    let result = validate_split_json(Some(&Json::Number(100.0)), Some(&j(DOCS_EXAMPLE))).unwrap();
    assert_eq!(result.to_text(), r#"{"ok":true,"errors":[]}"#);
}

#[test]
fn numeric_text_is_accepted_for_amounts() {
    let details = j(
        r#"{"mdr_borne_by":"VENDOR","marketplace":{"amount":"20.00"},"vendor":{"split":[{"sub_mid":"V1","amount":"80","merchant_commission":"0.5"}]}}"#,
    );
    assert_eq!(problems("100", &details), vec![]);
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let details = j(r#"{
        "marketplace": {"amount": "abc"},
        "vendor": {"split": [
            {"sub_mid": "", "amount": 10, "merchant_commission": 0},
            {"sub_mid": "V2", "amount": -1, "merchant_commission": 0},
            {"sub_mid": "V3", "amount": 1, "merchant_commission": 1.234},
            {"sub_mid": "V2", "amount": "10000000000.01"},
            {"sub_mid": 5, "amount": true, "merchant_commission": null},
            "V6"
        ]}
    }"#);
    assert_eq!(
        problems("100", &details),
        vec![
            p("MISSING_FIELD", "mdr_borne_by"),
            p("INVALID_AMOUNT", "marketplace.amount"),
            p("MISSING_FIELD", "vendor.split[0].sub_mid"),
            p("NEGATIVE_AMOUNT", "vendor.split[1].amount"),
            p("TOO_MANY_DECIMALS", "vendor.split[2].merchant_commission"),
            p("DUPLICATE_SUB_MID", "vendor.split[3].sub_mid"),
            p("INVALID_AMOUNT", "vendor.split[3].amount"),
            p("MISSING_FIELD", "vendor.split[3].merchant_commission"),
            p("INVALID_TYPE", "vendor.split[4].sub_mid"),
            p("INVALID_TYPE", "vendor.split[4].amount"),
            p("MISSING_FIELD", "vendor.split[4].merchant_commission"),
            p("INVALID_TYPE", "vendor.split[5]"),
        ]
    );
}

#[test]
fn the_sum_is_checked_when_every_amount_was_readable() {
    let details = j(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":10},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":0},{"sub_mid":"V2","amount":"30","merchant_commission":0}]}}"#,
    );
    assert_eq!(problems("100", &details), vec![p("SUM_MISMATCH", "")]);
    let result = validate_split_json(Some(&Json::str("100")), Some(&details)).unwrap();
    let message = result
        .get("errors")
        .and_then(Json::as_array)
        .and_then(|e| e.first())
        .and_then(|e| e.get("message"))
        .and_then(Json::as_str)
        .unwrap();
    assert!(message.contains("90.00") && message.contains("100.00"), "{message}");

    // Other problems do not hide the sum...
    let dup = j(
        r#"{"mdr_borne_by":"X","marketplace":{"amount":10},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":0},{"sub_mid":"V1","amount":30,"merchant_commission":0}]}}"#,
    );
    assert_eq!(
        problems("100", &dup),
        vec![
            p("INVALID_MDR_BORNE_BY", "mdr_borne_by"),
            p("DUPLICATE_SUB_MID", "vendor.split[1].sub_mid"),
            p("SUM_MISMATCH", "")
        ]
    );
    // ...but an unreadable amount does: a sum over it would mean nothing.
    let unreadable = j(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":10},"vendor":{"split":[{"sub_mid":"V1","amount":"5O","merchant_commission":0}]}}"#,
    );
    assert_eq!(problems("100", &unreadable), vec![p("INVALID_AMOUNT", "vendor.split[0].amount")]);
    let unreadable_commission = j(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":10},"vendor":{"split":[{"sub_mid":"V1","amount":5,"merchant_commission":"-1"}]}}"#,
    );
    assert_eq!(
        problems("100", &unreadable_commission),
        vec![p("NEGATIVE_AMOUNT", "vendor.split[0].merchant_commission")]
    );
    let no_marketplace =
        j(r#"{"mdr_borne_by":"ALL","vendor":{"split":[{"sub_mid":"V1","amount":5,"merchant_commission":0}]}}"#);
    assert_eq!(problems("100", &no_marketplace), vec![p("MISSING_FIELD", "marketplace")]);
}

#[test]
fn structure_problems_have_their_codes() {
    let cases: &[(&str, Vec<(String, String)>)] = &[
        (r#"[]"#, vec![p("INVALID_TYPE", "")]),
        (r#"5"#, vec![p("INVALID_TYPE", "")]),
        (
            r#"{"mdr_borne_by":null}"#,
            vec![p("MISSING_FIELD", "mdr_borne_by"), p("MISSING_FIELD", "marketplace"), p("MISSING_FIELD", "vendor")],
        ),
        (
            r#"{"mdr_borne_by":"all","marketplace":[],"vendor":"V1"}"#,
            vec![
                p("INVALID_MDR_BORNE_BY", "mdr_borne_by"),
                p("INVALID_TYPE", "marketplace"),
                p("INVALID_TYPE", "vendor"),
            ],
        ),
        (
            r#"{"mdr_borne_by":"MARKETPLACE","marketplace":{},"vendor":{}}"#,
            vec![p("MISSING_FIELD", "marketplace.amount"), p("MISSING_FIELD", "vendor.split")],
        ),
        (
            r#"{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":100},"vendor":{"split":{}}}"#,
            vec![p("INVALID_TYPE", "vendor.split")],
        ),
        (
            r#"{"mdr_borne_by":"MARKETPLACE","marketplace":{"amount":100},"vendor":{"split":[]}}"#,
            vec![p("EMPTY_SPLIT", "vendor.split")],
        ),
        (
            r#"{"mdr_borne_by":"VENDOR","marketplace":{"amount":{"value":1}},"vendor":{"split":[{"sub_mid":"   ","amount":100,"merchant_commission":0}]}}"#,
            vec![p("INVALID_TYPE", "marketplace.amount"), p("MISSING_FIELD", "vendor.split[0].sub_mid")],
        ),
    ];
    for (details, expected) in cases {
        assert_eq!(&problems("100", &j(details)), expected, "{details}");
    }
}

#[test]
fn text_that_is_not_json_is_invalid_json() {
    assert_eq!(problems("100", &Json::str("{\"mdr_borne_by\":")), vec![p("INVALID_JSON", "")]);
    assert_eq!(problems("100", &Json::str("")), vec![p("INVALID_JSON", "")]);
    // JSON text of something other than an object is the wrong type, not bad JSON.
    assert_eq!(problems("100", &Json::str("[1]")), vec![p("INVALID_TYPE", "")]);
    let missing = validate_split_json(Some(&Json::str("1")), None).unwrap();
    assert_eq!(missing.get("ok"), Some(&Json::Bool(false)));
}

#[test]
fn an_unreadable_order_amount_is_the_callers_error() {
    for (order, code) in [
        (None, Code::MissingField),
        (Some(Json::str("1.001")), Code::TooManyDecimals),
        (Some(Json::str("ten")), Code::InvalidAmount),
        (Some(Json::Number(-1.0)), Code::NegativeAmount),
        (Some(Json::Bool(true)), Code::InvalidType),
    ] {
        let e = validate_split_json(order.as_ref(), Some(&j(DOCS_EXAMPLE))).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, "orderAmount"));
    }
}

#[test]
fn typed_details_round_trip_and_validate() {
    let details = SplitSettlementDetails {
        mdr_borne_by: MdrBorneBy::All,
        marketplace_amount: Paise(2000),
        vendors: vec![
            VendorSplit { sub_mid: "V1".into(), amount: Paise(5000), merchant_commission: Paise(500) },
            VendorSplit { sub_mid: "V2".into(), amount: Paise(3000), merchant_commission: Paise(300) },
        ],
    };
    assert_eq!(details.to_text(), DOCS_EXAMPLE);
    assert_eq!(SplitSettlementDetails::from_json(&j(DOCS_EXAMPLE)).unwrap(), details);
    assert_eq!(validate_split(Paise(10_000), &details.to_json()), vec![]);
    let errors = validate_split(Paise(10_001), &details.to_json());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::SumMismatch);
    let e = SplitSettlementDetails::from_json(&j(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":1},"vendor":{"split":[{"sub_mid":"V1"}]}}"#,
    ))
    .unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::MissingField, "vendor.split[0].amount"));
}

#[test]
fn duplicates_among_many_splits_are_each_reported_after_their_first() {
    // 3,000 splits over 1,000 sub_mids: the check once compared each with every earlier one.
    let splits: Vec<String> =
        (0..3000).map(|i| format!(r#"{{"sub_mid":"V{}","amount":1,"merchant_commission":0}}"#, i % 1000)).collect();
    let text =
        format!(r#"{{"mdr_borne_by":"ALL","marketplace":{{"amount":0}},"vendor":{{"split":[{}]}}}}"#, splits.join(","));
    let found = problems("3000", &j(&text));
    assert_eq!(found.len(), 2000);
    assert_eq!(found.first(), Some(&p("DUPLICATE_SUB_MID", "vendor.split[1000].sub_mid")));
    assert_eq!(found.last(), Some(&p("DUPLICATE_SUB_MID", "vendor.split[2999].sub_mid")));
    assert!(found.iter().all(|(code, _)| code == "DUPLICATE_SUB_MID"));
}

#[test]
fn details_text_with_a_lone_surrogate_is_refused_at_its_path() {
    // "V\ud800" and "V\udbff" once both read "V\u{fffd}": a duplicate the payload never had.
    let text = r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":5},{"sub_mid":"V\ud800","amount":30,"merchant_commission":3}]}}"#;
    assert_eq!(problems("100", &Json::str(text)), vec![p("INVALID_TYPE", "vendor.split[1].sub_mid")]);
    // Text that is not JSON stays INVALID_JSON at the whole input.
    assert_eq!(problems("100", &Json::str(r#"{"a":"\ud800"#)), vec![p("INVALID_JSON", "")]);
}
