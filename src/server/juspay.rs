//! Juspay's wire format without I/O: the requests `JuspayClient` sends, built
//! from validated input, and its replies read back as camelCase JSON. See GATEWAYS.md.

use base64::Engine as _;

use crate::error::{Code, Error};
use crate::json::Json;
use crate::juspay::SplitSettlementDetails;
use crate::money::amount::Paise;
use crate::proxy::http::{form_encode, path_segment, HttpRequest};
use crate::server::gateway::{first_text, USER_AGENT};
use crate::server::input::{object_or_empty, text_of, Problems};
use crate::server::redact::Redactor;
use crate::server::replies::{self, Fields, JuspayErrorReply, JuspayOrderReply, RefundEntry};
use crate::server::split_input::{order_split_details, refund_split_details};

/// Juspay's sandbox: the `baseUrl` when none is given.
pub const SANDBOX_URL: &str = "https://sandbox.juspay.in";
/// Juspay's live API; a caller opts in with `baseUrl`.
pub const PRODUCTION_URL: &str = "https://api.juspay.in";
/// The API version header the official SDK sends.
pub const API_VERSION: &str = "2019-05-07";
/// `JuspayClient`'s options.
pub const OPTION_KEYS: [&str; 5] = ["apiKey", "merchantId", "baseUrl", "fetch", "timeoutMs"];

/// The secrets and where to send them.
#[derive(Clone, Debug)]
pub struct JuspayConfig {
    /// The API key (secret): sent only in `Authorization`, redacted from every message.
    pub api_key: String,
    /// The merchant id, sent as `x-merchantid` (and as `x-routing-id` when no customer is named).
    pub merchant_id: String,
    /// Where calls go: [`SANDBOX_URL`] unless the caller gave `baseUrl`.
    pub base_url: String,
}

impl JuspayConfig {
    /// `apiKey` and `merchantId` are required; `baseUrl` defaults to the sandbox.
    pub fn new(
        api_key: Option<String>,
        merchant_id: Option<String>,
        base_url: Option<String>,
    ) -> Result<JuspayConfig, Error> {
        let need = |v: Option<String>, name: &str| {
            v.filter(|s| !s.is_empty())
                .ok_or_else(|| Error::new(Code::MissingField, name, format!("JuspayClient needs {name}")))
        };
        Ok(JuspayConfig {
            api_key: need(api_key, "apiKey")?,
            merchant_id: need(merchant_id, "merchantId")?,
            base_url: base_url.filter(|s| !s.is_empty()).unwrap_or_else(|| SANDBOX_URL.to_string()),
        })
    }

    /// `Basic base64("API_KEY:")`, as the docs' `curl -u API_KEY:` sends it.
    pub fn authorization(&self) -> String {
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:", self.api_key)))
    }

    /// Everything secret this client could see quoted back.
    pub fn redactor(&self) -> Redactor {
        let credential = self.authorization();
        Redactor::new([self.api_key.as_str(), credential.trim_start_matches("Basic ")])
    }

    /// Every call carries `x-routing-id`: the customer's id when the call names one, else the
    /// merchant id, since Juspay asks for the same routing id on every call about one customer
    /// (GATEWAYS.md; Juspay's own MCP server does the same).
    fn request(
        &self,
        method: &'static str,
        path: String,
        customer_id: Option<&str>,
        form: Option<String>,
    ) -> HttpRequest {
        let routing_id = customer_id.unwrap_or(&self.merchant_id);
        let mut headers = vec![
            ("Authorization".to_string(), self.authorization()),
            ("x-merchantid".to_string(), self.merchant_id.clone()),
            ("version".to_string(), API_VERSION.to_string()),
            ("Accept".to_string(), "application/json".to_string()),
            ("x-routing-id".to_string(), routing_id.to_string()),
            ("User-Agent".to_string(), USER_AGENT.to_string()),
        ];
        if form.is_some() {
            headers.push(("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()));
        }
        HttpRequest { method, path, headers, body: form }
    }
}

/// Who pays: `customer` is a customer id, or `{ id, email?, phone? }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Customer {
    /// Sent as `customer_id` and as `x-routing-id`.
    pub id: Option<String>,
    /// Sent as `customer_email`.
    pub email: Option<String>,
    /// Sent as `customer_phone`.
    pub phone: Option<String>,
}

impl Customer {
    /// `customer` of a call or a record: absent, a customer id, or `{ id?, email?, phone? }`.
    pub fn read(p: &mut Problems, value: Option<&Json>) -> Customer {
        match value {
            None | Some(Json::Null) => Customer::default(),
            Some(c @ Json::Object(_)) => Customer {
                id: p.optional_text(c, "id", "customer"),
                email: p.optional_text(c, "email", "customer"),
                phone: p.optional_text(c, "phone", "customer"),
            },
            // A bare string (or number) is the customer id.
            Some(other) => match text_of(Some(other), "customer") {
                Ok(id) => Customer { id: id.filter(|s| !s.is_empty()), ..Customer::default() },
                Err(e) => {
                    p.push(e);
                    Customer::default()
                }
            },
        }
    }
}

/// `createOrder({ orderId, amount, returnUrl?, customer?, split? })`, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateOrder {
    /// The merchant's order id, required and non-empty.
    pub order_id: String,
    /// The order's amount in paise, more than zero.
    pub amount: Paise,
    /// Where Juspay sends the buyer back: an absolute http(s) URL without a query
    /// ([`check_return_url`]).
    pub return_url: Option<String>,
    /// Who pays; every part optional.
    pub customer: Customer,
    /// The `split_settlement_details` to send, already checked against `amount`.
    pub split: Option<SplitSettlementDetails>,
}

