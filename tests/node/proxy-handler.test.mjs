// createProxyHandler called as a fetch-API handler: the order of its refusals (404, 405, 501,
// 403, 400, 422), authorize and its operation names, the routes reaching the simulator with the
// split recomputed on the server from the shop's record, basePath and instamojoUser. The trust
// boundary itself (records, 409, 413, 415, origins, idempotency keys) is in boundary.test.mjs and
// attacks.test.mjs.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SPLIT_INPUT, INSTAMOJO, callHandler, lib, startWorld } from "./helpers.mjs";

let world;
before(async () => {
  world = await startWorld();
});
after(() => world.close());

const errorOf = (reply) => reply.json?.error?.code;
function assertErrorReply(reply, status, code) {
  assert.equal(reply.status, status, reply.text);
  assert.equal(errorOf(reply), code, reply.text);
  assert.equal(typeof reply.json.error.message, "string");
  assert.ok(reply.json.error.message.length > 0);
  assert.match(reply.headers.get("content-type") ?? "", /json/);
}

describe("refusals, in the contract's order", () => {
  const denyAll = { calls: [], authorize: null };
  let guarded;
  let juspayOnly;
  before(() => {
    denyAll.authorize = async (request, operation) => {
      denyAll.calls.push(operation);
      return false;
    };
    guarded = lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo, order: world.shop.order, authorize: denyAll.authorize });
    juspayOnly = lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order });
  });

  it("answers an unknown route with 404 NOT_FOUND before asking authorize", async () => {
    for (const path of ["/", "/nope", "/juspay", "/juspay/orders/o1/refunds/extra", "/instamojo/payments/p1", "/stripe/orders"]) {
      assertErrorReply(await callHandler(guarded, "POST", path, {}), 404, "NOT_FOUND");
    }
    assert.deepEqual(denyAll.calls, []);
  });

  it("answers a known route with the wrong method with 405 METHOD_NOT_ALLOWED", async () => {
    assertErrorReply(await callHandler(guarded, "GET", "/juspay/orders"), 405, "METHOD_NOT_ALLOWED");
    assertErrorReply(await callHandler(guarded, "POST", "/juspay/orders/o1", {}), 405, "METHOD_NOT_ALLOWED");
    assertErrorReply(await callHandler(guarded, "DELETE", "/instamojo/payments/p1/fulfil"), 405, "METHOD_NOT_ALLOWED");
    assertErrorReply(await callHandler(juspayOnly, "GET", "/instamojo/payment-requests"), 405, "METHOD_NOT_ALLOWED");
    assert.deepEqual(denyAll.calls, []);
  });

  it("answers a gateway that is not configured with 501 NOT_CONFIGURED", async () => {
    let asked = false;
    const handler = lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order, authorize: () => { asked = true; return false; } });
    assertErrorReply(await callHandler(handler, "POST", "/instamojo/payment-requests", { amount: "10", purpose: "p" }), 501, "NOT_CONFIGURED");
    assertErrorReply(await callHandler(handler, "POST", "/instamojo/payments/p1/fulfil", {}), 501, "NOT_CONFIGURED");
    assert.equal(asked, false);
  });

  it("answers 403 FORBIDDEN when authorize says no, and nothing reaches the gateway", async () => {
    const before = world.sim.requests.length;
    assertErrorReply(await callHandler(guarded, "POST", "/juspay/orders", { orderId: "forbidden", amount: "10" }), 403, "FORBIDDEN");
    assertErrorReply(await callHandler(guarded, "GET", "/juspay/orders/o1"), 403, "FORBIDDEN");
    const undecided = lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order, authorize: async () => undefined });
    assertErrorReply(await callHandler(undecided, "POST", "/juspay/orders", { orderId: "forbidden", amount: "10" }), 403, "FORBIDDEN");
    assert.equal(world.sim.requests.length, before);
  });

  it("authorizes before reading the body: a bad body behind a refusing authorize is 403, not 400", async () => {
    assertErrorReply(await callHandler(guarded, "POST", "/juspay/orders", "{not json"), 403, "FORBIDDEN");
  });

  it("answers a body that is not a JSON object with 400 INVALID_JSON", async () => {
    for (const body of ["{not json", "[1,2]", "\"text\"", "42", "null", ""]) {
      assertErrorReply(await callHandler(world.proxy, "POST", "/juspay/orders", body), 400, "INVALID_JSON");
    }
  });

  it("answers invalid input with 422 and every problem, sending nothing", async () => {
    const before = world.sim.requests.length;
    const reply = await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "bad_amount", amount: "10.001" });
    assertErrorReply(reply, 422, "TOO_MANY_DECIMALS");
    assert.ok(Array.isArray(reply.json.errors) && reply.json.errors.length >= 1);
    assert.equal(reply.json.errors[0].code, "TOO_MANY_DECIMALS");
    assert.equal(typeof reply.json.errors[0].path, "string");
    assertErrorReply(await callHandler(world.proxy, "POST", "/juspay/orders", { amount: "10" }), 422, "MISSING_FIELD");
    assert.equal(world.sim.requests.length, before);
  });
});

