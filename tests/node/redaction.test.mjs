// Redaction of what a gateway quotes back, finding by finding (issue 10): text cut before it was
// redacted, lower-case percent-encoding, unpadded base64, base64(KEY) without the colon, a secret
// split across error_code and error_message, the user's and a seller's password, and more live
// tokens than a shared list of 64 could remember. The rule for fragments (src/server/redact.rs):
// no run of 8 or more characters of a secret, in any of its forms, may show.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callHandler, lib } from "./helpers.mjs";
import { startSimulator } from "../sim/simulator.mjs";

// A key with the characters whose encodings differ ('+', '/', '='), 28 bytes long so that its
// base64 and that of `KEY:` both end in padding.
const KEY = "jp_SECRET+key/5d1f0c9a7e3b=Z";
const b64 = (s) => Buffer.from(s).toString("base64");
const b64url = (s) => Buffer.from(s).toString("base64url");
/** The characters of base64(prefix + secret + suffix) that depend on the secret's bytes alone. */
const b64Core = (prefix, secret, suffix = "", encode = b64) =>
  encode(prefix + secret + suffix).slice(Math.ceil((prefix.length * 8) / 6), Math.floor(((prefix.length + secret.length) * 8) / 6));

/** Every run of 8 characters of `secret`, compared ignoring ASCII case. */
function assertNoFragment(text, secret, what = "") {
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= secret.length; i++) {
    const part = secret.slice(i, i + 8);
    assert.ok(!lower.includes(part.toLowerCase()), `${what}: "${part}" of a secret shows in: ${text}`);
  }
}

/** A JuspayClient whose gateway answers every request with `status` and `body` (text). */
function juspayAnswering(status, body) {
  return new lib.JuspayClient({
    apiKey: KEY,
    merchantId: "m",
    fetch: async () => new Response(body, { status, headers: { "content-type": "application/json" } }),
  });
}

