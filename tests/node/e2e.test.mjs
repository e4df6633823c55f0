// End to end in Node: ProxyClient -> a real local HTTP server running createProxyHandler
// (scripts/lib/fetch-server.mjs) -> the gateway simulator. Also how failures reach the client as
// MarketsplitError codes: TIMEOUT, NETWORK, HTTP_<status>, and the backend's own codes.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { toPaise } from "../sim/paise.mjs";
import { SPLIT_INPUT, assertNoSecrets, lib, rejection, secretsOf, startWorld } from "./helpers.mjs";

let world;
let backend;
let client;
before(async () => {
  world = await startWorld({
    juspay: { timeoutMs: 5000 },
    handler: { authorize: async (request) => request.headers.get("x-shop-session") === "s3ss10n" },
  });
  world.shop.orders.set("e2e_1", { amount: "100.00", split: SPLIT_INPUT });
  world.shop.orders.set("e2e_tampered", { amount: "100.00", split: SPLIT_INPUT });
  world.shop.orders.set("e2e_mojo", { amount: "250", purpose: "Order e2e" });
  backend = await serveFetch(world.proxy);
  client = new lib.ProxyClient({ baseUrl: backend.url, headers: { "x-shop-session": "s3ss10n" } });
});
after(async () => {
  await backend.close();
  await world.close();
});

