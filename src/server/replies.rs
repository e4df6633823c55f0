//! The gateway replies the server decides on, read from their text into typed structs with serde.
//! serde_json's `arbitrary_precision` keeps each number as it was written, so an amount reaches
//! [`parse_amount_text`] as the gateway's own digits, never through an `f64`. Unknown fields are
//! ignored; a field of an unexpected type reads as absent (as a reply's shape is the gateway's,
//! not ours to refuse) unless the caller needs it; a reply naming a field it reads twice, or
//! holding a lone surrogate escape, does not parse at all.

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use crate::json::Json;
use crate::money::amount::{parse_amount_text, Paise};

/// A reply's text as `T`; `None` when it is not JSON, not of `T`'s shape, holds a lone surrogate
/// escape anywhere, or an object posing as a number (see [`is_readable`]). serde_json refuses a
/// lone surrogate in a string it decodes but skips the strings of fields `T` ignores, so the whole
/// text is decoded once first: a reply is refused as a whole, as `Json::parse` refuses it, not
/// read around.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    if !is_readable(text) {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Whether a reply's text is JSON that every reader reads alike: without a lone surrogate escape
/// anywhere (see [`parse`]), and without a key spelling serde_json's private number token, under
/// which `arbitrary_precision` reads an object (`{"$serde_json::private::Number":"500"}`) as the
/// number 500 where `Json::parse`, which hands the reply to the caller, and `JSON.parse` see an
/// object.
pub fn is_readable(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok() && !names_number_token(text)
}

/// serde_json's key for a number kept as its text (`serde_json::value::de`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Whether any key of the text is [`NUMBER_TOKEN`], written plainly or with escapes; text the
/// crate's reader cannot read counts as naming it (nothing tells it does not).
fn names_number_token(text: &str) -> bool {
    // Written plainly the key holds "Number"; any escape in it is a `\u`.
    if !text.contains("Number") && !text.contains("\\u") {
        return false;
    }
    fn holds(value: &Json) -> bool {
        match value {
            Json::Array(items) => items.iter().any(holds),
            Json::Object(members) => members.iter().any(|(k, v)| k == NUMBER_TOKEN || holds(v)),
            _ => false,
        }
    }
    Json::parse(text, "").map_or(true, |value| holds(&value))
}

/// A field that reads as its type's default (absent) when the gateway wrote another type there.
pub fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// A scalar field as the gateway wrote it: text, or a number kept as its JSON text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scalar {
    /// Absent or `null`.
    #[default]
    Missing,
    Text(String),
    Number(String),
    /// An object, an array or a boolean.
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => Scalar::Missing,
            Value::String(s) => Scalar::Text(s),
            Value::Number(n) => Scalar::Number(n.to_string()),
            _ => Scalar::Other,
        })
    }
}

impl Scalar {
    /// Present and not `null`.
    pub fn is_present(&self) -> bool {
        !matches!(self, Scalar::Missing)
    }

    /// An amount to the paisa, by the crate's amount rules (at most two decimals, not negative,
    /// at most the maximum); a number in exponent form is shifted exactly first.
    pub fn paise(&self) -> Option<Paise> {
        match self {
            Scalar::Text(text) => parse_amount_text(text, "amount").ok(),
            Scalar::Number(text) => parse_amount_text(&plain_decimal(text)?, "amount").ok(),
            Scalar::Missing | Scalar::Other => None,
        }
    }

    /// An id: text, or a number's text. `Ok(None)` when missing, `Err` for another type.
    pub fn text(&self) -> Result<Option<&str>, NotText> {
        match self {
            Scalar::Missing => Ok(None),
            Scalar::Text(t) | Scalar::Number(t) => Ok(Some(t)),
            Scalar::Other => Err(NotText),
        }
    }

    /// Text only (not a number's).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A field that holds an object, an array or a boolean where text or a number was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotText;

/// The most an exponent may shift a number's decimal point: any amount is within 12 digits of it.
const MAX_SHIFT: i64 = 40;

/// A JSON number's text without an exponent, by moving its decimal point: `1.5E3` is `1500.0`.
/// `None` for an exponent beyond [`MAX_SHIFT`].
pub fn plain_decimal(text: &str) -> Option<String> {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else { return Some(text.to_string()) };
    let shift: i64 = exponent.strip_prefix('+').unwrap_or(exponent).parse().ok()?;
    if !(-MAX_SHIFT..=MAX_SHIFT).contains(&shift) {
        return None;
    }
    let (sign, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int_part, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = format!("{int_part}{frac}");
    let point = i64::try_from(int_part.len()).ok()? + shift;
    let len = i64::try_from(digits.len()).ok()?;
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    Some(if point <= 0 {
        format!("{sign}0.{}{digits}", zeros(-point))
    } else if point >= len {
        format!("{sign}{digits}{}", zeros(point - len))
    } else {
        let (whole, part) = digits.split_at(usize::try_from(point).ok()?);
        format!("{sign}{whole}.{part}")
    })
}

/// A Juspay order (create or status reply), as far as the server reads it back.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JuspayOrderReply {
    pub amount: Scalar,
    pub customer_id: Scalar,
    #[serde(deserialize_with = "lenient")]
    pub split_settlement_response: Option<SplitSettlementResponse>,
    #[serde(deserialize_with = "lenient")]
    pub refunds: Option<Vec<Value>>,
}

/// `split_settlement_response` of an order status: `split_details` is read item by item.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SplitSettlementResponse {
    pub split_details: Value,
}

