//! `createProxyHandler`: the backend half of `ProxyClient`, as a standard fetch-API handler
//! `(request: Request) => Promise<Response>`. The steps and their order are the contract's; each
//! step's decision is in `server::routes`.

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::guard::{self, read_options};
use super::instamojo_client::{InstamojoCore, INSTAMOJO_CLIENTS};
use super::juspay_client::{JuspayCore, JUSPAY_CLIENTS};
use crate::error::{Code, Error};
use crate::js::fetch::{option_keys, string_option};
use crate::js::to_js_error;
use crate::json::Json;
use crate::proxy::options::check_option_keys;
use crate::proxy::routes::{Gateway, Operation};
use crate::server::gateway::Failure;
use crate::server::redact::Redactor;
use crate::server::routes::{
    browser_payment_request, failure_reply, forbidden, not_configured, read_body, select, Reply,
};

#[wasm_bindgen(typescript_custom_section)]
const PROXY_HANDLER_TYPES: &str = r#"
/** The operations a proxy handler serves, as `authorize` receives them. */
export type ProxyOperation =
  | "juspay.createOrder" | "juspay.orderStatus" | "juspay.refund"
  | "instamojo.createPaymentRequest" | "instamojo.settle" | "instamojo.fulfil" | "instamojo.refund";
export type ProxyHandlerOptions = {
  /** A client, or the options to make one. */
  juspay?: JuspayClient | JuspayClientOptions;
  instamojo?: InstamojoClient | InstamojoClientOptions;
  /** Awaited before the body is used; a falsy answer is 403 FORBIDDEN. The request's body may be read. */
  authorize?: (request: Request, operation: ProxyOperation) => unknown | Promise<unknown>;
  /** Where the routes are mounted; default `/`. */
  basePath?: string;
  /** Whose Instamojo account a payment request is made on; `undefined` for the marketplace's. */
  instamojoUser?: (request: Request) => string | undefined | Promise<string | undefined>;
};
"#;

const OPTION_KEYS: [&str; 5] = ["juspay", "instamojo", "authorize", "basePath", "instamojoUser"];

struct Handler {
    juspay: Option<Rc<JuspayCore>>,
    instamojo: Option<Rc<InstamojoCore>>,
    authorize: Option<Function>,
    instamojo_user: Option<Function>,
    base_path: String,
}

fn function_option(options: &JsValue, key: &str) -> Result<Option<Function>, Error> {
    match Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
        None => Ok(None),
        Some(v) => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|_| Error::new(Code::InvalidOption, key, format!("{key} must be a function"))),
    }
}

