//! `createProxyHandler`: the backend half of `ProxyClient`, as a standard fetch-API handler
//! `(request: Request) => Promise<Response>`. The steps and their order are the contract's; each
//! step's decision is in `server::routes`, `server::checkout` and `server::back_office`.

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use super::guard::{self, read_options, Incoming};
use super::instamojo_client::InstamojoCore;
use super::instamojo_client::INSTAMOJO_HANDED;
use super::instances::client_of;
use super::juspay_client::JuspayCore;
use super::juspay_client::JUSPAY_HANDED;
use super::proxy_request::{call_hook, copy_request, read_limited, BodyError};
use crate::error::{index, Code, Error};
use crate::js::fetch::{option_keys, string_option};
use crate::js::{from_js_at, optional_arg, to_js, to_js_error};
use crate::json::Json;
use crate::proxy::options::check_option_keys;
use crate::proxy::routes::{Gateway, Operation};
use crate::server::back_office::check_back_office;
use crate::server::browser_reply;
use crate::server::checkout::{
    compare, juspay_order, order_not_found, payment_request, record_invalid, shown, status_query, Shown,
};
use crate::server::gateway::Failure;
use crate::server::redact::Redactor;
use crate::server::routes::{
    allowed_origin, check_content_length, check_content_type, check_origin, failure_reply, forbidden, internal,
    no_authorize_hook, no_order_hook, not_configured, read_body, select, too_large, unreadable_body, Reply,
    DEFAULT_MAX_BODY_BYTES,
};

#[wasm_bindgen(typescript_custom_section)]
const PROXY_HANDLER_TYPES: &str = r#"
/** The operations a proxy handler serves, as `authorize` and `order` receive them. */
export type ProxyOperation = ProxyCheckoutOperation | ProxyBackOfficeOperation;
/** Served only through the backend's `order` record. */
export type ProxyCheckoutOperation = "juspay.createOrder" | "juspay.orderStatus" | "instamojo.createPaymentRequest";
/** Move money already paid: served only when `authorize` resolves to `true`. */
export type ProxyBackOfficeOperation = "juspay.refund" | "instamojo.settle" | "instamojo.fulfil" | "instamojo.refund";
/** What `order` is asked: which operation, on which of your orders. */
export type ProxyOrderQuery = { operation: ProxyCheckoutOperation; orderId: string };
/** Your record of a Juspay order: what is paid, how it is split, by whom, and where the buyer returns. */
export type JuspayOrderRecord = {
  amount: Amount;
  /** Computed on your server from your own rules (a `SplitInput` is recomputed, a `SplitPlan` checked). */
  split?: SplitPlan | SplitInput | JuspaySplitSettlementDetails;
  customer?: JuspayCustomer;
  /** A fully qualified http(s) URL without query parameters. */
  returnUrl?: string;
};
/** Your record of an Instamojo payment request. */
export type InstamojoOrderRecord = {
  amount: Amount;
  purpose: string;
  redirectUrl?: string;
  webhook?: string;
  /** Whose Instamojo account it is made on (a username that has logged in); else `instamojoUser`, else the marketplace's. */
  user?: string;
};
export type ProxyHandlerOptions = {
  /** A client, or the options to make one. */
  juspay?: JuspayClient | JuspayClientOptions;
  instamojo?: InstamojoClient | InstamojoClientOptions;
  /**
   * Your own record of the order the browser names, for the checkout operations: the gateway gets
   * its values, never the browser's (only the buyer's `buyerName`, `email` and `phone` come from
   * the browser). `null` (or `undefined`) for an order this request may not see: 404
   * `ORDER_NOT_FOUND`. Without it the checkout routes answer 501 `NOT_CONFIGURED`. A throw or a
   * rejection is 500 `INTERNAL`, its text never sent. The request's body may be read.
   */
  order?: (
    request: Request,
    query: ProxyOrderQuery,
  ) => JuspayOrderRecord | InstamojoOrderRecord | null | undefined | Promise<JuspayOrderRecord | InstamojoOrderRecord | null | undefined>;
  /**
   * Asked before every operation once given; the operation runs only when it resolves to exactly
   * `true` (`"no"`, `1` or `{}` refuse: 403 `FORBIDDEN`). Without it the back-office operations
   * answer 403. A throw or a rejection is 500 `INTERNAL`. The request's body may be read.
   */
  authorize?: (request: Request, operation: ProxyOperation) => boolean | Promise<boolean>;
  /** Where the routes are mounted; default `/`. */
  basePath?: string;
  /** Whose Instamojo account a payment request is made on when the record names no `user`; `undefined` for the marketplace's. */
  instamojoUser?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Bodies above this many bytes are refused with 413 `PAYLOAD_TOO_LARGE`, never read further; default 65536. */
  maxBodyBytes?: number;
  /** When given, a request whose `Origin` header is not one of these (`"https://shop.example"`) is refused with 403 `FORBIDDEN`. */
  allowedOrigins?: string[];
};
"#;

