//! The one-crossing paths of the binding against the exact definitions they stand in for: the
//! JSON-text read of every JS value (`js/snapshot.rs`) against the member-by-member walker
//! (`js/walker.rs`, built only with the `reference-walker` feature), the `Float64Array` read of
//! numeric ratios and the comma-joined shares of `allocate` against the core on the walker's value,
//! and the in-wasm number text against Rust's own. Each must answer exactly as the definition:
//! the same value, bit for bit, or the same error with the same code, path and message.
#![cfg(target_arch = "wasm32")]

#[cfg(not(feature = "reference-walker"))]
compile_error!("the wasm tests need `--features reference-walker` (scripts/test_wasm.sh passes it)");

use js_sys::{Array, Reflect, JSON};
use marketsplit::contract::money::allocate_json;
use marketsplit::float::{json_text, parse_json_number};
use marketsplit::js::money::{self, fast_ratios};
use marketsplit::js::readers::{js_read, walker_read};
use marketsplit::js::split;
use marketsplit::json::Json;
use marketsplit::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
function nest(depth, leaf, asObject) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}
export function oddValues() {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const holes = [1, , 3];
  const extra = [1, 2];
  extra.note = "not read";
  const withSymbol = { a: 1, [Symbol("s")]: 2 };
  const hidden = Object.defineProperty({ a: 1 }, "b", { value: 2, enumerable: false });
  class Point { constructor() { this.x = 1; this.y = "2"; } get sum() { return 3; } }
  const nullProto = Object.create(null);
  nullProto.k = "v";
  const inherited = Object.create({ inheritedKey: 1 });
  inherited.own = 2;
  const longArray = [];
  longArray.length = 1000001;
  const strings = [
    "", "plain", "quote\" back\\slash", "\n\r\t\b\f", "\u0000\u0001\u001f\u007f", "\u2028\u2029", "é ₹ 😀",
    "\ud800", "\udc00", "a\ud800b", "\ud800\u0001", "\ud800\ud800\udc00", "\udc00\ud800", "\ud83d\ude00\ud83d",
    "</script>", "x".repeat(5000), "\\u0041",
  ];
  const numbers = [
    0, -0, 1, -1, 0.1 + 0.2, 33.33, 1499.5, 1e21, 1e-7, 1e-6, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE,
    2 ** 53, 2 ** 53 + 2, 123456.789, 1.005, 1715888522909781.2, NaN, Infinity, -Infinity,
  ];
  return [
    ...strings.map((s) => ({ s, [s]: s })),
    ...numbers.map((n) => ({ n, list: [n] })),
    {}, [], [[]], { a: [] }, [{}], holes, extra, withSymbol, hidden, new Point(), nullProto, inherited,
    { u: undefined, v: 1 }, [undefined, null], { n: null }, [true, false], new Date(0), new Map([[1, 2]]),
    new Set([1]), new Uint8Array([1, 2]), new Float64Array([1.5]), /re/g, new Number(5), new String("ab"),
    new Boolean(false), Object(1n), new Error("e"), JSON.parse('{"__proto__":{"x":1},"y":2}'),
    { toJSON() { return "replaced"; }, kept: 1 }, { toJSON: 1 }, { length: 2, 0: "a" },
    { f() {} }, [() => 1], { s: Symbol("x") }, [Symbol.iterator], { b: 10n }, [10n],
    { get g() { return "got"; } }, { get g() { throw new Error("getter"); } },
    new Proxy({ a: 1 }, {}), new Proxy([1, 2], {}), revoked.proxy,
    new Proxy({}, { ownKeys() { throw new Error("ownKeys"); } }),
    new Proxy([], { get(t, k) { if (k === "length") return 2.5; return 1; } }),
    new Proxy([], { get(t, k) { if (k === "length") return "2"; return 1; } }),
    cyclic, longArray, Object.fromEntries(Array.from({ length: 50000 }, (_, i) => ["k" + (49999 - i), i])),
    nest(62, 1, false), nest(63, 1, false), nest(64, 1, false), nest(65, 1, false), nest(66, 1, false),
    nest(63, [], false), nest(64, [], false), nest(65, {}, true), nest(64, {}, true), nest(63, {}, true),
    { mdr_borne_by: "ALL", marketplace: { amount: 20.5 }, vendor: { split: [{ sub_mid: "V1", amount: 79.5, merchant_commission: 7.95 }] } },
  ];
}
export function describe(v) {
  try { return typeof v + " " + JSON.stringify(v).slice(0, 60); } catch (e) { try { return typeof v + " " + String(v).slice(0, 60); } catch (_) { return typeof v; } }
}
export function ratioArrays() {
  const holes = [1, , 2];
  const longArray = [];
  longArray.length = 1000001;
  return [
    [1, 1, 1], [0, 1, 2], [], [0, 0], [-1, 1], [1, -0], [NaN, 1], [Infinity], [1.5, 2.25, 0.1 + 0.2], [2 ** 53, 1],
    [2 ** 53 + 2, 3], [1e21, 1], [5e-324, 1], [1e-7, 1e-6], [33.33, 66.67], ["1", 2], [1, "2.5"], [1, null], [1, true],
    [1, [2]], [1, {}], holes, longArray, new Proxy([1, 2, 3], {}), new Float64Array([1, 2]), { 0: 1, length: 1 },
    "1,2", 12, null, undefined, Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % 100)),
    Array.from({ length: 300 }, (_, i) => (i % 7) / 4),
    // Around the 16 ratios allocate reads into a buffer on its stack.
    Array.from({ length: 16 }, (_, i) => i), Array.from({ length: 17 }, (_, i) => i % 3),
    [...Array.from({ length: 15 }, (_, i) => i), "15"], [...Array.from({ length: 16 }, () => 1), -1],
  ];
}
export function wide(keys) {
  return Object.fromEntries(Array.from({ length: keys }, (_, i) => ["k" + i, i]));
}
export function nested(depth) {
  return nest(depth, 1, false);
}
export function countingGetter(counter) {
  return { mdr_borne_by: "ALL", get marketplace() { counter.reads++; return { amount: 0 }; }, vendor: { split: [{ sub_mid: "A", amount: 1, merchant_commission: 0 }] } };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = oddValues)]
    fn odd_values() -> Array;
    #[wasm_bindgen(js_name = ratioArrays)]
    fn ratio_arrays() -> Array;
    fn describe(v: &JsValue) -> String;
    fn nested(depth: u32) -> JsValue;
    fn wide(keys: u32) -> JsValue;
    #[wasm_bindgen(js_name = countingGetter)]
    fn counting_getter(counter: &JsValue) -> JsValue;
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

