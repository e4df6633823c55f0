#![cfg(not(target_arch = "wasm32"))]
//! Properties of every split plan, over generated inputs: the settled amounts add up to the order,
//! fees and nets add up, commissions obey their rules, and every plan's details pass the validator.
//! `PROPTEST_CASES` raises the case count for a fuzz run.

use marketsplit::contract::juspay::{split_metadata_json, validate_split_json};
use marketsplit::contract::split::calculate_split_json;
use marketsplit::json::Json;
use marketsplit::juspay::validate_split;
use marketsplit::money::amount::parse_amount_text;
use marketsplit::money::Paise;
use marketsplit::Code;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

#[derive(Clone, Debug)]
struct CommissionRules {
    percent: i64,
    flat: i64,
    min: Option<i64>,
    max: Option<i64>,
    tax: i64,
}

#[derive(Clone, Debug)]
struct VendorGen {
    share: i64,
    commission: Option<CommissionRules>,
}

#[derive(Clone, Debug)]
struct InputGen {
    by_weight: bool,
    vendors: Vec<VendorGen>,
    marketplace: i64,
    extra: i64,
    bearer: &'static str,
    mdr: Option<(i64, i64, i64)>,
}

fn money() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..=1_000, 0i64..=10_000_000, 0i64..=100_000_000_000]
}

fn commission() -> impl Strategy<Value = CommissionRules> {
    (
        0i64..=3_000,
        0i64..=500,
        prop::option::of(0i64..=2_000),
        prop::option::of(0i64..=50_000),
        prop_oneof![Just(0i64), Just(1_800), 0i64..=2_800],
    )
        .prop_map(|(percent, flat, min, max, tax)| CommissionRules { percent, flat, min, max, tax })
}

fn input() -> impl Strategy<Value = InputGen> {
    (
        any::<bool>(),
        prop::collection::vec((money(), prop::option::of(commission())), 1..7),
        prop_oneof![Just(0i64), money()],
        money(),
        prop::sample::select(vec!["MARKETPLACE", "VENDOR", "ALL"]),
        prop::option::of((0i64..=500, 0i64..=1_000, prop_oneof![Just(0i64), Just(1_800)])),
    )
        .prop_map(|(by_weight, vendors, marketplace, extra, bearer, mdr)| InputGen {
            by_weight,
            vendors: vendors.into_iter().map(|(share, commission)| VendorGen { share, commission }).collect(),
            marketplace,
            extra,
            bearer,
            mdr,
        })
}

fn amount(paise: i64) -> Json {
    Json::str(Paise(paise).to_text())
}

impl InputGen {
    fn order(&self) -> i64 {
        if self.by_weight {
            self.marketplace + self.extra
        } else {
            self.marketplace + self.vendors.iter().map(|v| v.share).sum::<i64>()
        }
    }

    fn to_json(&self) -> Json {
        let vendors = self
            .vendors
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut members = vec![("subMid".to_string(), Json::str(format!("V{i}")))];
                if self.by_weight {
                    // Weights as decimal text with up to three decimals, or as plain numbers.
                    let weight = if i % 2 == 0 {
                        Json::str(format!("{}.{:03}", v.share / 1000, v.share % 1000))
                    } else {
                        Json::Number((v.share % 1_000_000) as f64)
                    };
                    members.push(("weight".into(), weight));
                } else {
                    members.push(("amount".into(), amount(v.share)));
                }
                if let Some(c) = &v.commission {
                    let mut rules = vec![
                        ("percent".to_string(), amount(c.percent)),
                        ("flat".into(), amount(c.flat)),
                        ("taxPercent".into(), amount(c.tax)),
                    ];
                    if let Some(min) = c.min {
                        rules.push(("min".into(), amount(min)));
                    }
                    if let Some(max) = c.max {
                        rules.push(("max".into(), amount(max)));
                    }
                    members.push(("commission".into(), Json::Object(rules)));
                }
                Json::Object(members)
            })
            .collect();
        let mut input = vec![
            ("orderAmount".to_string(), amount(self.order())),
            ("mdrBorneBy".into(), Json::str(self.bearer)),
            ("vendors".into(), Json::Array(vendors)),
            ("marketplaceAmount".into(), amount(self.marketplace)),
        ];
        if let Some((percent, flat, tax)) = self.mdr {
            input.push((
                "mdr".into(),
                Json::object([("percent", amount(percent)), ("flat", amount(flat)), ("taxPercent", amount(tax))]),
            ));
        }
        Json::Object(input)
    }
}

fn paise(value: &Json, key: &str) -> i64 {
    let text = value.get(key).and_then(Json::as_str).unwrap_or_else(|| panic!("{key} missing"));
    if let Some(negative) = text.strip_prefix('-') {
        -parse_amount_text(negative, key).unwrap().0
    } else {
        parse_amount_text(text, key).unwrap().0
    }
}

