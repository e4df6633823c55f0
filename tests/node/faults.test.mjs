// Gateway faults through the proxy handler: what is retried (reads, and writes carrying an
// idempotency key), what is not (writes without one), how failures surface (GATEWAY_UNAVAILABLE,
// GATEWAY_TIMEOUT, GATEWAY_AUTH, GATEWAY_REJECTED), and that no reply ever carries a secret,
// even when the gateway quotes one back.

import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { INSTAMOJO, JUSPAY, assertNoSecrets, callHandler, lib, rejection, secretsOf, startWorld } from "./helpers.mjs";

let world;
const replies = []; // every proxy reply text, checked for secrets at the end
before(async () => {
  world = await startWorld({ juspay: { timeoutMs: 300 }, instamojo: { timeoutMs: 300, user: "market" } });
});
afterEach(() => world.sim.faults.clear());
after(() => world.close());

// As a signed-in operator, whom the shop's authorize lets refund, settle and fulfil.
async function call(method, path, body, handler = world.proxy) {
  const reply = await callHandler(handler, method, path, body, world.operator);
  replies.push(reply.text);
  return reply;
}
// `since` is an index into the simulator's request log, taken before the call.
const attempts = (route, since) => world.sim.requests.slice(since).filter((r) => r.route === route);
function assertError(reply, status, code) {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.json?.error?.code, code, reply.text);
}

describe("reads", () => {
  before(async () => {
    world.shop.orders.set("f_read", { amount: "10" });
    await call("POST", "/juspay/orders", { orderId: "f_read", amount: "10" });
  });

  it("are retried after a 5xx and then succeed", async () => {
    const since = world.sim.requests.length;
    world.sim.faults.inject("juspay.orderStatus", { status: 500, times: 1 });
    const reply = await call("GET", "/juspay/orders/f_read");
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.orderId, "f_read");
    const seen = attempts("juspay.orderStatus", since);
    assert.equal(seen.length, 2);
    assert.deepEqual(seen.map((r) => r.fault?.status ?? null), [500, null]);
  });

  it("are retried after a dropped connection", async () => {
    const since = world.sim.requests.length;
    world.sim.faults.inject("juspay.orderStatus", { drop: true, times: 1 });
    assert.equal((await call("GET", "/juspay/orders/f_read")).status, 200);
    assert.equal(attempts("juspay.orderStatus", since).length, 2);
  });

  it("give 502 GATEWAY_UNAVAILABLE when every attempt fails with a 5xx, after a bounded number of tries", async () => {
    const since = world.sim.requests.length;
    world.sim.faults.inject("juspay.orderStatus", { status: 503, times: 100 });
    assertError(await call("GET", "/juspay/orders/f_read"), 502, "GATEWAY_UNAVAILABLE");
    const n = attempts("juspay.orderStatus", since).length;
    assert.ok(n >= 2 && n <= 5, `${n} attempts`);
  });

  it("give 502 GATEWAY_UNAVAILABLE when the gateway never answers", async () => {
    world.sim.faults.inject("juspay.orderStatus", { drop: true, times: 100 });
    assertError(await call("GET", "/juspay/orders/f_read"), 502, "GATEWAY_UNAVAILABLE");
  });

  it("give 504 GATEWAY_TIMEOUT when the gateway is slower than timeoutMs", async () => {
    world.sim.faults.inject("juspay.orderStatus", { delay: 1500, times: 100 });
    const start = Date.now();
    assertError(await call("GET", "/juspay/orders/f_read"), 504, "GATEWAY_TIMEOUT");
    assert.ok(Date.now() - start < 1500 * 2, "the client gave up instead of waiting for the gateway");
  });
});

