//! `ProxyClient`: the browser's way to the gateways, through the application's own backend
//! (`createProxyHandler`). It holds no secret and refuses options that look like one.

use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::from_js_at;
use super::fetch::option_keys;
use super::{optional_arg, to_js, to_js_error};
use crate::error::{cat, join, quoted, Code, Error};
use crate::json::Json;
use crate::proxy::client::{build_request, proxy_options, read_outcome, ProxyOptions};
use crate::proxy::http::Outcome;
use crate::proxy::routes::Operation;

#[wasm_bindgen(typescript_custom_section)]
const PROXY_CLIENT_TYPES: &str = r#"
/** Options of `ProxyClient`. There is deliberately no place for a gateway secret. */
export type ProxyClientOptions = {
  /** Where `createProxyHandler` is mounted, e.g. `"/api/payments"` or `"https://shop.example/api"`. */
  baseUrl: string;
  /** Sent with every request (a session or CSRF header, for instance). */
  headers?: Record<string, string>;
  /** Abort a request after this many milliseconds (`TIMEOUT`). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
};
/** A customer: its id, or the id with contact details. */
export type JuspayCustomer = string | { id?: string; email?: string; phone?: string };
export type JuspayCreateOrderInput = {
  orderId: string;
  amount: Amount;
  /** A fully qualified http(s) URL without query parameters. */
  returnUrl?: string;
  customer?: JuspayCustomer;
  split?: SplitPlan | SplitInput | JuspaySplitSettlementDetails;
};
export type JuspayPaymentLinks = { web?: string; mobile?: string; iframe?: string };
export type JuspayOrder = {
  id: string;
  orderId: string;
  status: string;
  statusId: number;
  paymentLinks?: JuspayPaymentLinks;
  /** Other fields of Juspay's reply, in camelCase. */
  [field: string]: unknown;
};
/** A refund's split: its parts must sum to the refund amount. */
export type JuspayRefundSplit = { marketplace?: Amount; vendors: Array<{ subMid: string; amount: Amount }> };
export type JuspayRefundInput = { uniqueRequestId?: string; amount: Amount; split?: JuspayRefundSplit };
export type InstamojoPaymentRequestInput = {
  amount: Amount;
  purpose: string;
  buyerName?: string;
  email?: string;
  phone?: string;
  redirectUrl?: string;
  webhook?: string;
};
export type InstamojoSettlementInput = { type: "CREDIT" | "DEBIT"; subMerchantId: string; amount: Amount; id?: string };
export type InstamojoRefundType = "RFD" | "TNR" | "QFL" | "QNR" | "EWN" | "TAN" | "PTH";
export type InstamojoRefundInput = { amount: Amount; type: InstamojoRefundType; body: string; transactionId?: string };
/** A gateway reply, keys in camelCase. */
export type GatewayReply = { [field: string]: unknown };
"#;

#[wasm_bindgen(inline_js = r#"
// Reads a thrown value as text: its message, and its cause's (Node's fetch puts the reason there).
const describe = (e) => {
  const message = (v) => { try { const m = Reflect.get(v, "message"); return typeof m == "string" ? m : undefined; } catch (_) {} };
  let text = message(e) ?? (typeof e == "string" ? e : "unknown error");
  let cause;
  try { cause = Reflect.get(e, "cause"); } catch (_) {}
  const why = cause == null ? undefined : message(cause);
  return why === undefined ? text : `${text} (${why})`;
};

// One attempt, entirely in JS so the browser build needs no Rust async runtime. `done(status,
// text)` gets the answer, or status 0 on timeout and 1 (text: why) when there is no answer; the
// promise settles with what `done` returns or throws.
export async function proxySend(f, request, ms, done) {
  f = f || globalThis.fetch;
  if (typeof f != "function") return done(1, "this runtime has no global fetch; pass one as the `fetch` option");
  const { url, method, headers, body } = JSON.parse(request);
  const init = { method, headers };
  if (body != null) init.body = body;
  let fired = false, timer;
  if (ms) try {
    const controller = new AbortController();
    init.signal = controller.signal;
    timer = setTimeout(() => { fired = true; controller.abort(); }, ms);
  } catch (_) {}
  let status, text = "";
  try {
    const response = await f.call(globalThis, url, init);
    try { status = Reflect.get(response, "status"); } catch (_) {}
    // Status codes are integers in 100..=599; anything else is no proper answer.
    if (typeof status != "number" || !(status >= 100 && status <= 599)) throw "the fetch function returned something that is not a Response";
    let read;
    try { read = Reflect.get(response, "text"); } catch (_) {}
    if (typeof read == "function") {
      const t = await read.call(response);
      if (typeof t == "string") text = t;
    }
  } catch (e) {
    return fired ? done(0, "") : done(1, describe(e));
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  return done(status, text);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = proxySend)]
    fn proxy_send(fetch: &JsValue, request: &str, timeout_ms: u32, done: JsValue) -> Promise;
}

