//! `JuspayClient`: orders, status and refunds against Juspay with the merchant's API key.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::guard::read_options;
use super::{run_call, run_call2, send_with_retries};
use crate::error::Error;
use crate::js::fetch::{option_keys, random_id, string_option, transport_options, Transport};
use crate::js::to_js_error;
use crate::json::Json;
use crate::proxy::http::{HttpRequest, Outcome};
use crate::proxy::options::check_option_keys;
use crate::server::existing_order::check_created_order;
use crate::server::gateway::{camel_case_keys, read_outcome, reply_text, Failure};
use crate::server::juspay::{
    earlier_refund, error_in_reply, error_message, is_duplicate_call, map_order_reply, order_status_request,
    unique_request_id_from, CreateOrder, JuspayConfig, Refund, StatusQuery, OPTION_KEYS,
};
use crate::server::redact::Redactor;

thread_local! {
    /// Where this client's hidden method hands its core to `createProxyHandler` (instances.rs).
    pub(crate) static JUSPAY_HANDED: RefCell<Option<Rc<JuspayCore>>> = const { RefCell::new(None) };
}

#[wasm_bindgen(typescript_custom_section)]
const JUSPAY_CLIENT_TYPES: &str = r#"
export type JuspayClientOptions = {
  apiKey: string;
  merchantId: string;
  /** Default `https://sandbox.juspay.in`; production is `https://api.juspay.in`. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per attempt; default 30000. */
  timeoutMs?: number;
};
"#;

/// Without a `timeoutMs`, a gateway attempt is given this long.
pub(crate) const DEFAULT_TIMEOUT_MS: u32 = 30_000;

pub(crate) struct JuspayCore {
    config: JuspayConfig,
    transport: Transport,
    pub redactor: Redactor,
}

impl JuspayCore {
    pub fn from_options(options: &JsValue) -> Result<JuspayCore, Error> {
        let options = &read_options(options, "JuspayClient")?;
        let keys = option_keys(options, "JuspayClient")?;
        check_option_keys(keys.iter().map(String::as_str), &OPTION_KEYS, "JuspayClient")?;
        let config = JuspayConfig::new(
            string_option(options, "apiKey")?,
            string_option(options, "merchantId")?,
            string_option(options, "baseUrl")?,
        )?;
        let (timeout_ms, fetch) = transport_options(options)?;
        let transport = Transport::new(config.base_url.clone(), Some(timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS)), fetch);
        Ok(JuspayCore { redactor: config.redactor(), config, transport })
    }

    async fn send(&self, operation: &str, request: &HttpRequest, safe_to_repeat: bool) -> Result<Json, Failure> {
        let (reply, _) = self.send_raw(operation, request, safe_to_repeat).await?;
        Ok(map_order_reply(camel_case_keys(&reply)))
    }

    /// The reply as Juspay wrote it (snake_case), and its text, for the checks that read it back.
    async fn send_raw(
        &self,
        operation: &str,
        request: &HttpRequest,
        safe_to_repeat: bool,
    ) -> Result<(Json, String), Failure> {
        let outcome: Outcome = send_with_retries(&self.transport, request, safe_to_repeat).await;
        let reply = self.read(operation, &outcome)?;
        Ok((reply, reply_text(outcome)))
    }

    /// A 2xx reply is redacted too: it goes back to the caller and, through the proxy, to a
    /// browser, and a gateway (or whatever answers in its place) may echo the key in any field.
    fn read(&self, operation: &str, outcome: &Outcome) -> Result<Json, Failure> {
        read_outcome(
            operation,
            "Juspay",
            outcome,
            self.transport.timeout_ms,
            &self.redactor,
            error_message,
            error_in_reply,
        )
        .map(|reply| self.redactor.redact_json(&reply))
    }

    pub async fn create_order(&self, input: Option<Json>) -> Result<Json, Failure> {
        let order = CreateOrder::from_json(input.as_ref()).map_err(|e| Failure::invalid(CREATE_ORDER, e))?;
        // What the caller sent is not held while the gateway answers: calls in flight hold only
        // what they send (README, "Memory").
        drop(input);
        self.create(&order).await
    }

    /// Sends an order already checked (the proxy builds it from the backend's record). An order
    /// id that exists comes back as that order: one of another amount is `ORDER_CONFLICT`.
    pub async fn create(&self, order: &CreateOrder) -> Result<Json, Failure> {
        // Not repeated: the brief allows retries only for reads and keyed writes.
        let (reply, text) = self.send_raw(CREATE_ORDER, &order.request(&self.config), false).await?;
        check_created_order(order, &text).map_err(|e| Failure::conflict(CREATE_ORDER, e))?;
        Ok(map_order_reply(camel_case_keys(&reply)))
    }

    pub async fn order_status(&self, order_id: Option<Json>, options: Option<Json>) -> Result<Json, Failure> {
        let query = StatusQuery::from_json(order_id.as_ref(), options.as_ref())
            .map_err(|e| Failure::invalid("juspay.orderStatus", e))?;
        self.status(&query).await
    }

    /// Asks for a status query already checked (the proxy builds it from the backend's record).
    pub async fn status(&self, query: &StatusQuery) -> Result<Json, Failure> {
        self.send("juspay.orderStatus", &query.request(&self.config), true).await
    }

    pub async fn refund(&self, order_id: Option<Json>, input: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "juspay.refund";
        let refund = Refund::from_json(order_id.as_ref(), input.as_ref(), &unique_request_id_from(&random_id()))
            .map_err(|e| Failure::invalid(OP, e))?;
        drop((order_id, input));
        // unique_request_id makes a repeated refund a no-op at Juspay.
        let outcome = send_with_retries(&self.transport, &refund.request(&self.config), true).await;
        if let Outcome::Reply { status, body } = &outcome {
            // Juspay refuses a key it has seen; the refund that spent it says whether that was
            // this same refund (done once: a success) or another one (a conflict).
            if is_duplicate_call(*status, body) {
                if let Some(result) = self.earlier(&refund).await {
                    return result;
                }
            }
        }
        let reply = self.read(OP, &outcome)?;
        if let Some(Err(e)) = earlier_refund(&refund, &reply_text(outcome)) {
            return Err(Failure::conflict(OP, e));
        }
        Ok(map_order_reply(camel_case_keys(&reply)))
    }

    /// The order after a refund Juspay called a duplicate, if it lists the refund that spent the
    /// key: `None` when it cannot be read or lists none, and the duplicate refusal stands.
    async fn earlier(&self, refund: &Refund) -> Option<Result<Json, Failure>> {
        let (order, text) = self
            .send_raw(
                "juspay.refund",
                &order_status_request(&self.config, &refund.order_id, refund.customer_id.as_deref()),
                true,
            )
            .await
            .ok()?;
        Some(match earlier_refund(refund, &text)? {
            Ok(()) => Ok(map_order_reply(camel_case_keys(&order))),
            Err(e) => Err(Failure::conflict("juspay.refund", e)),
        })
    }
}