describe("writes", () => {
  it("with an idempotency key are retried with the same key: a Juspay refund is made once", async () => {
    world.shop.orders.set("f_refund", { amount: "100" });
    await call("POST", "/juspay/orders", { orderId: "f_refund", amount: "100" });
    world.sim.juspay.setStatus("f_refund", "CHARGED");
    const since = world.sim.requests.length;
    world.sim.faults.inject("juspay.refund", { status: 502, times: 1 });
    assert.equal((await call("POST", "/juspay/orders/f_refund/refunds", { amount: "10", uniqueRequestId: "frf1" })).status, 200);
    const seen = attempts("juspay.refund", since);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].fields.unique_request_id, "frf1");
    assert.equal(seen[1].fields.unique_request_id, seen[0].fields.unique_request_id);
    assert.equal(world.sim.state.juspay.orders.get("f_refund").refunds.length, 1);
  });

  it("with an idempotency key are retried with the same key: an Instamojo refund is made once", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    const since = world.sim.requests.length;
    world.sim.faults.inject("instamojo.refund", { drop: true, times: 1 });
    assert.equal((await call("POST", `/instamojo/payments/${pid}/refunds`, { amount: "10", type: "RFD", body: "x", transactionId: "f_t1" })).status, 200);
    const seen = attempts("instamojo.refund", since);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].fields.transaction_id, "f_t1");
    assert.equal(seen[1].fields.transaction_id, seen[0].fields.transaction_id);
    assert.equal(world.sim.instamojo.payments.get(pid).refunds.length, 1);
  });

  it("with a settlement id are retried and settle once", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    const since = world.sim.requests.length;
    world.sim.faults.inject("instamojo.settle", { status: 500, times: 1 });
    const reply = await call("POST", `/instamojo/payments/${pid}/settlements`, { type: "CREDIT", subMerchantId: "a", amount: "5", id: "f_s1" });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(attempts("instamojo.settle", since).length, 2);
    assert.equal(world.sim.instamojo.payments.get(pid).settlements.length, 1);
  });

  it("without an idempotency key are not retried: a payment request fails after one attempt", async () => {
    world.shop.orders.set("f_once", { amount: "10", purpose: "once" });
    let since = world.sim.requests.length;
    world.sim.faults.inject("instamojo.createPaymentRequest", { status: 500, times: 1 });
    assertError(await call("POST", "/instamojo/payment-requests", { orderId: "f_once" }), 502, "GATEWAY_UNAVAILABLE");
    assert.equal(attempts("instamojo.createPaymentRequest", since).length, 1);

    since = world.sim.requests.length;
    world.sim.faults.inject("instamojo.createPaymentRequest", { drop: true, times: 1 });
    assertError(await call("POST", "/instamojo/payment-requests", { orderId: "f_once" }), 502, "GATEWAY_UNAVAILABLE");
    assert.equal(attempts("instamojo.createPaymentRequest", since).length, 1);
  });

  it("without an idempotency key are not retried: a signup fails after one attempt", async () => {
    const since = world.sim.requests.length;
    world.sim.faults.inject("instamojo.signup", { status: 503, times: 1 });
    const err = await rejection(world.instamojo.signup({ email: "once@example.test", password: "p", phone: "9000000000", username: "once" }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.equal(attempts("instamojo.signup", since).length, 1);
  });
});

