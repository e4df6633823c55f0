// Instamojo's OAuth2 token endpoint: three grants, expiring access tokens, refresh tokens that
// rotate (a spent one is refused), and revocation so tests can make every current token fail.

import { randomId, reply, text } from "./wire.mjs";

const oauthError = (status, error, error_description) => reply(status, { error, error_description });

export function createTokens({ clientId, clientSecret, expiresIn = 36000 }, users, now = Date.now) {
  const access = new Map(); // access token -> { kind: "app" | "user", username, expiresAt, revoked }
  const refresh = new Map(); // refresh token -> { username, spent }
  const counts = { total: 0, client_credentials: 0, password: 0, refresh_token: 0 };
  const settings = { expiresIn };

  function issue(kind, username) {
    const accessToken = randomId("imat_", 16);
    access.set(accessToken, { kind, username, expiresAt: now() + settings.expiresIn * 1000, revoked: false });
    const body = { access_token: accessToken, expires_in: settings.expiresIn, token_type: "Bearer", scope: "read write" };
    if (kind === "user") {
      const refreshToken = randomId("imrt_", 16);
      refresh.set(refreshToken, { username, spent: false });
      body.refresh_token = refreshToken;
    }
    return reply(200, body);
  }

  function token({ fields }) {
    counts.total += 1;
    const grant = fields.grant_type;
    if (grant in counts) counts[grant] += 1;
    if (fields.client_id !== clientId || fields.client_secret !== clientSecret) {
      return oauthError(401, "invalid_client", "Client authentication failed.");
    }
    if (grant === "client_credentials") return issue("app", null);
    if (grant === "password") {
      const user = users.find(text(fields.username));
      if (!user || user.password !== fields.password) return oauthError(400, "invalid_grant", "Invalid credentials given.");
      return issue("user", user.username);
    }
    if (grant === "refresh_token") {
      const entry = refresh.get(fields.refresh_token);
      if (!entry || entry.spent) return oauthError(400, "invalid_grant", "Invalid refresh token.");
      entry.spent = true;
      // The old access token of the pair stops working too, as a rotated pair replaces it whole.
      for (const t of access.values()) if (t.kind === "user" && t.username === entry.username) t.revoked = true;
      return issue("user", entry.username);
    }
    return oauthError(400, "unsupported_grant_type", "Unsupported grant type.");
  }

  /** The token record behind an Authorization header, or a 401 reply. */
  function authenticate(headers) {
    const auth = headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) {
      return { error: reply(401, { success: false, message: "Authentication credentials were not provided." }) };
    }
    const record = access.get(auth.slice(7));
    if (!record || record.revoked || record.expiresAt <= now()) {
      return { error: reply(401, { success: false, message: "Invalid or expired token." }) };
    }
    return { record };
  }

  return {
    access,
    refresh,
    counts,
    settings,
    authenticate,
    /** Every current access token fails with 401 from now on; refresh tokens stay valid. */
    revoke() {
      for (const t of access.values()) t.revoked = true;
    },
    /** Every token ever issued, for tests that look for leaked secrets. */
    issued() {
      return [...access.keys(), ...refresh.keys()];
    },
    route: { name: "instamojo.token", method: "POST", pattern: /^\/oauth2\/token\/$/, handle: token },
  };
}