const OPTION_KEYS: [&str; 8] =
    ["juspay", "instamojo", "order", "authorize", "instamojoUser", "basePath", "maxBodyBytes", "allowedOrigins"];

struct Handler {
    juspay: Option<Rc<JuspayCore>>,
    instamojo: Option<Rc<InstamojoCore>>,
    order: Option<Function>,
    authorize: Option<Function>,
    instamojo_user: Option<Function>,
    base_path: String,
    max_body_bytes: u32,
    allowed_origins: Option<Vec<String>>,
}

fn present(options: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn function_option(options: &JsValue, key: &str) -> Result<Option<Function>, Error> {
    match present(options, key) {
        None => Ok(None),
        Some(v) => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|_| Error::new(Code::InvalidOption, key, format!("{key} must be a function"))),
    }
}

fn max_body_option(options: &JsValue) -> Result<u32, Error> {
    let Some(value) = present(options, "maxBodyBytes") else { return Ok(DEFAULT_MAX_BODY_BYTES) };
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= f64::from(u32::MAX) => Ok(n as u32),
        _ => {
            Err(Error::new(Code::InvalidOption, "maxBodyBytes", "maxBodyBytes must be a whole number of bytes above 0"))
        }
    }
}

fn origins_option(options: &JsValue) -> Result<Option<Vec<String>>, Error> {
    const KEY: &str = "allowedOrigins";
    let Some(value) = present(options, KEY) else { return Ok(None) };
    let not_list = || Error::new(Code::InvalidOption, KEY, "allowedOrigins must be an array of origins");
    let Some(Json::Array(items)) = optional_arg(&value, KEY).map_err(|_| not_list())? else { return Err(not_list()) };
    let mut origins = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = index(KEY, i);
        let text =
            item.as_str().ok_or_else(|| Error::new(Code::InvalidOption, &path, format!("{path} must be a string")))?;
        origins.push(allowed_origin(text, &path)?);
    }
    Ok(Some(origins))
}

fn under_option(key: &str, mut e: Error) -> Error {
    e.path = if e.path.is_empty() { key.to_string() } else { format!("{key}.{}", e.path) };
    e
}

impl Handler {
    fn new(options: &JsValue) -> Result<Handler, Error> {
        let options = &read_options(options, "createProxyHandler")?;
        let keys = option_keys(options, "createProxyHandler")?;
        check_option_keys(keys.iter().map(String::as_str), &OPTION_KEYS, "createProxyHandler")?;
        let juspay = match present(options, "juspay") {
            None => None,
            Some(v) => Some(match client_of(&v, &JUSPAY_HANDED) {
                Some(core) => core,
                None => Rc::new(JuspayCore::from_options(&v).map_err(|e| under_option("juspay", e))?),
            }),
        };
        let instamojo = match present(options, "instamojo") {
            None => None,
            Some(v) => Some(match client_of(&v, &INSTAMOJO_HANDED) {
                Some(core) => core,
                None => Rc::new(InstamojoCore::from_options(&v).map_err(|e| under_option("instamojo", e))?),
            }),
        };
        Ok(Handler {
            juspay,
            instamojo,
            order: function_option(options, "order")?,
            authorize: function_option(options, "authorize")?,
            instamojo_user: function_option(options, "instamojoUser")?,
            base_path: string_option(options, "basePath")?.unwrap_or_default(),
            max_body_bytes: max_body_option(options)?,
            allowed_origins: origins_option(options)?,
        })
    }

    fn redactor(&self) -> Redactor {
        let mut r = Redactor::default();
        if let Some(j) = &self.juspay {
            r.extend(&j.redactor);
        }
        if let Some(i) = &self.instamojo {
            r.extend(&i.redactor);
        }
        r
    }

    fn refusal(&self, failure: &Failure) -> Reply {
        failure_reply(failure, &self.redactor())
    }

    async fn handle(&self, request: Incoming) -> Reply {
        match self.steps(&request).await {
            Ok(value) => Reply::success(&value),
            Err(reply) => reply,
        }
    }