describe("credentials refused by the gateway", () => {
  it("a Juspay 401 gives 502 GATEWAY_AUTH", async () => {
    const wrong = new lib.JuspayClient({ apiKey: "jp_wrong_key_0000", merchantId: JUSPAY.merchantId, baseUrl: world.sim.url });
    const handler = lib.createProxyHandler({ juspay: wrong, order: world.shop.order });
    world.shop.orders.set("f_auth", { amount: "10" });
    const reply = await call("POST", "/juspay/orders", { orderId: "f_auth", amount: "10" }, handler);
    assertError(reply, 502, "GATEWAY_AUTH");
    assert.ok(!reply.text.includes("jp_wrong_key_0000"));
    world.sim.faults.inject("juspay.orderStatus", { status: 403, body: { status: "error", error_message: `Forbidden for ${JUSPAY.apiKey}` } });
    assertError(await call("GET", "/juspay/orders/f_read"), 502, "GATEWAY_AUTH");
  });

  it("an Instamojo client secret refused at the token endpoint gives 502 GATEWAY_AUTH", async () => {
    const wrong = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: "im_wrong_secret_1111", baseUrl: world.sim.url });
    // fulfil acts with the application token, whose grant sends the client secret.
    const handler = lib.createProxyHandler({ instamojo: wrong, authorize: async () => true });
    const reply = await call("POST", "/instamojo/payments/f_pid/fulfil", {}, handler);
    assertError(reply, 502, "GATEWAY_AUTH");
    assert.ok(!reply.text.includes("im_wrong_secret_1111"));
  });

  it("an Instamojo 401 that survives a fresh token gives 502 GATEWAY_AUTH after one retry", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    await call("POST", `/instamojo/payments/${pid}/settlements`, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "f_warm" });
    const since = world.sim.requests.length;
    const tokensBefore = world.sim.state.counts.tokens.total;
    world.sim.faults.inject("instamojo.settle", { status: 401, times: 10, body: (req) => ({ success: false, message: `Token ${req.headers.authorization} is invalid` }) });
    assertError(await call("POST", `/instamojo/payments/${pid}/settlements`, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "f_s401" }), 502, "GATEWAY_AUTH");
    assert.equal(attempts("instamojo.settle", since).length, 2);
    assert.equal(world.sim.state.counts.tokens.total - tokensBefore, 1);
  });
});

describe("secrets", () => {
  it("are redacted from a gateway's own message quoted in GATEWAY_REJECTED", async () => {
    world.sim.faults.inject("juspay.orderStatus", { status: 400, body: { status: "error", error_code: "BAD_REQUEST", error_message: `Bad request for merchant key ${JUSPAY.apiKey}` } });
    const juspay = await call("GET", "/juspay/orders/f_read");
    assertError(juspay, 400, "GATEWAY_REJECTED");
    assert.match(juspay.json.error.message, /Bad request for merchant key/);

    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    world.sim.faults.inject("instamojo.fulfil", {
      status: 400,
      body: (req) => ({ success: false, message: `Cannot fulfil: ${req.headers.authorization} client_secret=${INSTAMOJO.clientSecret}` }),
    });
    const instamojo = await call("POST", `/instamojo/payments/${pid}/fulfil`, {});
    assertError(instamojo, 400, "GATEWAY_REJECTED");
    assert.match(instamojo.json.error.message, /Cannot fulfil/);
  });

  it("are redacted from 5xx bodies quoting them", async () => {
    world.sim.faults.inject("instamojo.createPaymentRequest", { status: 500, body: (req) => ({ message: `crash dump: ${JSON.stringify(req.headers)} ${INSTAMOJO.clientSecret}` }) });
    world.shop.orders.set("f_dump", { amount: "10", purpose: "p" });
    assertError(await call("POST", "/instamojo/payment-requests", { orderId: "f_dump" }), 502, "GATEWAY_UNAVAILABLE");
  });

  it("never appear in any reply of this file, success or error", () => {
    assert.ok(replies.length >= 20, `${replies.length} replies collected`);
    assertNoSecrets(replies, secretsOf(world.sim));
  });
});

describe("a fetch that ignores the abort signal still ends at timeoutMs", () => {
  // A `fetch` option (a test double, a wrapper, an old polyfill) may not honour `init.signal`:
  // the attempt itself is raced against the timer, so the call fails with GATEWAY_TIMEOUT
  // instead of waiting for ever.
  const never = () => new Promise(() => {});
  const bodyNever = async () => ({ status: 200, text: never });
  for (const [what, fetch] of [["the response", never], ["the body", bodyNever]]) {
    it(`${what} never comes`, async () => {
      const client = new lib.JuspayClient({ ...JUSPAY, baseUrl: "http://127.0.0.1:9", timeoutMs: 200, fetch });
      const started = Date.now();
      const e = await Promise.race([
        rejection(client.orderStatus("o1")),
        new Promise((resolve) => setTimeout(() => resolve({ code: "STILL_PENDING" }), 10_000).unref()),
      ]);
      assert.equal(e.code, "GATEWAY_TIMEOUT", e.message);
      assert.ok(Date.now() - started < 9_000);
    });
  }
});