/// Equal as values and in every number's bits, so `-0` and `0`, or two NaNs, are told apart
/// as the core would see them (`Json`'s `==` compares numbers as `f64`).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.to_bits() == y.to_bits(),
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => a == b,
    }
}

/// A read's outcome as comparable text: the value's JSON with every number's bits, or the error.
fn read_text(read: &Result<Json, Error>) -> String {
    fn bits(value: &Json, out: &mut String) {
        match value {
            Json::Number(n) => out.push_str(&format!("#{:016x}", n.to_bits())),
            Json::Array(items) => {
                out.push('[');
                items.iter().for_each(|v| {
                    bits(v, out);
                    out.push(',');
                });
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (k, v) in members {
                    out.push_str(&format!("{k:?}:"));
                    bits(v, out);
                    out.push(',');
                }
                out.push('}');
            }
            other => out.push_str(&other.to_text()),
        }
    }
    match read {
        Ok(value) => {
            let mut out = String::new();
            bits(value, &mut out);
            out
        }
        Err(e) => format!("error {} at {:?}: {}", e.code.as_str(), e.path, e.message),
    }
}

#[wasm_bindgen_test]
fn the_reader_gives_exactly_what_the_walker_gives() {
    let (mut values, mut refusals) = (0, 0);
    for value in odd_values().iter() {
        for root in ["", "details"] {
            let read = js_read(&value, root);
            assert_eq!(read_text(&read), read_text(&walker_read(&value, root)), "{} at {root:?}", describe(&value));
            if read.is_ok() {
                values += 1
            } else {
                refusals += 1
            }
        }
    }
    // Both kinds of answer are exercised, not one alone.
    assert!(values >= 120 && refusals >= 30, "{values} values, {refusals} refusals");
}