async function codeOf(promise) {
  const err = await rejection(promise);
  assert.ok(err instanceof lib.MarketsplitError, `not a MarketsplitError: ${err}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "MarketsplitError");
  return err.code;
}

describe("ProxyClient through the proxy handler to the simulator", () => {
  it("creates a split order, reads its status and refunds it", async () => {
    const order = await client.juspay.createOrder({ orderId: "e2e_1", amount: "100.00", split: SPLIT_INPUT });
    const stored = world.sim.state.juspay.orders.get("e2e_1");
    assert.deepEqual(order, { id: stored.id, orderId: "e2e_1", status: "CREATED", statusId: 1, paymentLinks: stored.paymentLinks });
    assert.deepEqual([...stored.split.vendors], [["V1", 5000], ["V2", 3000]]);
    world.sim.juspay.setStatus("e2e_1", "CHARGED");
    const status = await client.juspay.orderStatus("e2e_1");
    assert.equal(status.status, "CHARGED");
    assert.equal(status.statusId, 21);
    await client.juspay.refund("e2e_1", { amount: "5", split: { vendors: [{ subMid: "V2", amount: "5" }] } });
    assert.equal(stored.refunds.length, 1);
    assert.equal(stored.refunds[0].amount, 500);
  });

  it("refuses a tampered split with the backend's SUM_MISMATCH, and Juspay sees no order", async () => {
    const before = world.sim.requestsTo("juspay.createOrder").length;
    const plan = lib.calculateSplit(SPLIT_INPUT);
    assert.equal(await codeOf(client.juspay.createOrder({ orderId: "e2e_tampered", amount: "1000.00", split: plan })), "SUM_MISMATCH");
    // The same tampering sent by hand, past any check the client makes, meets the server's.
    const raw = await fetch(`${backend.url}/juspay/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shop-session": "s3ss10n" },
      body: JSON.stringify({ orderId: "e2e_tampered", amount: "1000.00", split: plan }),
    });
    assert.equal(raw.status, 422);
    assert.equal((await raw.json()).error.code, "SUM_MISMATCH");
    assert.equal(world.sim.requestsTo("juspay.createOrder").length, before);
    assert.equal(world.sim.state.juspay.orders.has("e2e_tampered"), false);
  });

  it("runs the Instamojo marketplace flow and passes a gateway refusal on as GATEWAY_REJECTED", async () => {
    const request = await client.instamojo.createPaymentRequest({ orderId: "e2e_mojo", amount: "250", buyerName: "Meera" });
    const [prId] = [...world.sim.state.instamojo.paymentRequests.keys()];
    assert.ok(JSON.stringify(request).includes(prId));
    const pid = world.sim.instamojo.pay(prId);
    await client.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "sm_x", amount: "200", id: "e2e_s1" });
    await client.instamojo.fulfil(pid);
    assert.equal(await codeOf(client.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "sm_x", amount: "1", id: "e2e_s2" })), "GATEWAY_REJECTED");
    await client.instamojo.refund(pid, { amount: "20", type: "TAN", body: "Cancelled" });
    await client.instamojo.settle(pid, { type: "DEBIT", subMerchantId: "sm_x", amount: "16", id: "e2e_s3" });
    const payment = world.sim.instamojo.payments.get(pid);
    assert.equal(payment.fulfilled, true);
    assert.deepEqual(payment.settlements.map((s) => [s.type, s.amount]), [["CREDIT", "200.00"], ["DEBIT", "16.00"]]);
  });

  it("passes the backend's codes through: FORBIDDEN, GATEWAY_UNAVAILABLE, NOT_CONFIGURED", async () => {
    const stranger = new lib.ProxyClient({ baseUrl: backend.url });
    assert.equal(await codeOf(stranger.juspay.orderStatus("e2e_1")), "FORBIDDEN");
    world.sim.faults.inject("juspay.orderStatus", { status: 500, times: 100 });
    try {
      assert.equal(await codeOf(client.juspay.orderStatus("e2e_1")), "GATEWAY_UNAVAILABLE");
    } finally {
      world.sim.faults.clear();
    }
    const juspayOnly = await serveFetch(lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order }));
    try {
      const c = new lib.ProxyClient({ baseUrl: juspayOnly.url });
      assert.equal(await codeOf(c.instamojo.fulfil("p1")), "NOT_CONFIGURED");
    } finally {
      await juspayOnly.close();
    }
  });

  it("rejects with TIMEOUT when the backend takes longer than timeoutMs", async () => {
    const impatient = new lib.ProxyClient({ baseUrl: backend.url, headers: { "x-shop-session": "s3ss10n" }, timeoutMs: 200 });
    world.sim.faults.inject("juspay.orderStatus", { delay: 1500 });
    const start = Date.now();
    assert.equal(await codeOf(impatient.juspay.orderStatus("e2e_1")), "TIMEOUT");
    assert.ok(Date.now() - start < 1200, "the client stopped waiting");
  });

  it("rejects with NETWORK when nothing listens at baseUrl", async () => {
    const gone = await serveFetch(async () => new Response("{}"));
    const url = gone.url;
    await gone.close();
    const orphan = new lib.ProxyClient({ baseUrl: url });
    assert.equal(await codeOf(orphan.juspay.orderStatus("e2e_1")), "NETWORK");
  });

  it("rejects with HTTP_<status> when the backend answers something that is not a marketsplit error", async () => {
    const broken = await serveFetch(async () => new Response("<h1>Bad Gateway</h1>", { status: 503, headers: { "content-type": "text/html" } }));
    try {
      const c = new lib.ProxyClient({ baseUrl: broken.url });
      assert.equal(await codeOf(c.juspay.orderStatus("e2e_1")), "HTTP_503");
      assert.equal(await codeOf(c.instamojo.fulfil("p1")), "HTTP_503");
    } finally {
      await broken.close();
    }
  });

  it("refuses a gateway secret among its options with INVALID_OPTION", () => {
    for (const secret of [{ apiKey: "k" }, { clientSecret: "s" }]) {
      assert.throws(() => new lib.ProxyClient({ baseUrl: backend.url, ...secret }), (err) => err instanceof lib.MarketsplitError && err.code === "INVALID_OPTION");
    }
  });

  it("sends the configured headers and JSON with camelCase keys to the backend", async () => {
    const seen = [];
    const spy = await serveFetch(async (request) => {
      seen.push({ method: request.method, path: new URL(request.url).pathname, headers: Object.fromEntries(request.headers), body: await request.text() });
      return Response.json({ id: "x", orderId: "o/1", status: "CREATED", statusId: 1, paymentLinks: { web: "w", mobile: "m", iframe: "i" } });
    });
    try {
      const c = new lib.ProxyClient({ baseUrl: `${spy.url}/api/`, headers: { authorization: "Bearer shop-user" } });
      await c.juspay.createOrder({ orderId: "o/1", amount: "12.5", returnUrl: "https://shop.example/r" });
      await c.instamojo.refund("MOJO1", { amount: "1", type: "RFD", body: "x", transactionId: "t1" });
      assert.equal(seen[0].method, "POST");
      assert.equal(seen[0].path, "/api/juspay/orders");
      assert.equal(seen[0].headers.authorization, "Bearer shop-user");
      assert.match(seen[0].headers["content-type"], /^application\/json/);
      const order = JSON.parse(seen[0].body);
      assert.equal(order.orderId, "o/1");
      assert.equal(toPaise(order.amount), 1250);
      assert.equal(order.returnUrl, "https://shop.example/r");
      assert.equal(seen[1].path, "/api/instamojo/payments/MOJO1/refunds");
      const refund = JSON.parse(seen[1].body);
      assert.deepEqual([toPaise(refund.amount), refund.type, refund.body, refund.transactionId], [100, "RFD", "x", "t1"]);
    } finally {
      await spy.close();
    }
  });

  it("never shows the client a secret", async () => {
    const texts = [];
    for (const path of ["/juspay/orders/e2e_1", "/juspay/orders/nope", "/nowhere"]) {
      const res = await fetch(backend.url + path, { headers: { "x-shop-session": "s3ss10n" } });
      texts.push(await res.text());
    }
    world.sim.faults.inject("juspay.orderStatus", { status: 401, body: (req) => ({ error_message: `bad ${req.headers.authorization}` }) });
    const err = await rejection(client.juspay.orderStatus("e2e_1"));
    assert.equal(err.code, "GATEWAY_AUTH");
    texts.push(err.message);
    assertNoSecrets(texts, secretsOf(world.sim));
  });
});
