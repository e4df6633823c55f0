//! `InstamojoClient`: the Marketplace API v2 with the marketplace's client credentials, user
//! tokens kept fresh in a token store.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::guard::read_options;
use super::juspay_client::DEFAULT_TIMEOUT_MS;
use super::token_store::{tokens_to_js, TokenStore};
use super::tokens::{grant_for, persist, token, Flights, Granter, Memories};
use super::{run_call, run_call2, send_with_retries};
use crate::error::{Code, Error};
use crate::js::fetch::{now_ms, option_keys, random_id, string_option, transport_options, Transport};
use crate::js::{optional_arg, to_js_error};
use crate::json::Json;
use crate::proxy::http::{HttpRequest, Outcome};
use crate::proxy::options::check_option_keys;
use crate::server::gateway::{camel_case_keys, read_outcome, reply_text, Failure};
use crate::server::instamojo::{self as wire, error_in_reply, error_message, InstamojoConfig, OPTION_KEYS};
use crate::server::redact::Redactor;
use crate::server::tokens::{spending, Grant, Spending, TokenKey, Tokens};

thread_local! {
    /// Where this client's hidden method hands its core to `createProxyHandler` (instances.rs).
    pub(crate) static INSTAMOJO_HANDED: RefCell<Option<Rc<InstamojoCore>>> = const { RefCell::new(None) };
}

#[wasm_bindgen(typescript_custom_section)]
const INSTAMOJO_CLIENT_TYPES: &str = r#"
export type InstamojoClientOptions = {
  clientId: string;
  clientSecret: string;
  /** Default `https://test.instamojo.com`; production is `https://api.instamojo.com`. */
  baseUrl?: string;
  /** Default: in memory. */
  tokenStore?: TokenStore;
  fetch?: typeof fetch;
  /** Per attempt; default 30000. */
  timeoutMs?: number;
  /** The username (logged in with `login`) whose token payment requests use when a call names no `user`. */
  user?: string;
};
/** `username`: at most 35 characters; what `login` takes later. */
export type InstamojoSignupInput = { email: string; password: string; phone: string; username: string; referrer?: string };
export type InstamojoBankAccount = { accountHolderName: string; accountNumber: string; ifscCode: string };
/** Whose account a call acts on: a username that has logged in. */
export type InstamojoActAs = { user: string };
export type InstamojoPaymentRequestDetails = InstamojoPaymentRequestInput & {
  allowRepeatedPayments?: boolean;
  sendEmail?: boolean;
  sendSms?: boolean;
  partnerFeeType?: "fixed" | "percent";
  partnerFee?: Amount;
  markFulfilled?: boolean;
};
"#;

pub(crate) struct InstamojoCore {
    config: InstamojoConfig,
    /// The client secret in every form it could be echoed in, worked out once: each call starts
    /// from it (`redactor`).
    pub(crate) redactor: Redactor,
    /// The `user` option: whose token payment requests use when a call names none.
    user: Option<String>,
    transport: Transport,
    store: TokenStore,
    flights: Flights,
    memories: Memories,
}

impl Granter for InstamojoCore {
    fn store(&self) -> &TokenStore {
        &self.store
    }

    fn flights(&self) -> &Flights {
        &self.flights
    }

    fn memories(&self) -> &Memories {
        &self.memories
    }