#[wasm_bindgen_test]
fn plain_data_reads_as_its_json_text() {
    let plain = [
        r#"{"a":"x\"y\\z\n","b":[1,-2.5,1e21,null,true],"c":{"d":{}},"é":"₹","e":"\ud83d\ude00"}"#,
        r#"{"mdr_borne_by":"ALL","marketplace":{"amount":20.5},"vendor":{"split":[{"sub_mid":"V1","amount":79.5,"merchant_commission":7.95}]}}"#,
    ];
    for text in plain {
        let read = js_read(&js(text), "").unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert!(same(&read, &Json::parse(text, "").unwrap()), "{text}");
    }
    // `-0` keeps its sign, and numbers JSON text cannot hold reach the core as numbers.
    let read = js_read(&js("[-0]"), "").expect("read");
    assert_eq!(
        read.as_array().and_then(|a| a.first()).map(|n| matches!(n, Json::Number(z) if z.is_sign_negative())),
        Some(true)
    );
    let read = js_read(&js("[1e999, -1e999]"), "").expect("read");
    assert_eq!(read.to_text(), "[null,null]");
    assert!(
        matches!(read.as_array(), Some([Json::Number(a), Json::Number(b)]) if *a == f64::INFINITY && *b == f64::NEG_INFINITY)
    );
    // Containers nested up to the limit are read; one level more is refused with its path.
    assert!(js_read(&nested(65), "").is_ok() && walker_read(&nested(65), "").is_ok());
    let e = js_read(&nested(66), "ratios").unwrap_err();
    assert_eq!(
        (e.code.as_str().as_ref(), e.message.as_str()),
        ("INVALID_JSON", "the value is nested more than 64 levels deep (is it cyclic?)")
    );
    assert_eq!(e.path, format!("ratios{}", "[0]".repeat(65)));
    // Objects of many keys are read whole, each key once.
    let read = js_read(&wide(5000), "").expect("read");
    assert!(matches!(&read, Json::Object(m) if m.len() == 5000 && m[4999].0 == "k4999"));
}