    /// The contract's steps, in its order; nothing reaches a gateway before every one has passed.
    async fn steps(&self, request: &Incoming) -> Result<Json, Reply> {
        let (method, url) = (&request.method, &request.url);
        let pathname = web_sys::Url::new(url)
            .or_else(|_| web_sys::Url::new_with_base(url, "http://localhost"))
            .map(|u| u.pathname())
            .unwrap_or_default();
        let (operation, id) = select(&self.base_path, method, &pathname)?;
        let configured = match operation.gateway() {
            Gateway::Juspay => self.juspay.is_some(),
            Gateway::Instamojo => self.instamojo.is_some(),
        };
        if !configured {
            return Err(not_configured(operation));
        }
        if !operation.is_back_office() && self.order.is_none() {
            return Err(no_order_hook(operation));
        }
        let header = |name: &str| request.headers.get(name).ok().flatten();
        check_content_length(operation, header("content-length").as_deref(), self.max_body_bytes)?;
        check_content_type(operation, header("content-type").as_deref())?;
        if let Some(allowed) = &self.allowed_origins {
            check_origin(operation, header("origin").as_deref(), allowed)?;
        }
        let bytes = if operation.method() == "GET" {
            Vec::new()
        } else {
            read_limited(&request.request, self.max_body_bytes).await.map_err(|e| match e {
                BodyError::TooLarge => too_large(operation, self.max_body_bytes),
                BodyError::Unreadable => unreadable_body(operation),
            })?
        };
        match &self.authorize {
            None if operation.is_back_office() => return Err(no_authorize_hook(operation)),
            None => {}
            Some(authorize) => {
                let copy = copy_request(request, &bytes);
                let answer = call_hook(authorize, &copy, &JsValue::from_str(operation.name()))
                    .await
                    .map_err(|()| internal(operation, "authorize"))?;
                // Exactly `true`: a truthy "no", 1 or {} is a bug in the hook, and refuses.
                if answer.as_bool() != Some(true) {
                    return Err(forbidden(operation));
                }
            }
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| unreadable_body(operation))?;
        let body = read_body(operation, text)?;
        if operation.is_back_office() {
            check_back_office(operation, id.as_deref(), &body).map_err(|f| self.refusal(&f))?;
            self.back_office(operation, id, body).await.map_err(|f| self.refusal(&f))
        } else {
            let shown = shown(operation, id.as_deref(), &body).map_err(|f| self.refusal(&f))?;
            // The body is not held while the hooks and the gateway answer.
            drop(body);
            self.checkout(operation, &shown, request, &bytes).await
        }
    }

    /// A checkout operation: the backend's record of the order decides what is sent.
    async fn checkout(
        &self,
        operation: Operation,
        shown: &Shown,
        request: &Incoming,
        bytes: &[u8],
    ) -> Result<Json, Reply> {
        let hook = self.order.as_ref().ok_or_else(|| no_order_hook(operation))?;
        let query = to_js(&Json::object([
            ("operation", Json::str(operation.name())),
            ("orderId", Json::str(&*shown.order_id)),
        ]));
        let answer =
            call_hook(hook, &copy_request(request, bytes), &query).await.map_err(|()| internal(operation, "order"))?;
        if answer.is_null() || answer.is_undefined() {
            return Err(self.refusal(&order_not_found(operation, &shown.order_id)));
        }
        let record = from_js_at(&answer, "order").map_err(|_| internal(operation, "order"))?;
        let invalid = |errors: Vec<Error>| self.refusal(&record_invalid(operation, &shown.order_id, &errors));
        let refused = |f: Failure| self.refusal(&f);
        match (operation, &self.juspay, &self.instamojo) {
            (Operation::JuspayOrderStatus, Some(j), _) => {
                let query = status_query(&shown.order_id, &record).map_err(invalid)?;
                j.status(&query).await.map(|o| browser_reply::order_status(&o)).map_err(refused)
            }
            (Operation::JuspayCreateOrder, Some(j), _) => {
                let order = juspay_order(&shown.order_id, &record).map_err(invalid)?;
                compare(operation, shown, order.amount, order.split.as_ref()).map_err(refused)?;
                j.create(&order).await.map(|o| browser_reply::created_order(&o)).map_err(refused)
            }
            (Operation::InstamojoCreatePaymentRequest, _, Some(i)) => {
                let (input, amount, user) = payment_request(shown, &record).map_err(invalid)?;
                compare(operation, shown, amount, None).map_err(refused)?;
                let user = match user {
                    Some(user) => Some(user),
                    None => self.user_for(operation, request, bytes).await?,
                };
                let act_as = user.map(|u| Json::object([("user", Json::String(u))]));
                i.create_payment_request(Some(input), act_as).await.map_err(refused)
            }
            _ => Err(not_configured(operation)),
        }
    }