    fn timeout_ms(&self) -> u32 {
        self.transport.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS)
    }

    async fn grant(&self, operation: &str, grant: &Grant) -> (Result<Tokens, Failure>, Spending) {
        // An application token request changes nothing at Instamojo and may be repeated; a
        // refresh spends its refresh token, and a password grant is the caller's to repeat.
        let safe = matches!(grant, Grant::ClientCredentials);
        let outcome = send_with_retries(&self.transport, &self.config.token_request(grant), safe).await;
        let status = match &outcome {
            Outcome::Reply { status, .. } => Some(*status),
            _ => None,
        };
        // This call's own secrets: the password or refresh token it sent.
        let redactor = self.redactor().with(grant.secret());
        let tokens = read_outcome(
            operation,
            "Instamojo",
            &outcome,
            self.transport.timeout_ms,
            &redactor,
            error_message,
            error_in_reply,
        )
        .map_err(token_refusal)
        .and_then(|_| {
            wire::read_token_reply(&reply_text(outcome), now_ms()).ok_or_else(|| Failure {
                status: 502,
                error: Error::new(
                    Code::GatewayUnavailable,
                    "",
                    format!("{operation}: Instamojo's token reply has no access_token"),
                ),
                details: Vec::new(),
            })
        });
        let spent = spending(status, tokens.is_ok());
        (tokens, spent)
    }
}

/// The token endpoint answers a bad grant or bad client credentials with 400 (or an error in a
/// 2xx body): that is an authentication failure, not a rejected request.
fn token_refusal(mut f: Failure) -> Failure {
    if f.error.code == Code::GatewayRejected && matches!(f.status, 400 | 502) {
        f.status = 502;
        f.error.code = Code::GatewayAuth;
        f.error.message = f.error.message.replacen("rejected the request", "refused the token request", 1);
    }
    f
}

