// The simulator is what every other test here trusts, so its gateway rules are tested first, with
// plain fetch and no library code: auth checks, split sums, refunds, token rotation, the
// marketplace settlement rules, idempotency keys, recording and faults.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { DEFAULT_CREDENTIALS, startSimulator } from "../sim/simulator.mjs";

const JUSPAY = { apiKey: "sim_test_key", merchantId: "m1" };
const INSTAMOJO = { clientId: "cid", clientSecret: "csecret", users: { alice: "alice-pw" } };

let sim;
before(async () => {
  sim = await startSimulator({ juspay: JUSPAY, instamojo: INSTAMOJO });
});
after(() => sim.close());

const form = (fields) => new URLSearchParams(fields).toString();
const juspayHeaders = (key = JUSPAY.apiKey) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
  "x-merchantid": JUSPAY.merchantId,
  version: "2019-05-07",
  "content-type": "application/x-www-form-urlencoded",
});
async function send(method, path, { headers = {}, body } = {}) {
  const res = await fetch(sim.url + path, { method, headers, body });
  return { status: res.status, body: await res.json() };
}
const juspay = (method, path, fields, key) => send(method, path, { headers: juspayHeaders(key), body: fields && form(fields) });

const split = (marketplace, ...vendors) => JSON.stringify({
  mdr_borne_by: "ALL",
  marketplace: { amount: marketplace },
  vendor: { split: vendors.map(([sub_mid, amount]) => ({ sub_mid, amount, merchant_commission: 0 })) },
});

