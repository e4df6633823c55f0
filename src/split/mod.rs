//! The split calculator for Juspay split settlement. (placeholder: being written)

use crate::error::Result;
use crate::json::Json;

/// `calculateSplit(input)` of the contract.
pub fn calculate_split_json(_input: &Json) -> Result<Json> {
    todo!()
}
