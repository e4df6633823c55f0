#![cfg(not(target_arch = "wasm32"))]
//! `allocate`: largest remainder in paise, exact for any ratios, with the contract's errors.

use marketsplit::contract::money::allocate_json;
use marketsplit::json::Json;
use marketsplit::money::allocate::allocate;
use marketsplit::money::{Paise, Ratio};
use marketsplit::Code;
use proptest::prelude::*;

fn j(text: &str) -> Json {
    Json::parse(text, "").expect("test JSON")
}

/// `allocate(total, ratios)` as the JS function is called, returning the strings.
fn alloc(total: &str, ratios: &str) -> Vec<String> {
    match allocate_json(Some(&j(total)), Some(&j(ratios))) {
        Ok(Json::Array(items)) => items.into_iter().map(|i| i.as_str().expect("string share").to_string()).collect(),
        other => panic!("allocate({total}, {ratios}) gave {other:?}"),
    }
}

fn alloc_err(total: Option<&str>, ratios: Option<&str>) -> (Code, String) {
    let (t, r) = (total.map(j), ratios.map(j));
    let e = allocate_json(t.as_ref(), r.as_ref()).expect_err("should fail");
    (e.code, e.path)
}

#[test]
fn worked_examples_of_the_contract() {
    assert_eq!(alloc(r#""100""#, "[1,1,1]"), ["33.34", "33.33", "33.33"]);
    assert_eq!(alloc(r#""10""#, "[0,1,2]"), ["0.00", "3.33", "6.67"]);
}

#[test]
fn leftover_paise_go_to_the_largest_remainders_not_the_largest_ratios() {
    // 10 paise over [10, 11, 0.5]: exact 4.65, 5.12, 0.23 paise. The one leftover paisa goes to
    // the largest remainder (0.65, the first), where dinero.js would give it to the largest ratio.
    assert_eq!(alloc("0.10", "[10, 11, 0.5]"), ["0.05", "0.05", "0.00"]);
}

#[test]
fn equal_remainders_favour_the_lower_index() {
    assert_eq!(alloc(r#""0.05""#, "[1,1,1,1,1,1,1]"), ["0.01", "0.01", "0.01", "0.01", "0.01", "0.00", "0.00"]);
    assert_eq!(alloc("0.10", "[1, 3]"), ["0.03", "0.07"]);
}

#[test]
fn zero_ratios_get_nothing_and_a_zero_total_gives_zeros() {
    assert_eq!(alloc("1", "[0, 1, 0, 1, 0]"), ["0.00", "0.50", "0.00", "0.50", "0.00"]);
    assert_eq!(alloc(r#""0""#, "[1, 2]"), ["0.00", "0.00"]);
    // Even when the leftover is large, a zero ratio is never topped up.
    assert_eq!(alloc("0.02", "[0, 1, 1, 1]"), ["0.00", "0.01", "0.01", "0.00"]);
}

#[test]
fn ratios_may_be_decimal_text_and_numbers_are_read_through_their_text() {
    assert_eq!(alloc("100", r#"["33.5", "66.5"]"#), ["33.50", "66.50"]);
    assert_eq!(alloc("100", r#"["1", 1, "1.000"]"#), alloc("100", "[1,1,1]"));
    assert_eq!(alloc("1", "[0.1, 0.2]"), alloc("1", r#"["0.1", "0.2"]"#));
    // 0.1 + 0.2 is 0.30000000000000004 as a number: a weight a hair above 0.3, not rounded to it,
    // so the one paisa goes to it rather than to the lower index.
    let near_tie = Json::Array(vec![Json::str("0.3"), Json::Number(0.1 + 0.2)]);
    let shares = allocate_json(Some(&Json::str("0.01")), Some(&near_tie)).unwrap();
    assert_eq!(shares, Json::Array(vec![Json::str("0.00"), Json::str("0.01")]));
    let tie = Json::Array(vec![Json::str("0.3"), Json::Number(0.3)]);
    let shares = allocate_json(Some(&Json::str("0.01")), Some(&tie)).unwrap();
    assert_eq!(shares, Json::Array(vec![Json::str("0.01"), Json::str("0.00")]));
}

#[test]
fn exact_for_ratios_far_beyond_u128() {
    assert_eq!(alloc("100", "[1e-300, 1e300]"), ["0.00", "100.00"]);
    assert_eq!(alloc("100", "[1e300, 1e300, 1e-300]"), ["50.00", "50.00", "0.00"]);
    let tiny = |d: &str| format!("\"0.{}{d}\"", "0".repeat(39));
    let forty_decimals = format!("[{}, {}]", tiny("1"), tiny("2"));
    assert_eq!(alloc("1", &forty_decimals), ["0.33", "0.67"]);
    let long = format!("[\"{0}\", \"{0}\", \"{0}\"]", "7".repeat(60));
    assert_eq!(alloc("100", &long), ["33.34", "33.33", "33.33"]);
    // 1 part in 10^40 beside 1: only that part's floor is zero; the sum still holds.
    let mixed = format!("[1, {}]", tiny("1"));
    assert_eq!(alloc("10000000000", &mixed), ["10000000000.00", "0.00"]);
}

#[test]
fn exact_at_the_largest_total_with_ratios_past_two_to_the_32() {
    let ratios = "[4294967296, 4294967295, 1, 18446744073709551615]";
    let shares = alloc(r#""10000000000.00""#, ratios);
    let paise: Vec<i128> = shares.iter().map(|s| (s.replace('.', "")).parse().unwrap()).collect();
    assert_eq!(paise.iter().sum::<i128>(), 1_000_000_000_000);
    // Each share is the floor or the ceiling of total × w / W, computed here independently.
    let w: Vec<i128> = vec![4294967296, 4294967295, 1, 18446744073709551616]; // 2^64-1 reads as 2^64
    let total_w: i128 = w.iter().sum();
    for (share, wi) in paise.iter().zip(&w) {
        let floor = 1_000_000_000_000i128 * wi / total_w;
        assert!(*share == floor || *share == floor + 1, "{share} vs {floor}");
    }
}

#[test]
fn errors_name_their_code_and_path() {
    assert_eq!(alloc_err(Some("100"), Some("[]")), (Code::EmptyRatios, "ratios".into()));
    assert_eq!(alloc_err(Some("100"), Some("[0, 0]")), (Code::RatioInvalid, "ratios".into()));
    assert_eq!(alloc_err(Some("100"), Some(r#""1,2""#)), (Code::RatioInvalid, "ratios".into()));
    assert_eq!(alloc_err(Some("100"), Some("{}")), (Code::RatioInvalid, "ratios".into()));
    assert_eq!(alloc_err(Some("100"), None), (Code::RatioInvalid, "ratios".into()));
    assert_eq!(alloc_err(Some("100"), Some("[1, -1]")), (Code::RatioInvalid, "ratios[1]".into()));
    for bad in [r#""-0.5""#, r#""abc""#, r#""1e3""#, r#"".5""#, r#""1.""#, r#"" 1""#, "true", "null", "[1]", "{}"] {
        assert_eq!(
            alloc_err(Some("100"), Some(&format!("[1, 2, {bad}]"))),
            (Code::RatioInvalid, "ratios[2]".into()),
            "{bad}"
        );
    }
    let nan = Json::Array(vec![Json::Number(1.0), Json::Number(f64::NAN)]);
    assert_eq!(allocate_json(Some(&Json::str("1")), Some(&nan)).unwrap_err().path, "ratios[1]");
    let inf = Json::Array(vec![Json::Number(f64::INFINITY)]);
    assert_eq!(allocate_json(Some(&Json::str("1")), Some(&inf)).unwrap_err().code, Code::RatioInvalid);

    assert_eq!(alloc_err(None, Some("[1]")), (Code::MissingField, "total".into()));
    assert_eq!(alloc_err(Some(r#""abc""#), Some("[1]")), (Code::InvalidAmount, "total".into()));
    assert_eq!(alloc_err(Some(r#""1.001""#), Some("[1]")), (Code::TooManyDecimals, "total".into()));
    assert_eq!(alloc_err(Some("-1"), Some("[1]")), (Code::NegativeAmount, "total".into()));
    assert_eq!(alloc_err(Some("10000000000.01"), Some("[1]")), (Code::InvalidAmount, "total".into()));
    assert_eq!(alloc_err(Some("true"), Some("[1]")), (Code::InvalidType, "total".into()));
    // The total is checked first.
    assert_eq!(alloc_err(Some(r#""x""#), Some("[]")).0, Code::InvalidAmount);
}

#[test]
fn typed_api_allocates_paise_by_ratios() {
    let ratios = [Ratio::from_int(1), Ratio::from_text("2.5", "r").unwrap(), Ratio::from_number(0.5, "r").unwrap()];
    assert_eq!(allocate(Paise(400), &ratios).unwrap(), vec![Paise(100), Paise(250), Paise(50)]);
    assert_eq!(allocate(Paise(-1), &ratios).unwrap_err().code, Code::NegativeAmount);
    assert_eq!(allocate(Paise(1), &[]).unwrap_err().code, Code::EmptyRatios);
}

#[test]
fn a_thousand_ratios_allocate_quickly() {
    let ratios: Vec<Ratio> = (0..1000u64).map(|i| Ratio::from_int(i % 97 + 1)).collect();
    let start = std::time::Instant::now();
    for _ in 0..100 {
        let shares = allocate(Paise(123_456_789), &ratios).unwrap();
        assert_eq!(shares.iter().map(|p| p.0).sum::<i64>(), 123_456_789);
    }
    // Generous even for a debug build on a busy machine; a quadratic or allocating path fails it.
    assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Checks the largest-remainder properties with exact integer arithmetic.
fn check_hamilton(total: i64, weights: &[u128], shares: &[Paise]) -> std::result::Result<(), TestCaseError> {
    let total_w: u128 = weights.iter().sum();
    let t = total as u128;
    prop_assert_eq!(shares.iter().map(|p| p.0).sum::<i64>(), total);
    let mut rounded: Vec<(u128, usize, bool)> = Vec::new();
    for (i, (w, share)) in weights.iter().zip(shares).enumerate() {
        let (floor, rem) = (t * w / total_w, t * w % total_w);
        let share = share.0 as u128;
        prop_assert!(
            share == floor || (rem > 0 && share == floor + 1),
            "share {} of exact {}/{}",
            share,
            t * w,
            total_w
        );
        if *w == 0 {
            prop_assert_eq!(share, 0);
        }
        rounded.push((rem, i, share > floor));
    }
    // No share was rounded up while one with a larger remainder (or an equal one at a lower
    // index) was rounded down.
    for &(rem_up, i_up, up) in &rounded {
        for &(rem_down, i_down, down_up) in &rounded {
            if up && !down_up && rem_down > 0 {
                prop_assert!(
                    rem_up > rem_down || (rem_up == rem_down && i_up < i_down),
                    "{} up, {} down",
                    i_up,
                    i_down
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn integer_ratios_follow_largest_remainder(total in prop_oneof![Just(0i64), 0i64..=1_000_000_000_000], weights in prop::collection::vec(prop_oneof![Just(0u64), 0u64..=10, 0u64..=u32::MAX as u64 * 4, any::<u64>()], 1..40)) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let ratios: Vec<Ratio> = weights.iter().map(|w| Ratio::from_int(*w)).collect();
        let shares = allocate(Paise(total), &ratios).unwrap();
        let wide: Vec<u128> = weights.iter().map(|w| u128::from(*w)).collect();
        check_hamilton(total, &wide, &shares)?;
    }

    #[test]
    fn decimal_ratios_follow_largest_remainder(total in 0i64..=1_000_000_000_000, weights in prop::collection::vec((0u64..=1_000_000, 0u32..=6), 1..20)) {
        // w / 10^d as text, compared with the exact integers w × 10^(6 − d).
        prop_assume!(weights.iter().any(|(w, _)| *w > 0));
        let texts: Vec<Json> = weights.iter().map(|(w, d)| Json::str(decimal_text(*w, *d))).collect();
        let shares = allocate_json(Some(&Json::str(Paise(total).to_text())), Some(&Json::Array(texts))).unwrap();
        let shares: Vec<Paise> = shares.as_array().unwrap().iter().map(|s| parse_paise(s.as_str().unwrap())).collect();
        let scaled: Vec<u128> = weights.iter().map(|(w, d)| u128::from(*w) * 10u128.pow(6 - d)).collect();
        check_hamilton(total, &scaled, &shares)?;
    }

    #[test]
    fn scaling_every_ratio_by_the_same_power_of_ten_changes_nothing(total in 0i64..=1_000_000_000_000, weights in prop::collection::vec(0u64..=u64::MAX, 1..12), shift in 20usize..80) {
        // The scaled ratios no longer fit u128 (60+ digit integers, or 40+ decimals beside
        // whole numbers): this pits the exact big-integer path against the fast one.
        prop_assume!(weights.iter().any(|w| *w > 0));
        let plain: Vec<Ratio> = weights.iter().map(|w| Ratio::from_int(*w)).collect();
        let up: Vec<Ratio> = weights.iter().map(|w| Ratio::from_text(&format!("{w}{}", "0".repeat(shift)), "r").unwrap()).collect();
        let down: Vec<Ratio> = weights.iter().map(|w| Ratio::from_text(&format!("0.{}{:020}", "0".repeat(shift), w), "r").unwrap()).collect();
        let expected = allocate(Paise(total), &plain).unwrap();
        prop_assert_eq!(&expected, &allocate(Paise(total), &up).unwrap());
        prop_assert_eq!(&expected, &allocate(Paise(total), &down).unwrap());
    }
}

fn decimal_text(w: u64, decimals: u32) -> String {
    let digits = format!("{:0width$}", w, width = decimals as usize + 1);
    let (int, frac) = digits.split_at(digits.len() - decimals as usize);
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

fn parse_paise(text: &str) -> Paise {
    marketsplit::money::amount::parse_amount_text(text, "").unwrap()
}
