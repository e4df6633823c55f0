//! Instamojo marketplace: the settlement ledger, which follows one payment through CREDIT
//! settlements, fulfilment, refunds and DEBIT settlements and refuses what the Marketplace API
//! refuses.
//!
//! `ledger` holds the state (`holding_index` finds a sub-merchant's holding in it), `rules` what is refused, `refusal` how a refusal is worded, `plan`
//! the refund-debit planner, `reconcile` the comparison with what Instamojo lists. The entry points
//! shaped like the JavaScript methods are in `contract::instamojo`, the stored form (`toJSON`) in
//! `contract::ledger_state`.

pub(crate) mod holding_index;
pub mod ledger;
pub mod plan;
pub mod reconcile;
pub(crate) mod refusal;
pub(crate) mod rules;
#[cfg(feature = "serde")]
mod serde_impls;

pub use ledger::{Entry, Holding, LedgerOp, OpType, SettlementLedger};
pub use plan::PlanFrom;
pub use reconcile::{Reconciliation, Settlement, SettlementType};