struct ProxyCore {
    base_url: String,
    timeout_ms: Option<u32>,
    fetch: JsValue,
    headers: Vec<(String, String)>,
}

impl ProxyCore {
    fn new(options: &JsValue) -> Result<ProxyCore, Error> {
        let get = |key: &str| Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null());
        // One JSON object for the core: every key, with only the two values it reads converted.
        let mut members = Vec::new();
        for key in option_keys(options, "ProxyClient")? {
            let value = match key.as_str() {
                "baseUrl" | "timeoutMs" => get(&key).map_or(Json::Null, |v| from_js_at(&v, &key).unwrap_or(Json::Bool(true))),
                _ => Json::Null,
            };
            members.push((key, value));
        }
        let ProxyOptions { base_url, timeout_ms } = proxy_options(&Json::Object(members))?;
        let fetch = get("fetch").unwrap_or(JsValue::UNDEFINED);
        if !fetch.is_undefined() && !fetch.is_function() {
            return Err(Error::new(Code::InvalidOption, "fetch", "fetch must be a function"));
        }
        let mut headers = Vec::new();
        if let Some(h) = get("headers") {
            if !h.is_object() {
                return Err(Error::new(Code::InvalidOption, "headers", "headers must be an object of strings"));
            }
            for key in Object::keys(h.unchecked_ref::<Object>()).iter() {
                let name = key.as_string().unwrap_or_default();
                let value = Reflect::get(&h, &key).ok().and_then(|v| v.as_string()).ok_or_else(|| {
                    Error::new(Code::InvalidOption, join("headers", &name), cat(&["header ", &quoted(&name), " must be a string"]))
                })?;
                headers.push((name, value));
            }
        }
        Ok(ProxyCore { base_url, timeout_ms, fetch, headers })
    }

    /// Sends one call: the request is built here, `proxySend` moves it, and the reply is read back
    /// in Rust when the snippet calls `done`.
    fn call(&self, operation: Operation, id: Option<(&JsValue, &str)>, body: Option<&JsValue>) -> Result<Promise, Error> {
        let id_name = id.map_or("", |(_, name)| name);
        let id = match id {
            Some((v, name)) => Some(optional_arg(v, name)?.unwrap_or(Json::Null)),
            None => None,
        };
        let body = match body {
            Some(v) => optional_arg(v, "")?,
            None => None,
        };
        let request = build_request(operation, id.as_ref(), id_name, body.as_ref(), &self.headers)?;
        let timeout_ms = self.timeout_ms.unwrap_or(0);
        let done = Closure::<dyn FnMut(f64, String) -> Result<JsValue, JsValue>>::once_into_js(move |status: f64, text: String| {
            let outcome = match status as u16 {
                0 => Outcome::Timeout,
                1 => Outcome::Network(text),
                status => Outcome::Reply { status, body: text },
            };
            read_outcome(operation, timeout_ms, outcome).map(|v| to_js(&v)).map_err(to_js_error)
        });
        Ok(proxy_send(&self.fetch, &request.fetch_json(&self.base_url), timeout_ms, done))
    }
}

