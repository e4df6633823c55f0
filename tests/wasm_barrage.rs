//! Hostile input at every export: whatever goes in, each call either answers or throws a
//! `MarketsplitError` (never another exception, never a trap), and afterwards the module still
//! answers correctly. A panic here would abort the wasm instance and fail the run.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use marketsplit::js::error::marketsplit_error_class;
use marketsplit::js::ledger::SettlementLedger;
use marketsplit::js::{money, split};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function hostileValues() {
  const cyclic = { orderAmount: "100", vendors: [] };
  cyclic.vendors.push(cyclic);
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push(cyclicArray);
  let deepObject = {};
  for (let i = 0; i < 10000; i++) deepObject = { vendors: [deepObject] };
  let deepArray = [];
  for (let i = 0; i < 10000; i++) deepArray = [deepArray];
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trapping = new Proxy({}, { ownKeys() { throw new Error("ownKeys trap"); } });
  const lying = new Proxy([], { get(t, k) { if (k === "length") return 1e12; throw new Error("get trap"); } });
  const huge = [];
  huge.length = 4294967295;
  const sparse = [];
  sparse[5] = 1;
  const protoKey = JSON.parse('{"__proto__":{"orderAmount":"1"},"vendors":[]}');
  return [
    undefined, null, NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2,
    "", " ", "abc", "1e5", "0x10", "١٠٠", "\ud800", "9".repeat(100000), "100.0000000000000000001",
    true, false, {}, [], [[[]]], [1, "2", null], sparse, { length: 3 },
    () => 1, Symbol("s"), 10n, new Date(0), new Map([[1, 2]]), new Uint8Array(4), /re/,
    { toJSON() { return "100"; } }, { valueOf() { return 100; } }, Object.create(null), protoKey,
    { get orderAmount() { throw new Error("getter"); } },
    { get amount() { const r = Proxy.revocable({}, {}); r.revoke(); throw r.proxy; } },
    { get amount() { throw { toString() { throw new Error("toString"); } }; } },
    { orderAmount: "100", vendors: [{ subMid: "A", amount: "100", commission: { percent: () => 1 } }] },
    { orderAmount: "100", vendors: new Array(2000).fill({ subMid: "A", amount: "1" }) },
    { paymentId: "P", amount: "100", type: "CREDIT", subMerchantId: "A", from: 1n },
    cyclic, cyclicArray, huge, deepObject, deepArray, revoked.proxy, trapping, lying,
  ];
}
export function describe(v) {
  try { return typeof v + " " + String(v).slice(0, 40); } catch (e) { return typeof v; }
}
export function call(target, method, args) {
  try { return { value: target[method](...args) }; } catch (e) { return { thrown: e }; }
}
export function isMarketsplitError(e, sample) {
  return e instanceof sample.constructor && e instanceof Error && typeof e.code === "string" && typeof e.path === "string" && typeof e.message === "string";
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = hostileValues)]
    fn hostile_values() -> Array;
    fn describe(v: &JsValue) -> String;
    fn call(target: &JsValue, method: &str, args: &Array) -> JsValue;
    #[wasm_bindgen(js_name = isMarketsplitError)]
    fn is_marketsplit_error(e: &JsValue, sample: &JsValue) -> bool;
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

/// Checks one answer: a value of the expected kind, or a MarketsplitError.
#[track_caller]
fn answered(what: &str, bad: &JsValue, result: Result<JsValue, JsValue>, sample: &JsValue) {
    if let Err(e) = result {
        assert!(is_marketsplit_error(&e, sample), "{what}({}) threw something else: {:?}", describe(bad), e);
    }
}

