//! Instamojo's Marketplace API v2 wire format without I/O (feature `server`): the token grants,
//! the calls `InstamojoClient` makes, and reading replies. See GATEWAYS.md.

use serde_json::Value;

use crate::contract::ledger_state::settlement_json;
use crate::error::{Code, Error};
use crate::instamojo::OpType;
use crate::json::Json;
use crate::money::amount::Paise;
use crate::proxy::http::{form_decode, form_encode, path_segment, HttpRequest};
use crate::server::gateway::{first_text, USER_AGENT};
use crate::server::input::{object_or_empty, text_of, Problems};
use crate::server::redact::Redactor;
use crate::server::replies::{
    self, Fields, InstamojoErrorReply, ListedSettlement, RefundReply, Scalar, SettlementReply, TokenReply,
};
use crate::server::tokens::{Grant, Tokens, DEFAULT_EXPIRES_IN_S};

/// Instamojo's test server: the `baseUrl` when none is given.
pub const SANDBOX_URL: &str = "https://test.instamojo.com";
/// Instamojo's live API; a caller opts in with `baseUrl`.
pub const PRODUCTION_URL: &str = "https://api.instamojo.com";
/// Where every token grant is posted.
pub const TOKEN_PATH: &str = "/oauth2/token/";
/// `InstamojoClient`'s options.
pub const OPTION_KEYS: [&str; 7] = ["clientId", "clientSecret", "baseUrl", "tokenStore", "fetch", "timeoutMs", "user"];

/// The bank account endpoint's method (Instamojo's Postman collection: PUT).
pub const BANK_ACCOUNT_METHOD: &str = "PUT";
/// Instamojo's Postman collection: "Mandatory. Maxlength = 35 chars".
pub const MAX_USERNAME_CHARS: usize = 35;
/// A payment request's amount, in paise: 9 to 200000 rupees (GATEWAYS.md).
pub const PAYMENT_REQUEST_PAISE: (i64, i64) = (900, 20_000_000);

// UNCONFIRMED wire details (GATEWAYS.md): the settlement docs page lists its four form fields but
// its stored copy lost their names, and nothing shows how a listing writes them. They live here,
// together, so that checking Instamojo's docs leads to one edit.
/// Form fields of `POST /v2/payments/:id/settlements/`: the settlement's unique id, its type,
/// the sub-merchant's user id and the amount.
pub const SETTLEMENT_ID_FIELD: &str = "settlement_id";
/// The settlement's type (see [`SETTLEMENT_ID_FIELD`]).
pub const SETTLEMENT_TYPE_FIELD: &str = "type";
/// The sub-merchant's user id (see [`SETTLEMENT_ID_FIELD`]).
pub const SETTLEMENT_SUB_MERCHANT_FIELD: &str = "submerchant_id";
/// The amount, in rupees with two decimals (see [`SETTLEMENT_ID_FIELD`]).
pub const SETTLEMENT_AMOUNT_FIELD: &str = "amount";
/// Where a listing (`GET` on the same path) may hold its settlements when it is not a bare array
/// (`results` is how Django REST framework pages a list, as Instamojo's v2 API does elsewhere).
pub const SETTLEMENT_LIST_KEYS: [&str; 2] = ["settlements", "results"];
/// The names a listed settlement's id may carry, the form field's name first.
pub const LISTED_ID_FIELDS: [&str; 3] = [SETTLEMENT_ID_FIELD, "unique_id", "id"];
/// The names a listed settlement's sub-merchant may carry, the form field's name first.
pub const LISTED_SUB_MERCHANT_FIELDS: [&str; 6] =
    [SETTLEMENT_SUB_MERCHANT_FIELD, "submerchant", "sub_merchant_id", "sub_merchant", "user_id", "user"];
// End of the unconfirmed details.

/// At most this many pages of a settlement listing are followed.
pub const MAX_SETTLEMENT_PAGES: usize = 100;

/// Refund types Instamojo accepts.
pub const REFUND_TYPES: [&str; 7] = ["RFD", "TNR", "QFL", "QNR", "EWN", "TAN", "PTH"];

