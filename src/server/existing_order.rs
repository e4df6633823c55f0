//! `createOrder` on an `order_id` Juspay already has: Juspay answers with that order's status
//! instead of creating another (GATEWAYS.md), so the order the buyer is sent to pay may have been
//! made by someone else, first, on other terms. It is the order asked for only when it is shown
//! to be: the same amount, the same customer, and a split that settles the same amounts to the
//! same parties. Anything else, or anything that cannot be read, is `ORDER_CONFLICT`.

use crate::error::{Code, Error};
use crate::money::amount::Paise;
use crate::server::juspay::CreateOrder;
use crate::server::replies::{self, JuspayOrderReply};
use crate::server::settlement::Settlement;

/// Checks Juspay's answer to `order`. A reply without `amount` is a new order (Juspay's create
/// reply is `{ id, order_id, status, status_id, payment_links }`); one with it is an existing
/// order's status, compared with what was asked:
/// - its `amount`, in paise;
/// - its `customer_id` with the order's customer id (none on both sides is the same);
/// - its `split_settlement_response.split_details` (each sub-account's `amount`, the marketplace
///   getting the rest) with the order's split. A split asked for and none in the reply cannot be
///   confirmed, so it is a conflict too: the buyer is never sent to pay an order that may settle
///   to other parties.
///
/// `reply` is the reply's text, read into `replies::JuspayOrderReply`: amounts from Juspay's own digits.
/// A reply that names a field read here twice is ambiguous, and a conflict too.
pub fn check_created_order(order: &CreateOrder, reply: &str) -> Result<(), Error> {
    let id = &order.order_id;
    let Some(reply) = replies::parse::<JuspayOrderReply>(reply) else {
        return Err(conflict(format!(
            "order {id:?}: Juspay's reply names a field twice or cannot be read, so it cannot be shown to be the \
             order asked for; use another orderId"
        )));
    };
    if !reply.amount.is_present() {
        return Ok(());
    }
    let found = reply.amount.paise();
    let Some(found) = found.filter(|a| *a == order.amount) else {
        let existing = found.map_or_else(|| "an amount that cannot be read".to_string(), Paise::to_text);
        return Err(conflict(format!(
            "order {id:?} already exists at Juspay for {existing}, not {}: someone created that id first; use another orderId",
            order.amount.to_text()
        )));
    };
    // Text or a number, as the order's own customer id is read; anything else is no one's id.
    let customer = reply.customer_id.text().map(|id| id.filter(|s| !s.is_empty()).map(str::to_string));
    if customer != Ok(order.customer.id.clone()) {
        // The existing order's customer is not quoted: the browser naming this id may not know it.
        return Err(conflict(format!(
            "order {id:?} already exists at Juspay for another customer: someone created that id first; use another orderId"
        )));
    }
    let asked = order.split.as_ref().map(Settlement::of_details);
    let existing = Settlement::of_status_reply(&reply, found).map_err(|why| {
        conflict(format!(
            "order {id:?} already exists at Juspay with a split that cannot be read ({why}); use another orderId"
        ))
    })?;
    match (asked, existing) {
        (None, None) => Ok(()),
        (Some(_), None) => Err(conflict(format!(
            "order {id:?} already exists at Juspay and its reply does not say how it settles, so it cannot be shown \
             to settle as asked; use another orderId"
        ))),
        (None, Some(_)) => Err(conflict(format!(
            "order {id:?} already exists at Juspay with a split, where none was asked for; use another orderId"
        ))),
        (Some(asked), Some(existing)) => match asked.first_difference(&existing) {
            None => Ok(()),
            Some(party) => Err(conflict(format!(
                "order {id:?} already exists at Juspay and pays {party} differently than asked: someone created \
                 that id first; use another orderId"
            ))),
        },
    }
}

fn conflict(message: String) -> Error {
    Error::new(Code::OrderConflict, "orderId", message)
}
