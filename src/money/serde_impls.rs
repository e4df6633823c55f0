//! Cargo feature `serde`: amounts, percentages and ratios in a Rust backend's own JSON (or any
//! serde format). An amount is written as the contract writes it, two-decimal rupee text
//! (`"1499.50"`, `"-0.25"`), so no float ever holds it; it is read from that text or from a number
//! of rupees, with the contract's rules (at most two decimals, at most ±10000000000.00), and a
//! value those rules refuse is a deserialization error naming the code.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::error::{cat, Error};
use crate::money::amount::{parse_amount_text, Paise};
use crate::money::percent::Percent;
use crate::money::ratio::{Mantissa, Ratio};
use crate::prelude::*;

impl Serialize for Paise {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Paise {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Paise, D::Error> {
        deserializer.deserialize_any(AmountVisitor("an amount in rupees: text like \"1499.50\" or a number")).map(Paise)
    }
}

/// Percentages are hundredths of a percent, so they are written and read as amounts are (`"12.5"`
/// is written `"12.50"`).
impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Paise(self.0).to_text())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Percent, D::Error> {
        deserializer.deserialize_any(AmountVisitor("a percentage: text like \"12.5\" or a number")).map(Percent)
    }
}

/// A ratio is an exact decimal of any length: written as decimal text (`"0.333"`), read from
/// decimal text or a number (through its shortest text), as `allocate` reads ratios.
impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let digits = match &self.mantissa {
            Mantissa::Small(m) => m.to_string(),
            Mantissa::Big(b) => b.to_decimal_digits(),
        };
        serializer.serialize_str(&point_at(&digits, self.scale))
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ratio, D::Error> {
        deserializer.deserialize_any(RatioVisitor)
    }
}

/// `digits / 10^scale` as decimal text.
fn point_at(digits: &str, scale: u64) -> String {
    let scale = usize::try_from(scale).unwrap_or(usize::MAX);
    if scale == 0 {
        return digits.to_string();
    }
    if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        cat(&[int, ".", frac])
    } else {
        let mut text = String::from("0.");
        text.extend(core::iter::repeat('0').take(scale - digits.len()));
        text.push_str(digits);
        text
    }
}

/// Signed amount text: the sign, then the contract's reading of what follows (shape, at most two
/// decimals, the maximum). The contract refuses negative inputs; typed values (a share's `net`)
/// may be negative, and must round-trip.
pub(crate) fn signed_paise(text: &str) -> Result<i64, Error> {
    match text.strip_prefix('-') {
        Some(rest) if !rest.starts_with('-') => parse_amount_text(rest, "").map(|p| -p.0),
        _ => parse_amount_text(text, "").map(|p| p.0),
    }
}

fn refused<E: de::Error>(e: Error) -> E {
    E::custom(cat(&[&e.code.as_str(), ": ", &e.message]))
}

struct AmountVisitor(&'static str);

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<i64, E> {
        signed_paise(text).map_err(refused)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<i64, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<i64, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<i64, E> {
        self.visit_str(&crate::float::shortest_text(n))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<i64, A::Error> {
        match number_token(map)? {
            NumberText::Plain(text) => self.visit_str(&text),
            NumberText::Float(n) => self.visit_f64(n),
        }
    }
}

struct RatioVisitor;

impl<'de> Visitor<'de> for RatioVisitor {
    type Value = Ratio;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative decimal ratio: text like \"0.25\" or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Ratio, E> {
        Ratio::from_text(text, "").map_err(refused)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Ratio, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Ratio, E> {
        Ok(Ratio::from_int(n))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Ratio, E> {
        Ratio::from_number(n, "").map_err(refused)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Ratio, A::Error> {
        match number_token(map)? {
            NumberText::Plain(text) => self.visit_str(&text),
            NumberText::Float(n) => self.visit_f64(n),
        }
    }
}

/// The key under which serde_json hands over a number's own text when its `arbitrary_precision`
/// feature is on (the server half turns it on to read gateway amounts to the paisa; Cargo unifies
/// features, so a backend's serde_json may have it too).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A number handed over as its text.
enum NumberText {
    /// Plain decimal digits, read exactly.
    Plain(String),
    /// With an exponent: read as a double, as without `arbitrary_precision`.
    Float(f64),
}

/// The number a map stands for when it is serde_json's arbitrary-precision number; any other map
/// is refused as not an amount.
fn number_token<'de, A: de::MapAccess<'de>>(mut map: A) -> Result<NumberText, A::Error> {
    let key: Option<String> = map.next_key()?;
    if key.as_deref() != Some(NUMBER_TOKEN) {
        return Err(de::Error::invalid_type(de::Unexpected::Map, &"a number or decimal text"));
    }
    let text: String = map.next_value()?;
    if !text.contains(['e', 'E']) {
        return Ok(NumberText::Plain(text));
    }
    crate::float::parse_json_number(&text)
        .map(NumberText::Float)
        .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &"a JSON number"))
}