/// The app's credentials and where to send them.
#[derive(Clone, Debug)]
pub struct InstamojoConfig {
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret: sent only in token grants, redacted from every message.
    pub client_secret: String,
    /// Where calls go: [`SANDBOX_URL`] unless the caller gave `baseUrl`.
    pub base_url: String,
}

impl InstamojoConfig {
    /// `clientId` and `clientSecret` are required (`MISSING_FIELD` when absent or empty);
    /// `baseUrl` defaults to the sandbox.
    pub fn new(
        client_id: Option<String>,
        client_secret: Option<String>,
        base_url: Option<String>,
    ) -> Result<InstamojoConfig, Error> {
        let need = |v: Option<String>, name: &str| {
            v.filter(|s| !s.is_empty())
                .ok_or_else(|| Error::new(Code::MissingField, name, format!("InstamojoClient needs {name}")))
        };
        Ok(InstamojoConfig {
            client_id: need(client_id, "clientId")?,
            client_secret: need(client_secret, "clientSecret")?,
            base_url: base_url.filter(|s| !s.is_empty()).unwrap_or_else(|| SANDBOX_URL.to_string()),
        })
    }

    /// The configured secret; tokens are added by the client as it sees them.
    pub fn redactor(&self) -> Redactor {
        Redactor::new([self.client_secret.as_str()])
    }

    /// `POST /oauth2/token/`, form-encoded, for one of the three grants.
    pub fn token_request(&self, grant: &Grant) -> HttpRequest {
        let mut form: Vec<(&str, &str)> = Vec::new();
        let grant_type = match grant {
            Grant::ClientCredentials => "client_credentials",
            Grant::Password { .. } => "password",
            Grant::Refresh { .. } => "refresh_token",
        };
        form.push(("grant_type", grant_type));
        form.push(("client_id", &self.client_id));
        form.push(("client_secret", &self.client_secret));
        match grant {
            Grant::ClientCredentials => {}
            Grant::Password { username, password } => {
                form.push(("username", username));
                form.push(("password", password));
            }
            Grant::Refresh { refresh_token } => form.push(("refresh_token", refresh_token)),
        }
        HttpRequest {
            method: "POST",
            path: TOKEN_PATH.to_string(),
            headers: vec![
                ("Accept".to_string(), "application/json".to_string()),
                ("User-Agent".to_string(), USER_AGENT.to_string()),
                ("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()),
            ],
            body: Some(form_encode(&form)),
        }
    }
}

/// A call made with a bearer token; `form` is the body's fields (none for a bodiless POST).
fn call(method: &'static str, path: String, token: &str, form: Option<Vec<(&str, String)>>) -> HttpRequest {
    let mut headers = vec![
        ("Authorization".to_string(), format!("Bearer {token}")),
        ("Accept".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), USER_AGENT.to_string()),
    ];
    let body = form.map(|f| {
        headers.push(("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()));
        form_encode(&f)
    });
    HttpRequest { method, path, headers, body }
}

/// A token reply `{ access_token, refresh_token?, expires_in }` (its text) as stored tokens;
/// `None` when it carries no access token or cannot be read.
pub fn read_token_reply(reply: &str, now_ms: i64) -> Option<Tokens> {
    let reply: TokenReply = replies::parse(reply)?;
    let access_token = reply.access_token.filter(|t| !t.is_empty())?;
    let refresh_token = reply.refresh_token.filter(|s| !s.is_empty());
    let expires_in = match &reply.expires_in {
        // A duration, not money: whole seconds of any number below 10^9.
        Scalar::Number(n) => n
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0 && *n < 1e9)
            .map_or(DEFAULT_EXPIRES_IN_S, |n| n.trunc() as i64),
        Scalar::Text(s) => {
            s.trim().parse::<i64>().ok().filter(|n| (0..1_000_000_000).contains(n)).unwrap_or(DEFAULT_EXPIRES_IN_S)
        }
        _ => DEFAULT_EXPIRES_IN_S,
    };
    Some(Tokens { access_token, refresh_token, expires_at: now_ms.saturating_add(expires_in.saturating_mul(1000)) })
}

fn id_arg(value: Option<&Json>, name: &str) -> Result<String, Error> {
    match text_of(value, name)? {
        Some(id) if !id.is_empty() => Ok(id),
        _ => Err(Error::new(Code::MissingField, name, format!("{name} is required"))),
    }
}

/// [`id_arg`] for a request that lists every problem: one here is noted in `p` (and the id is
/// empty), so the input's problems are reported with it.
fn noted_id(p: &mut Problems, value: Option<&Json>, name: &str) -> String {
    id_arg(value, name).unwrap_or_else(|e| {
        p.push(e);
        String::new()
    })
}

/// `signup({ email, password, phone, username, referrer? })`: `POST /v2/users/` with the
/// application token. `username` is what `login` needs later; Instamojo's collection marks it
/// mandatory, at most 35 characters.
pub fn signup_request(token: &str, input: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let mut form = vec![
        ("email", p.required_text(input, "email", "")),
        ("password", p.required_text(input, "password", "")),
        ("phone", p.required_text(input, "phone", "")),
        ("username", p.required_text(input, "username", "")),
    ];
    if form.get(3).is_some_and(|(_, u)| u.chars().count() > MAX_USERNAME_CHARS) {
        p.push(too_long("username", MAX_USERNAME_CHARS));
    }
    if let Some(referrer) = p.optional_text(input, "referrer", "") {
        form.push(("referrer", referrer));
    }
    p.into_result(|| call("POST", "/v2/users/".to_string(), token, Some(form)))
}

/// A text field over Instamojo's limit of `chars` characters.
fn too_long(field: &str, chars: usize) -> Error {
    Error::new(Code::InvalidOption, field, format!("{field} must be at most {chars} characters (Instamojo's limit)"))
}

/// `updateBankAccount(userId, { accountHolderName, accountNumber, ifscCode })` with the user's token.
pub fn bank_account_request(
    token: &str,
    user_id: Option<&Json>,
    input: Option<&Json>,
) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let user_id = noted_id(&mut p, user_id, "userId");
    let form = vec![
        ("account_holder_name", p.required_text(input, "accountHolderName", "")),
        ("account_number", p.required_text(input, "accountNumber", "")),
        ("ifsc_code", p.required_text(input, "ifscCode", "")),
    ];
    // Instamojo's limits (GATEWAYS.md): a holder's name of at most 100 characters, an account
    // number of at most 50 digits.
    if form.first().is_some_and(|(_, name)| name.chars().count() > 100) {
        p.push(too_long("accountHolderName", 100));
    }
    if let Some((_, number)) = form.get(1).filter(|(_, n)| !n.is_empty()) {
        if number.len() > 50 || !number.bytes().all(|b| b.is_ascii_digit()) {
            p.push(Error::new(Code::InvalidOption, "accountNumber", "accountNumber must be at most 50 digits"));
        }
    }
    p.into_result(|| {
        call(BANK_ACCOUNT_METHOD, format!("/v2/users/{}/inrbankaccount/", path_segment(&user_id)), token, Some(form))
    })
}