const CREATE_ORDER: &str = "juspay.createOrder";

/// Juspay orders with split settlement, status and refunds, with the merchant's API key (server
/// only). Errors name the operation (`juspay.createOrder: …`) and never quote the key.
/// @example
/// ```ts
/// const juspay = new JuspayClient({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: process.env.JUSPAY_MERCHANT_ID! });
/// const order = await juspay.createOrder({ orderId: "o1", amount: "100.00", split: calculateSplit(input) });
/// ```
#[wasm_bindgen]
pub struct JuspayClient {
    core: Rc<JuspayCore>,
}

impl JuspayClient {
    /// An instance over `core` (the throwaway one `instances.rs` makes at start).
    pub(crate) fn from_core(core: Rc<JuspayCore>) -> JuspayClient {
        JuspayClient { core }
    }
}

#[wasm_bindgen]
impl JuspayClient {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JuspayClientOptions")] options: JsValue,
    ) -> Result<JuspayClient, JsValue> {
        let core = Rc::new(JuspayCore::from_options(&options).map_err(to_js_error)?);
        Ok(JuspayClient { core })
    }

    /// `POST /orders` (form-encoded, the split as `metadata.split_settlement_details`). A split
    /// may be a `SplitPlan`, a `SplitInput` or `split_settlement_details`; it is checked first.
    /// An `orderId` that exists resolves with that order, unless its amount is another:
    /// `ORDER_CONFLICT` (someone created that id first).
    /// @example
    /// ```ts
    /// const juspay = new JuspayClient({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: process.env.JUSPAY_MERCHANT_ID! });
    /// const order = await juspay.createOrder({ orderId: "o2", amount: "100.00", split: plan });
    /// order.orderId; // => "o2"
    /// ```
    #[wasm_bindgen(js_name = createOrder, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn create_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JuspayCreateOrderInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(vec![(input, "")], move |mut a| async move { core.create_order(a.pop().flatten()).await })
    }

    /// `GET /orders/:orderId`, retried on a timeout or a 5xx. `customerId` is sent as
    /// `x-routing-id` (else the merchant id), as on every call about that customer.
    /// @example
    /// ```ts
    /// await juspay.createOrder({ orderId: "o2", amount: "100.00", split: plan });
    /// (await juspay.orderStatus("o2")).orderId; // => "o2"
    /// ```
    #[wasm_bindgen(js_name = orderStatus, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn order_status(
        &self,
        #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ customerId?: string }")] options: Option<JsValue>,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((order_id, "orderId"), (options.unwrap_or(JsValue::UNDEFINED), ""), move |id, options| async move {
            core.order_status(id, options).await
        })
    }

    /// `POST /orders/:orderId/refunds` with a `unique_request_id` (generated when not given). A key
    /// Juspay has seen resolves with the order when it was spent on this same refund, and is
    /// `IDEMPOTENCY_CONFLICT` when it was spent on a refund of another amount.
    /// @example
    /// ```ts
    /// await juspay.createOrder({ orderId: "o2", amount: "100.00", split: plan });
    /// sim.juspay.setStatus("o2", "CHARGED"); // the buyer paid
    /// await juspay.refund("o2", { amount: "40.00", uniqueRequestId: "o2refund1" });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn refund(
        &self,
        #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "JuspayRefundInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((order_id, "orderId"), (input, ""), move |id, input| async move { core.refund(id, input).await })
    }

    /// Hands this client's state to `createProxyHandler` (see `instances.rs`).
    #[wasm_bindgen(js_name = __marketsplitHandle, skip_typescript)]
    pub fn marketsplit_handle(&self) {
        JUSPAY_HANDED.with(|slot| *slot.borrow_mut() = Some(self.core.clone()));
    }
}