describe("simulated Juspay", () => {
  it("refuses a wrong API key, merchant id or missing version", async () => {
    assert.equal((await juspay("GET", "/orders/x", undefined, "wrong")).status, 401);
    const noMerchant = await send("GET", "/orders/x", { headers: { ...juspayHeaders(), "x-merchantid": "other" } });
    assert.equal(noMerchant.status, 401);
    const { version, ...noVersion } = juspayHeaders();
    assert.equal((await send("GET", "/orders/x", { headers: noVersion })).status, 400);
  });

  it("creates an order with a split that sums to the amount, and returns it again for the same id", async () => {
    const created = await juspay("POST", "/orders", { order_id: "s1", amount: "100.00", "metadata.split_settlement_details": split(20, ["V1", 50], ["V2", 30]) });
    assert.equal(created.status, 200);
    assert.equal(created.body.status, "CREATED");
    assert.equal(created.body.status_id, 1);
    assert.match(created.body.payment_links.web, /^http:\/\/127\.0\.0\.1:\d+\/merchant\/pay\//);
    const again = await juspay("POST", "/orders", { order_id: "s1", amount: "100.00" });
    assert.equal(again.body.status, "NEW");
    assert.equal(again.body.id, created.body.id);
    assert.equal(sim.state.juspay.orders.size >= 1, true);
  });

  it("refuses a split whose sum is not the order amount, and undecodable split JSON", async () => {
    const short = await juspay("POST", "/orders", { order_id: "s2", amount: "100", "metadata.split_settlement_details": split(20, ["V1", 50], ["V2", 29.99]) });
    assert.equal(short.status, 400);
    assert.match(short.body.error_message, /99\.99.*100\.00/);
    const bad = await juspay("POST", "/orders", { order_id: "s3", amount: "100", "metadata.split_settlement_details": "{nope" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error_message, "Juspay split settlement details cannot be decoded");
    assert.equal(sim.state.juspay.orders.has("s2") || sim.state.juspay.orders.has("s3"), false);
  });

  it("refunds a charged order once per unique_request_id and never beyond what a vendor was settled", async () => {
    await juspay("POST", "/orders", { order_id: "r1", amount: "100", "metadata.split_settlement_details": split(20, ["V1", 50], ["V2", 30]) });
    const early = await juspay("POST", "/orders/r1/refunds", { unique_request_id: "u0", amount: "1" });
    assert.equal(early.status, 400, "an order that was not charged cannot be refunded");
    sim.juspay.setStatus("r1", "CHARGED");
    const refundSplit = (v1) => JSON.stringify({ marketplace: { refund_amount: 0 }, vendor: { split: [{ sub_mid: "V1", refund_amount: v1 }] } });
    const first = await juspay("POST", "/orders/r1/refunds", { unique_request_id: "u1", amount: "40", "metadata.split_settlement_details": refundSplit(40) });
    assert.equal(first.status, 200);
    assert.equal(first.body.amount_refunded, 40);
    // As Juspay's refund docs give it: a unique_request_id seen before is refused, and nothing more is refunded.
    const replay = await juspay("POST", "/orders/r1/refunds", { unique_request_id: "u1", amount: "40", "metadata.split_settlement_details": refundSplit(40) });
    assert.equal(replay.status, 400);
    assert.deepEqual([replay.body.status, replay.body.error_code], ["ERROR", "duplicate.call"]);
    const status = await juspay("GET", "/orders/r1");
    assert.deepEqual(status.body.refunds.map((r) => [r.unique_request_id, r.amount]), [["u1", 40]]);
    const over = await juspay("POST", "/orders/r1/refunds", { unique_request_id: "u2", amount: "11", "metadata.split_settlement_details": refundSplit(11) });
    assert.equal(over.status, 400, "V1 was settled 50 and already refunded 40");
    const tooMuch = await juspay("POST", "/orders/r1/refunds", { unique_request_id: "u3", amount: "60.01" });
    assert.equal(tooMuch.status, 400);
  });
});

describe("simulated Instamojo", () => {
  const token = (fields) => send("POST", "/oauth2/token/", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form({ client_id: INSTAMOJO.clientId, client_secret: INSTAMOJO.clientSecret, ...fields }),
  });
  const api = (method, path, accessToken, fields) => send(method, path, {
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/x-www-form-urlencoded" },
    body: fields && form(fields),
  });

  it("issues the three grants, rotates refresh tokens and refuses a spent one", async () => {
    assert.equal((await token({ grant_type: "client_credentials", client_secret: "nope" })).status, 401);
    const app = await token({ grant_type: "client_credentials" });
    assert.equal(app.body.token_type, "Bearer");
    assert.equal(app.body.refresh_token, undefined);
    const user = await token({ grant_type: "password", username: "alice", password: "alice-pw" });
    assert.equal(user.body.expires_in, 36000);
    const rotated = await token({ grant_type: "refresh_token", refresh_token: user.body.refresh_token });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.refresh_token, user.body.refresh_token);
    assert.equal((await token({ grant_type: "refresh_token", refresh_token: user.body.refresh_token })).status, 400);
    assert.equal((await api("POST", "/v2/payment_requests/", user.body.access_token, { amount: "10", purpose: "p" })).status, 401);
    assert.equal((await api("POST", "/v2/payment_requests/", rotated.body.access_token, { amount: "10", purpose: "p" })).status, 201);
  });

  it("expires tokens after expires_in and revokes them on demand", async () => {
    sim.state.instamojo.tokens.expiresIn = 0;
    const dead = await token({ grant_type: "client_credentials" });
    sim.state.instamojo.tokens.expiresIn = 36000;
    assert.equal(dead.body.expires_in, 0);
    assert.equal((await api("POST", "/v2/payment_requests/", dead.body.access_token, { amount: "10", purpose: "p" })).status, 401);
    const live = await token({ grant_type: "client_credentials" });
    sim.revokeTokens();
    assert.equal((await api("POST", "/v2/payment_requests/", live.body.access_token, { amount: "10", purpose: "p" })).status, 401);
  });

  it("enforces the marketplace settlement rules of the source document", async () => {
    const app = (await token({ grant_type: "client_credentials" })).body.access_token;
    const pid = sim.instamojo.addPayment({ amount: "100.00" });
    const settle = (id, type, submerchant, amount) => api("POST", `/v2/payments/${pid}/settlements/`, app, { id, type, submerchant, amount });
    assert.equal((await settle("d0", "DEBIT", "A", "1")).status, 400, "no debit before a refund");
    assert.equal((await settle("c1", "CREDIT", "A", "60")).status, 201);
    assert.equal((await settle("c1", "CREDIT", "A", "60")).status, 200, "a settlement id is idempotent");
    assert.equal((await settle("c2", "CREDIT", "B", "40.01")).status, 400, "credits within the payment");
    assert.equal((await settle("c3", "CREDIT", "B", "30")).status, 201);
    const refundPath = `/v2/payments/${pid}/refund/`;
    assert.equal((await api("POST", refundPath, app, { type: "QFL", body: "damaged", refund_amount: "50", transaction_id: "t1" })).status, 201);
    assert.equal((await api("POST", refundPath, app, { type: "QFL", body: "damaged", refund_amount: "50", transaction_id: "t1" })).status, 200);
    assert.equal((await api("POST", refundPath, app, { type: "QFL", body: "again", refund_amount: "1" })).status, 400, "transaction_id from the second refund on");
    assert.equal((await settle("d1", "DEBIT", "C", "1")).status, 400, "only credited sub-merchants");
    assert.equal((await settle("d2", "DEBIT", "B", "30.01")).status, 400, "within the sub-merchant's balance");
    assert.equal((await settle("d3", "DEBIT", "A", "45")).status, 201);
    assert.equal((await settle("d4", "DEBIT", "B", "5.01")).status, 400, "debits within the refund");
    assert.equal((await api("POST", `/v2/payments/${pid}/fulfil/`, app)).status, 200);
    assert.equal((await api("POST", `/v2/payments/${pid}/fulfil/`, app)).status, 400);
    assert.equal((await settle("c4", "CREDIT", "B", "1")).status, 400, "no credit after fulfil");
    assert.deepEqual(sim.instamojo.payments.get(pid).settlements.map((s) => s.id), ["c1", "c3", "d3"]);
  });

  it("lets only the user's own token update its bank account, by PUT or POST", async () => {
    const alice = sim.state.instamojo.users.get("alice");
    const user = (await token({ grant_type: "password", username: "alice", password: "alice-pw" })).body.access_token;
    const account = { account_holder_name: "Alice", account_number: "1234567890", ifsc_code: "HDFC0001234" };
    assert.equal((await api("PUT", `/v2/users/${alice.id}/inrbankaccount/`, user, account)).status, 200);
    assert.equal((await api("POST", `/v2/users/${alice.id}/inrbankaccount/`, user, account)).status, 200);
    assert.equal((await api("PUT", `/v2/users/someone-else/inrbankaccount/`, user, account)).status, 403);
  });
});