#[wasm_bindgen_test]
fn a_getter_is_read_once_on_the_fast_path() {
    let counter = js(r#"{"reads":0}"#);
    let details = counting_getter(&counter);
    let result = split::validate_juspay_split(&"1".into(), &details).unwrap();
    assert_eq!(Reflect::get(&result, &"ok".into()).unwrap(), JsValue::TRUE, "{}", describe(&result));
    assert_eq!(Reflect::get(&counter, &"reads".into()).unwrap().as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn validate_answers_as_the_core_does_on_the_walkers_value() {
    for value in odd_values().iter() {
        let via_export = split::validate_juspay_split(&"100".into(), &value).expect("only orderAmount throws");
        let expected = match walker_read(&value, "") {
            Ok(walked) => {
                marketsplit::contract::juspay::validate_split_json(Some(&Json::str("100")), Some(&walked)).unwrap()
            }
            Err(problem) => marketsplit::contract::validation_result(&[problem]),
        };
        let got = JSON::stringify(&via_export).unwrap().as_string().unwrap();
        assert_eq!(got, expected.to_text(), "{}", describe(&value));
    }
}

/// `allocate`'s answer as text: the shares, or `code path message` of what it threw.
fn outcome(result: Result<JsValue, JsValue>) -> String {
    match result {
        Ok(shares) => JSON::stringify(&shares).unwrap().as_string().unwrap(),
        Err(e) => {
            let field = |k: &str| Reflect::get(&e, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            format!("{} {} {}", field("code"), field("path"), field("message"))
        }
    }
}

#[wasm_bindgen_test]
fn allocate_answers_as_the_core_does_on_the_walkers_value() {
    let mut fast = 0;
    for ratios in ratio_arrays().iter() {
        for total in
            [JsValue::from_str("1234.56"), JsValue::from_str("0"), JsValue::from_f64(10.0), JsValue::from_str("-1")]
        {
            let got = outcome(money::allocate(&total, &ratios));
            let general = || -> Result<Json, Error> {
                let total = walker_read(&total, "total")?;
                let ratios = if ratios.is_undefined() { None } else { Some(walker_read(&ratios, "ratios")?) };
                allocate_json(Some(&total), ratios.as_ref())
            };
            let expected = match general() {
                Ok(shares) => shares.to_text(),
                Err(e) => format!("{} {} {}", e.code.as_str(), e.path, e.message),
            };
            assert_eq!(got, expected, "allocate({}, {})", describe(&total), describe(&ratios));
        }
        // The Float64Array read takes exactly the arrays of numbers, each number bit for bit.
        if let Some(numbers) = fast_ratios(&ratios) {
            fast += 1;
            let walked = walker_read(&ratios, "ratios").expect("an array of numbers is JSON data");
            let as_json = Json::Array(numbers.into_iter().map(Json::Number).collect());
            assert!(same(&as_json, &walked), "{}", describe(&ratios));
        }
    }
    assert!(fast >= 15, "only {fast} ratio arrays took the fast path");
}

#[wasm_bindgen_test]
fn number_text_in_wasm_is_rusts() {
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "0.0",
        "-0.0e5",
        "0e-400",
        "1e22",
        "1e23",
        "9007199254740992",
        "9007199254740993",
        "900719925474099.3",
        "4.35",
        "1499.50",
        "0.000001",
        "1234567890123456789",
        "12345678901234567890",
        "1e400",
        "1e-400",
        "5e-324",
        "0.30000000000000004",
        "123456.789e3",
        "1E5",
        "1e+5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut state: u64 = 0x0BAD_5EED_1234_5678;
    for _ in 0..5_000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mantissa = (state >> 11) % 10u64.pow(1 + (state % 17) as u32);
        let exponent = (state >> 3) % 50;
        texts.push(format!("{mantissa}e-{exponent}"));
        texts.push(format!("{mantissa}e{}", exponent % 25));
        let n = mantissa as f64 / 10f64.powi((state % 12) as i32);
        texts.push(json_text(n));
        texts.push(json_text(-n));
    }
    for text in texts {
        let expected = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse_json_number(&text).map(f64::to_bits), expected, "{text}");
    }
    for n in [1e-6f64, 0.1 + 0.2, 33.33, 1499.5, 123456.789, 999999999999999.9, 1e15, 1e21, 1e-7, -0.5] {
        let rust = if n.abs() >= 1e21 || n.abs() < 1e-6 {
            format!("{n:e}").replace('e', "e+").replace("e+-", "e-")
        } else {
            format!("{n}")
        };
        assert_eq!(json_text(n), rust);
    }
}

/// `calculateSplit` builds its plan in JS from paise and strings: the same plan, key for key and
/// number for number, as the core's JSON text, whatever the sub_mids hold (text past ASCII, a
/// surrogate pair, commas, quotes, newlines) and at the largest amounts.
#[wasm_bindgen_test]
fn calculate_split_builds_the_plan_the_core_writes() {
    let inputs = [
        r#"{"orderAmount":"100","vendors":[{"subMid":"V1","amount":"60","commission":{"percent":"12.5","flat":"1","taxPercent":"18"}},{"subMid":"V2","amount":40}]}"#,
        r#"{"orderAmount":"10000000000","mdrBorneBy":"ALL","marketplaceAmount":"0.05","vendors":[{"subMid":"ü€😀,\n\"x","amount":"9999999999.95"}],"mdr":{"percent":"2","flat":"3","taxPercent":"18"}}"#,
        r#"{"orderAmount":"100.01","mdrBorneBy":"VENDOR","vendors":[{"subMid":"a","weight":1},{"subMid":"é","weight":2}],"mdr":{"percent":"1.99"}}"#,
        r#"{"orderAmount":"0","vendors":[{"subMid":"z","amount":0}]}"#,
    ];
    for text in inputs {
        let got = split::calculate_split(&js(text)).map(|plan| JSON::stringify(&plan).unwrap().as_string().unwrap());
        let expected =
            Json::parse(text, "").and_then(|input| marketsplit::contract::split::calculate_split_json(&input));
        assert!(got.is_ok() && expected.is_ok(), "{text} is a valid input");
        assert_eq!(got.ok(), expected.ok().map(|plan| plan.to_text()), "{text}");
    }
}
