//! Instamojo marketplace: the settlement ledger, which follows one payment through CREDIT
//! settlements, fulfilment, refunds and DEBIT settlements and refuses what the Marketplace API
//! refuses.
//!
//! `ledger` holds the state (`holding_index` finds a sub-merchant's holding in it), `rules` what is refused, `plan` the refund-debit planner, `reconcile`
//! the comparison with what Instamojo lists, `state` the stored form, and `json_api` the entry
//! points shaped like the JavaScript methods.

mod holding_index;
mod json_api;
pub mod ledger;
pub mod plan;
pub mod reconcile;
mod rules;
pub mod state;

pub use ledger::{Entry, Holding, LedgerOp, OpType, SettlementLedger};
pub use plan::PlanFrom;
pub use reconcile::{Reconciliation, Settlement, SettlementType};
