//! `allocate` as the contract shapes it: JSON values in, an array of two-decimal amount strings out.

use crate::error::Result;
use crate::json::Json;
use crate::money::allocate::allocate_shares;
use crate::money::amount::Paise;

/// `allocate(total, ratios)` of the contract, on JSON values; returns an array of amount strings.
/// Errors are [`allocate_shares`]'s.
pub fn allocate_json(total: Option<&Json>, ratios: Option<&Json>) -> Result<Json> {
    let shares = allocate_shares(total, ratios)?;
    Ok(Json::Array(shares.into_iter().map(Paise::to_json_text).collect()))
}
