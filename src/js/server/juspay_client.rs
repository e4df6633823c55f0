//! `JuspayClient`: orders, status and refunds against Juspay with the merchant's API key.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::guard::read_options;
use super::{run_call, run_call2, send_with_retries, Registry};
use crate::error::Error;
use crate::js::fetch::{option_keys, random_id, string_option, transport_options, Transport};
use crate::js::to_js_error;
use crate::json::Json;
use crate::proxy::http::{HttpRequest, Outcome};
use crate::proxy::options::check_option_keys;
use crate::server::gateway::{camel_case_keys, read_outcome, Failure};
use crate::server::juspay::{
    error_message, map_order_reply, order_id_arg, order_status_request, CreateOrder, JuspayConfig, Refund, OPTION_KEYS,
};
use crate::server::redact::Redactor;

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

thread_local! {
    pub(crate) static JUSPAY_CLIENTS: Registry<JuspayCore> = const { Registry::new() };
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
        let outcome: Outcome = send_with_retries(&self.transport, request, safe_to_repeat).await;
        let reply =
            read_outcome(operation, "Juspay", &outcome, self.transport.timeout_ms, &self.redactor, error_message)?;
        Ok(map_order_reply(camel_case_keys(&reply)))
    }

    pub async fn create_order(&self, input: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "juspay.createOrder";
        let order = CreateOrder::from_json(input.as_ref()).map_err(|e| Failure::invalid(OP, e))?;
        let request = order.request(&self.config);
        // What the caller sent is not held while the gateway answers: many calls in flight then
        // hold only their requests (see README, "Memory").
        drop((input, order));
        // Not repeated: the brief allows retries only for reads and keyed writes.
        self.send(OP, &request, false).await
    }

    pub async fn order_status(&self, order_id: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "juspay.orderStatus";
        let id = order_id_arg(order_id.as_ref()).map_err(|e| Failure::invalid(OP, e))?;
        self.send(OP, &order_status_request(&self.config, &id), true).await
    }

    pub async fn refund(&self, order_id: Option<Json>, input: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "juspay.refund";
        let refund =
            Refund::from_json(order_id.as_ref(), input.as_ref(), &random_id()).map_err(|e| Failure::invalid(OP, e))?;
        let request = refund.request(&self.config);
        drop((order_id, input, refund));
        // unique_request_id makes a repeated refund a no-op at Juspay.
        self.send(OP, &request, true).await
    }
}

/// Juspay orders with split settlement, status and refunds, with the merchant's API key (server
/// only). Errors name the operation (`juspay.createOrder: …`) and never quote the key.
/// @example
/// ```ts
/// const juspay = new JuspayClient({ apiKey: process.env.JUSPAY_KEY!, merchantId: "shop" });
/// const order = await juspay.createOrder({ orderId: "o1", amount: "100.00", split: calculateSplit(input) });
/// ```
#[wasm_bindgen]
pub struct JuspayClient {
    core: Rc<JuspayCore>,
    handle: u32,
}

#[wasm_bindgen]
impl JuspayClient {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JuspayClientOptions")] options: JsValue,
    ) -> Result<JuspayClient, JsValue> {
        let core = Rc::new(JuspayCore::from_options(&options).map_err(to_js_error)?);
        let handle = JUSPAY_CLIENTS.with(|r| r.add(&core));
        Ok(JuspayClient { core, handle })
    }

    /// `POST /orders` (form-encoded, the split as `metadata.split_settlement_details`). A split
    /// may be a `SplitPlan`, a `SplitInput` or `split_settlement_details`; it is checked first.
    #[wasm_bindgen(js_name = createOrder, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn create_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JuspayCreateOrderInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(vec![(input, "")], move |mut a| async move { core.create_order(a.pop().flatten()).await })
    }

    /// `GET /orders/:orderId`, retried on a timeout or a 5xx.
    #[wasm_bindgen(js_name = orderStatus, unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn order_status(
        &self,
        #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(vec![(order_id, "orderId")], move |mut a| async move { core.order_status(a.pop().flatten()).await })
    }

    /// `POST /orders/:orderId/refunds` with a `unique_request_id` (generated when not given).
    #[wasm_bindgen(unchecked_return_type = "Promise<JuspayOrder>")]
    pub fn refund(
        &self,
        #[wasm_bindgen(js_name = orderId, unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "JuspayRefundInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((order_id, "orderId"), (input, ""), move |id, input| async move { core.refund(id, input).await })
    }

    #[wasm_bindgen(js_name = __marketsplitHandle, skip_typescript)]
    pub fn marketsplit_handle(&self) -> u32 {
        self.handle
    }
}