impl InstamojoCore {
    pub fn from_options(options: &JsValue) -> Result<InstamojoCore, Error> {
        let options = &read_options(options, "InstamojoClient")?;
        let keys = option_keys(options, "InstamojoClient")?;
        check_option_keys(keys.iter().map(String::as_str), &OPTION_KEYS, "InstamojoClient")?;
        let config = InstamojoConfig::new(
            string_option(options, "clientId")?,
            string_option(options, "clientSecret")?,
            string_option(options, "baseUrl")?,
        )?;
        let (timeout_ms, fetch) = transport_options(options)?;
        let store = TokenStore::from_option(Reflect::get(options, &"tokenStore".into()).unwrap_or(JsValue::UNDEFINED))?;
        let user = match string_option(options, "user")? {
            Some(u) if u.is_empty() => {
                return Err(Error::new(Code::InvalidOption, "user", "user must be a username (a non-empty string)"))
            }
            user => user,
        };
        Ok(InstamojoCore {
            transport: Transport::new(config.base_url.clone(), Some(timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS)), fetch),
            redactor: config.redactor(),
            config,
            user,
            store,
            flights: RefCell::new(HashMap::new()),
            memories: RefCell::new(HashMap::new()),
        })
    }

    /// The client secret. Each call adds the tokens and passwords it sent or received.
    pub fn redactor(&self) -> Redactor {
        self.redactor.clone()
    }

    /// [`Self::authed_raw`] with the reply's keys in camelCase.
    async fn authed(
        self: &Rc<Self>,
        operation: &str,
        key: TokenKey,
        safe_to_repeat: bool,
        build: impl Fn(&str) -> Result<HttpRequest, Vec<Error>>,
    ) -> Result<Json, Failure> {
        let (_, reply, _, _) = self.authed_raw(operation, key, safe_to_repeat, None, build).await?;
        Ok(camel_case_keys(&reply))
    }

    /// [`authed`](Self::authed), with the request last sent and the reply as Instamojo wrote it
    /// (its JSON and its text), for the calls that check what came back against what was sent. What the gateway answers is
    /// quoted only through this call's own redactor: the client secret, every token this call
    /// used or received, and `secret` (a password the request carries).
    async fn authed_raw(
        self: &Rc<Self>,
        operation: &str,
        key: TokenKey,
        safe_to_repeat: bool,
        secret: Option<&str>,
        build: impl Fn(&str) -> Result<HttpRequest, Vec<Error>>,
    ) -> Result<(HttpRequest, Json, String, Redactor), Failure> {
        build("").map_err(|e| Failure::invalid(operation, e))?;
        let tokens = token(self, operation, &key, None).await?;
        let mut redactor = self.redactor().with(tokens.secrets().chain(secret));
        let mut request = build(&tokens.access_token).map_err(|e| Failure::invalid(operation, e))?;
        let mut outcome = send_with_retries(&self.transport, &request, safe_to_repeat).await;
        if matches!(outcome, Outcome::Reply { status: 401, .. }) {
            let fresh = token(self, operation, &key, Some(&tokens.access_token)).await?;
            redactor = redactor.with(fresh.secrets());
            request = build(&fresh.access_token).map_err(|e| Failure::invalid(operation, e))?;
            outcome = send_with_retries(&self.transport, &request, safe_to_repeat).await;
        }
        let reply = read_outcome(
            operation,
            "Instamojo",
            &outcome,
            self.transport.timeout_ms,
            &redactor,
            error_message,
            error_in_reply,
        )?;
        // The reply goes back to the caller and, through the proxy, to a browser: no token,
        // password or secret of this call may show in it, whatever the gateway echoed. The text
        // stays as sent, for the checks that compare it; a caller that answers with what it reads
        // from the text redacts that with the redactor returned.
        Ok((request, redactor.redact_json(&reply), reply_text(outcome), redactor))
    }

    pub async fn signup(self: &Rc<Self>, input: Option<Json>) -> Result<Json, Failure> {
        // The new user's password: Instamojo may quote what it refused.
        let password = input.as_ref().and_then(|i| i.get("password")).and_then(Json::as_str).map(str::to_string);
        let (_, reply, _, _) = self
            .authed_raw("instamojo.signup", TokenKey::App, false, password.as_deref(), |t| {
                wire::signup_request(t, input.as_ref())
            })
            .await?;
        Ok(camel_case_keys(&reply))
    }

    pub async fn login(self: &Rc<Self>, username: Option<Json>, password: Option<Json>) -> Result<Tokens, Failure> {
        const OP: &str = "instamojo.login";
        let text = |v: Option<Json>, name: &str| match v {
            Some(Json::String(s)) if !s.is_empty() => Ok(s),
            _ => Err(Error::new(Code::MissingField, name, format!("{name} is required"))),
        };
        let (username, password) = match (text(username, "username"), text(password, "password")) {
            (Ok(u), Ok(p)) => (u, p),
            (u, p) => return Err(Failure::invalid(OP, [u.err(), p.err()].into_iter().flatten().collect())),
        };
        let key = TokenKey::User(username.clone()).text();
        // The pair stored before is read first, so that a new pair whose write fails is known to
        // be the newer one; login fails then, while the caller still has the password to retry.
        let before = self.store.get(&key, self.timeout_ms()).await.map_err(|e| e.failure(OP, &key))?;
        let tokens = grant_for(self, OP, &key, &Grant::Password { username, password }, before.as_ref()).await?;
        persist(self, OP, &key, &tokens).await?;
        Ok(tokens)
    }

    pub async fn update_bank_account(
        self: &Rc<Self>,
        user_id: Option<Json>,
        input: Option<Json>,
        act_as: Option<Json>,
    ) -> Result<Json, Failure> {
        const OP: &str = "instamojo.updateBankAccount";
        let user = act_as_user(act_as.as_ref()).map_err(|e| Failure::invalid(OP, vec![e]))?;
        let Some(user) = user else {
            return Err(Failure::invalid(
                OP,
                vec![Error::new(
                    Code::MissingField,
                    "user",
                    "updateBankAccount needs { user }, whose token it acts with",
                )],
            ));
        };
        self.authed(OP, TokenKey::User(user), false, |t| {
            wire::bank_account_request(t, user_id.as_ref(), input.as_ref())
        })
        .await
    }

    pub async fn create_payment_request(
        self: &Rc<Self>,
        input: Option<Json>,
        act_as: Option<Json>,
    ) -> Result<Json, Failure> {
        const OP: &str = "instamojo.createPaymentRequest";
        let call_user = act_as_user(act_as.as_ref()).map_err(|e| Failure::invalid(OP, vec![e]))?;
        // Input problems first (422), then a missing user: the latter is the backend's
        // configuration, so the proxy answers it with 500, not as the browser's fault.
        wire::payment_request_request("", input.as_ref()).map_err(|e| Failure::invalid(OP, e))?;
        let user = wire::payment_request_user(call_user, self.user.as_deref()).map_err(|e| Failure {
            status: 500,
            error: Error::new(e.code, e.path, format!("{OP}: {}", e.message)),
            details: Vec::new(),
        })?;
        self.authed(OP, TokenKey::User(user), false, |t| wire::payment_request_request(t, input.as_ref())).await
    }

    /// Every settlement Instamojo lists for a payment, as `{ type, subMerchantId, amount, id? }`,
    /// following the listing's pages (only under the base URL). A read, so it is retried.
    pub async fn list_settlements(self: &Rc<Self>, payment_id: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "instamojo.listSettlements";
        let unreadable = |why: String| Failure {
            status: 502,
            error: Error::new(Code::GatewayUnavailable, "", format!("{OP}: Instamojo's settlement list: {why}")),
            details: Vec::new(),
        };
        let mut page: Option<String> = None;
        let mut all = Vec::new();
        for _ in 0..wire::MAX_SETTLEMENT_PAGES {
            let (_, _, reply, redactor) = self
                .authed_raw(OP, TokenKey::App, true, None, |t| match &page {
                    None => wire::list_settlements_request(t, payment_id.as_ref()),
                    Some(path) => Ok(wire::settlement_page_request(t, path.clone())),
                })
                .await?;
            let (items, next) = wire::read_settlement_page(&reply).map_err(unreadable)?;
            all.extend(items.iter().map(|item| redactor.redact_json(item)));
            match next {
                None => return Ok(Json::Array(all)),
                Some(url) => {
                    let path = wire::next_page_path(&url, &self.config.base_url).ok_or_else(|| {
                        unreadable(
                            "its next page is not under the client's baseUrl; the token is not sent there".into(),
                        )
                    })?;
                    page = Some(path);
                }
            }
        }
        Err(unreadable(format!("it has more than {} pages", wire::MAX_SETTLEMENT_PAGES)))
    }

    pub async fn settle(self: &Rc<Self>, payment_id: Option<Json>, input: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "instamojo.settle";
        let id = random_id();
        let (sent, reply, text, _) = self
            .authed_raw(OP, TokenKey::App, true, None, |t| {
                wire::settle_request(t, payment_id.as_ref(), input.as_ref(), &id)
            })
            .await?;
        // A settlement id answered with another settlement was spent on that one.
        wire::check_settlement_reply(&sent, &payment_text(payment_id.as_ref()), &text)
            .map_err(|e| Failure::conflict(OP, e))?;
        Ok(camel_case_keys(&reply))
    }

    pub async fn fulfil(self: &Rc<Self>, payment_id: Option<Json>) -> Result<Json, Failure> {
        self.authed("instamojo.fulfil", TokenKey::App, false, |t| wire::fulfil_request(t, payment_id.as_ref())).await
    }

    pub async fn refund(self: &Rc<Self>, payment_id: Option<Json>, input: Option<Json>) -> Result<Json, Failure> {
        const OP: &str = "instamojo.refund";
        let id = random_id();
        let (sent, reply, text, _) = self
            .authed_raw(OP, TokenKey::App, true, None, |t| {
                wire::refund_request(t, payment_id.as_ref(), input.as_ref(), &id)
            })
            .await?;
        wire::check_refund_reply(&sent, &payment_text(payment_id.as_ref()), &text)
            .map_err(|e| Failure::conflict(OP, e))?;
        Ok(camel_case_keys(&reply))
    }
}

