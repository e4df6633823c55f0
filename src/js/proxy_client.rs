//! `ProxyClient`: the browser's way to the gateways, through the application's own backend
//! (`createProxyHandler`). It holds no secret and refuses options that look like one.

use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::fetch::{option_keys, string_option, transport_options, Transport};
use super::{optional_arg, to_js, to_js_error};
use crate::error::{Code, Error};
use crate::json::Json;
use crate::proxy::client::{build_request, check_option_keys, read_reply, OPTION_KEYS};
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

struct ProxyCore {
    transport: Transport,
    headers: Vec<(String, String)>,
}

impl ProxyCore {
    fn new(options: &JsValue) -> Result<ProxyCore, Error> {
        let keys = option_keys(options, "ProxyClient")?;
        check_option_keys(keys.iter().map(String::as_str), &OPTION_KEYS, "ProxyClient")?;
        let base_url = string_option(options, "baseUrl")?
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::new(Code::MissingField, "baseUrl", "ProxyClient needs baseUrl, where the proxy handler is mounted"))?;
        let (timeout_ms, fetch) = transport_options(options)?;
        let mut headers = Vec::new();
        if let Some(h) = Reflect::get(options, &"headers".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            if !h.is_object() {
                return Err(Error::new(Code::InvalidOption, "headers", "headers must be an object of strings"));
            }
            for key in Object::keys(h.unchecked_ref::<Object>()).iter() {
                let name = key.as_string().unwrap_or_default();
                let value = Reflect::get(&h, &key).ok().and_then(|v| v.as_string()).ok_or_else(|| {
                    Error::new(Code::InvalidOption, format!("headers.{name}"), format!("header {} must be a string", crate::error::quoted(&name)))
                })?;
                headers.push((name, value));
            }
        }
        Ok(ProxyCore { transport: Transport::new(base_url, timeout_ms, fetch), headers })
    }

    async fn call(&self, operation: Operation, id: Option<Json>, id_name: &str, body: Option<Json>) -> Result<Json, Error> {
        let request = build_request(operation, id.as_ref(), id_name, body.as_ref(), &self.headers)?;
        match self.transport.send(&request).await {
            Outcome::Reply { status, body } => read_reply(status, &body),
            Outcome::Timeout => Err(Error::new(
                Code::Timeout,
                "",
                format!("{}: the backend did not answer within {} ms", operation.name(), self.transport.timeout_ms.unwrap_or(0)),
            )),
            Outcome::Network(why) => Err(Error::new(Code::Network, "", format!("{}: could not reach the backend: {why}", operation.name()))),
        }
    }
}

/// Runs one call as a Promise: argument conversion errors reject it too, never throw.
fn run(core: &Rc<ProxyCore>, operation: Operation, id: Option<(&JsValue, &'static str)>, body: Option<&JsValue>) -> Promise {
    let core = core.clone();
    let args = (|| -> Result<_, Error> {
        let id = match id {
            Some((v, name)) => Some(optional_arg(v, name)?.unwrap_or(Json::Null)),
            None => None,
        };
        let body = match body {
            Some(v) => optional_arg(v, "")?,
            None => None,
        };
        Ok((id, body))
    })();
    let id_name = id.map(|(_, n)| n).unwrap_or("");
    future_to_promise(async move {
        let (id, body) = args.map_err(to_js_error)?;
        core.call(operation, id, id_name, body).await.map(|v| to_js(&v)).map_err(to_js_error)
    })
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
