//! The routes `createProxyHandler` serves. `ProxyClient` (JS, src/js/proxy_client.js)
//! calls the same paths; tests/node/e2e.test.mjs sends each of its calls through the handler.

use crate::error::{cat, Code, Error, Result};
use crate::prelude::*;
use crate::proxy::http::{path_segment, percent_decode};

/// The gateway an operation calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gateway {
    /// Juspay.
    Juspay,
    /// Instamojo.
    Instamojo,
}

/// One proxied call. Its [`name`](Operation::name) is what `authorize(request, operation)` gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `juspay.createOrder`.
    JuspayCreateOrder,
    /// `juspay.orderStatus`.
    JuspayOrderStatus,
    /// `juspay.refund`.
    JuspayRefund,
    /// `instamojo.createPaymentRequest`.
    InstamojoCreatePaymentRequest,
    /// `instamojo.settle`.
    InstamojoSettle,
    /// `instamojo.fulfil`.
    InstamojoFulfil,
    /// `instamojo.refund`.
    InstamojoRefund,
}

/// `":id"` marks the one variable segment of a route.
const ID: &str = ":id";

impl Operation {
    /// Every operation, in the order of the route table.
    pub const ALL: [Operation; 7] = [
        Operation::JuspayCreateOrder,
        Operation::JuspayOrderStatus,
        Operation::JuspayRefund,
        Operation::InstamojoCreatePaymentRequest,
        Operation::InstamojoSettle,
        Operation::InstamojoFulfil,
        Operation::InstamojoRefund,
    ];

    /// The name `authorize` and the errors use: `juspay.createOrder`.
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

    /// The gateway it calls.
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

    /// The HTTP method of its route.
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
    /// A route: its operation, and the id of its variable segment where it has one.
    Found {
        /// The operation.
        operation: Operation,
        /// The decoded `:id` segment.
        id: Option<String>,
    },
    /// A route's path with a method it does not take.
    WrongMethod {
        /// The methods it takes.
        allowed: Vec<&'static str>,
    },
    /// No route.
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

/// Finds the route for `method` and a percent-encoded URL `pathname`, under `base_path`. The
/// path is matched as written, the way `ProxyClient` writes it: each fixed segment byte for byte
/// (`%72efunds` is not `refunds`), no empty segment (`//`, a trailing `/`), and only the id
/// segment percent-decoded. A guard in front of the handler that matches paths as written then
/// sees every request the handler serves under the name the handler serves it.
pub fn route(base_path: &str, method: &str, pathname: &str) -> RouteMatch {
    let base = normalise_base(base_path);
    let rest = match pathname.strip_prefix(base.as_str()).and_then(|rest| rest.strip_prefix('/')) {
        Some(rest) => rest,
        None => return RouteMatch::NotFound,
    };
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return RouteMatch::NotFound;
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
                // An id that does not decode to text (`%ff`) names no order.
                id = percent_decode(s, false).filter(|id| !id.is_empty());
                id.is_some()
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