/// `createPaymentRequest(details)`: `POST /v2/payment_requests/`.
pub fn payment_request_request(token: &str, input: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let amount = p.amount(input, "amount", "", true);
    let (least, most) = PAYMENT_REQUEST_PAISE;
    if amount.0 > 0 && !(least..=most).contains(&amount.0) {
        p.push(Error::new(
            Code::InvalidAmount,
            "amount",
            format!("a payment request's amount must be 9.00 to 200000.00, got {}", amount.to_text()),
        ));
    }
    let mut form = vec![("amount", amount.to_text()), ("purpose", p.required_text(input, "purpose", ""))];
    for (key, field) in [
        ("buyerName", "buyer_name"),
        ("email", "email"),
        ("phone", "phone"),
        ("redirectUrl", "redirect_url"),
        ("webhook", "webhook"),
    ] {
        if let Some(v) = p.optional_text(input, key, "") {
            form.push((field, v));
        }
    }
    for (key, field) in
        [("allowRepeatedPayments", "allow_repeated_payments"), ("sendEmail", "send_email"), ("sendSms", "send_sms")]
    {
        if let Some(b) = p.optional_bool(input, key, "") {
            form.push((field, b.to_string()));
        }
    }
    if input.field("partnerFeeType").is_some() {
        form.push(("partner_fee_type", p.one_of(input, "partnerFeeType", "", &["fixed", "percent"])));
    }
    if input.field("partnerFee").is_some() {
        form.push(("partner_fee", p.amount(input, "partnerFee", "", false).to_text()));
    }
    if let Some(b) = p.optional_bool(input, "markFulfilled", "") {
        form.push(("mark_fulfilled", b.to_string()));
    }
    p.into_result(|| call("POST", "/v2/payment_requests/".to_string(), token, Some(form)))
}