/// Runs one call as a Promise: argument conversion errors reject it too, never throw.
fn run(core: &ProxyCore, operation: Operation, id: Option<(&JsValue, &'static str)>, body: Option<&JsValue>) -> Promise {
    core.call(operation, id, body).unwrap_or_else(|e| Promise::reject(&to_js_error(e)))
}

/// Calls the gateways through your backend's `createProxyHandler`; every method returns a Promise
/// that rejects with a `MarketsplitError` (`NETWORK`, `TIMEOUT`, `HTTP_<status>`, or the code the
/// backend answered with, such as `SUM_MISMATCH`).
/// @example
/// ```ts
/// const client = new ProxyClient({ baseUrl: "/api/payments" });
/// const order = await client.juspay.createOrder({ orderId: "o1", amount: "100.00", split: plan });
/// location.href = order.paymentLinks.web;
/// ```
#[wasm_bindgen]
pub struct ProxyClient {
    core: Rc<ProxyCore>,
}

#[wasm_bindgen]
impl ProxyClient {
    /// Throws `INVALID_OPTION` for an option it does not know (such as `apiKey` or `clientSecret`).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ProxyClientOptions")] options: JsValue) -> Result<ProxyClient, JsValue> {
        Ok(ProxyClient { core: Rc::new(ProxyCore::new(&options).map_err(to_js_error)?) })
    }

    /// Juspay calls: `createOrder`, `orderStatus`, `refund`.
    #[wasm_bindgen(getter)]
    pub fn juspay(&self) -> ProxyJuspay {
        ProxyJuspay { core: self.core.clone() }
    }

    /// Instamojo calls: `createPaymentRequest`, `settle`, `fulfil`, `refund`.
    #[wasm_bindgen(getter)]
    pub fn instamojo(&self) -> ProxyInstamojo {
        ProxyInstamojo { core: self.core.clone() }
    }
}

/// `ProxyClient.juspay`.
#[wasm_bindgen]
pub struct ProxyJuspay {
    core: Rc<ProxyCore>,
}

#[wasm_bindgen]
impl ProxyJuspay {
    /// `POST /juspay/orders`.
    #[wasm_bindgen(js_name = createOrder, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn create_order(&self, #[wasm_bindgen(unchecked_param_type = "JuspayCreateOrderInput")] input: JsValue) -> Promise {
        run(&self.core, Operation::JuspayCreateOrder, None, Some(&input))
    }

    /// `GET /juspay/orders/:orderId`.
    #[wasm_bindgen(js_name = orderStatus, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn order_status(&self, #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue) -> Promise {
        run(&self.core, Operation::JuspayOrderStatus, Some((&order_id, "orderId")), None)
    }

    /// `POST /juspay/orders/:orderId/refunds`.
    #[wasm_bindgen(unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn refund(
        &self,
        #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "JuspayRefundInput")] input: JsValue,
    ) -> Promise {
        run(&self.core, Operation::JuspayRefund, Some((&order_id, "orderId")), Some(&input))
    }
}

/// `ProxyClient.instamojo`.
#[wasm_bindgen]
pub struct ProxyInstamojo {
    core: Rc<ProxyCore>,
}

#[wasm_bindgen]
impl ProxyInstamojo {
    /// `POST /instamojo/payment-requests`; the backend decides whose account it is made on.
    #[wasm_bindgen(js_name = createPaymentRequest, unchecked_return_type = "Promise<GatewayReply>")]
    pub fn create_payment_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InstamojoPaymentRequestInput")] details: JsValue,
    ) -> Promise {
        run(&self.core, Operation::InstamojoCreatePaymentRequest, None, Some(&details))
    }

    /// `POST /instamojo/payments/:paymentId/settlements`.
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn settle(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoSettlementInput")] input: JsValue,
    ) -> Promise {
        run(&self.core, Operation::InstamojoSettle, Some((&payment_id, "paymentId")), Some(&input))
    }

    /// `POST /instamojo/payments/:paymentId/fulfil`.
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn fulfil(&self, #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue) -> Promise {
        run(&self.core, Operation::InstamojoFulfil, Some((&payment_id, "paymentId")), None)
    }

    /// `POST /instamojo/payments/:paymentId/refunds`.
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn refund(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoRefundInput")] input: JsValue,
    ) -> Promise {
        run(&self.core, Operation::InstamojoRefund, Some((&payment_id, "paymentId")), Some(&input))
    }
}