/// One of `split_settlement_response.split_details`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SplitPart {
    #[serde(deserialize_with = "lenient")]
    pub sub_vendor_id: Option<String>,
    pub amount: Scalar,
}

/// One of an order's `refunds`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RefundEntry {
    #[serde(deserialize_with = "lenient")]
    pub unique_request_id: Option<String>,
    pub amount: Scalar,
}

/// An item of a list read one by one: its type's default when it is of another shape.
pub fn item<T: DeserializeOwned + Default>(value: &Value) -> T {
    T::deserialize(value).unwrap_or_default()
}

/// Juspay's error body: its duplicate refusal is told apart by `error_code`, its message quoted
/// from the others; `status` `"ERROR"` in a 2xx reply is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JuspayErrorReply {
    #[serde(deserialize_with = "lenient")]
    pub error_code: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub error_message: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub user_message: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub message: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub status: Option<String>,
}

/// A reply's top-level fields in the order written (repeated ones too), for Instamojo's field
/// errors (`{"amount": ["…"], "purpose": "…"}`), whose names are the request's.
#[derive(Debug, Default)]
pub struct Fields(pub Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Instamojo's error body, as far as its message is quoted: `message`, OAuth's `error_description`/`error`, `detail`, or its field errors.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InstamojoErrorReply {
    #[serde(deserialize_with = "lenient")]
    pub message: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub error_description: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub detail: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub error: Option<String>,
}

/// Instamojo's token reply.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenReply {
    #[serde(deserialize_with = "lenient")]
    pub access_token: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub refresh_token: Option<String>,
    pub expires_in: Scalar,
}

/// What Instamojo answers to a settlement, as far as it is compared with what was sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettlementReply {
    #[serde(deserialize_with = "lenient")]
    pub payment_id: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    /// The fields that may name the sub-merchant, in the order they are looked at.
    #[serde(deserialize_with = "lenient")]
    pub submerchant: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub submerchant_id: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub sub_merchant: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub user: Option<String>,
    pub amount: Scalar,
}

/// What Instamojo answers to a refund (`{ refund: { … } }`, or the refund's fields at the top).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RefundReply {
    #[serde(deserialize_with = "lenient")]
    pub payment_id: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    pub refund_amount: Scalar,
}

/// An item of a settlement listing: its fields by name, since which names it uses is not known
/// (see `LISTED_*_FIELDS` in `server/instamojo.rs`).
pub type ListedSettlement = std::collections::HashMap<String, Scalar>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        let amount =
            |text: &str| parse::<RefundEntry>(&format!(r#"{{"amount":{text}}}"#)).and_then(|r| r.amount.paise());
        assert_eq!(amount("100.00"), Some(Paise(10_000)));
        assert_eq!(amount(r#""100.5""#), Some(Paise(10_050)));
        assert_eq!(amount("1.5E3"), Some(Paise(150_000)));
        assert_eq!(amount("12345e-2"), Some(Paise(12_345)));
        // An f64 would read both of these as 100.01 or 100.
        assert_eq!(amount("100.0100000000000000001"), None);
        assert_eq!(amount("100.000000000000000001"), None);
        assert_eq!(amount("1e400"), None);
        assert_eq!(amount("-1"), None);
        assert_eq!(amount("true"), None);
    }

    #[test]
    fn exponents_shift_exactly() {
        assert_eq!(plain_decimal("1.25e1").as_deref(), Some("12.5"));
        assert_eq!(plain_decimal("-5E-3").as_deref(), Some("-0.005"));
        assert_eq!(plain_decimal("7e2").as_deref(), Some("700"));
        assert_eq!(plain_decimal("12.5").as_deref(), Some("12.5"));
        assert_eq!(plain_decimal("1e41"), None);
    }

    #[test]
    fn lone_surrogates_and_repeated_fields_do_not_parse() {
        assert!(parse::<TokenReply>(r#"{"access_token":"a\ud800"}"#).is_none());
        assert!(parse::<TokenReply>(r#"{"access_token":"a\udc00b"}"#).is_none());
        assert!(parse::<TokenReply>(r#"{"access_token":"a","other":"\ud800"}"#).is_none());
        assert!(parse::<TokenReply>(r#"{"access_token":"a","access_token":"b"}"#).is_none());
        let pair = parse::<TokenReply>(r#"{"access_token":"a\ud83d\ude00","other":{"x":[1,2]},"expires_in":"x"}"#);
        assert_eq!(pair.and_then(|t| t.access_token).as_deref(), Some("a\u{1f600}"));
    }

    #[test]
    fn a_field_of_another_type_reads_as_absent() {
        let r = parse::<JuspayOrderReply>(r#"{"refunds":"none","split_settlement_response":7,"amount":{}}"#).unwrap();
        assert!(r.refunds.is_none() && r.split_settlement_response.is_none());
        assert_eq!(r.amount, Scalar::Other);
    }
}