/// A payment id as sent (the request builders have already refused one that is not text).
fn payment_text(payment_id: Option<&Json>) -> String {
    crate::server::input::text_of(payment_id, "paymentId").ok().flatten().unwrap_or_default()
}

/// `{ user }` of a call's last argument.
fn act_as_user(value: Option<&Json>) -> Result<Option<String>, Error> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(v @ Json::Object(_)) => match v.get("user") {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(Error::new(Code::InvalidType, "user", "user must be a username (a non-empty string)")),
        },
        Some(other) => Err(Error::new(
            Code::InvalidType,
            "",
            format!("the last argument must be {{ user }}, not {}", other.kind()),
        )),
    }
}

/// The Instamojo Marketplace API with the marketplace's client credentials (server only).
/// Tokens are kept fresh in `tokenStore`; errors name the operation (`instamojo.settle: …`) and
/// never quote the client secret or a token.
/// @example
/// ```ts
/// const mojo = new InstamojoClient({ clientId, clientSecret, tokenStore });
/// await mojo.settle(paymentId, { type: "CREDIT", subMerchantId: "u_42", amount: "60.00" });
/// ```
#[wasm_bindgen]
pub struct InstamojoClient {
    core: Rc<InstamojoCore>,
}

impl InstamojoClient {
    /// An instance over `core` (the throwaway one `instances.rs` makes at start).
    pub(crate) fn from_core(core: Rc<InstamojoCore>) -> InstamojoClient {
        InstamojoClient { core }
    }
}

