//! What the proxy tells a browser about a Juspay order. Juspay's order status carries far more
//! than a checkout page needs: the customer's id, email and phone, the card or UPI handle paid
//! with, the gateway's references, every refund with its idempotency key, and what each seller is
//! settled. `createOrder` on an id that exists answers with all of it, to whoever names the id; so
//! the proxy passes on only the fields a buyer's page uses, whatever Juspay answered.

use crate::json::Json;

/// `createOrder`'s answer, as API.md gives it: exactly `{ id, orderId, status, statusId,
/// paymentLinks: { web, mobile, iframe } }`, for a new order and an existing one alike.
pub fn created_order(reply: &Json) -> Json {
    pick(reply, &["id", "orderId", "status", "statusId"])
}

/// `orderStatus`'s answer: the order's state and money, never who paid or how. `{ id, orderId,
/// status, statusId, amount, currency, amountRefunded, refunded, paymentLinks }`, each where
/// Juspay gave it. The payment links stay: after AUTHENTICATION_FAILED (26) or
/// AUTHORIZATION_FAILED (27) the buyer may pay the same order again.
pub fn order_status(reply: &Json) -> Json {
    pick(reply, &["id", "orderId", "status", "statusId", "amount", "currency", "amountRefunded", "refunded"])
}

/// `keys` of a camelCase order reply, in that order, then `paymentLinks` with only its three links.
fn pick(reply: &Json, keys: &[&str]) -> Json {
    let mut out: Vec<(String, Json)> =
        keys.iter().filter_map(|k| reply.get(k).map(|v| ((*k).to_string(), v.clone()))).collect();
    if let Some(given) = reply.get("paymentLinks").filter(|l| l.is_object()) {
        let kept = ["web", "mobile", "iframe"]
            .iter()
            .filter_map(|k| given.get(k).filter(|v| v.as_str().is_some()).map(|v| ((*k).to_string(), v.clone())));
        out.push(("paymentLinks".into(), Json::Object(kept.collect())));
    }
    Json::Object(out)
}