/// `settle(paymentId, { type, subMerchantId, amount, id? })`; `generated_id` stands in for a
/// missing `id`, which is what makes a retried settlement safe.
pub fn settle_request(
    token: &str,
    payment_id: Option<&Json>,
    input: Option<&Json>,
    generated_id: &str,
) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let payment_id = noted_id(&mut p, payment_id, "paymentId");
    let id = p.optional_text(input, "id", "").unwrap_or_else(|| generated_id.to_string());
    let kind = p.one_of(input, "type", "", &["CREDIT", "DEBIT"]);
    let sub_merchant = p.required_text(input, "subMerchantId", "");
    let amount: Paise = p.amount(input, "amount", "", true);
    let form = vec![
        (SETTLEMENT_ID_FIELD, id),
        (SETTLEMENT_TYPE_FIELD, kind),
        (SETTLEMENT_SUB_MERCHANT_FIELD, sub_merchant),
        (SETTLEMENT_AMOUNT_FIELD, amount.to_text()),
    ];
    p.into_result(|| {
        call("POST", format!("/v2/payments/{}/settlements/", path_segment(&payment_id)), token, Some(form))
    })
}

/// `listSettlements(paymentId)`: `GET /v2/payments/:id/settlements/` with the application token.
pub fn list_settlements_request(token: &str, payment_id: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let payment_id = id_arg(payment_id, "paymentId").map_err(|e| vec![e])?;
    Ok(settlement_page_request(token, format!("/v2/payments/{}/settlements/", path_segment(&payment_id))))
}

/// A page of a settlement listing, by its path under the base URL.
pub fn settlement_page_request(token: &str, path: String) -> HttpRequest {
    call("GET", path, token, None)
}

/// One page of a settlement listing (a bare array, or an object holding it under one of
/// [`SETTLEMENT_LIST_KEYS`]) as `{ type, subMerchantId, amount, id? }` items, and the next page's
/// URL when the reply names one. A settlement that cannot be read fails the whole listing: one
/// skipped would look missing at Instamojo and be paid again.
pub fn read_settlement_page(reply: &str) -> Result<(Vec<Json>, Option<String>), String> {
    let reply: Value = replies::parse(reply).ok_or("the reply cannot be read")?;
    let items = match &reply {
        Value::Array(items) => items,
        other => SETTLEMENT_LIST_KEYS
            .iter()
            .find_map(|k| other.get(k).and_then(Value::as_array))
            .ok_or("the reply holds no list of settlements")?,
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item: ListedSettlement = replies::item(item);
        let field = |name: &str| item.get(name).unwrap_or(&Scalar::Missing);
        let text = |names: &[&str]| {
            names.iter().find_map(|n| field(n).text().ok().flatten().filter(|t| !t.is_empty()).map(str::to_string))
        };
        let kind = match field(SETTLEMENT_TYPE_FIELD).as_str().map(str::to_ascii_uppercase) {
            Some(t) if t == "CREDIT" => OpType::Credit,
            Some(t) if t == "DEBIT" => OpType::Debit,
            _ => return Err(format!("settlement {i} has no type CREDIT or DEBIT")),
        };
        let sub = text(&LISTED_SUB_MERCHANT_FIELDS).ok_or_else(|| format!("settlement {i} names no sub-merchant"))?;
        let amount = field(SETTLEMENT_AMOUNT_FIELD)
            .paise()
            .filter(|a| a.0 > 0)
            .ok_or_else(|| format!("settlement {i} has no amount above zero with at most two decimals"))?;
        out.push(settlement_json(kind, Some(&sub), Some(amount), text(&LISTED_ID_FIELDS).as_deref()));
    }
    let next = reply.get("next").and_then(Value::as_str).filter(|n| !n.trim().is_empty()).map(str::to_string);
    Ok((out, next))
}