#[wasm_bindgen]
impl InstamojoClient {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "InstamojoClientOptions")] options: JsValue,
    ) -> Result<InstamojoClient, JsValue> {
        let core = Rc::new(InstamojoCore::from_options(&options).map_err(to_js_error)?);
        Ok(InstamojoClient { core })
    }

    /// Creates a sub-merchant account (application token); the reply has the user's `id`.
    /// @example
    /// ```ts
    /// const mojo = new InstamojoClient({ clientId, clientSecret, tokenStore });
    /// const user = await mojo.signup({ email: "v1@example.com", password: "a-strong-password", phone: "9876543210", username: "vendor_1" });
    /// typeof user.id; // => "string"
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply & { id: string }>")]
    pub fn signup(&self, #[wasm_bindgen(unchecked_param_type = "InstamojoSignupInput")] input: JsValue) -> Promise {
        let core = self.core.clone();
        run_call(vec![(input, "")], move |mut a| async move { core.signup(a.pop().flatten()).await })
    }

    /// Password grant; stores the token pair under `"user:<username>"`. The password is not kept.
    /// @example
    /// ```ts
    /// const mojo = new InstamojoClient({ clientId, clientSecret, tokenStore });
    /// const tokens = await mojo.login("seller", process.env.SELLER_PASSWORD!);
    /// typeof tokens.accessToken; // => "string"
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<Tokens>")]
    pub fn login(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        let args = (optional_arg(&username, "username"), optional_arg(&password, "password"));
        future_to_promise(async move {
            let (u, p) = (args.0.map_err(to_js_error)?, args.1.map_err(to_js_error)?);
            core.login(u, p).await.map(|t| tokens_to_js(&t)).map_err(|f| to_js_error(f.error))
        })
    }

    /// Sets a user's bank account, with that user's token.
    /// @example
    /// ```ts
    /// await mojo.login("seller", process.env.SELLER_PASSWORD!);
    /// const account = { accountHolderName: "Asha K", accountNumber: "000123456789", ifscCode: "HDFC0000001" };
    /// await mojo.updateBankAccount(sellerId, account, { user: "seller" });
    /// ```
    #[wasm_bindgen(js_name = updateBankAccount, unchecked_return_type = "Promise<GatewayReply>")]
    pub fn update_bank_account(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoBankAccount")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoActAs")] options: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(vec![(user_id, "userId"), (account, ""), (options, "")], move |a| async move {
            let mut a = a.into_iter();
            let (id, account, act_as) = (a.next().flatten(), a.next().flatten(), a.next().flatten());
            core.update_bank_account(id, account, act_as).await
        })
    }

    /// A payment request with `user`'s token: the call's `{ user }`, else the client's `user`
    /// option; with neither, `INVALID_OPTION` before anything is sent.
    /// @example
    /// ```ts
    /// await mojo.login("market", process.env.MARKET_PASSWORD!);
    /// const request = await mojo.createPaymentRequest({ amount: "100.00", purpose: "Order o1", buyerName: "Asha" }, { user: "market" });
    /// typeof request.longurl; // => "string"
    /// ```
    #[wasm_bindgen(js_name = createPaymentRequest, unchecked_return_type = "Promise<GatewayReply>")]
    pub fn create_payment_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InstamojoPaymentRequestDetails")] details: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "InstamojoActAs")] options: Option<JsValue>,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((details, ""), (options.unwrap_or(JsValue::UNDEFINED), ""), move |details, act_as| async move {
            core.create_payment_request(details, act_as).await
        })
    }

    /// A CREDIT or DEBIT settlement (application token); `id` is generated when not given. An id
    /// answered with another settlement (payment, type, sub-merchant, amount) is
    /// `IDEMPOTENCY_CONFLICT`: nothing more was settled.
    /// @example
    /// ```ts
    /// const reply = await mojo.settle(paymentId, { type: "CREDIT", subMerchantId: sellerId, amount: "60.00", id: "o1-credit-1" });
    /// // The same id again settles nothing twice.
    /// await mojo.settle(paymentId, { type: "CREDIT", subMerchantId: sellerId, amount: "60.00", id: "o1-credit-1" });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn settle(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoSettlementInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((payment_id, "paymentId"), (input, ""), move |id, input| async move { core.settle(id, input).await })
    }

    /// Every settlement Instamojo lists for a payment (application token, retried as a read), as
    /// `SettlementLedger.reconcile` takes them.
    /// @example
    /// ```ts
    /// await mojo.settle(paymentId, { type: "CREDIT", subMerchantId: sellerId, amount: "60.00", id: "o1-credit-1" });
    /// const listed = await mojo.listSettlements(paymentId);
    /// listed.length; // => 1
    /// ```
    #[wasm_bindgen(js_name = listSettlements, unchecked_return_type = "Promise<InstamojoSettlement[]>")]
    pub fn list_settlements(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(
            vec![(payment_id, "paymentId")],
            move |mut a| async move { core.list_settlements(a.pop().flatten()).await },
        )
    }

    /// Marks a payment fulfilled: the distribution is final.
    /// @example
    /// ```ts
    /// await mojo.settle(paymentId, { type: "CREDIT", subMerchantId: sellerId, amount: "60.00" });
    /// await mojo.fulfil(paymentId);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn fulfil(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call(vec![(payment_id, "paymentId")], move |mut a| async move { core.fulfil(a.pop().flatten()).await })
    }

    /// Refunds the buyer; `transactionId` is generated when not given, so a retry is not paid twice.
    /// One answered with another refund (amount, type, payment) is `IDEMPOTENCY_CONFLICT`.
    /// @example
    /// ```ts
    /// await mojo.refund(paymentId, { amount: "40.00", type: "QFL", body: "Item out of stock", transactionId: "o1-refund-1" });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<GatewayReply>")]
    pub fn refund(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstamojoRefundInput")] input: JsValue,
    ) -> Promise {
        let core = self.core.clone();
        run_call2((payment_id, "paymentId"), (input, ""), move |id, input| async move { core.refund(id, input).await })
    }

    /// Hands this client's state to `createProxyHandler` (see `instances.rs`).
    #[wasm_bindgen(js_name = __marketsplitHandle, skip_typescript)]
    pub fn marketsplit_handle(&self) {
        INSTAMOJO_HANDED.with(|slot| *slot.borrow_mut() = Some(self.core.clone()));
    }
}
