//! Instamojo's Marketplace API v2 wire format without I/O (feature `server`): the token grants,
//! the calls `InstamojoClient` makes, and reading replies. See GATEWAYS.md.

use crate::error::{Code, Error};
use crate::json::Json;
use crate::money::amount::{parse_amount, Paise};
use crate::proxy::http::{form_decode, form_encode, path_segment, HttpRequest};
use crate::server::gateway::first_text;
use crate::server::input::{object_or_empty, text_of, Problems};
use crate::server::redact::Redactor;
use crate::server::tokens::{Grant, Tokens, DEFAULT_EXPIRES_IN_S};

pub const SANDBOX_URL: &str = "https://test.instamojo.com";
pub const PRODUCTION_URL: &str = "https://api.instamojo.com";
pub const TOKEN_PATH: &str = "/oauth2/token/";
/// `InstamojoClient`'s options.
pub const OPTION_KEYS: [&str; 6] = ["clientId", "clientSecret", "baseUrl", "tokenStore", "fetch", "timeoutMs"];

// UNCONFIRMED wire details. No source settles these; they live here, together, so that checking
// Instamojo's docs leads to one edit.
/// The bank account endpoint's method (PUT in one source, POST in another).
pub const BANK_ACCOUNT_METHOD: &str = "PUT";
/// Form fields of `POST /v2/payments/:id/settlements/`: the settlement's unique id, its type,
/// the sub-merchant's user id and the amount.
pub const SETTLEMENT_ID_FIELD: &str = "settlement_id";
pub const SETTLEMENT_TYPE_FIELD: &str = "type";
pub const SETTLEMENT_SUB_MERCHANT_FIELD: &str = "submerchant_id";
pub const SETTLEMENT_AMOUNT_FIELD: &str = "amount";
// End of the unconfirmed details.

/// Refund types Instamojo accepts.
pub const REFUND_TYPES: [&str; 7] = ["RFD", "TNR", "QFL", "QNR", "EWN", "TAN", "PTH"];

#[derive(Clone, Debug)]
pub struct InstamojoConfig {
    pub client_id: String,
    pub client_secret: String,
    pub base_url: String,
}

