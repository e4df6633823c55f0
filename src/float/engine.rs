//! The engine's float text and parsing: Rust's natively, JavaScript's in wasm.

#[cfg(not(target_arch = "wasm32"))]
pub(super) mod imp {
    pub fn shortest_text(n: f64) -> String {
        // Rust's `Display` for f64 is the shortest round-trip form and never uses an exponent.
        format!("{n}")
    }

    pub fn json_text(n: f64) -> String {
        if n.abs() >= 1e21 || n.abs() < 1e-6 {
            // Keep huge and tiny numbers short, as JSON.stringify does.
            format!("{n:e}").replace('e', "e+").replace("e+-", "e-")
        } else {
            format!("{n}")
        }
    }

    pub fn parse(text: &str) -> Option<f64> {
        text.parse().ok()
    }
}

#[cfg(target_arch = "wasm32")]
pub(super) mod imp {
    use crate::prelude::*;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `String(n)`: the shortest round-trip digits (ECMA-262 Number::toString), with an
        /// exponent from 1e21 up and below 1e-6. Never throws for a number.
        #[wasm_bindgen(js_name = String)]
        fn js_string(n: f64) -> String;

        /// `Number(text)`: correctly rounded, as Rust's parser is. Never throws for a string.
        #[wasm_bindgen(js_name = Number)]
        fn js_number(text: &str) -> f64;
    }

    pub fn shortest_text(n: f64) -> String {
        crate::float::plain::plain_decimal(&json_text(n))
    }

    pub fn json_text(n: f64) -> String {
        crate::float::ties::ties_upward(n, &js_string(n))
    }

    pub fn parse(text: &str) -> Option<f64> {
        let n = js_number(text);
        (!n.is_nan()).then_some(n)
    }
}