describe("a tampered split", () => {
  it("is refused with 422 SUM_MISMATCH when it does not add up on its own, and the gateway never sees an order", async () => {
    const plan = lib.calculateSplit(SPLIT_INPUT);
    for (const id of ["t1", "t2", "t3", "t4"]) world.shop.orders.set(id, { amount: "100.00", split: SPLIT_INPUT });
    const before = world.sim.requestsTo("juspay.createOrder").length;
    const cases = [
      // The plan was made for 100.00 but the order asks 1000.00.
      { orderId: "t1", amount: "1000.00", split: plan },
      // A vendor's share raised in the details sent to Juspay.
      { orderId: "t2", amount: "100.00", split: { ...plan, splitSettlementDetails: { ...plan.splitSettlementDetails, vendor: { split: [{ sub_mid: "V1", amount: 60, merchant_commission: 0 }, { sub_mid: "V2", amount: 30, merchant_commission: 0 }] } } } },
      // Raw details that do not add up.
      { orderId: "t3", amount: "100.00", split: { mdr_borne_by: "ALL", marketplace: { amount: 5 }, vendor: { split: [{ sub_mid: "V1", amount: 50, merchant_commission: 0 }, { sub_mid: "V2", amount: 30, merchant_commission: 0 }] } } },
      // A split input whose vendors do not cover the order.
      { orderId: "t4", amount: "100.00", split: { ...SPLIT_INPUT, vendors: [{ subMid: "V1", amount: "50.00" }] } },
    ];
    for (const body of cases) {
      const reply = await callHandler(world.proxy, "POST", "/juspay/orders", body);
      assertErrorReply(reply, 422, "SUM_MISMATCH");
      assert.ok(reply.json.errors.some((e) => e.code === "SUM_MISMATCH"), reply.text);
    }
    assert.equal(world.sim.requestsTo("juspay.createOrder").length, before);
    for (const id of ["t1", "t2", "t3", "t4"]) assert.equal(world.sim.state.juspay.orders.has(id), false);
  });

  it("is recomputed on the server from the record: a split input reaches Juspay as the calculator's details", async () => {
    world.shop.orders.set("ok_split", { amount: "100.00", split: SPLIT_INPUT });
    const reply = await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "ok_split", amount: "100.00", split: lib.calculateSplit(SPLIT_INPUT) });
    assert.equal(reply.status, 200, reply.text);
    const sent = JSON.parse(world.sim.requestsTo("juspay.createOrder").at(-1).fields["metadata.split_settlement_details"]);
    assert.deepEqual(sent, JSON.parse(lib.juspaySplitMetadata(lib.calculateSplit(SPLIT_INPUT))));
  });
});

