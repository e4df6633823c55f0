//! The wasm binding as JavaScript sees it: values crossing the boundary both ways, the
//! `SettlementLedger` class used through its generated glue, and `MarketsplitError` as a real
//! `Error` with the contract's codes and paths. Runs in Node and in headless Chromium
//! (`scripts/test_wasm.sh`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use marketsplit::js::error::marketsplit_error_class;
use marketsplit::js::ledger::SettlementLedger;
use marketsplit::js::{money, split};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function errorFacts(e, sample) {
  return JSON.stringify({
    isError: e instanceof Error,
    isMarketsplitError: e instanceof sample.constructor,
    className: sample.constructor.name,
    name: e.name,
    code: e.code,
    path: e.path,
    message: e.message,
    stackHead: typeof e.stack === "string" ? e.stack.split("\n")[0] : null,
    asText: String(e),
  });
}
export function construct(sample, code, path, message) {
  return new sample.constructor(code, path, message);
}
export function call(target, method, args) {
  try { target[method](...args); return undefined; } catch (e) { return e; }
}
export function withUndefinedMember(value, key) { return { ...value, [key]: undefined }; }
export function withFunctionAt(value, path) { return replaceAt(value, path, () => 1); }
export function withBigIntAt(value, path) { return replaceAt(value, path, 10n); }
function replaceAt(value, path, leaf) {
  const copy = JSON.parse(JSON.stringify(value));
  const keys = path.split(".");
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys[keys.length - 1]] = leaf;
  return copy;
}
export function throwingGetter() {
  return { get amount() { throw new Error("getter failed"); } };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = errorFacts)]
    fn error_facts(e: &JsValue, sample: &JsValue) -> String;
    fn construct(sample: &JsValue, code: &str, path: Option<String>, message: Option<String>) -> JsValue;
    fn call(target: &JsValue, method: &str, args: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = withUndefinedMember)]
    fn with_undefined_member(value: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = withFunctionAt)]
    fn with_function_at(value: &JsValue, path: &str) -> JsValue;
    #[wasm_bindgen(js_name = withBigIntAt)]
    fn with_bigint_at(value: &JsValue, path: &str) -> JsValue;
    #[wasm_bindgen(js_name = throwingGetter)]
    fn throwing_getter() -> JsValue;
}

/// A JS value from JSON text (JSON.parse, not eval).
fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn text(value: &JsValue) -> String {
    JSON::stringify(value).expect("stringify").into()
}

/// `value.a.b.0.c`, read through Reflect as JS would.
fn at(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).expect("readable"))
}

/// An instance of the class, for the JS helpers that read `sample.constructor`.
fn sample() -> JsValue {
    Reflect::construct(
        marketsplit_error_class().unchecked_ref::<js_sys::Function>(),
        &js_sys::Array::of1(&"INVALID_AMOUNT".into()),
    )
    .expect("constructible")
}

/// The parsed facts of a thrown value, after checking it is a MarketsplitError and an Error.
fn facts(e: &JsValue) -> JsValue {
    let facts = js(&error_facts(e, &sample()));
    assert_eq!(at(&facts, "isError"), JsValue::TRUE, "not instanceof Error: {}", text(&facts));
    assert_eq!(at(&facts, "isMarketsplitError"), JsValue::TRUE, "not instanceof MarketsplitError: {}", text(&facts));
    assert_eq!(at(&facts, "name").as_string().as_deref(), Some("MarketsplitError"));
    facts
}

#[track_caller]
fn assert_thrown(result: Result<JsValue, JsValue>, code: &str, path: &str) -> JsValue {
    let e = match result {
        Ok(v) => panic!("expected {code} at {path:?}, got {}", text(&v)),
        Err(e) => e,
    };
    let f = facts(&e);
    assert_eq!(
        (at(&f, "code").as_string().unwrap(), at(&f, "path").as_string().unwrap()),
        (code.into(), path.into()),
        "{}",
        text(&f)
    );
    f
}