    /// A back-office operation, its body already checked.
    async fn back_office(&self, operation: Operation, id: Option<String>, body: Json) -> Result<Json, Failure> {
        let id = id.map(Json::String);
        match (operation, &self.juspay, &self.instamojo) {
            (Operation::JuspayRefund, Some(j), _) => j.refund(id, Some(body)).await,
            (Operation::InstamojoSettle, _, Some(i)) => i.settle(id, Some(body)).await,
            (Operation::InstamojoFulfil, _, Some(i)) => i.fulfil(id).await,
            (Operation::InstamojoRefund, _, Some(i)) => i.refund(id, Some(body)).await,
            _ => Err(Failure {
                status: 501,
                error: Error::new(Code::NotConfigured, "", operation.name()),
                details: Vec::new(),
            }),
        }
    }

    /// `instamojoUser(request)`, awaited; anything but a non-empty string means the marketplace.
    /// A hook that throws refuses the request rather than silently choosing the marketplace.
    async fn user_for(&self, operation: Operation, request: &Incoming, bytes: &[u8]) -> Result<Option<String>, Reply> {
        let Some(pick) = &self.instamojo_user else { return Ok(None) };
        let answer = call_hook(pick, &copy_request(request, bytes), &JsValue::UNDEFINED)
            .await
            .map_err(|()| internal(operation, "instamojoUser"))?;
        if !answer.is_string() {
            return Ok(None);
        }
        // A name with a lone surrogate is no username: the hook's bug, not the marketplace's account.
        let name = guard::text(&answer).ok_or_else(|| internal(operation, "instamojoUser"))?;
        Ok(Some(name).filter(|s| !s.is_empty()))
    }
}

fn to_response(reply: &Reply) -> Result<JsValue, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (k, v) in &reply.headers {
        headers.append(k, v)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(reply.status);
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_str_and_init(Some(&reply.body), &init).map(Into::into)
}

/// The backend half of `ProxyClient`: a `(request: Request) => Promise<Response>` handler for
/// Node 18+, Next.js route handlers, Hono, Deno and Workers. The browser never decides what is
/// paid: checkout operations are served from your `order` record (the browser's amount and split
/// are only compared with it: 409 `ORDER_MISMATCH`), back-office operations only when `authorize`
/// resolves to `true`, each write with its client's idempotency key. It attaches the secrets and
/// never answers with one.
/// @example
/// ```ts
/// declare function isOperator(request: Request): Promise<boolean>; // your session check
/// const carts = new Map([["o1", { total: "100.00", lines: [{ seller: "V1", amount: "100.00" }] }]]);
/// const handler = createProxyHandler({
///   juspay: new JuspayClient({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: "shop" }),
///   basePath: "/api/payments",
///   // Your own record: the amount and split come from your database, never from the browser.
///   order: async (request, { orderId }) => {
///     const cart = carts.get(orderId);
///     if (!cart) return null;
///     const vendors = cart.lines.map((l) => ({ subMid: l.seller, amount: l.amount, commission: { percent: 10 } }));
///     return { amount: cart.total, split: calculateSplit({ orderAmount: cart.total, vendors }) };
///   },
///   // Buyers check out; only a signed-in operator moves money already paid.
///   authorize: async (request, operation) =>
///     operation === "juspay.createOrder" || operation === "juspay.orderStatus" || (await isOperator(request)),
/// });
/// export const POST = handler, GET = handler; // Next.js route handler
/// ```
#[wasm_bindgen(js_name = createProxyHandler, unchecked_return_type = "(request: Request) => Promise<Response>")]
pub fn create_proxy_handler(
    #[wasm_bindgen(unchecked_param_type = "ProxyHandlerOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let handler = Rc::new(Handler::new(&options).map_err(to_js_error)?);
    let closure = Closure::<dyn FnMut(JsValue) -> Promise>::new(move |request: JsValue| {
        let handler = handler.clone();
        future_to_promise(async move {
            // Read in JS: a subclass or Proxy with throwing getters must not throw inside this future.
            let request = Incoming::read(request).ok_or_else(|| {
                to_js_error(Error::new(Code::InvalidType, "request", "the proxy handler takes a fetch-API Request"))
            })?;
            let reply = handler.handle(request).await;
            to_response(&reply)
        })
    });
    Ok(closure.into_js_value())
}