describe("routes reaching the gateway", () => {
  it("creates an order, reads its status and refunds it (Juspay)", async () => {
    world.shop.orders.set("px_1", { amount: "100.00", split: SPLIT_INPUT, returnUrl: "https://shop.example/r" });
    const created = await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "px_1", amount: "100.00" });
    assert.equal(created.status, 200, created.text);
    const order = world.sim.state.juspay.orders.get("px_1");
    assert.deepEqual(created.json, { id: order.id, orderId: "px_1", status: "CREATED", statusId: 1, paymentLinks: order.paymentLinks });
    assert.equal(order.returnUrl, "https://shop.example/r");
    world.sim.juspay.setStatus("px_1", "CHARGED");
    const status = await callHandler(world.proxy, "GET", "/juspay/orders/px_1");
    assert.equal(status.status, 200);
    assert.equal(status.json.status, "CHARGED");
    assert.equal(status.json.statusId, 21);
    assert.equal(status.json.orderId, "px_1");
    const refund = await callHandler(world.proxy, "POST", "/juspay/orders/px_1/refunds", {
      uniqueRequestId: "px_rf_1", amount: "8", split: { marketplace: "2", vendors: [{ subMid: "V1", amount: "6" }] },
    }, world.operator);
    assert.equal(refund.status, 200, refund.text);
    assert.deepEqual(order.refunds.map((r) => [r.uniqueRequestId, r.amount]), [["px_rf_1", 800]]);
    const badRefund = await callHandler(world.proxy, "POST", "/juspay/orders/px_1/refunds", {
      uniqueRequestId: "px_rf_bad", amount: "8", split: { marketplace: "2", vendors: [{ subMid: "V1", amount: "5" }] },
    }, world.operator);
    assertErrorReply(badRefund, 422, "SUM_MISMATCH");
    assert.equal(order.refunds.length, 1);
  });

  it("passes a gateway refusal on with its status, GATEWAY_REJECTED and the gateway's message", async () => {
    const reply = await callHandler(world.proxy, "POST", "/juspay/orders/px_1/refunds", { uniqueRequestId: "px_rf_2", amount: "99" }, world.operator);
    assertErrorReply(reply, 400, "GATEWAY_REJECTED");
    assert.match(reply.json.error.message, /exceeds the refundable amount/);
  });

  it("creates a payment request, settles, fulfils and refunds (Instamojo)", async () => {
    world.shop.orders.set("px_7", { amount: "100", purpose: "Order 7" });
    const created = await callHandler(world.proxy, "POST", "/instamojo/payment-requests", { orderId: "px_7", amount: "100", buyerName: "Ravi" });
    assert.equal(created.status, 200, created.text);
    const [prId] = [...world.sim.state.instamojo.paymentRequests.keys()];
    assert.ok(created.text.includes(prId));
    const stored = world.sim.state.instamojo.paymentRequests.get(prId);
    assert.deepEqual([stored.amount, stored.purpose, stored.buyer_name], [10000, "Order 7", "Ravi"]);
    const pid = world.sim.instamojo.pay(prId);
    const op = (path, body) => callHandler(world.proxy, "POST", `/instamojo/payments/${pid}/${path}`, body, world.operator);
    const credit = await op("settlements", { type: "CREDIT", subMerchantId: "sm_a", amount: "70", id: "px_s1" });
    assert.equal(credit.status, 200, credit.text);
    assert.equal((await op("fulfil", {})).status, 200);
    const late = await op("settlements", { type: "CREDIT", subMerchantId: "sm_a", amount: "1", id: "px_s2" });
    assertErrorReply(late, 400, "GATEWAY_REJECTED");
    const refund = await op("refunds", { amount: "10", type: "QFL", body: "Broken", transactionId: "px_t1" });
    assert.equal(refund.status, 200, refund.text);
    const payment = world.sim.instamojo.payments.get(pid);
    assert.deepEqual(payment.refunds.map((r) => r.transaction_id), ["px_t1"]);
    const debit = await op("settlements", { type: "DEBIT", subMerchantId: "sm_a", amount: "7", id: "px_s3" });
    assert.equal(debit.status, 200, debit.text);
    assert.deepEqual(payment.settlements.map((s) => [s.id, s.type]), [["px_s1", "CREDIT"], ["px_s3", "DEBIT"]]);
  });
});