describe("recording and faults", () => {
  it("records method, path, headers and body of every request", async () => {
    const before = sim.requests.length;
    await juspay("POST", "/orders", { order_id: "rec1", amount: "9.50" });
    const entry = sim.requests[before];
    assert.equal(entry.route, "juspay.createOrder");
    assert.equal(entry.method, "POST");
    assert.equal(entry.path, "/orders");
    assert.equal(entry.headers["x-merchantid"], "m1");
    assert.equal(entry.body, "order_id=rec1&amount=9.50");
    assert.deepEqual(entry.fields, { order_id: "rec1", amount: "9.50" });
  });

  it("answers with an injected status for the next N requests, then normally", async () => {
    sim.faults.inject("juspay.orderStatus", { status: 503, times: 2 });
    assert.equal((await juspay("GET", "/orders/rec1")).status, 503);
    assert.equal((await juspay("GET", "/orders/rec1")).status, 503);
    assert.equal((await juspay("GET", "/orders/rec1")).status, 200);
  });

  it("delays and drops connections on demand", async () => {
    sim.faults.inject("juspay.orderStatus", { delay: 150 });
    const start = Date.now();
    assert.equal((await juspay("GET", "/orders/rec1")).status, 200);
    assert.ok(Date.now() - start >= 140);
    sim.faults.inject("juspay.orderStatus", { drop: true });
    await assert.rejects(juspay("GET", "/orders/rec1"), TypeError);
    assert.equal((await juspay("GET", "/orders/rec1")).status, 200);
  });

  it("counts token requests by grant", async () => {
    const { tokens } = sim.state.counts;
    const total = tokens.total;
    await send("POST", "/oauth2/token/", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: form({ grant_type: "client_credentials", client_id: "cid", client_secret: "csecret" }) });
    assert.equal(tokens.total, total + 1);
  });
});

describe("command line", () => {
  it("prints its URL and serves the default credentials until stopped", async () => {
    const script = fileURLToPath(new URL("../sim/simulator.mjs", import.meta.url));
    const child = spawn(process.execPath, [script, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [chunk] = await once(child.stdout, "data");
      const url = chunk.toString().trim();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const { clientId, clientSecret } = DEFAULT_CREDENTIALS.instamojo;
      const res = await fetch(`${url}/oauth2/token/`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
      });
      assert.equal(res.status, 200);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });
});
