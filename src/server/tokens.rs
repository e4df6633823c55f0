//! Instamojo token decisions without I/O: the stored shape, when a token must be replaced and
//! how, what one process remembers beside the shared store ([`KeyMemory`]: a pair the store has
//! not taken yet, refresh tokens already spent), and the timing of a key's lease. The async layer
//! (`js/server/tokens.rs`) performs what these decide, one renewal per key at a time.

use std::collections::VecDeque;

use crate::json::Json;

/// A token with less than this left is replaced before use.
pub const REFRESH_MARGIN_MS: i64 = 300_000;

/// Instamojo's documented lifetime of a user token, used when a reply leaves `expires_in` out.
pub const DEFAULT_EXPIRES_IN_S: i64 = 36_000;

/// What the token store holds under a key: `{ accessToken, refreshToken, expiresAt }` (its JS
/// shape is this struct serialized, `refreshToken` `null` when there is none).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokens {
    /// The bearer token calls are made with; never empty.
    pub access_token: String,
    /// What renews the pair without the password, when the gateway issued one; sent at most once.
    pub refresh_token: Option<String>,
    /// Milliseconds since the epoch.
    pub expires_at: i64,
}

impl Tokens {
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
    /// The app's own token (client credentials).
    App,
    /// A user's token, by Instamojo username.
    User(String),
}

impl TokenKey {
    /// The key as the token store sees it: `"app"` or `"user:<username>"`.
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
    /// The app's token, from its client id and secret alone.
    ClientCredentials,
    /// A user's token from their username and password.
    Password {
        /// The user's Instamojo username.
        username: String,
        /// The user's password: never quoted back (see [`Grant::secret`]).
        password: String,
    },
    /// A new pair for a refresh token, which is spent by it.
    Refresh {
        /// The refresh token: never quoted back, never sent twice.
        refresh_token: String,
    },
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
    /// The only refresh token at hand was already spent: wait for the pair that replaced it.
    Spent,
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

/// What happens to the refresh token a refresh grant sent, by the token endpoint's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spending {
    /// A new pair came back (the old refresh token is spent) or the grant was refused (400,
    /// `invalid_grant`: it is dead): either way it is never sent again.
    Spent,
    /// No answer, a timeout, a 5xx, or a refusal of the client itself (401 `invalid_client`): the
    /// gateway may not have seen it, and sending it again is the only way the pair can be kept.
    Unknown,
}

/// `status` is the token endpoint's HTTP status, `None` when it never answered.
pub fn spending(status: Option<u16>, issued: bool) -> Spending {
    match status {
        Some(200..=299) if issued => Spending::Spent,
        Some(400) => Spending::Spent,
        _ => Spending::Unknown,
    }
}

/// How many replaced pairs and spent refresh tokens a key remembers: only the latest few can
/// still be in a store (they were replaced moments ago), so memory stays bounded per key.
pub const SPENT_REMEMBERED: usize = 8;

/// What one process knows of a key beyond the shared store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyMemory {
    /// The newest pair the gateway issued to this process. While the store is seen behind it (its
    /// `set` failed or did not settle, or the store lost the write), it is used and written again.
    pub latest: Option<Tokens>,
    /// Access tokens of pairs this process replaced: a store still holding one is behind.
    replaced: VecDeque<String>,
    /// Refresh tokens this process spent or saw refused.
    spent: VecDeque<String>,
}

/// What to use under a key once the store has been read, and whether the store must be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Current {
    /// The pair to use; `None` when nothing is stored, so one must be granted.
    pub tokens: Option<Tokens>,
    /// The store is behind this process (it holds nothing, or a pair this process replaced):
    /// write `tokens` to it.
    pub write: bool,
}

fn remember(list: &mut VecDeque<String>, text: &str) {
    if list.iter().any(|t| t == text) {
        return;
    }
    if list.len() >= SPENT_REMEMBERED {
        list.pop_front();
    }
    list.push_back(text.to_string());
}

impl KeyMemory {
    /// A refresh token that must never be sent again by this process.
    pub fn spend(&mut self, refresh_token: &str) {
        remember(&mut self.spent, refresh_token);
    }

    /// Whether this process spent, or saw refused, this refresh token.
    pub fn is_spent(&self, refresh_token: &str) -> bool {
        self.spent.iter().any(|t| t == refresh_token)
    }

    /// The gateway issued `new` in place of `old` (what the store held when it was asked for).
    pub fn issued(&mut self, new: &Tokens, old: Option<&Tokens>) {
        if let Some(old) = old {
            remember(&mut self.replaced, &old.access_token);
        }
        self.latest = Some(new.clone());
    }

    /// Reads the store through this process's memory. The store wins unless it is behind this
    /// process: it holds nothing, or a pair this process replaced. A pair there that this process
    /// neither got nor replaced was written by someone else later, so it is newer, and this
    /// process's own is forgotten.
    pub fn reconcile(&mut self, stored: Option<Tokens>) -> Current {
        let Some(latest) = self.latest.clone() else {
            return Current { tokens: stored, write: false };
        };
        match &stored {
            Some(s) if s.access_token == latest.access_token => Current { tokens: stored, write: false },
            Some(s) if !self.replaced.iter().any(|t| *t == s.access_token) => {
                self.latest = None;
                Current { tokens: stored, write: false }
            }
            _ => Current { tokens: Some(latest), write: true },
        }
    }

    /// [`plan_renewal`] that never names a refresh token this process spent: the store then holds
    /// a pair that was replaced, and only the pair that replaced it (another process's write, still
    /// to come) or a new login can help.
    pub fn plan(&self, key: &TokenKey, current: Option<&Tokens>, stale: Option<&str>, now_ms: i64) -> Renewal {
        match plan_renewal(key, current, stale, now_ms) {
            Renewal::Grant(Grant::Refresh { refresh_token }) if self.is_spent(&refresh_token) => Renewal::Spent,
            other => other,
        }
    }
}

/// The lease a process takes on a key before it asks for a token: a third of the call's timeout,
/// within 300 ms and 10 s. It is renewed every third of its length while the holder works, where
/// the store can renew it, so only a holder that stopped (crashed, or stalled past its lease)
/// lets it lapse; then the next holder waits at most this long.
pub fn lease_ms(timeout_ms: u32) -> u32 {
    (timeout_ms / 3).clamp(300, 10_000)
}

/// How often a held lease is renewed.
pub fn renew_every_ms(lease_ms: u32) -> u32 {
    (lease_ms / 3).max(50)
}

/// Pauses before writing a new pair again after a failed `set`, while the lease is still held
/// (so no other process reads the replaced pair meanwhile). After these, the pair stays in
/// memory and is written again by the next call.
pub const WRITE_RETRY_DELAYS_MS: [u32; 3] = [50, 150, 400];

/// Pauses before reading the store again when the only refresh token it holds was already spent
/// (by this process, or refused by the gateway because another process spent it): the pair that
/// replaced it is usually written a moment later by the process that got it.
pub const REREAD_DELAYS_MS: [u32; 5] = [50, 100, 200, 400, 800];