impl CreateOrder {
    /// Reads `createOrder`'s input; every problem is listed (each with its code and path).
    pub fn from_json(input: Option<&Json>) -> Result<CreateOrder, Vec<Error>> {
        let input = object_or_empty(input, "")?;
        let mut p = Problems::default();
        let order_id = p.required_text(input, "orderId", "");
        let amount = p.amount(input, "amount", "", true);
        let return_url = p.optional_text(input, "returnUrl", "");
        if let Some(url) = &return_url {
            if let Err(e) = check_return_url(url) {
                p.push(e);
            }
        }
        let customer = Customer::read(&mut p, input.get("customer"));
        let mut split = None;
        if let Some(s) = input.field("split") {
            // The split is checked only against a readable amount; otherwise its sum means nothing.
            if p.0.is_empty() {
                match order_split_details(amount, s, "split") {
                    Ok(details) => split = Some(details),
                    Err(errors) => p.0.extend(errors),
                }
            }
        }
        p.into_result(|| CreateOrder { order_id, amount, return_url, customer, split })
    }

    /// `POST /orders`, form-encoded with flat keys; the split goes in as JSON text under the
    /// literal key `metadata.split_settlement_details`.
    pub fn request(&self, config: &JuspayConfig) -> HttpRequest {
        let mut form: Vec<(&str, String)> = vec![
            ("order_id", self.order_id.clone()),
            ("amount", self.amount.to_text()),
            ("currency", "INR".to_string()),
        ];
        if let Some(id) = &self.customer.id {
            form.push(("customer_id", id.clone()));
        }
        if let Some(email) = &self.customer.email {
            form.push(("customer_email", email.clone()));
        }
        if let Some(phone) = &self.customer.phone {
            form.push(("customer_phone", phone.clone()));
        }
        if let Some(url) = &self.return_url {
            form.push(("return_url", url.clone()));
        }
        if let Some(split) = &self.split {
            form.push(("metadata.split_settlement_details", split.to_text()));
        }
        config.request("POST", "/orders".to_string(), self.customer.id.as_deref(), Some(form_encode(&form)))
    }
}

/// A fully qualified http(s) URL without query parameters, as Juspay requires of `return_url`.
pub fn check_return_url(url: &str) -> Result<(), Error> {
    let bad = |why: &str| Err(Error::new(Code::InvalidReturnUrl, "returnUrl", format!("returnUrl {why}, got {url:?}")));
    let lower = url.to_ascii_lowercase();
    let rest = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
        (Some(r), _) | (None, Some(r)) => r,
        _ => return bad("must be an absolute http:// or https:// URL"),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return bad("must name a host");
    }
    if url.contains('?') {
        return bad("must not contain query parameters");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("must not contain spaces or control characters");
    }
    Ok(())
}

/// An order id from a call's argument.
pub fn order_id_arg(value: Option<&Json>) -> Result<String, Vec<Error>> {
    match text_of(value, "orderId") {
        Ok(Some(id)) if !id.is_empty() => Ok(id),
        Ok(_) => Err(vec![Error::new(Code::MissingField, "orderId", "orderId is required")]),
        Err(e) => Err(vec![e]),
    }
}

/// `orderStatus(orderId, { customerId? }?)`, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusQuery {
    /// The order asked about, required and non-empty.
    pub order_id: String,
    /// Sent as `x-routing-id`.
    pub customer_id: Option<String>,
}