fn present(options: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
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
            Some(v) => Some(match JUSPAY_CLIENTS.with(|r| r.find(&v)) {
                Some(core) => core,
                None => Rc::new(JuspayCore::from_options(&v).map_err(|e| under_option("juspay", e))?),
            }),
        };
        let instamojo = match present(options, "instamojo") {
            None => None,
            Some(v) => Some(match INSTAMOJO_CLIENTS.with(|r| r.find(&v)) {
                Some(core) => core,
                None => Rc::new(InstamojoCore::from_options(&v).map_err(|e| under_option("instamojo", e))?),
            }),
        };
        Ok(Handler {
            juspay,
            instamojo,
            authorize: function_option(options, "authorize")?,
            instamojo_user: function_option(options, "instamojoUser")?,
            base_path: string_option(options, "basePath")?.unwrap_or_default(),
        })
    }

    fn redactor(&self) -> Redactor {
        let mut r = Redactor::default();
        if let Some(j) = &self.juspay {
            r.extend(&j.redactor);
        }
        if let Some(i) = &self.instamojo {
            r.extend(&i.redactor());
        }
        r
    }

    /// `method` and `url` are the request's, read by `guard::request_method_url`.
    async fn handle(&self, request: web_sys::Request, method: String, url: String) -> Reply {
        let pathname = web_sys::Url::new(&url)
            .or_else(|_| web_sys::Url::new_with_base(&url, "http://localhost"))
            .map(|u| u.pathname())
            .unwrap_or_default();
        let (operation, id) = match select(&self.base_path, &method, &pathname) {
            Ok(found) => found,
            Err(reply) => return reply,
        };
        let configured = match operation.gateway() {
            Gateway::Juspay => self.juspay.is_some(),
            Gateway::Instamojo => self.instamojo.is_some(),
        };
        if !configured {
            return not_configured(operation);
        }
        if let Some(authorize) = &self.authorize {
            // authorize gets its own copy, so it may read the body and leave ours unread.
            let copy: JsValue =
                request.clone().map(Into::into).unwrap_or_else(|_| AsRef::<JsValue>::as_ref(&request).clone());
            let asked =
                guard::call_settled(authorize, &JsValue::UNDEFINED, &[&copy, &JsValue::from_str(operation.name())]);
            // An authorize that throws or rejects refuses: failing closed is the only safe reading.
            let allowed = JsFuture::from(asked).await.map(|v| v.is_truthy()).unwrap_or(false);
            if !allowed {
                return forbidden(operation);
            }
        }
        let text =
            JsFuture::from(guard::request_text(&request)).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
        let body = read_body(operation, &text);
        // The text is not held while the gateway answers.
        drop(text);
        let body = match body {
            Ok(body) => body,
            Err(reply) => return reply,
        };
        let user = match operation {
            Operation::InstamojoCreatePaymentRequest => self.user_for(&request).await,
            _ => None,
        };
        match self.dispatch(operation, id, body, user).await {
            Ok(value) => Reply::success(&value),
            Err(failure) => failure_reply(&failure, &self.redactor()),
        }
    }

    /// `instamojoUser(request)`, awaited; anything but a non-empty string means the marketplace.
    async fn user_for(&self, request: &web_sys::Request) -> Option<String> {
        let pick = self.instamojo_user.as_ref()?;
        let copy: JsValue =
            request.clone().map(Into::into).unwrap_or_else(|_| AsRef::<JsValue>::as_ref(request).clone());
        let answer = JsFuture::from(guard::call_settled(pick, &JsValue::UNDEFINED, &[&copy])).await.ok()?;
        guard::text(&answer).filter(|s| !s.is_empty())
    }

    async fn dispatch(
        &self,
        operation: Operation,
        id: Option<String>,
        body: Json,
        user: Option<String>,
    ) -> Result<Json, Failure> {
        let id = id.map(Json::String);
        let unconfigured = || Failure {
            status: 501,
            error: Error::new(Code::NotConfigured, "", operation.name()),
            details: Vec::new(),
        };
        match operation.gateway() {
            Gateway::Juspay => {
                let j = self.juspay.as_ref().ok_or_else(unconfigured)?;
                match operation {
                    Operation::JuspayCreateOrder => j.create_order(Some(body)).await,
                    Operation::JuspayOrderStatus => j.order_status(id).await,
                    _ => j.refund(id, Some(body)).await,
                }
            }
            Gateway::Instamojo => {
                let i = self.instamojo.as_ref().ok_or_else(unconfigured)?;
                match operation {
                    Operation::InstamojoCreatePaymentRequest => {
                        let act_as = user.map(|u| Json::object([("user", Json::String(u))]));
                        i.create_payment_request(Some(browser_payment_request(&body)), act_as).await
                    }
                    Operation::InstamojoSettle => i.settle(id, Some(body)).await,
                    Operation::InstamojoFulfil => i.fulfil(id).await,
                    _ => i.refund(id, Some(body)).await,
                }
            }
        }
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
/// Node 18+, Next.js route handlers, Hono, Deno and Workers. It validates and recomputes splits
/// before anything reaches a gateway, attaches the secrets, and never answers with one.
/// @example
/// ```ts
/// const handler = createProxyHandler({
///   juspay: new JuspayClient({ apiKey, merchantId }),
///   basePath: "/api/payments",
///   authorize: async (request, operation) => isSignedIn(request),
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
            // Read in JS: a Proxy or a subclass with throwing getters must not throw inside this future.
            let Some((method, url)) = guard::request_method_url(&request) else {
                return Err(to_js_error(Error::new(
                    Code::InvalidType,
                    "request",
                    "the proxy handler takes a fetch-API Request",
                )));
            };
            let reply = handler.handle(request.unchecked_into(), method, url).await;
            to_response(&reply)
        })
    });
    Ok(closure.into_js_value())
}
