//! In wasm, number text comes from the JavaScript engine (`String(n)`, `Number(text)`) rather than
//! Rust's float code: these tests hold it to Rust's own output for the same doubles, and exercise
//! the module's own memory allocator with the shapes of allocation a call makes.
#![cfg(target_arch = "wasm32")]

use marketsplit::float::{json_text, parse_json_number, shortest_text};
use marketsplit::json::{number_text, Json};
use marketsplit::money::Paise;
use wasm_bindgen_test::wasm_bindgen_test;

/// Edge values, powers of ten around the exponent thresholds, and pseudo-random bit patterns.
fn samples() -> Vec<f64> {
    let mut out = vec![
        0.1 + 0.2,
        1499.5,
        540.0,
        33.33,
        1e21,
        1e-7,
        1e-6,
        123456.789,
        9007199254740993.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        0.000001,
        999999999999999900000.0,
        1e22,
        2.5e-8,
        0.0,
        -0.0,
        // Exactly halfway between two shortest candidates: JavaScript writes the even one, Rust
        // the upper one.
        1715888522909781.25,
        1125899906842624.25,
        2251799813685247.75,
        1234567890123456.75,
    ];
    // Short decimals, which are written without leaving wasm.
    for d in 0..=16 {
        for m in [1u64, 5, 7, 33, 335, 1499, 149_950, 123_456_789, 999_999_999_999_999, 1_000_000_000_000_001] {
            out.push(m as f64 / 10f64.powi(d));
        }
    }
    // More such ties: k + 1/4 and k + 3/4 between 2^50 and 2^51, where a double's step is 1/4.
    for k in 0..200u64 {
        let base = (1u64 << 50) as f64 + (k * 7_919_393) as f64;
        out.push(base + 0.25);
        out.push(base + 0.75);
    }
    for e in -30..=30 {
        out.push(10f64.powi(e));
        out.push(1.5 * 10f64.powi(e));
        out.push(7.0 / 3.0 * 10f64.powi(e));
    }
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..20_000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let n = f64::from_bits(state);
        if n.is_finite() {
            out.push(n);
        }
    }
    let negatives: Vec<f64> = out.iter().map(|n| -n).collect();
    out.extend(negatives);
    out
}

#[wasm_bindgen_test]
fn shortest_text_is_rusts_display() {
    for n in samples() {
        assert_eq!(shortest_text(n), format!("{n}"), "bits {:x}", n.to_bits());
    }
    for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(shortest_text(n), format!("{n}"));
    }
    assert_eq!(number_text(-0.0), "0");
    assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
}

#[wasm_bindgen_test]
fn json_text_is_what_json_stringify_writes() {
    for n in samples() {
        let expected = if n == 0.0 {
            "0".to_string()
        } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
            format!("{n:e}").replace('e', "e+").replace("e+-", "e-")
        } else {
            format!("{n}")
        };
        assert_eq!(json_text(n), expected, "bits {:x}", n.to_bits());
    }
    assert_eq!(json_text(f64::NAN), "null");
    assert_eq!(Json::Array(vec![Json::Number(1e21), Json::Number(-1.5e-7)]).to_text(), "[1e+21,-1.5e-7]");
}

#[wasm_bindgen_test]
fn json_numbers_read_back_as_rusts_parser_reads_them() {
    for n in samples() {
        for text in [format!("{n:e}"), format!("{n}"), json_text(n)] {
            assert_eq!(
                parse_json_number(&text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text}"
            );
        }
    }
    for bad in ["", "-", "01", "1.", ".5", "+1", "1e", " 1", "0x10", "Infinity", "NaN"] {
        assert_eq!(parse_json_number(bad), None, "{bad:?}");
    }
    assert_eq!(
        Json::parse("[0.30000000000000004, 1e400]", "").unwrap(),
        Json::Array(vec![Json::Number(0.1 + 0.2), Json::Number(f64::INFINITY)])
    );
}

#[wasm_bindgen_test]
fn amounts_become_the_json_numbers_of_their_text() {
    for p in [0i64, 1, 5, 99, 3333, 54000, 1_000_000_000_000, -125, 123_456_789_012] {
        let expected: f64 = Paise(p).to_number_text().parse().unwrap();
        assert_eq!(Paise(p).to_json_number(), Json::Number(expected));
    }
}

#[wasm_bindgen_test]
fn memory_is_reused_and_contents_survive_growth() {
    // Vectors that grow through every size class, strings freed and taken again, and a large
    // block: the contents must survive each reallocation, and repeating the same work must not
    // keep growing memory.
    let work = || {
        let mut kept: Vec<Vec<u64>> = Vec::new();
        for round in 0..40u64 {
            let mut v = Vec::new();
            for i in 0..(round * 37) {
                v.push(i ^ round);
            }
            assert!(v.iter().enumerate().all(|(i, x)| *x == (i as u64) ^ round));
            let text: String = (0..round).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert_eq!(text.len() as u64, round);
            if round % 3 == 0 {
                kept.push(v);
            }
        }
        let big = vec![7u8; 3 * 65_536 + 5];
        assert!(big.iter().all(|b| *b == 7));
        let mut shrinking = vec![1u32; 10_000];
        shrinking.truncate(3);
        shrinking.shrink_to_fit();
        assert_eq!(shrinking, [1, 1, 1]);
        kept.len()
    };
    work();
    let pages_before = core::arch::wasm32::memory_size::<0>();
    for _ in 0..20 {
        assert_eq!(work(), 14);
    }
    assert_eq!(core::arch::wasm32::memory_size::<0>(), pages_before, "repeating the same work grew memory");
}