/// The path of a listing's next page, only when it is under `base_url` (or a path on it): the
/// token goes wherever the listing points, so a reply cannot send it to another host.
pub fn next_page_path(next: &str, base_url: &str) -> Option<String> {
    let base = base_url.trim_end_matches('/');
    let path = match next.strip_prefix(base) {
        Some(rest) => rest,
        None if next.starts_with('/') && !next.starts_with("//") => next,
        None => return None,
    };
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}

/// Whose token a payment request is made with: the call's `{ user }`, else the client's `user`
/// option; with neither it is refused before anything is sent (the source document's payment
/// flow makes payment requests with a user token).
pub fn payment_request_user(call_user: Option<String>, client_user: Option<&str>) -> Result<String, Error> {
    call_user.or_else(|| client_user.map(str::to_string)).ok_or_else(|| {
        Error::new(
            Code::InvalidOption,
            "user",
            "createPaymentRequest needs a user token: pass { user } or create the client with new InstamojoClient({ user })",
        )
    })
}

/// `fulfil(paymentId)`: `POST /v2/payments/:id/fulfil/` without a body.
pub fn fulfil_request(token: &str, payment_id: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let payment_id = id_arg(payment_id, "paymentId").map_err(|e| vec![e])?;
    Ok(call("POST", format!("/v2/payments/{}/fulfil/", path_segment(&payment_id)), token, None))
}

/// `refund(paymentId, { amount, type, body, transactionId? })`: `POST /v2/payments/:id/refund/`.
/// `generated_id` stands in for a missing `transactionId`, so a retried refund is not paid twice.
pub fn refund_request(
    token: &str,
    payment_id: Option<&Json>,
    input: Option<&Json>,
    generated_id: &str,
) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let payment_id = noted_id(&mut p, payment_id, "paymentId");
    let transaction_id = p.optional_text(input, "transactionId", "").unwrap_or_else(|| generated_id.to_string());
    let kind = p.one_of(input, "type", "", &REFUND_TYPES);
    let body = p.required_text(input, "body", "");
    let amount = p.amount(input, "amount", "", true);
    let form =
        vec![("transaction_id", transaction_id), ("type", kind), ("body", body), ("refund_amount", amount.to_text())];
    p.into_result(|| call("POST", format!("/v2/payments/{}/refund/", path_segment(&payment_id)), token, Some(form)))
}

/// Whether a 2xx reply (its text) reports an error in its body: `success: false`, which
/// Instamojo's PHP SDK treats as an error whatever the HTTP status (GATEWAYS.md).
/// Every `success` the reply writes is looked at, so a repeated one cannot hide an error.
pub fn error_in_reply(body: &str) -> bool {
    replies::parse::<Fields>(body)
        .is_some_and(|Fields(fields)| fields.iter().any(|(k, v)| k == "success" && *v == Value::Bool(false)))
}

/// Instamojo's own message in an error body's text: `message`, OAuth's `error_description`/`error`,
/// or its field errors (`{"amount": ["…"]}`) as `amount: …`, in the order written; each field
/// redacted on its own.
pub fn error_message(body: &str, redactor: &Redactor) -> Option<String> {
    let value: serde_json::Value = replies::parse(body)?;
    let reply: InstamojoErrorReply = replies::item(&value);
    if let Some(m) = first_text(&[&reply.message, &reply.error_description, &reply.detail, &reply.error], redactor) {
        return Some(m);
    }
    let Fields(members) = replies::parse(body)?;
    let fields: Vec<String> = members
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => redactor.redact(s),
                Value::Array(items) => {
                    items.iter().filter_map(Value::as_str).map(|s| redactor.redact(s)).collect::<Vec<_>>().join(" ")
                }
                _ => return None,
            };
            (!text.is_empty() && k != "success").then(|| format!("{}: {text}", redactor.redact(k)))
        })
        .collect();
    (!fields.is_empty()).then(|| fields.join("; "))
}

