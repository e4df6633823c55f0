//! Largest-remainder (Hamilton) allocation in paise. (placeholder: being written)

use crate::error::Result;
use crate::json::Json;
use crate::money::amount::Paise;

/// `allocate(total, ratios)` of the contract, on JSON values; returns an array of amount strings.
pub fn allocate_json(_total: Option<&Json>, _ratios: Option<&Json>) -> Result<Json> {
    todo!()
}

/// Splits `total` paise by `ratios` (already-parsed weights).
pub fn allocate(_total: Paise, _ratios: &[Json], _path: &str) -> Result<Vec<Paise>> {
    todo!()
}