async function rejectionOf(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

/** The message a client gives and the reply the proxy gives the browser, for one gateway answer. */
async function messages(status, body) {
  const client = juspayAnswering(status, body);
  const error = await rejectionOf(client.orderStatus("o1"));
  const handler = lib.createProxyHandler({ juspay: client, order: () => ({ amount: "10" }) });
  const reply = await callHandler(handler, "GET", "/juspay/orders/o1");
  return [error.message, reply.text];
}

describe("the gateway's text is redacted before it is cut, in every form", () => {
  // [the text the gateway quotes, what of it must not show in runs of 8]
  const lower = (s) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  const forms = {
    // In the body that is not JSON ("<html>proxy error: " is 19 characters), a cut at 200
    // characters made before redacting left the first 16 or 9 characters of the key.
    "as given, across a cut at 200 characters": ["x".repeat(165) + KEY, KEY],
    "as given, 9 characters of it before a cut at 200": ["y".repeat(172) + KEY, KEY],
    "percent-encoded, lower-case hex": [lower(encodeURIComponent(KEY)), lower(encodeURIComponent(KEY))],
    "percent-encoded, upper-case hex": [encodeURIComponent(KEY), encodeURIComponent(KEY)],
    "form-encoded": [new URLSearchParams({ k: KEY }).toString().slice(2), new URLSearchParams({ k: KEY }).toString().slice(2)],
    "JSON with \\/": [KEY.replaceAll("/", "\\/"), KEY.replaceAll("/", "\\/")],
    "base64(KEY:)": [b64(`${KEY}:`), b64(`${KEY}:`)],
    "base64(KEY:) unpadded": [b64(`${KEY}:`).replace(/=+$/, ""), b64(`${KEY}:`)],
    "base64(KEY)": [b64(KEY), b64(KEY)],
    "base64(KEY) unpadded": [b64(KEY).replace(/=+$/, ""), b64(KEY)],
    "base64url(KEY:)": [b64url(`${KEY}:`), b64url(`${KEY}:`)],
    "inside a longer base64 text": [b64(`merchant:${KEY}:extra`), b64Core("merchant:", KEY, ":extra")],
    "inside a longer base64 text, one byte off": [b64(`user1:${KEY}`), b64Core("user1:", KEY)],
    "upper-cased": [KEY.toUpperCase(), KEY],
  };
  for (const [name, [form, secret]] of Object.entries(forms)) {
    it(`${name}: in a JSON message and in a body that is not JSON`, async () => {
      const json = JSON.stringify({ status: "error", error_code: "BAD_REQUEST", error_message: `rejected ${form} here` });
      for (const body of [json, `<html>proxy error: ${form}</html>`]) {
        const [message, reply] = await messages(400, body);
        assert.match(message, /rejected the request \(HTTP 400\)/);
        for (const text of [message, reply]) {
          assertNoFragment(text, KEY, name);
          assertNoFragment(text, secret, name);
        }
      }
    });
  }

  it("a secret split across error_code and error_message is masked in each part", async () => {
    for (const at of [8, 13, KEY.length - 8]) {
      const body = JSON.stringify({ status: "error", error_code: KEY.slice(0, at), error_message: KEY.slice(at) });
      const [message, reply] = await messages(400, body);
      for (const text of [message, reply]) assertNoFragment(text, KEY, `split at ${at}`);
      assert.match(message, /\(HTTP 400\): \[redacted\]/);
    }
  });

  it("what is left of the gateway's text is still quoted, cut after redacting", async () => {
    const [message] = await messages(400, JSON.stringify({ error_message: `bad ${KEY} ${"z".repeat(400)}` }));
    assert.match(message, /: bad \[redacted\] z+…$/);
    assert.ok(message.length < 300, message);
  });
});

describe("passwords and tokens a call sent are redacted from what comes back", () => {
  const CLIENT = { clientId: "im_client_r", clientSecret: "im_SECRET_client_r_8c4a6f2d" };

  it("the user's password at login, echoed by the token endpoint in any form", async () => {
    const password = "seller-SECRET-pass+/3f7a";
    const sim = await startSimulator({ instamojo: { ...CLIENT, users: { seller: password } } });
    try {
      const client = new lib.InstamojoClient({ ...CLIENT, baseUrl: sim.url });
      const echoes = [
        (req) => ({ error: "invalid_grant", error_description: `bad password ${password}` }),
        (req) => ({ error: "invalid_grant", error_description: `request was ${req.body}` }),
        (req) => ({ error: "invalid_grant", error_description: b64(`seller:${password}`) }),
      ];
      for (const body of echoes) {
        sim.faults.inject("instamojo.token", { status: 400, body });
        const e = await rejectionOf(client.login("seller", password));
        assert.equal(e.code, "GATEWAY_AUTH");
        assertNoFragment(e.message, password, "login");
        assertNoFragment(e.message, encodeURIComponent(password), "login");
        assertNoFragment(e.message, b64Core("seller:", password), "login");
        assertNoFragment(e.message, CLIENT.clientSecret, "login");
      }
    } finally {
      await sim.close();
    }
  });

  it("a seller's password at signup, echoed by Instamojo", async () => {
    const sim = await startSimulator({ instamojo: { ...CLIENT, users: {} } });
    try {
      const client = new lib.InstamojoClient({ ...CLIENT, baseUrl: sim.url });
      const password = "new-Seller-pass-9e1d";
      sim.faults.inject("instamojo.signup", { status: 400, body: (req) => ({ success: false, message: `cannot use ${req.body}` }) });
      const e = await rejectionOf(client.signup({ email: "s@example.test", password, phone: "9999999999", username: "s1" }));
      assert.equal(e.code, "GATEWAY_REJECTED");
      assert.match(e.message, /cannot use/);
      assertNoFragment(e.message, password, "signup");
    } finally {
      await sim.close();
    }
  });

  it("every call's live bearer token, with 80 users' calls in flight at once", async () => {
    const users = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`u${i}`, `pw-${i}-secret`]));
    const sim = await startSimulator({ instamojo: { ...CLIENT, users } });
    try {
      const client = new lib.InstamojoClient({ ...CLIENT, baseUrl: sim.url });
      for (const [name, password] of Object.entries(users)) await client.login(name, password);
      sim.faults.inject("instamojo.createPaymentRequest", {
        status: 400,
        times: 80,
        body: (req) => ({ success: false, message: `token ${req.headers.authorization} may not do this` }),
      });
      const details = { amount: "10", purpose: "p", buyerName: "b", email: "b@example.test", phone: "9999999999" };
      const errors = await Promise.all(Object.keys(users).map((user) => rejectionOf(client.createPaymentRequest(details, { user }))));
      const issued = sim.issuedTokens();
      assert.ok(issued.length >= 160, `${issued.length} tokens issued`);
      let quoted = 0;
      for (const e of errors) {
        assert.equal(e.code, "GATEWAY_REJECTED", e.message);
        if (/token Bearer \[redacted\] may not/.test(e.message)) quoted++;
        for (const token of issued) assertNoFragment(e.message, token, "bearer token");
      }
      assert.equal(quoted, 80);
    } finally {
      await sim.close();
    }
  });
});

