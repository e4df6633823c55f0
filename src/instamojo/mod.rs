//! Instamojo marketplace: the settlement ledger. (placeholder: being written)