fn ledger_js(payment: &str, amount: &str) -> JsValue {
    let options = js(&format!(r#"{{"paymentId":"{payment}","amount":"{amount}"}}"#));
    SettlementLedger::new(&options).map(JsValue::from).expect("ledger")
}

#[wasm_bindgen_test]
fn allocate_takes_strings_and_numbers_and_returns_amount_strings() {
    let shares = money::allocate(&"100".into(), &js("[1,1,1]")).unwrap();
    assert_eq!(text(&shares), r#"["33.34","33.33","33.33"]"#);
    let shares = money::allocate(&JsValue::from_f64(10.0), &js(r#"["0",1,2]"#)).unwrap();
    assert_eq!(text(&shares), r#"["0.00","3.33","6.67"]"#);
    assert!(js_sys::Array::is_array(&shares));
}

#[wasm_bindgen_test]
fn allocate_reports_codes_and_paths() {
    let cases: Vec<(JsValue, JsValue, &str, &str)> = vec![
        ("1.234".into(), js("[1]"), "TOO_MANY_DECIMALS", "total"),
        ("-5".into(), js("[1]"), "NEGATIVE_AMOUNT", "total"),
        ("abc".into(), js("[1]"), "INVALID_AMOUNT", "total"),
        (JsValue::from_f64(f64::NAN), js("[1]"), "INVALID_AMOUNT", "total"),
        (JsValue::from_f64(1e300), js("[1]"), "INVALID_AMOUNT", "total"),
        (JsValue::from_f64(0.1 + 0.2), js("[1]"), "TOO_MANY_DECIMALS", "total"),
        (JsValue::TRUE, js("[1]"), "INVALID_TYPE", "total"),
        (js("{}"), js("[1]"), "INVALID_TYPE", "total"),
        (JsValue::NULL, js("[1]"), "MISSING_FIELD", "total"),
        (JsValue::UNDEFINED, js("[1]"), "MISSING_FIELD", "total"),
        ("100".into(), js("[]"), "EMPTY_RATIOS", "ratios"),
        ("100".into(), js("[1,-1]"), "RATIO_INVALID", "ratios[1]"),
        ("100".into(), "1,2".into(), "RATIO_INVALID", "ratios"),
        ("100".into(), with_bigint_at(&js("[1,2]"), "1"), "INVALID_TYPE", "ratios[1]"),
        (with_function_at(&js(r#"{"a":1}"#), "a"), js("[1]"), "INVALID_TYPE", "total.a"),
    ];
    for (total, ratios, code, path) in cases {
        assert_thrown(money::allocate(&total, &ratios), code, path);
    }
}

#[wasm_bindgen_test]
fn thrown_errors_are_marketsplit_errors_and_errors() {
    let f = assert_thrown(money::allocate(&"1.234".into(), &js("[1]")), "TOO_MANY_DECIMALS", "total");
    let message = at(&f, "message").as_string().unwrap();
    assert!(!message.is_empty());
    assert_eq!(at(&f, "className").as_string().as_deref(), Some("MarketsplitError"));
    assert_eq!(at(&f, "stackHead").as_string(), Some(format!("MarketsplitError: {message}")));
    assert_eq!(at(&f, "asText").as_string(), Some(format!("MarketsplitError: {message}")));
}

#[wasm_bindgen_test]
fn marketsplit_error_can_be_made_in_js() {
    let e = construct(&sample(), "SUM_MISMATCH", Some("vendors".into()), Some("vendors sum to 90.00".into()));
    let f = facts(&e);
    assert_eq!(text(&at(&f, "code")), r#""SUM_MISMATCH""#);
    assert_eq!(text(&at(&f, "path")), r#""vendors""#);
    assert_eq!(at(&f, "stackHead").as_string().as_deref(), Some("MarketsplitError: vendors sum to 90.00"));
    let bare = facts(&construct(&sample(), "TIMEOUT", None, None));
    assert_eq!(
        (at(&bare, "path").as_string(), at(&bare, "message").as_string()),
        (Some(String::new()), Some(String::new()))
    );
}

const ORDER: &str = r#"{"orderAmount":"1000","vendors":[
    {"subMid":"V1","amount":"600","commission":{"percent":"10"}},
    {"subMid":"V2","amount":400}]}"#;

#[wasm_bindgen_test]
fn calculate_split_returns_nested_plain_objects_with_json_numbers_for_juspay() {
    // An `undefined` member is left out, as JSON.stringify does, so the default applies.
    let input = with_undefined_member(&js(ORDER), "mdrBorneBy");
    let plan = split::calculate_split(&input).unwrap();
    assert_eq!(at(&plan, "mdrBorneBy").as_string().as_deref(), Some("MARKETPLACE"));
    assert_eq!(at(&plan, "vendors.0.amount").as_string().as_deref(), Some("540.00"));
    assert_eq!(at(&plan, "vendors.0.commission").as_string().as_deref(), Some("60.00"));
    assert_eq!(at(&plan, "vendors.1.amount").as_string().as_deref(), Some("400.00"));
    assert_eq!(at(&plan, "marketplace.amount").as_string().as_deref(), Some("60.00"));
    assert_eq!(at(&plan, "vendors.0.fee").as_string().as_deref(), Some("0.00"));
    let details = at(&plan, "splitSettlementDetails");
    assert_eq!(at(&details, "vendor.split.0.amount").as_f64(), Some(540.0));
    assert_eq!(at(&details, "vendor.split.0.merchant_commission").as_f64(), Some(60.0));
    assert_eq!(at(&details, "vendor.split.1.sub_mid").as_string().as_deref(), Some("V2"));
    assert_eq!(at(&details, "marketplace.amount").as_f64(), Some(60.0));

    // The metadata text is that same object, from the plan or from the details.
    let from_plan = split::juspay_split_metadata(&plan).unwrap();
    assert_eq!(text(&js(&from_plan)), text(&details));
    assert_eq!(split::juspay_split_metadata(&details).unwrap(), from_plan);
}

#[wasm_bindgen_test]
fn calculate_split_reports_codes_and_paths() {
    let short = js(r#"{"orderAmount":"100","vendors":[{"subMid":"A","amount":"50"},{"subMid":"B","amount":"40"}]}"#);
    let f = assert_thrown(split::calculate_split(&short), "SUM_MISMATCH", "vendors");
    let message = at(&f, "message").as_string().unwrap();
    assert!(message.contains("90.00") && message.contains("100.00"), "{message}");

    let bad_percent =
        js(r#"{"orderAmount":"100","vendors":[{"subMid":"A","amount":"100","commission":{"percent":"abc"}}]}"#);
    assert_thrown(split::calculate_split(&bad_percent), "INVALID_AMOUNT", "vendors[0].commission.percent");
    assert_thrown(
        split::calculate_split(&with_function_at(&js(ORDER), "vendors.1.amount")),
        "INVALID_TYPE",
        "vendors[1].amount",
    );
    assert_thrown(split::calculate_split(&with_bigint_at(&js(ORDER), "orderAmount")), "INVALID_TYPE", "orderAmount");
    assert_thrown(split::calculate_split(&js(r#"{"orderAmount":"100","vendors":[]}"#)), "EMPTY_SPLIT", "vendors");
    assert_thrown(split::juspay_split_metadata(&JsValue::from_f64(5.0)).map(JsValue::from), "INVALID_TYPE", "");
}

const DETAILS: &str = r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20},
    "vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":5},{"sub_mid":"V2","amount":30,"merchant_commission":3}]}}"#;

#[wasm_bindgen_test]
fn validate_juspay_split_answers_with_a_result_and_throws_only_for_order_amount() {
    let ok = split::validate_juspay_split(&"100".into(), &js(DETAILS)).unwrap();
    assert_eq!(text(&ok), r#"{"ok":true,"errors":[]}"#);
    let ok_text = split::validate_juspay_split(&JsValue::from_f64(100.0), &DETAILS.into()).unwrap();
    assert_eq!(at(&ok_text, "ok"), JsValue::TRUE);

    let bad = js(&DETAILS.replace(r#""ALL""#, r#""NOBODY""#).replace(r#""V2""#, r#""V1""#));
    let result = split::validate_juspay_split(&"100".into(), &bad).unwrap();
    assert_eq!(at(&result, "ok"), JsValue::FALSE);
    let found: Vec<(String, String)> = js_sys::Array::from(&at(&result, "errors"))
        .iter()
        .map(|e| (at(&e, "code").as_string().unwrap(), at(&e, "path").as_string().unwrap()))
        .collect();
    assert!(found.contains(&("INVALID_MDR_BORNE_BY".into(), "mdr_borne_by".into())), "{found:?}");
    assert!(found.iter().any(|(code, _)| code == "DUPLICATE_SUB_MID"), "{found:?}");

    let not_json = split::validate_juspay_split(&"100".into(), &"{".into()).unwrap();
    assert_eq!(at(&not_json, "errors.0.code").as_string().as_deref(), Some("INVALID_JSON"));
    let with_function =
        split::validate_juspay_split(&"100".into(), &with_function_at(&js(DETAILS), "vendor.split.0.amount")).unwrap();
    assert_eq!(at(&with_function, "errors.0.code").as_string().as_deref(), Some("INVALID_TYPE"));
    assert_eq!(at(&with_function, "errors.0.path").as_string().as_deref(), Some("vendor.split[0].amount"));

    assert_thrown(split::validate_juspay_split(&"abc".into(), &js(DETAILS)), "INVALID_AMOUNT", "orderAmount");
}

#[wasm_bindgen_test]
fn order_status_reads_names_and_ids_and_never_throws() {
    let charged = split::order_status(&"charged".into());
    assert_eq!(text(&at(&charged, "status")), r#""CHARGED""#);
    assert_eq!(at(&charged, "statusId").as_f64(), Some(21.0));
    assert_eq!((at(&charged, "terminal"), at(&charged, "success")), (JsValue::TRUE, JsValue::TRUE));
    let failed = split::order_status(&JsValue::from_f64(26.0));
    assert_eq!(at(&failed, "status").as_string().as_deref(), Some("AUTHENTICATION_FAILED"));
    // The buyer may retry after 26 (Juspay's guide): failed, but not terminal.
    assert_eq!(
        (at(&failed, "terminal"), at(&failed, "success"), at(&failed, "failed")),
        (JsValue::FALSE, JsValue::FALSE, JsValue::TRUE)
    );
    assert_eq!(at(&charged, "failed"), JsValue::FALSE);
    assert_eq!(at(&split::order_status(&"21".into()), "status").as_string().as_deref(), Some("CHARGED"));
    assert_eq!(at(&split::order_status(&"NEW".into()), "terminal"), JsValue::FALSE);
    for unknown in
        [JsValue::from_str("bogus"), JsValue::UNDEFINED, with_function_at(&js(r#"{"a":1}"#), "a"), js("[21]")]
    {
        let info = split::order_status(&unknown);
        assert_eq!(at(&info, "status").as_string().as_deref(), Some("UNKNOWN"));
        assert_eq!(at(&info, "statusId").as_f64(), Some(-1.0));
    }
}

#[wasm_bindgen_test]
fn ledger_class_works_through_its_js_methods_and_getters() {
    let ledger = ledger_js("MOJO1", "100");
    for (method, args) in [("credit", r#"["A","60"]"#), ("credit", r#"["B",30]"#), ("refund", r#"["50"]"#)] {
        assert!(call(&ledger, method, &js(args)).is_undefined(), "{method} {args}");
    }
    assert_eq!(at(&ledger, "credited").as_string().as_deref(), Some("90.00"));
    assert_eq!(at(&ledger, "refunded").as_string().as_deref(), Some("50.00"));
    assert_eq!(at(&ledger, "amount").as_string().as_deref(), Some("100.00"));
    assert_eq!(at(&ledger, "fulfilled"), JsValue::FALSE);
    assert_eq!(at(&ledger, "marketplaceShare").as_string().as_deref(), Some("-40.00"));
    assert_eq!(at(&ledger, "entries.2.type").as_string().as_deref(), Some("REFUND"));
    assert_eq!(at(&ledger, "entries.0.amount").as_string().as_deref(), Some("60.00"));

    let plan = Reflect::apply(&at(&ledger, "planRefundDebits").into(), &ledger, &js(r#"["50"]"#).into()).unwrap();
    assert_eq!(text(&plan), r#"[{"subMerchantId":"A","amount":"30.00"},{"subMerchantId":"B","amount":"15.00"}]"#);
    let plan =
        Reflect::apply(&at(&ledger, "planRefundDebits").into(), &ledger, &js(r#"["50",{"from":"VENDORS"}]"#).into())
            .unwrap();
    assert_eq!(text(&plan), r#"[{"subMerchantId":"A","amount":"33.33"},{"subMerchantId":"B","amount":"16.67"}]"#);

    assert!(call(&ledger, "debit", &js(r#"["A","30",{"balance":"100"}]"#)).is_undefined());
    assert!(call(&ledger, "fulfil", &js("[]")).is_undefined());
    assert_eq!(at(&ledger, "fulfilled"), JsValue::TRUE);
    assert_eq!(at(&ledger, "debited").as_string().as_deref(), Some("30.00"));
}

#[wasm_bindgen_test]
fn ledger_refusals_throw_marketsplit_errors_and_leave_it_usable() {
    let ledger = ledger_js("MOJO2", "100");
    let refused = |method: &str, args: &str, code: &str, path: &str| {
        let e = call(&ledger, method, &js(args));
        assert!(!e.is_undefined(), "{method}{args} was accepted");
        let f = facts(&e);
        assert_eq!(at(&f, "code").as_string().as_deref(), Some(code), "{method}{args}: {}", text(&f));
        assert_eq!(at(&f, "path").as_string().as_deref(), Some(path), "{method}{args}: {}", text(&f));
    };
    refused("credit", r#"["A","0"]"#, "INVALID_AMOUNT", "amount");
    refused("credit", r#"["A","100.001"]"#, "TOO_MANY_DECIMALS", "amount");
    refused("credit", r#"["A",true]"#, "INVALID_TYPE", "amount");
    refused("credit", r#"["A","150"]"#, "CREDIT_EXCEEDS_PAYMENT", "amount");
    refused("debit", r#"["A","10"]"#, "DEBIT_WITHOUT_REFUND", "");
    refused("refund", r#"["101"]"#, "REFUND_EXCEEDS_PAYMENT", "amount");
    refused("planRefundDebits", r#"["10",{"from":"NOBODY"}]"#, "INVALID_OPTION", "from");
    // A getter that throws while the argument is read is a refusal too, not an exception that
    // would leave the ledger borrowed.
    let e = call(&ledger, "credit", &js_sys::Array::of2(&"A".into(), &throwing_getter()));
    assert_eq!(at(&facts(&e), "code").as_string().as_deref(), Some("INVALID_TYPE"));

    assert!(call(&ledger, "credit", &js(r#"["A","70"]"#)).is_undefined());
    assert!(call(&ledger, "fulfil", &js("[]")).is_undefined());
    refused("fulfil", "[]", "ALREADY_FULFILLED", "");
    refused("credit", r#"["B","10"]"#, "CREDIT_AFTER_FULFIL", "");
    assert_eq!(at(&ledger, "credited").as_string().as_deref(), Some("70.00"));
    assert_eq!(js_sys::Array::from(&at(&ledger, "entries")).length(), 2);

    let check = Reflect::apply(
        &at(&ledger, "check").into(),
        &ledger,
        &js(r#"[{"type":"DEBIT","subMerchantId":"Z","amount":"5"}]"#).into(),
    )
    .unwrap();
    assert_eq!(at(&check, "ok"), JsValue::FALSE);
    let codes: Vec<String> =
        js_sys::Array::from(&at(&check, "errors")).iter().map(|e| at(&e, "code").as_string().unwrap()).collect();
    assert!(
        codes.contains(&"DEBIT_WITHOUT_REFUND".to_string()) && codes.contains(&"DEBIT_NOT_CREDITED".to_string()),
        "{codes:?}"
    );
}

#[wasm_bindgen_test]
fn ledger_state_round_trips_as_value_and_as_text() {
    let ledger = ledger_js("MOJO3", "250.50");
    assert!(call(&ledger, "credit", &js(r#"["A","100.25"]"#)).is_undefined());
    assert!(call(&ledger, "refund", &js(r#"["20"]"#)).is_undefined());
    let state = Reflect::apply(&at(&ledger, "toJSON").into(), &ledger, &js_sys::Array::new()).unwrap();
    let class = at(&ledger, "constructor");
    let from_json = at(&class, "fromJSON");
    for stored in [state.clone(), JsValue::from(text(&state))] {
        let loaded = Reflect::apply(&from_json.clone().into(), &class, &js_sys::Array::of1(&stored)).unwrap();
        assert_eq!(
            text(&Reflect::apply(&at(&loaded, "toJSON").into(), &loaded, &js_sys::Array::new()).unwrap()),
            text(&state)
        );
        assert_eq!(at(&loaded, "credited").as_string().as_deref(), Some("100.25"));
        assert_eq!(at(&loaded, "marketplaceShare").as_string().as_deref(), Some("130.25"));
    }
    // JSON.stringify uses toJSON, as a user storing the ledger would.
    assert_eq!(text(&ledger), text(&state));
    for (bad, path) in [(js("{}"), "version"), ("nope".into(), ""), (JsValue::NULL, ""), (js("[1]"), "")] {
        assert_thrown(SettlementLedger::from_json(&bad).map(JsValue::from), "INVALID_STATE", path);
    }
}