describe("a 2xx reply that echoes a secret reaches neither the caller nor a browser with it", () => {
  const IM_CLIENT = { clientId: "im_client_2", clientSecret: "im_SECRET_client_2_5b7e1c9d" };
  it("Juspay: the API key in any field of an order status, through the client and the proxy", async () => {
    const body = JSON.stringify({ order_id: "o1", id: KEY, status: "NEW", status_id: 1, amount: 10, note: `key ${encodeURIComponent(KEY)}`, [KEY]: 1 });
    const client = juspayAnswering(200, body);
    const direct = JSON.stringify(await client.orderStatus("o1"));
    assertNoFragment(direct, KEY, "orderStatus");
    assertNoFragment(direct, encodeURIComponent(KEY), "orderStatus");
    const handler = lib.createProxyHandler({ juspay: client, order: () => ({ amount: "10" }) });
    const reply = await callHandler(handler, "GET", "/juspay/orders/o1");
    assert.equal(reply.status, 200, reply.text);
    assertNoFragment(reply.text, KEY, "proxy");
  });

  it("Instamojo: the bearer token and the client secret in a payment request's reply", async () => {
    const sim = await startSimulator({ instamojo: { ...IM_CLIENT, users: { seller: "pw-seller-1" } } });
    try {
      const client = new lib.InstamojoClient({ ...IM_CLIENT, baseUrl: sim.url });
      await client.login("seller", "pw-seller-1");
      sim.faults.inject("instamojo.createPaymentRequest", {
        status: 201,
        body: (req) => ({ id: "pr1", longurl: "https://example.test/pay", purpose: `${req.headers.authorization} ${IM_CLIENT.clientSecret}` }),
      });
      const details = { amount: "10", purpose: "p", buyerName: "b", email: "b@example.test", phone: "9999999999" };
      const reply = JSON.stringify(await client.createPaymentRequest(details, { user: "seller" }));
      assert.match(reply, /"longurl":"https:\/\/example.test\/pay"|"longUrl":"https:\/\/example.test\/pay"/, reply);
      for (const token of sim.issuedTokens()) assertNoFragment(reply, token, "bearer token");
      assertNoFragment(reply, IM_CLIENT.clientSecret, "client secret");
    } finally {
      await sim.close();
    }
  });

  it("Instamojo: the bearer token and the client secret in a settlement listing's ids", async () => {
    const sim = await startSimulator({ instamojo: { ...IM_CLIENT, users: {} } });
    try {
      const client = new lib.InstamojoClient({ ...IM_CLIENT, baseUrl: sim.url });
      sim.faults.inject("instamojo.listSettlements", {
        status: 200,
        body: (req) => ({
          next: null,
          results: [{ type: "CREDIT", amount: "10.00", submerchant_id: `sub ${IM_CLIENT.clientSecret}`, settlement_id: `s ${req.headers.authorization}` }],
        }),
      });
      const listed = await client.listSettlements("p1");
      const text = JSON.stringify(listed);
      assert.equal(listed.length, 1, text);
      assert.equal(listed[0].amount, "10.00", text);
      for (const token of sim.issuedTokens()) assertNoFragment(text, token, "bearer token");
      assertNoFragment(text, IM_CLIENT.clientSecret, "client secret");
    } finally {
      await sim.close();
    }
  });
});