// What Instamojo answers when a settlement id or a refund's transaction_id comes again is not
// documented (its settlement docs say only "Unique settlement id for each payment"; its refund docs
// that transaction_id is mandatory from the second refund on "to prevent duplicate case creations
// due to replay of APIs"). UNCONFIRMED: this library, and its simulator, take it that the earlier
// operation is answered again. The fields read back are those the request sent.
/// The settlement a `settle` call got back, against what it sent: a settlement id answered with
/// another payment, type, sub-merchant or amount was spent on an earlier, different settlement,
/// and nothing was settled now (`IDEMPOTENCY_CONFLICT`). Fields the reply leaves out are not
/// compared, nor are those of another type than the one sent. `reply` is the reply's text.
pub fn check_settlement_reply(sent: &HttpRequest, payment_id: &str, reply: &str) -> Result<(), Error> {
    let fields = form_decode(sent.body.as_deref().unwrap_or("")).unwrap_or_default();
    let sent_field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let id = sent_field(SETTLEMENT_ID_FIELD);
    let reply: SettlementReply = replies::item(&replies::parse(reply).ok_or_else(|| unreadable_reply("id", id))?);
    // The names the sub-merchant may go by, in order (the form field's name second).
    let sub_merchant = [&reply.submerchant, &reply.submerchant_id, &reply.sub_merchant, &reply.user]
        .into_iter()
        .find_map(Option::as_deref);
    let differences = [
        ("payment", Some(payment_id), reply.payment_id.as_deref()),
        ("type", Some(sent_field(SETTLEMENT_TYPE_FIELD)), reply.kind.as_deref()),
        ("sub-merchant", Some(sent_field(SETTLEMENT_SUB_MERCHANT_FIELD)), sub_merchant),
    ];
    replay_conflict("id", id, &differences, sent_field(SETTLEMENT_AMOUNT_FIELD), &reply.amount)
}

/// A reply to a keyed write that cannot be read as one operation.
fn unreadable_reply(key_path: &str, key: &str) -> Error {
    Error::new(
        Code::IdempotencyConflict,
        key_path,
        format!("{key_path} {key:?}: the reply is not JSON, so it cannot be shown to be this operation"),
    )
}

/// The refund a `refund` call got back (`{ refund: { … } }`), against what it sent, as
/// [`check_settlement_reply`] does for settlements.
pub fn check_refund_reply(sent: &HttpRequest, payment_id: &str, reply: &str) -> Result<(), Error> {
    let fields = form_decode(sent.body.as_deref().unwrap_or("")).unwrap_or_default();
    let sent_field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let key = sent_field("transaction_id");
    let unreadable = || unreadable_reply("transactionId", key);
    let reply: Value = replies::parse(reply).ok_or_else(unreadable)?;
    let refund: RefundReply = replies::item(reply.get("refund").unwrap_or(&reply));
    let differences = [
        ("payment", Some(payment_id), refund.payment_id.as_deref()),
        ("type", Some(sent_field("type")), refund.kind.as_deref()),
    ];
    replay_conflict("transactionId", key, &differences, sent_field("refund_amount"), &refund.refund_amount)
}

/// `IDEMPOTENCY_CONFLICT` at `key_path` naming the first field whose value the reply gives
/// differently from what was sent; the amounts are compared in paise.
fn replay_conflict(
    key_path: &str,
    key: &str,
    fields: &[(&str, Option<&str>, Option<&str>)],
    sent_amount: &str,
    got_amount: &Scalar,
) -> Result<(), Error> {
    let conflict = |what: &str, sent: &str, got: &str| {
        Err(Error::new(
            Code::IdempotencyConflict,
            key_path,
            format!(
                "{key_path} {key:?} was already used for another operation ({what} {got}, not {sent}); nothing more was done"
            ),
        ))
    };
    for (what, sent, got) in fields {
        if let (Some(sent), Some(got)) = (sent, got) {
            if !sent.is_empty() && sent != got {
                return conflict(what, sent, got);
            }
        }
    }
    if got_amount.is_present() {
        let sent = crate::money::amount::parse_amount_text(sent_amount, "amount").ok();
        let got_paise = got_amount.paise();
        if sent.is_some() && got_paise != sent {
            let got_text = got_paise.map_or_else(|| "an amount that cannot be read".to_string(), Paise::to_text);
            return conflict("amount", sent_amount, &got_text);
        }
    }
    Ok(())
}