fn sanity() {
    let shares = money::allocate(&"100".into(), &js("[1,1,1]")).unwrap();
    assert_eq!(String::from(JSON::stringify(&shares).unwrap()), r#"["33.34","33.33","33.33"]"#);
    let plan = split::calculate_split(&js(
        r#"{"orderAmount":"10","vendors":[{"subMid":"A","weight":1},{"subMid":"B","weight":2}]}"#,
    ))
    .unwrap();
    let amount = Reflect::get(
        &Reflect::get(&Reflect::get(&plan, &"vendors".into()).unwrap(), &1.into()).unwrap(),
        &"amount".into(),
    )
    .unwrap();
    assert_eq!(amount.as_string().as_deref(), Some("6.67"));
}

#[wasm_bindgen_test]
fn every_free_function_survives_hostile_input() {
    let sample = Reflect::construct(
        marketsplit_error_class().unchecked_ref::<js_sys::Function>(),
        &Array::of1(&"INVALID_AMOUNT".into()),
    )
    .expect("constructible");
    let good_details = js(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":0},"vendor":{"split":[{"sub_mid":"A","amount":1,"merchant_commission":0}]}}"#,
    );
    for bad in hostile_values().iter() {
        answered("allocate", &bad, money::allocate(&bad, &js("[1]")), &sample);
        answered("allocate", &bad, money::allocate(&"1".into(), &bad), &sample);
        answered("allocate", &bad, money::allocate(&bad, &bad), &sample);
        answered("calculateSplit", &bad, split::calculate_split(&bad), &sample);
        answered("juspaySplitMetadata", &bad, split::juspay_split_metadata(&bad).map(JsValue::from), &sample);
        let validated = split::validate_juspay_split(&"1".into(), &bad);
        let result = validated.expect("validateJuspaySplit reports a bad payload instead of throwing");
        assert!(Reflect::get(&result, &"ok".into()).unwrap().as_bool().is_some(), "{}", describe(&bad));
        answered("validateJuspaySplit", &bad, split::validate_juspay_split(&bad, &good_details), &sample);
        let status = split::order_status(&bad);
        assert!(Reflect::get(&status, &"status".into()).unwrap().as_string().is_some(), "{}", describe(&bad));
        sanity();
    }
}

#[wasm_bindgen_test]
fn the_ledger_survives_hostile_input_and_keeps_its_state() {
    let sample = Reflect::construct(
        marketsplit_error_class().unchecked_ref::<js_sys::Function>(),
        &Array::of1(&"INVALID_AMOUNT".into()),
    )
    .expect("constructible");
    let ledger: JsValue = SettlementLedger::new(&js(r#"{"paymentId":"P1","amount":"100"}"#)).unwrap().into();
    let ok = call(&ledger, "credit", &Array::of2(&"A".into(), &"40".into()));
    assert!(Reflect::get(&ok, &"thrown".into()).unwrap().is_undefined());
    for bad in hostile_values().iter() {
        answered("new SettlementLedger", &bad, SettlementLedger::new(&bad).map(JsValue::from), &sample);
        answered("SettlementLedger.fromJSON", &bad, SettlementLedger::from_json(&bad).map(JsValue::from), &sample);
        let good_amount = JsValue::from_str("1");
        let calls: [(&str, Array); 9] = [
            ("credit", Array::of2(&bad, &good_amount)),
            ("credit", Array::of2(&"B".into(), &bad)),
            ("refund", Array::of1(&bad)),
            ("debit", Array::of3(&bad, &bad, &bad)),
            ("debit", Array::of3(&"A".into(), &good_amount, &bad)),
            ("check", Array::of1(&bad)),
            ("planRefundDebits", Array::of2(&bad, &bad)),
            ("planRefundDebits", Array::of2(&good_amount, &bad)),
            ("fulfil", Array::of1(&bad)),
        ];
        for (method, args) in calls {
            // Refusals are expected; what matters is that each is a MarketsplitError.
            let outcome = call(&ledger, method, &args);
            let thrown = Reflect::get(&outcome, &"thrown".into()).unwrap();
            if !thrown.is_undefined() {
                assert!(is_marketsplit_error(&thrown, &sample), "{method}({}) threw {:?}", describe(&bad), thrown);
            }
            if method == "check" {
                let value = Reflect::get(&outcome, &"value".into()).unwrap();
                assert!(Reflect::get(&value, &"ok".into()).unwrap().as_bool().is_some(), "check({})", describe(&bad));
            }
        }
        // The ledger is still usable and its getters still answer.
        let credited = Reflect::get(&ledger, &"credited".into()).unwrap();
        assert!(credited.as_string().is_some(), "after {}", describe(&bad));
    }
    // Some hostile values are valid amounts (`1e308` is not, `true` is not, `"1"`-like values
    // are), so rather than a fixed total, the state must still load back as what it says it is.
    let state = call(&ledger, "toJSON", &Array::new());
    let state = Reflect::get(&state, &"value".into()).unwrap();
    let loaded: JsValue = SettlementLedger::from_json(&state).unwrap().into();
    for getter in ["credited", "debited", "refunded", "marketplaceShare", "fulfilled"] {
        assert_eq!(
            Reflect::get(&loaded, &getter.into()).unwrap(),
            Reflect::get(&ledger, &getter.into()).unwrap(),
            "{getter}"
        );
    }
    sanity();
}
