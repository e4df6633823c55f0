//! Instamojo token decisions without I/O: the stored shape, when a token must be replaced, and
//! how. The async layer asks [`plan_renewal`] and performs the grant it names, one per key at a time.

use crate::json::Json;

/// A token with less than this left is replaced before use.
pub const REFRESH_MARGIN_MS: i64 = 300_000;

/// Instamojo's documented lifetime of a user token, used when a reply leaves `expires_in` out.
pub const DEFAULT_EXPIRES_IN_S: i64 = 36_000;

/// What the token store holds under a key: `{ accessToken, refreshToken, expiresAt }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// Milliseconds since the epoch.
    pub expires_at: i64,
}

impl Tokens {
    pub fn to_json(&self) -> Json {
        Json::object([
            ("accessToken", Json::str(self.access_token.clone())),
            ("refreshToken", self.refresh_token.clone().map(Json::String).unwrap_or(Json::Null)),
            ("expiresAt", Json::Number(self.expires_at as f64)),
        ])
    }

    /// Reads a stored value; anything that is not a usable token pair is `None` (treated as no
    /// token, so a corrupt store entry leads to a new grant rather than a crash).
    pub fn from_json(value: &Json) -> Option<Tokens> {
        let access_token = value.get("accessToken")?.as_str()?.to_string();
        if access_token.is_empty() {
            return None;
        }
        let refresh_token = match value.get("refreshToken") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        let expires_at = match value.get("expiresAt")? {
            Json::Number(n) if n.is_finite() && n.abs() < 9.0e15 => n.trunc() as i64,
            _ => return None,
        };
        Some(Tokens { access_token, refresh_token, expires_at })
    }

    /// Usable now: more than the margin left.
    pub fn is_fresh(&self, now_ms: i64) -> bool {
        self.expires_at.saturating_sub(now_ms) >= REFRESH_MARGIN_MS
    }
}

/// A token store key: `"app"` or `"user:<username>"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TokenKey {
    App,
    User(String),
}

impl TokenKey {
    pub fn text(&self) -> String {
        match self {
            TokenKey::App => "app".to_string(),
            TokenKey::User(name) => format!("user:{name}"),
        }
    }
}

/// The three OAuth2 grants of Instamojo's token endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    ClientCredentials,
    Password { username: String, password: String },
    Refresh { refresh_token: String },
}

impl Grant {
    /// What this grant sends that must never be quoted back: the password or the refresh token.
    pub fn secret(&self) -> Option<&str> {
        match self {
            Grant::ClientCredentials => None,
            Grant::Password { password, .. } => Some(password),
            Grant::Refresh { refresh_token } => Some(refresh_token),
        }
    }
}

impl Tokens {
    /// The access and refresh token, for a call's redactor.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        [Some(self.access_token.as_str()), self.refresh_token.as_deref()].into_iter().flatten()
    }
}

/// What to do for a token under `key`, given what the store holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Renewal {
    /// The stored token is good.
    Use(Tokens),
    /// Ask the token endpoint.
    Grant(Grant),
    /// A user without a refresh token: only `login` can help.
    NeedLogin,
}

/// `stale` is an access token known to be refused (a 401): a stored token equal to it is not
/// used again, while a different stored token (someone renewed it meanwhile) is.
pub fn plan_renewal(key: &TokenKey, stored: Option<&Tokens>, stale: Option<&str>, now_ms: i64) -> Renewal {
    if let Some(t) = stored {
        if t.is_fresh(now_ms) && stale != Some(t.access_token.as_str()) {
            return Renewal::Use(t.clone());
        }
    }
    match key {
        TokenKey::App => Renewal::Grant(Grant::ClientCredentials),
        TokenKey::User(_) => match stored.and_then(|t| t.refresh_token.clone()) {
            Some(refresh_token) => Renewal::Grant(Grant::Refresh { refresh_token }),
            None => Renewal::NeedLogin,
        },
    }
}
