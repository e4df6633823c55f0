//! Hostile JS values in a row at every browser export, then a correct call; and text with a lone
//! UTF-16 surrogate, which must be refused at its path, never read as U+FFFD (two different ids
//! must never become one). The server exports get the same treatment from Node
//! (tests/node/hostile.test.mjs), on the server build.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect, JSON};
use marketsplit::js::error::marketsplit_error_class;
use marketsplit::js::ledger::SettlementLedger;
use marketsplit::js::readers::js_read;
use marketsplit::js::{money, split};
use marketsplit::json::Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
// The kinds of value the contract names (a getter that throws, a revoked Proxy, a cyclic object,
// a Symbol), and what a getter may throw: a revoked Proxy, an object whose toString throws.
export function hostile(i, key) {
  const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
  switch (i % 8) {
    case 0: return { [key]: 1, get [key]() { throw new Error("getter " + i); } };
    case 1: return revoked();
    case 2: { const c = { [key]: "1" }; c.self = c; c.list = [c]; return c; }
    case 3: return Symbol("s" + i);
    case 4: return { get [key]() { throw revoked(); } };
    case 5: return { get [key]() { throw { toString() { throw new Error("toString"); } }; } };
    case 6: return new Proxy({}, { ownKeys() { throw new Error("ownKeys"); }, getPrototypeOf() { throw new Error("proto"); } });
    default: return [1, { [key]: revoked() }];
  }
}
// A call through the glue, as an application makes it; what it threw, if anything.
export function attempt(target, method, args) {
  try { target[method](...args); return undefined; } catch (e) { return e; }
}
export function isMarketsplitError(e, sample) {
  return e instanceof sample.constructor && typeof e.code === "string" && typeof e.path === "string";
}
export function facts(e) {
  return e === undefined ? "no error" : e.code + " at " + JSON.stringify(e.path) + ": " + e.message;
}
"#)]
extern "C" {
    fn hostile(i: u32, key: &str) -> JsValue;
    fn attempt(target: &JsValue, method: &str, args: &Array) -> JsValue;
    #[wasm_bindgen(js_name = isMarketsplitError)]
    fn is_marketsplit_error(e: &JsValue, sample: &JsValue) -> bool;
    fn facts(e: &JsValue) -> String;
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn sample() -> JsValue {
    Reflect::construct(marketsplit_error_class().unchecked_ref::<Function>(), &Array::of1(&"INVALID_TYPE".into()))
        .expect("constructible")
}

/// A JS string from UTF-16 code units, so a test can hold a lone surrogate.
fn utf16(units: &[u16]) -> JsValue {
    js_sys::JsString::from_char_code(units).into()
}

fn ledger(state: &str) -> JsValue {
    SettlementLedger::new(&js(state)).expect("ledger").into()
}

#[track_caller]
fn refused(result: Result<JsValue, JsValue>, what: &str, sample: &JsValue) {
    match result {
        Ok(_) => {}
        Err(e) => assert!(is_marketsplit_error(&e, sample), "{what} threw something other than a MarketsplitError"),
    }
}

#[wasm_bindgen_test]
fn ten_thousand_hostile_values_in_a_row_then_a_correct_call() {
    // One hostile value per call, the exports in turn, so each meets every kind of value many
    // times (the Node test of the server build gives each export 10,000 of its own, in release).
    let sample = sample();
    let book = ledger(r#"{"paymentId":"P1","amount":"100"}"#);
    for i in 0..10_000u32 {
        let bad = hostile(i, ["orderAmount", "amount", "paymentId", "sub_mid"][(i / 8 % 4) as usize]);
        let method = |name: &str, args: Array| {
            let thrown = attempt(&book, name, &args);
            if thrown.is_undefined() {
                Ok(JsValue::UNDEFINED)
            } else {
                Err(thrown)
            }
        };
        let (what, result) = match i % 15 {
            0 => ("calculateSplit", split::calculate_split(&bad)),
            1 => ("juspaySplitMetadata", split::juspay_split_metadata(&bad).map(JsValue::from)),
            2 => ("allocate(total)", money::allocate(&bad, &js("[1,2]"))),
            3 => ("allocate(ratios)", money::allocate(&"1".into(), &bad)),
            4 => ("validateJuspaySplit(orderAmount)", split::validate_juspay_split(&bad, &js("{}"))),
            5 => {
                let result = split::validate_juspay_split(&"1".into(), &bad).expect("a bad payload is reported");
                assert_eq!(Reflect::get(&result, &"ok".into()).unwrap().as_bool(), Some(false));
                ("validateJuspaySplit(details)", Ok(result))
            }
            6 => {
                let status = split::order_status(&bad);
                assert!(Reflect::get(&status, &"status".into()).unwrap().as_string().is_some());
                ("orderStatus", Ok(status))
            }
            7 => ("new SettlementLedger", SettlementLedger::new(&bad).map(JsValue::from)),
            8 => ("SettlementLedger.fromJSON", SettlementLedger::from_json(&bad).map(JsValue::from)),
            9 => ("ledger.credit(id)", method("credit", Array::of2(&bad, &"1".into()))),
            10 => ("ledger.credit(amount)", method("credit", Array::of2(&"A".into(), &bad))),
            11 => ("ledger.refund", method("refund", Array::of1(&bad))),
            12 => ("ledger.debit", method("debit", Array::of3(&"A".into(), &"1".into(), &bad))),
            13 => ("ledger.planRefundDebits", method("planRefundDebits", Array::of2(&"1".into(), &bad))),
            _ => {
                let thrown = attempt(&book, "check", &Array::of1(&bad));
                assert!(thrown.is_undefined(), "check reports, never throws: {}", facts(&thrown));
                ("ledger.check", Ok(JsValue::UNDEFINED))
            }
        };
        refused(result, what, &sample);
    }
    // Every export still answers, and right.
    let shares = money::allocate(&"100".into(), &js("[1,1,1]")).unwrap();
    assert_eq!(String::from(JSON::stringify(&shares).unwrap()), r#"["33.34","33.33","33.33"]"#);
    let plan = split::calculate_split(&js(
        r#"{"orderAmount":"10","vendors":[{"subMid":"A","weight":1},{"subMid":"B","weight":2}]}"#,
    ))
    .unwrap();
    let second = Reflect::get(&Reflect::get(&plan, &"vendors".into()).unwrap(), &1.into()).unwrap();
    assert_eq!(Reflect::get(&second, &"amount".into()).unwrap().as_string().as_deref(), Some("6.67"));
    assert!(attempt(&book, "credit", &Array::of2(&"A".into(), &"40".into())).is_undefined());
    assert_eq!(Reflect::get(&book, &"credited".into()).unwrap().as_string().as_deref(), Some("40.00"));
}

#[wasm_bindgen_test]
fn a_debit_to_one_lone_surrogate_after_a_credit_to_another_is_refused() {
    // "\ud800" and "\udfff" both cross into Rust as U+FFFD: read that way, the debit would pass.
    let book = ledger(r#"{"paymentId":"P1","amount":"100"}"#);
    let credit = attempt(&book, "credit", &Array::of2(&utf16(&[0xD800]), &"60".into()));
    assert_eq!(facts(&credit).split(':').next(), Some("INVALID_TYPE at \"subMerchantId\""), "{}", facts(&credit));
    assert!(attempt(&book, "refund", &Array::of1(&"10".into())).is_undefined());
    let debit = attempt(&book, "debit", &Array::of2(&utf16(&[0xDFFF]), &"10".into()));
    assert_eq!(facts(&debit).split(':').next(), Some("INVALID_TYPE at \"subMerchantId\""), "{}", facts(&debit));
    assert_eq!(Reflect::get(&book, &"credited".into()).unwrap().as_string().as_deref(), Some("0.00"));
    assert_eq!(Reflect::get(&book, &"debited".into()).unwrap().as_string().as_deref(), Some("0.00"));
}

#[wasm_bindgen_test]
fn two_ids_that_differ_only_in_lone_surrogates_never_become_one() {
    let sample = sample();
    // As vendors of one split: the second would be a DUPLICATE_SUB_MID, or worse, one vendor.
    let input = js(r#"{"orderAmount":"10","vendors":[{"amount":"5"},{"amount":"5"}]}"#);
    let vendors = Reflect::get(&input, &"vendors".into()).unwrap();
    for (i, units) in [[0x41, 0xD800], [0x41, 0xDBFF]].iter().enumerate() {
        Reflect::set(&Reflect::get(&vendors, &(i as u32).into()).unwrap(), &"subMid".into(), &utf16(units)).unwrap();
    }
    let e = split::calculate_split(&input).unwrap_err();
    assert!(is_marketsplit_error(&e, &sample));
    assert_eq!(facts(&e).split(':').next(), Some("INVALID_TYPE at \"vendors[0].subMid\""), "{}", facts(&e));
    // In the validator, the problem is reported at its path.
    let details = js(
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":0},"vendor":{"split":[{"amount":5,"merchant_commission":0}]}}"#,
    );
    let split0 = Reflect::get(
        &Reflect::get(&Reflect::get(&details, &"vendor".into()).unwrap(), &"split".into()).unwrap(),
        &0.into(),
    )
    .unwrap();
    Reflect::set(&split0, &"sub_mid".into(), &utf16(&[0xDC00, 0x42])).unwrap();
    let result = split::validate_juspay_split(&"5".into(), &details).unwrap();
    let first = Reflect::get(&Reflect::get(&result, &"errors".into()).unwrap(), &0.into()).unwrap();
    assert_eq!(Reflect::get(&first, &"code".into()).unwrap().as_string().as_deref(), Some("INVALID_TYPE"));
    assert_eq!(Reflect::get(&first, &"path".into()).unwrap().as_string().as_deref(), Some("vendor.split[0].sub_mid"));
    // A key with a lone surrogate is refused too, and a ledger's payment id.
    let keyed: JsValue = js_sys::Object::new().into();
    Reflect::set(&keyed, &utf16(&[0xD83D]), &"1".into()).unwrap();
    let e = SettlementLedger::new(&keyed).map(JsValue::from).unwrap_err();
    assert!(facts(&e).starts_with("INVALID_TYPE"), "{}", facts(&e));
    let options = js(r#"{"amount":"100"}"#);
    Reflect::set(&options, &"paymentId".into(), &utf16(&[0x50, 0xDE00])).unwrap();
    let e = SettlementLedger::new(&options).map(JsValue::from).unwrap_err();
    assert_eq!(facts(&e).split(':').next(), Some("INVALID_TYPE at \"paymentId\""), "{}", facts(&e));
}

#[wasm_bindgen_test]
fn well_formed_text_with_pairs_and_a_genuine_replacement_character_is_kept() {
    // A surrogate pair (an emoji) and a real U+FFFD are text like any other.
    let book = ledger(r#"{"paymentId":"P1","amount":"100"}"#);
    for id in [utf16(&[0xD83D, 0xDE00]), "\u{FFFD}".into(), "a\u{FFFD}b".into()] {
        let thrown = attempt(&book, "credit", &Array::of2(&id, &"1".into()));
        assert!(thrown.is_undefined(), "{}", facts(&thrown));
    }
    let entries = JSON::stringify(&Reflect::get(&book, &"entries".into()).unwrap()).unwrap();
    assert_eq!(
        String::from(entries),
        "[{\"type\":\"CREDIT\",\"subMerchantId\":\"😀\",\"amount\":\"1.00\"},{\"type\":\"CREDIT\",\"subMerchantId\":\"\u{FFFD}\",\"amount\":\"1.00\"},{\"type\":\"CREDIT\",\"subMerchantId\":\"a\u{FFFD}b\",\"amount\":\"1.00\"}]"
    );
}

#[wasm_bindgen_test]
fn json_text_and_js_values_refuse_a_lone_surrogate_alike() {
    // JSON.parse makes JS strings with the lone surrogates the text escapes: the reader of JS
    // values and the reader of JSON text must give the same code, path and message.
    for text in [
        r#""\ud800""#,
        r#"{"uniqueRequestId":"r\ud800"}"#,
        r#"{"vendor":{"split":[{"sub_mid":"a"},{"sub_mid":"b"},{"sub_mid":"\udbff"}]}}"#,
        r#"[["x"],["y","\ud800A"]]"#,
        r#"{"v":[{"k\udfff":1}]}"#,
        r#"{"a\u00e9":{"\ud800":true}}"#,
    ] {
        let from_js = js_read(&js(text), "input").unwrap_err();
        let from_text = Json::parse(text, "input").unwrap_err();
        assert_eq!(
            (from_text.code, from_text.path, from_text.message),
            (from_js.code, from_js.path, from_js.message),
            "{text}"
        );
    }
}