impl StatusQuery {
    /// Reads `orderStatus`'s arguments; every problem is listed.
    pub fn from_json(order_id: Option<&Json>, options: Option<&Json>) -> Result<StatusQuery, Vec<Error>> {
        let options = object_or_empty(options, "")?;
        let mut p = Problems::default();
        let order_id = match order_id_arg(order_id) {
            Ok(id) => id,
            Err(e) => {
                p.0.extend(e);
                String::new()
            }
        };
        let customer_id = p.optional_text(options, "customerId", "");
        p.into_result(|| StatusQuery { order_id, customer_id })
    }

    /// `GET /orders/:order_id`.
    pub fn request(&self, config: &JuspayConfig) -> HttpRequest {
        order_status_request(config, &self.order_id, self.customer_id.as_deref())
    }
}

/// `GET /orders/:order_id`, routed by `customer_id` when there is one.
pub fn order_status_request(config: &JuspayConfig, order_id: &str, customer_id: Option<&str>) -> HttpRequest {
    config.request("GET", format!("/orders/{}", path_segment(order_id)), customer_id, None)
}

/// `refund(orderId, { uniqueRequestId?, amount, split?, customerId? })`, validated. `generated_id`
/// is used as the `unique_request_id` when the caller gives none, so a retried refund is not paid
/// twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Refund {
    /// The order refunded, required and non-empty.
    pub order_id: String,
    /// The refund's idempotency key: the caller's `uniqueRequestId` (1 to 20 ASCII letters and
    /// digits, [`check_unique_request_id`]) or the generated one.
    pub unique_request_id: String,
    /// The amount refunded in paise, more than zero.
    pub amount: Paise,
    /// The `split_settlement_details` to send, already checked against `amount`.
    pub split: Option<Json>,
    /// Sent as `x-routing-id`.
    pub customer_id: Option<String>,
}

impl Refund {
    /// Reads `refund`'s arguments; every problem is listed. `generated_id` is used only when the
    /// caller gives no `uniqueRequestId`.
    pub fn from_json(order_id: Option<&Json>, input: Option<&Json>, generated_id: &str) -> Result<Refund, Vec<Error>> {
        let input = object_or_empty(input, "")?;
        let mut p = Problems::default();
        let order_id = match order_id_arg(order_id) {
            Ok(id) => id,
            Err(e) => {
                p.0.extend(e);
                String::new()
            }
        };
        let unique_request_id = match p.optional_text(input, "uniqueRequestId", "") {
            Some(key) => {
                if let Err(e) = check_unique_request_id(&key) {
                    p.push(e);
                }
                key
            }
            None => generated_id.to_string(),
        };
        let amount = p.amount(input, "amount", "", true);
        let customer_id = p.optional_text(input, "customerId", "");
        let mut split = None;
        if let Some(s) = input.field("split") {
            if p.0.is_empty() {
                match refund_split_details(amount, s, "split") {
                    Ok(details) => split = Some(details),
                    Err(errors) => p.0.extend(errors),
                }
            }
        }
        p.into_result(|| Refund { order_id, unique_request_id, amount, split, customer_id })
    }

    /// `POST /orders/:order_id/refunds`, form-encoded.
    pub fn request(&self, config: &JuspayConfig) -> HttpRequest {
        let mut form: Vec<(&str, String)> =
            vec![("unique_request_id", self.unique_request_id.clone()), ("amount", self.amount.to_text())];
        if let Some(split) = &self.split {
            form.push(("metadata.split_settlement_details", split.to_text()));
        }
        config.request(
            "POST",
            format!("/orders/{}/refunds", path_segment(&self.order_id)),
            self.customer_id.as_deref(),
            Some(form_encode(&form)),
        )
    }
}

/// The longest `unique_request_id` Juspay takes: its refund docs ("Refund Order API") say "less
/// than 21 characters and alphanumeric".
pub const MAX_UNIQUE_REQUEST_ID: usize = 20;

/// A caller's `uniqueRequestId` as Juspay's refund docs take it: 1 to 20 ASCII letters and digits.
/// Anything else is refused before it is sent (`INVALID_OPTION`, as a `username` over Instamojo's
/// limit is): Juspay could refuse it, or cut it short so that two keys become one.
pub fn check_unique_request_id(key: &str) -> Result<(), Error> {
    if !key.is_empty() && key.len() <= MAX_UNIQUE_REQUEST_ID && key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(());
    }
    Err(Error::new(
        Code::InvalidOption,
        "uniqueRequestId",
        format!(
            "uniqueRequestId must be 1 to {MAX_UNIQUE_REQUEST_ID} letters and digits (Juspay's refund docs), \
             got {} characters{}",
            key.chars().count(),
            if key.chars().all(|c| c.is_ascii_alphanumeric()) {
                ""
            } else {
                ", some of them neither letters nor digits"
            }
        ),
    ))
}