impl InstamojoConfig {
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
    ];
    let body = form.map(|f| {
        headers.push(("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()));
        form_encode(&f)
    });
    HttpRequest { method, path, headers, body }
}

/// A token reply `{ access_token, refresh_token?, expires_in }` as stored tokens; `None` when it
/// carries no access token.
pub fn read_token_reply(reply: &Json, now_ms: i64) -> Option<Tokens> {
    let access_token = reply.get("access_token")?.as_str()?.to_string();
    if access_token.is_empty() {
        return None;
    }
    let refresh_token = reply.get("refresh_token").and_then(Json::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    let expires_in = match reply.get("expires_in") {
        Some(Json::Number(n)) if n.is_finite() && *n >= 0.0 && *n < 1e9 => n.trunc() as i64,
        Some(Json::String(s)) => {
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

/// `signup({ email, password, phone, referrer? })`: `POST /v2/users/` with the application token.
pub fn signup_request(token: &str, input: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let mut form = vec![
        ("email", p.required_text(input, "email", "")),
        ("password", p.required_text(input, "password", "")),
        ("phone", p.required_text(input, "phone", "")),
    ];
    if let Some(referrer) = p.optional_text(input, "referrer", "") {
        form.push(("referrer", referrer));
    }
    p.into_result(|| call("POST", "/v2/users/".to_string(), token, Some(form)))
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
    p.into_result(|| {
        call(BANK_ACCOUNT_METHOD, format!("/v2/users/{}/inrbankaccount/", path_segment(&user_id)), token, Some(form))
    })
}

/// `createPaymentRequest(details)`: `POST /v2/payment_requests/`.
pub fn payment_request_request(token: &str, input: Option<&Json>) -> Result<HttpRequest, Vec<Error>> {
    let input = object_or_empty(input, "")?;
    let mut p = Problems::default();
    let amount = p.amount(input, "amount", "", true);
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

/// Instamojo's own message in an error body: `message`, OAuth's `error_description`/`error`, or
/// its field errors (`{"amount": ["…"]}`) as `amount: …`.
pub fn error_message(body: &Json) -> Option<String> {
    if let Some(m) = first_text(body, &["message", "error_description", "detail", "error"]) {
        return Some(m);
    }
    let Json::Object(members) = body else { return None };
    let fields: Vec<String> = members
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Json::String(s) => s.clone(),
                Json::Array(items) => items.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(" "),
                _ => return None,
            };
            (!text.is_empty() && k != "success").then(|| format!("{k}: {text}"))
        })
        .collect();
    (!fields.is_empty()).then(|| fields.join("; "))
}

// What Instamojo answers when a settlement id or a refund's transaction_id comes again is not
// documented (its settlement docs say only "Unique settlement id for each payment"; its refund docs
// that transaction_id is mandatory from the second refund on "to prevent duplicate case creations
// due to replay of APIs"). UNCONFIRMED: this library, and its simulator, take it that the earlier
// operation is answered again. The fields read back are those the request sent.
/// Reply fields that may name a settlement's sub-merchant.
const SUB_MERCHANT_REPLY_FIELDS: [&str; 4] = ["submerchant", SETTLEMENT_SUB_MERCHANT_FIELD, "sub_merchant", "user"];

/// The settlement a `settle` call got back, against what it sent: a settlement id answered with
/// another payment, type, sub-merchant or amount was spent on an earlier, different settlement,
/// and nothing was settled now (`IDEMPOTENCY_CONFLICT`). Fields the reply leaves out are not
/// compared.
pub fn check_settlement_reply(sent: &HttpRequest, payment_id: &str, reply: &Json) -> Result<(), Error> {
    let fields = form_decode(sent.body.as_deref().unwrap_or("")).unwrap_or_default();
    let sent_field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let id = sent_field(SETTLEMENT_ID_FIELD);
    let sub_merchant = SUB_MERCHANT_REPLY_FIELDS.iter().find_map(|k| reply.get(k).and_then(Json::as_str));
    let differences = [
        ("payment", Some(payment_id), reply.get("payment_id").and_then(Json::as_str)),
        ("type", Some(sent_field(SETTLEMENT_TYPE_FIELD)), reply.get("type").and_then(Json::as_str)),
        ("sub-merchant", Some(sent_field(SETTLEMENT_SUB_MERCHANT_FIELD)), sub_merchant),
    ];
    replay_conflict("id", id, &differences, sent_field(SETTLEMENT_AMOUNT_FIELD), reply.field("amount"))
}

/// The refund a `refund` call got back (`{ refund: { … } }`), against what it sent, as
/// [`check_settlement_reply`] does for settlements.
pub fn check_refund_reply(sent: &HttpRequest, payment_id: &str, reply: &Json) -> Result<(), Error> {
    let fields = form_decode(sent.body.as_deref().unwrap_or("")).unwrap_or_default();
    let sent_field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let refund = reply.get("refund").unwrap_or(reply);
    let differences = [
        ("payment", Some(payment_id), refund.get("payment_id").and_then(Json::as_str)),
        ("type", Some(sent_field("type")), refund.get("type").and_then(Json::as_str)),
    ];
    replay_conflict(
        "transactionId",
        sent_field("transaction_id"),
        &differences,
        sent_field("refund_amount"),
        refund.field("refund_amount"),
    )
}

/// `IDEMPOTENCY_CONFLICT` at `key_path` naming the first field whose value the reply gives
/// differently from what was sent; the amounts are compared in paise.
fn replay_conflict(
    key_path: &str,
    key: &str,
    fields: &[(&str, Option<&str>, Option<&str>)],
    sent_amount: &str,
    got_amount: Option<&Json>,
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
    if let Some(got) = got_amount {
        let sent = crate::money::amount::parse_amount_text(sent_amount, "amount").ok();
        let got_paise = parse_amount(Some(got), "amount").ok();
        if sent.is_some() && got_paise != sent {
            let got_text = got_paise.map_or_else(|| "an amount that cannot be read".to_string(), Paise::to_text);
            return conflict("amount", sent_amount, &got_text);
        }
    }
    Ok(())
}