describe("authorize, basePath and instamojoUser", () => {
  it("gives authorize the operation name and a request whose body it may read", async () => {
    const seen = [];
    const handler = lib.createProxyHandler({
      juspay: world.juspay, instamojo: world.instamojo, order: world.shop.order,
      authorize: async (request, operation) => {
        seen.push(operation);
        if (request.method === "POST") await request.json();
        return request.headers.get("authorization") === "Bearer shop-session";
      },
    });
    const auth = { authorization: "Bearer shop-session" };
    world.shop.orders.set("au_1", { amount: "10" });
    world.shop.orders.set("au_pr", { amount: "10", purpose: "p" });
    assert.equal((await callHandler(handler, "POST", "/juspay/orders", { orderId: "au_1", amount: "10" }, auth)).status, 200);
    world.sim.juspay.setStatus("au_1", "CHARGED");
    await callHandler(handler, "GET", "/juspay/orders/au_1", undefined, auth);
    await callHandler(handler, "POST", "/juspay/orders/au_1/refunds", { amount: "1", uniqueRequestId: "au_r" }, auth);
    const pid = world.sim.instamojo.addPayment({ amount: "50" });
    await callHandler(handler, "POST", "/instamojo/payment-requests", { orderId: "au_pr" }, auth);
    await callHandler(handler, "POST", `/instamojo/payments/${pid}/settlements`, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "au_s" }, auth);
    await callHandler(handler, "POST", `/instamojo/payments/${pid}/fulfil`, {}, auth);
    await callHandler(handler, "POST", `/instamojo/payments/${pid}/refunds`, { amount: "1", type: "RFD", body: "x", transactionId: "au_t" }, auth);
    assert.deepEqual(seen, [
      "juspay.createOrder", "juspay.orderStatus", "juspay.refund",
      "instamojo.createPaymentRequest", "instamojo.settle", "instamojo.fulfil", "instamojo.refund",
    ]);
    assert.equal(world.sim.state.juspay.orders.get("au_1").refunds.length, 1, "the body survived authorize reading it");
    assert.equal(world.sim.instamojo.payments.get(pid).refunds.length, 1);
  });

  it("serves the routes under basePath and nothing outside it", async () => {
    const handler = lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order, basePath: "/api/pay" });
    world.shop.orders.set("bp_1", { amount: "10" });
    assert.equal((await callHandler(handler, "POST", "/api/pay/juspay/orders", { orderId: "bp_1", amount: "10" })).status, 200);
    assert.equal((await callHandler(handler, "GET", "/api/pay/juspay/orders/bp_1")).json.orderId, "bp_1");
    assertErrorReply(await callHandler(handler, "GET", "/juspay/orders/bp_1"), 404, "NOT_FOUND");
    assertErrorReply(await callHandler(handler, "GET", "/api/payx/juspay/orders/bp_1"), 404, "NOT_FOUND");
  });

  it("makes the payment request on the account the record names, else instamojoUser's, else the marketplace's", async () => {
    await world.instamojo.login("seller", INSTAMOJO.users.seller);
    const handler = lib.createProxyHandler({
      instamojo: world.instamojo, order: world.shop.order, instamojoUser: (request) => request.headers.get("x-shop") ?? undefined,
    });
    world.shop.orders.set("iu_1", { amount: "10", purpose: "seller's" });
    world.shop.orders.set("iu_2", { amount: "10", purpose: "marketplace's" });
    world.shop.orders.set("iu_3", { amount: "10", purpose: "the record's", user: "seller" });
    const before = new Set(world.sim.state.instamojo.paymentRequests.keys());
    assert.equal((await callHandler(handler, "POST", "/instamojo/payment-requests", { orderId: "iu_1" }, { "x-shop": "seller" })).status, 200);
    assert.equal((await callHandler(handler, "POST", "/instamojo/payment-requests", { orderId: "iu_2" })).status, 200);
    assert.equal((await callHandler(handler, "POST", "/instamojo/payment-requests", { orderId: "iu_3" })).status, 200);
    const owners = [...world.sim.state.instamojo.paymentRequests.values()].filter((r) => !before.has(r.id)).map((r) => [r.purpose, r.owner]);
    assert.deepEqual(owners, [["seller's", "seller"], ["marketplace's", "app"], ["the record's", "seller"]]);
  });

  it("never lets the browser choose the account through the body", async () => {
    world.shop.orders.set("sneaky", { amount: "10", purpose: "sneaky" });
    const before = new Set(world.sim.state.instamojo.paymentRequests.keys());
    await callHandler(world.proxy, "POST", "/instamojo/payment-requests", { orderId: "sneaky", user: "seller" });
    const created = [...world.sim.state.instamojo.paymentRequests.values()].filter((r) => !before.has(r.id));
    assert.equal(created.length, 1);
    assert.ok(created.every((r) => r.owner === "app"), JSON.stringify(created.map((r) => r.owner)));
  });
});
