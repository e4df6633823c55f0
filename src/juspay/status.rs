//! Juspay order statuses: the seed document's appendix and the wider list of GATEWAYS.md, with
//! what each means and whether an order in it can still change.

/// A Juspay order status and what it means for the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderStatus {
    /// Juspay's name, upper case: `CHARGED`.
    pub status: &'static str,
    /// Juspay's number for it: `21`.
    pub status_id: i64,
    /// What it means, in a sentence.
    pub meaning: &'static str,
    /// The order will not move on from this status.
    pub terminal: bool,
    /// The customer paid (only CHARGED).
    pub success: bool,
    /// The payment failed; with `terminal` false the buyer may still retry it on the same order.
    pub failed: bool,
}

const fn pending(status: &'static str, status_id: i64, meaning: &'static str) -> OrderStatus {
    OrderStatus { status, status_id, meaning, terminal: false, success: false, failed: false }
}

const fn failed(status: &'static str, status_id: i64, meaning: &'static str) -> OrderStatus {
    OrderStatus { status, status_id, meaning, terminal: true, success: false, failed: true }
}

/// A failure the buyer may retry: Juspay's transaction-status guide says "Allow user to retry
/// payment", so the same order can still become CHARGED (GATEWAYS.md).
const fn retryable(status: &'static str, status_id: i64, meaning: &'static str) -> OrderStatus {
    OrderStatus { status, status_id, meaning, terminal: false, success: false, failed: true }
}

/// Every status this library knows, by id.
pub const ORDER_STATUSES: &[OrderStatus] = &[
    pending("CREATED", 1, "The order was created successfully; this is the create-order reply."),
    pending("NEW", 10, "A newly created order for which no payment has been attempted yet."),
    pending("STARTED", 20, "A payment is pending: Juspay has not yet found a gateway to process it."),
    OrderStatus {
        status: "CHARGED",
        status_id: 21,
        meaning: "The payment succeeded and the customer was charged.",
        terminal: true,
        success: true,
        failed: false,
    },
    failed("JUSPAY_DECLINED", 22, "The payment input was not accepted by Juspay or the underlying payment gateway."),
    pending("PENDING_VBV", 23, "Authentication is in progress; the customer still has to approve the payment."),
    pending("VBV_SUCCESSFUL", 24, "The customer completed authentication; authorization by the bank is pending."),
    retryable("AUTHENTICATION_FAILED", 26, "The customer did not complete authentication; they may retry the payment."),
    retryable(
        "AUTHORIZATION_FAILED",
        27,
        "The customer completed authentication, but the bank refused the payment; they may retry it.",
    ),
    pending("AUTHORIZING", 28, "The payment is pending: its status is awaited from the bank."),
    failed("VOIDED", 31, "The authorized payment was voided (released without capture); the customer is not charged."),
    pending("VOID_INITIATED", 32, "A void of the authorized payment was requested and is in progress."),
    pending("CAPTURE_INITIATED", 33, "Capture of the authorized payment was requested and is in progress."),
    failed("CAPTURE_FAILED", 34, "Capture of the authorized payment failed."),
    pending("VOID_FAILED", 35, "The void request failed; the payment is still authorized."),
    failed("AUTO_REFUNDED", 36, "The payment went through but was refunded to the customer automatically."),
    failed("NOT_FOUND", 40, "No order exists with this id."),
];

/// What an unknown name or id maps to.
pub const UNKNOWN: OrderStatus = OrderStatus {
    status: "UNKNOWN",
    status_id: -1,
    meaning:
        "Not a Juspay order status known to this library; treat the order as unresolved and check its status again.",
    terminal: false,
    success: false,
    failed: false,
};

impl OrderStatus {
    /// By name, ignoring case and surrounding spaces.
    pub fn by_name(name: &str) -> Option<&'static OrderStatus> {
        let name = crate::float::trim(name);
        ORDER_STATUSES.iter().find(|s| s.status.eq_ignore_ascii_case(name))
    }

    /// By Juspay's `status_id`.
    pub fn by_id(id: i64) -> Option<&'static OrderStatus> {
        ORDER_STATUSES.iter().find(|s| s.status_id == id)
    }
}