fn half_up(amount: i64, hundredths_of_percent: i64) -> i64 {
    ((i128::from(amount) * i128::from(hundredths_of_percent) + 5_000) / 10_000) as i64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_plan_adds_up_and_passes_the_validator(gen in input()) {
        let order = gen.order();
        let plan = match calculate_split_json(&gen.to_json()) {
            Ok(plan) => plan,
            Err(e) => {
                // The only refusals a well-formed input can meet.
                let expected = [Code::CommissionExceedsGross, Code::InvalidCommission, Code::RatioInvalid];
                prop_assert!(expected.contains(&e.code), "unexpected {}", e);
                if e.code == Code::RatioInvalid {
                    let all_zero = gen.vendors.iter().enumerate().all(|(i, v)| if i % 2 == 0 { v.share == 0 } else { v.share % 1_000_000 == 0 });
                    prop_assert!(gen.by_weight && all_zero, "weights were not all zero");
                }
                return Ok(());
            }
        };
        let marketplace = plan.get("marketplace").unwrap();
        let vendors = plan.get("vendors").and_then(Json::as_array).unwrap();
        prop_assert_eq!(vendors.len(), gen.vendors.len());

        // Settled amounts: marketplace.amount + Σ vendors[].amount == orderAmount.
        let settled: i64 = paise(marketplace, "amount") + vendors.iter().map(|v| paise(v, "amount")).sum::<i64>();
        prop_assert_eq!(settled, order);
        prop_assert_eq!(paise(&plan, "orderAmount"), order);
        let gross: i64 = vendors.iter().map(|v| paise(v, "gross")).sum();
        prop_assert_eq!(gross, order - gen.marketplace);

        // Commission rules, vendor by vendor.
        let (mut commissions, mut taxes) = (0, 0);
        for (v, g) in vendors.iter().zip(&gen.vendors) {
            let (gross, c, t) = (paise(v, "gross"), paise(v, "commission"), paise(v, "commissionTax"));
            if !gen.by_weight {
                prop_assert_eq!(gross, g.share);
            }
            let rules = g.commission.clone().unwrap_or(CommissionRules { percent: 0, flat: 0, min: None, max: None, tax: 0 });
            let mut expected = half_up(gross, rules.percent) + rules.flat;
            if let Some(min) = rules.min { expected = expected.max(min); }
            if let Some(max) = rules.max { expected = expected.min(max); }
            prop_assert_eq!(c, expected);
            prop_assert_eq!(t, half_up(c, rules.tax));
            prop_assert!(c + t <= gross);
            prop_assert_eq!(paise(v, "amount"), gross - c - t);
            commissions += c;
            taxes += t;
        }
        prop_assert_eq!(paise(marketplace, "commission"), commissions);
        prop_assert_eq!(paise(marketplace, "commissionTax"), taxes);
        prop_assert_eq!(paise(marketplace, "amount"), gen.marketplace + commissions + taxes);

        // Fees: they add up to the estimate, only bearers bear them, and net = amount − fee.
        let fee_total = gen.mdr.map_or(0, |(percent, flat, tax)| {
            let base = half_up(order, percent) + flat;
            base + half_up(base, tax)
        });
        let vendor_fees: i64 = vendors.iter().map(|v| paise(v, "fee")).sum();
        prop_assert_eq!(paise(marketplace, "fee") + vendor_fees, fee_total);
        let vendors_hold_nothing = vendors.iter().all(|v| paise(v, "amount") == 0);
        match gen.bearer {
            "MARKETPLACE" => prop_assert_eq!(vendor_fees, 0),
            "VENDOR" if !vendors_hold_nothing => prop_assert_eq!(paise(marketplace, "fee"), 0),
            _ => {}
        }
        for party in vendors.iter().chain(std::iter::once(marketplace)) {
            prop_assert_eq!(paise(party, "net"), paise(party, "amount") - paise(party, "fee"));
            prop_assert!(paise(party, "fee") >= 0);
        }

        // The details pass the validator, as an object and as the metadata text.
        let details = plan.get("splitSettlementDetails").unwrap();
        prop_assert_eq!(validate_split(Paise(order), details), vec![]);
        let text = split_metadata_json(&plan).unwrap();
        let result = validate_split_json(Some(&amount(order)), Some(&Json::str(text))).unwrap();
        prop_assert_eq!(result.get("ok"), Some(&Json::Bool(true)));
        let split = details.get("vendor").and_then(|v| v.get("split")).and_then(Json::as_array).unwrap();
        for (entry, v) in split.iter().zip(vendors) {
            let number = |key: &str| entry.get(key).cloned();
            prop_assert_eq!(number("amount"), Some(Paise(paise(v, "amount")).to_json_number()));
            prop_assert_eq!(number("merchant_commission"), Some(Paise(paise(v, "commission") + paise(v, "commissionTax")).to_json_number()));
        }
    }

    #[test]
    fn any_json_input_gives_a_plan_or_an_error_never_a_panic(text in "[\\[\\]{}\",:0-9a-zA-Z.\\- ]{0,80}") {
        if let Ok(value) = Json::parse(&text, "") {
            let _ = calculate_split_json(&value);
            let _ = validate_split_json(Some(&Json::str("1")), Some(&value));
            let _ = split_metadata_json(&value);
        }
    }
}
