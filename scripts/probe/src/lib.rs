//! The probe: `allocate` and `calculateSplit` of the browser API written the idiomatic way, with
//! serde derives, serde-wasm-bindgen for the JS values and rust_decimal for the amounts. It covers
//! what the benchmark inputs use (as scripts/bench/decimal-split.mjs does) and exists only to be
//! measured against marketsplit: size, speed, and what its readers accept.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// An amount as JS passes it: decimal text or a number. A visitor rather than
/// `#[serde(untagged)]`: untagged buffers each value and builds a JS `Error` (with its stack) for
/// every variant that does not match, which made the probe's `allocate` about 10x slower.
enum Amount {
    Text(String),
    Number(f64),
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("decimal text or a number")
            }
            fn visit_str<E>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Amount, E> {
                Ok(Amount::Text(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Amount, E> {
                Ok(Amount::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount::Number(v as f64))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Error)]
    fn new_error(message: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// A JS `Error` with `code` and `path`, as marketsplit's errors carry them.
fn fail(code: &str, path: &str, message: &str) -> JsValue {
    let error = new_error(message);
    reflect_set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    reflect_set(&error, &JsValue::from_str("path"), &JsValue::from_str(path));
    error
}

fn serde_error(e: serde_wasm_bindgen::Error) -> JsValue {
    // serde's message says what was expected, not where: there is no path to give.
    fail("INVALID_TYPE", "", &e.to_string())
}

fn decimal(amount: &Amount, path: &str) -> Result<Decimal, JsValue> {
    let parsed = match amount {
        Amount::Text(text) => Decimal::from_str_exact(text).ok(),
        Amount::Number(n) => Decimal::from_f64(*n),
    };
    let d = parsed.ok_or_else(|| fail("INVALID_AMOUNT", path, "not an amount"))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(fail("NEGATIVE_AMOUNT", path, "negative"));
    }
    if d.normalize().scale() > 2 {
        return Err(fail("TOO_MANY_DECIMALS", path, "more than two decimals"));
    }
    if d > Decimal::from(10_000_000_000u64) {
        return Err(fail("INVALID_AMOUNT", path, "above the maximum"));
    }
    Ok(d)
}

fn optional(amount: &Option<Amount>, path: &str) -> Result<Decimal, JsValue> {
    amount.as_ref().map_or(Ok(Decimal::ZERO), |a| decimal(a, path))
}

fn text(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn number(d: Decimal) -> f64 {
    d.round_dp(2).to_f64().unwrap_or(0.0)
}

fn percent_of(base: Decimal, percent: Decimal) -> Decimal {
    (base * percent / Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Largest remainder over the ratios, in paise; the shares sum to `total`.
#[wasm_bindgen]
pub fn allocate(total: JsValue, ratios: JsValue) -> Result<JsValue, JsValue> {
    let total: Amount = serde_wasm_bindgen::from_value(total).map_err(serde_error)?;
    let ratios: Vec<Amount> = serde_wasm_bindgen::from_value(ratios).map_err(serde_error)?;
    let paise = (decimal(&total, "total")? * Decimal::ONE_HUNDRED).to_i64().unwrap_or(0);
    if ratios.is_empty() {
        return Err(fail("EMPTY_RATIOS", "ratios", "ratios must hold at least one ratio"));
    }
    let weights = ratios
        .iter()
        .enumerate()
        .map(|(i, r)| {
            match r {
                Amount::Text(t) => Decimal::from_str_exact(t).ok(),
                Amount::Number(n) => Decimal::from_f64(*n),
            }
            .filter(|d| !d.is_sign_negative())
            .ok_or_else(|| fail("RATIO_INVALID", &format!("ratios[{i}]"), "not a ratio"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sum: Decimal = weights.iter().sum();
    if sum.is_zero() {
        return Err(fail("RATIO_INVALID", "ratios", "at least one ratio must be above zero"));
    }
    let total = Decimal::from(paise);
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total * w / sum;
        let floor = exact.floor();
        shares.push(floor.to_i64().unwrap_or(0));
        remainders.push((exact - floor, i));
    }
    let leftover = paise - shares.iter().sum::<i64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take(usize::try_from(leftover).unwrap_or(0)) {
        shares[*i] += 1;
    }
    let texts: Vec<String> = shares.iter().map(|p| format!("{}.{:02}", p / 100, p % 100)).collect();
    serde_wasm_bindgen::to_value(&texts).map_err(serde_error)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SplitInput {
    order_amount: Amount,
    mdr_borne_by: Option<String>,
    marketplace_amount: Option<Amount>,
    vendors: Vec<VendorInput>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VendorInput {
    sub_mid: String,
    amount: Amount,
    #[serde(default)]
    commission: Option<Commission>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Commission {
    percent: Option<Amount>,
    flat: Option<Amount>,
    min: Option<Amount>,
    max: Option<Amount>,
    tax_percent: Option<Amount>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SplitPlan {
    order_amount: String,
    mdr_borne_by: String,
    marketplace: MarketplaceShare,
    vendors: Vec<VendorShare>,
    split_settlement_details: Details,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MarketplaceShare {
    amount: String,
    own_amount: String,
    commission: String,
    commission_tax: String,
    fee: String,
    net: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VendorShare {
    sub_mid: String,
    gross: String,
    commission: String,
    commission_tax: String,
    amount: String,
    fee: String,
    net: String,
}

#[derive(Serialize)]
struct Details {
    mdr_borne_by: String,
    marketplace: DetailsMarketplace,
    vendor: DetailsVendors,
}

#[derive(Serialize)]
struct DetailsMarketplace {
    amount: f64,
}

#[derive(Serialize)]
struct DetailsVendors {
    split: Vec<DetailsSplit>,
}

#[derive(Serialize)]
struct DetailsSplit {
    sub_mid: String,
    amount: f64,
    merchant_commission: f64,
}

/// The split calculator for amount-based vendors without an `mdr` preview.
#[wasm_bindgen(js_name = calculateSplit)]
pub fn calculate_split(input: JsValue) -> Result<JsValue, JsValue> {
    let input: SplitInput = serde_wasm_bindgen::from_value(input).map_err(serde_error)?;
    let order_amount = decimal(&input.order_amount, "orderAmount")?;
    let mdr_borne_by = input.mdr_borne_by.unwrap_or_else(|| "MARKETPLACE".to_owned());
    if !["MARKETPLACE", "VENDOR", "ALL"].contains(&mdr_borne_by.as_str()) {
        return Err(fail("INVALID_MDR_BORNE_BY", "mdrBorneBy", "mdrBorneBy must be MARKETPLACE, VENDOR or ALL"));
    }
    let own_amount = optional(&input.marketplace_amount, "marketplaceAmount")?;
    if input.vendors.is_empty() {
        return Err(fail("EMPTY_SPLIT", "vendors", "vendors is empty"));
    }
    let mut seen = std::collections::HashSet::new();
    let (mut gross_sum, mut commission_sum, mut tax_sum) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut vendors = Vec::with_capacity(input.vendors.len());
    let mut split = Vec::with_capacity(input.vendors.len());
    for (i, v) in input.vendors.iter().enumerate() {
        let path = format!("vendors[{i}]");
        if v.sub_mid.is_empty() {
            return Err(fail("MISSING_FIELD", &format!("{path}.subMid"), "subMid is required"));
        }
        if !seen.insert(v.sub_mid.as_str()) {
            return Err(fail("DUPLICATE_SUB_MID", &format!("{path}.subMid"), "appears twice"));
        }
        let gross = decimal(&v.amount, &format!("{path}.amount"))?;
        let c = v.commission.as_ref();
        let field =
            |a: Option<&Option<Amount>>, name: &str| optional(a.unwrap_or(&None), &format!("{path}.commission.{name}"));
        let percent = field(c.map(|c| &c.percent), "percent")?;
        let flat = field(c.map(|c| &c.flat), "flat")?;
        let tax_percent = field(c.map(|c| &c.tax_percent), "taxPercent")?;
        let min = match c.and_then(|c| c.min.as_ref()) {
            Some(a) => Some(decimal(a, &format!("{path}.commission.min"))?),
            None => None,
        };
        let max = match c.and_then(|c| c.max.as_ref()) {
            Some(a) => Some(decimal(a, &format!("{path}.commission.max"))?),
            None => None,
        };
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                return Err(fail("INVALID_COMMISSION", &format!("{path}.commission.min"), "min is above max"));
            }
        }
        let mut commission = percent_of(gross, percent) + flat;
        if let Some(min) = min {
            commission = commission.max(min);
        }
        if let Some(max) = max {
            commission = commission.min(max);
        }
        let tax = percent_of(commission, tax_percent);
        let taken = commission + tax;
        if taken > gross {
            return Err(fail("COMMISSION_EXCEEDS_GROSS", &format!("{path}.commission"), "commission exceeds gross"));
        }
        let settled = gross - taken;
        gross_sum += gross;
        commission_sum += commission;
        tax_sum += tax;
        vendors.push(VendorShare {
            sub_mid: v.sub_mid.clone(),
            gross: text(gross),
            commission: text(commission),
            commission_tax: text(tax),
            amount: text(settled),
            fee: "0.00".to_owned(),
            net: text(settled),
        });
        split.push(DetailsSplit {
            sub_mid: v.sub_mid.clone(),
            amount: number(settled),
            merchant_commission: number(taken),
        });
    }
    let actual = own_amount + gross_sum;
    if actual != order_amount {
        return Err(fail(
            "SUM_MISMATCH",
            "vendors",
            &format!("vendors sum to {} but the order is {}", text(actual), text(order_amount)),
        ));
    }
    let marketplace_amount = own_amount + commission_sum + tax_sum;
    let plan = SplitPlan {
        order_amount: text(order_amount),
        mdr_borne_by: mdr_borne_by.clone(),
        marketplace: MarketplaceShare {
            amount: text(marketplace_amount),
            own_amount: text(own_amount),
            commission: text(commission_sum),
            commission_tax: text(tax_sum),
            fee: "0.00".to_owned(),
            net: text(marketplace_amount),
        },
        vendors,
        split_settlement_details: Details {
            mdr_borne_by,
            marketplace: DetailsMarketplace { amount: number(marketplace_amount) },
            vendor: DetailsVendors { split },
        },
    };
    plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(serde_error)
}
