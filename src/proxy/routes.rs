//! The routes `createProxyHandler` serves. `ProxyClient` (JS, src/js/proxy_client.js)
//! calls the same paths; tests/node/e2e.test.mjs sends each of its calls through the handler.

use crate::error::{cat, Code, Error, Result};
use crate::prelude::*;
use crate::proxy::http::{path_segment, percent_decode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gateway {
    Juspay,
    Instamojo,
}

/// One proxied call. Its [`name`](Operation::name) is what `authorize(request, operation)` gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    JuspayCreateOrder,
    JuspayOrderStatus,
    JuspayRefund,
    InstamojoCreatePaymentRequest,
    InstamojoSettle,
    InstamojoFulfil,
    InstamojoRefund,
}

/// `":id"` marks the one variable segment of a route.
const ID: &str = ":id";

impl Operation {
    pub const ALL: [Operation; 7] = [
        Operation::JuspayCreateOrder,
        Operation::JuspayOrderStatus,
        Operation::JuspayRefund,
        Operation::InstamojoCreatePaymentRequest,
        Operation::InstamojoSettle,
        Operation::InstamojoFulfil,
        Operation::InstamojoRefund,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Operation::JuspayCreateOrder => "juspay.createOrder",
            Operation::JuspayOrderStatus => "juspay.orderStatus",
            Operation::JuspayRefund => "juspay.refund",
            Operation::InstamojoCreatePaymentRequest => "instamojo.createPaymentRequest",
            Operation::InstamojoSettle => "instamojo.settle",
            Operation::InstamojoFulfil => "instamojo.fulfil",
            Operation::InstamojoRefund => "instamojo.refund",
        }
    }

    pub fn gateway(self) -> Gateway {
        match self {
            Operation::JuspayCreateOrder | Operation::JuspayOrderStatus | Operation::JuspayRefund => Gateway::Juspay,
            _ => Gateway::Instamojo,
        }
    }

    /// Whether the operation moves money that is already paid (refunds, settlements, fulfil):
    /// such an operation runs only when `authorize` allows it. The others are checkout operations,
    /// served through the backend's `order` record.
    pub fn is_back_office(self) -> bool {
        matches!(
            self,
            Operation::JuspayRefund
                | Operation::InstamojoSettle
                | Operation::InstamojoFulfil
                | Operation::InstamojoRefund
        )
    }

    /// The body field that carries a back-office write's idempotency key, which only the client
    /// makes (`ProxyClient` mints one when its caller gives none). `fulfil` has none: fulfilling a
    /// payment twice moves no money twice.
    pub fn idempotency_key(self) -> Option<&'static str> {
        match self {
            Operation::JuspayRefund => Some("uniqueRequestId"),
            Operation::InstamojoSettle => Some("id"),
            Operation::InstamojoRefund => Some("transactionId"),
            _ => None,
        }
    }

    pub fn method(self) -> &'static str {
        match self {
            Operation::JuspayOrderStatus => "GET",
            _ => "POST",
        }
    }

    fn template(self) -> &'static [&'static str] {
        match self {
            Operation::JuspayCreateOrder => &["juspay", "orders"],
            Operation::JuspayOrderStatus => &["juspay", "orders", ID],
            Operation::JuspayRefund => &["juspay", "orders", ID, "refunds"],
            Operation::InstamojoCreatePaymentRequest => &["instamojo", "payment-requests"],
            Operation::InstamojoSettle => &["instamojo", "payments", ID, "settlements"],
            Operation::InstamojoFulfil => &["instamojo", "payments", ID, "fulfil"],
            Operation::InstamojoRefund => &["instamojo", "payments", ID, "refunds"],
        }
    }

    /// Whether the route has an id segment (`orderId` or `paymentId`).
    pub fn takes_id(self) -> bool {
        self.template().contains(&ID)
    }

    /// The path of this route under `/`, the id percent-encoded into its segment. An id the route
    /// needs but is empty or absent is `MISSING_FIELD` at `id_path`.
    pub fn path(self, id: Option<&str>, id_path: &str) -> Result<String> {
        let mut out = String::new();
        for segment in self.template() {
            out.push('/');
            if *segment == ID {
                match id {
                    Some(id) if !id.is_empty() => out.push_str(&path_segment(id)),
                    _ => return Err(Error::new(Code::MissingField, id_path, cat(&[id_path, " is required"]))),
                }
            } else {
                out.push_str(segment);
            }
        }
        Ok(out)
    }
}

/// What a request path and method select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteMatch {
    Found { operation: Operation, id: Option<String> },
    WrongMethod { allowed: Vec<&'static str> },
    NotFound,
}

/// Normalises a base path: a leading `/`, no trailing one (`""` for the root).
pub fn normalise_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        cat(&["/", trimmed])
    }
}

/// Finds the route for `method` and a percent-encoded URL `pathname`, under `base_path`.
pub fn route(base_path: &str, method: &str, pathname: &str) -> RouteMatch {
    let base = normalise_base(base_path);
    let rest = match pathname.strip_prefix(base.as_str()) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => return RouteMatch::NotFound,
    };
    let mut segments = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        match percent_decode(raw, false) {
            Some(s) => segments.push(s),
            None => return RouteMatch::NotFound,
        }
    }
    let mut allowed = Vec::new();
    for op in Operation::ALL {
        let template = op.template();
        if template.len() != segments.len() {
            continue;
        }
        let mut id = None;
        let fits = template.iter().zip(&segments).all(|(t, s)| {
            if *t == ID {
                id = Some(s.clone());
                true
            } else {
                t == s
            }
        });
        if !fits {
            continue;
        }
        if op.method().eq_ignore_ascii_case(method) {
            return RouteMatch::Found { operation: op, id };
        }
        allowed.push(op.method());
    }
    if allowed.is_empty() {
        RouteMatch::NotFound
    } else {
        RouteMatch::WrongMethod { allowed }
    }
}