/// A `unique_request_id` Juspay takes, made from a random id (a UUID, or hex digits): its last 20
/// letters and digits. A UUID's last 20 hex digits hold 74 random bits.
pub fn unique_request_id_from(random: &str) -> String {
    let alphanumeric: Vec<char> = random.chars().filter(char::is_ascii_alphanumeric).collect();
    alphanumeric[alphanumeric.len().saturating_sub(MAX_UNIQUE_REQUEST_ID)..].iter().collect()
}

/// An order reply in camelCase (already converted): `statusId` as a number even where Juspay
/// writes it as text, so `{ id, orderId, status, statusId, paymentLinks }` reads the same from
/// create and status replies.
pub fn map_order_reply(reply: Json) -> Json {
    match reply {
        Json::Object(mut members) => {
            for (k, v) in members.iter_mut() {
                if k == "statusId" {
                    if let Json::String(s) = v {
                        if let Ok(n) = s.trim().parse::<i64>() {
                            *v = Json::Number(n as f64);
                        }
                    }
                }
            }
            Json::Object(members)
        }
        other => other,
    }
}

/// Whether a 2xx reply (its text) reports an error in its body: `status` `"ERROR"` in any case,
/// which Juspay's older npm client treats as an error even with HTTP 200 (GATEWAYS.md).
/// Every `status` the reply writes is looked at, so a repeated one cannot hide an error.
pub fn error_in_reply(body: &str) -> bool {
    replies::parse::<Fields>(body).is_some_and(|Fields(fields)| {
        fields.iter().any(|(k, v)| k == "status" && v.as_str().is_some_and(|s| s.trim().eq_ignore_ascii_case("ERROR")))
    })
}

/// An error body's fields (a field named twice reads as its last value).
fn error_reply(body: &str) -> JuspayErrorReply {
    replies::parse::<serde_json::Value>(body).map(|v| replies::item(&v)).unwrap_or_default()
}

/// Juspay's own message in an error body's text, each field redacted on its own.
pub fn error_message(body: &str, redactor: &Redactor) -> Option<String> {
    let reply = error_reply(body);
    let message = first_text(&[&reply.error_message, &reply.user_message, &reply.message, &reply.status], redactor)?;
    Some(match first_text(&[&reply.error_code], redactor) {
        Some(code) if code != message => format!("{code}: {message}"),
        _ => message,
    })
}

// What Juspay answers when a call is repeated (its refund docs, docs.juspay.io "Refund Order API"
// and developer.juspay.in "refund-order"): a `unique_request_id` used before is refused with 400
// `{"status":"ERROR","error_code":"duplicate.call","error_message":"A refund call was already
// completed with this unique_request_id for the order."}`; the same amount again within 5 seconds
// is refused with the same `error_code` ("A refund call was already processing with this amount").
// An `order_id` created before is answered with that order's status (GATEWAYS.md).
/// Juspay's `error_code` for a refund it has already seen.
pub const DUPLICATE_CALL: &str = "duplicate.call";

/// Whether a refund reply is Juspay's refusal of a `unique_request_id` (or an amount) it has seen.
pub fn is_duplicate_call(status: u16, body: &str) -> bool {
    status == 400
        && replies::parse::<serde_json::Value>(body)
            .and_then(|v| replies::item::<JuspayErrorReply>(&v).error_code)
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(DUPLICATE_CALL))
}

/// The refund with this refund's `unique_request_id` in an order reply's `refunds`, compared with
/// what was asked: `None` when the order lists no such refund, `Some(Err)` with
/// `IDEMPOTENCY_CONFLICT` when the key was spent on a refund of another amount.
/// `order` is the reply's text: the amount is read from Juspay's own digits.
pub fn earlier_refund(refund: &Refund, order: &str) -> Option<Result<(), Error>> {
    let order: JuspayOrderReply = replies::parse(order)?;
    let earlier = order
        .refunds?
        .iter()
        .map(replies::item::<RefundEntry>)
        .find(|r| r.unique_request_id.as_deref() == Some(refund.unique_request_id.as_str()))?;
    let amount = earlier.amount.paise();
    if amount == Some(refund.amount) {
        return Some(Ok(()));
    }
    let was = amount.map_or_else(|| "an amount that cannot be read".to_string(), Paise::to_text);
    Some(Err(Error::new(
        Code::IdempotencyConflict,
        "uniqueRequestId",
        format!(
            "uniqueRequestId {:?} was already used on order {:?} for a refund of {was}, not {}; \
             nothing more was refunded",
            refund.unique_request_id,
            refund.order_id,
            refund.amount.to_text()
        ),
    )))
}
