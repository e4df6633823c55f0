// Writes that can never happen twice. ProxyClient makes each back-office write's idempotency key
// when its caller gives none, sends it, and hands it back on every error as `error.idempotencyKey`;
// the gateway clients refuse a key the gateway answers with an earlier, different operation
// (IDEMPOTENCY_CONFLICT), and an order id someone created first at another amount
// (ORDER_CONFLICT). The simulator answers a replayed key as each gateway does (tests/sim).

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { lib, rejection, startWorld } from "./helpers.mjs";

let world;
let server;
let operator;
before(async () => {
  world = await startWorld();
  server = await serveFetch(world.proxy);
  operator = new lib.ProxyClient({ baseUrl: server.url, headers: world.operator });
});
after(async () => {
  await server.close();
  await world.close();
});

async function refused(promise, code) {
  const err = await rejection(promise);
  assert.ok(err instanceof lib.MarketsplitError, `not a MarketsplitError: ${err}`);
  assert.equal(err.code, code, err.message);
  return err;
}

describe("ProxyClient's idempotency keys", () => {
  /** A ProxyClient whose fetch records each body and answers `reply()`. */
  function recording(reply = () => Response.json({ ok: true })) {
    const bodies = [];
    const client = new lib.ProxyClient({
      baseUrl: "/api",
      fetch: async (url, init) => {
        bodies.push(init.body === undefined ? undefined : JSON.parse(init.body));
        return reply();
      },
    });
    return { client, bodies };
  }

  it("makes a new key for each keyed write the caller gives none, and keeps the caller's", async () => {
    const { client, bodies } = recording();
    await client.juspay.refund("o1", { amount: "1" });
    await client.juspay.refund("o1", { amount: "1" });
    await client.instamojo.settle("p1", { type: "CREDIT", subMerchantId: "V1", amount: "1", id: null });
    await client.instamojo.refund("p1", { amount: "1", type: "RFD", body: "x", transactionId: "" });
    await client.juspay.refund("o1", { amount: "1", uniqueRequestId: "mine" });
    await client.instamojo.fulfil("p1");
    await client.juspay.createOrder({ orderId: "o1" });
    const keys = [bodies[0].uniqueRequestId, bodies[1].uniqueRequestId, bodies[2].id, bodies[3].transactionId];
    for (const key of keys) assert.match(key, /^[0-9a-f]{20}$/, "20 hex digits: Juspay takes fewer than 21 characters");
    assert.equal(new Set(keys).size, 4);
    assert.equal(bodies[4].uniqueRequestId, "mine");
    assert.deepEqual([bodies[5], bodies[6]], [{}, { orderId: "o1" }], "fulfil and checkout carry no key");
  });

  it("puts the key on every error of a keyed write, and on no other", async () => {
    const cases = [
      () => new Response(JSON.stringify({ error: { code: "GATEWAY_TIMEOUT", message: "slow" } }), { status: 504 }),
      () => new Response("<html>", { status: 502 }),
      () => { throw new TypeError("fetch failed"); },
    ];
    for (const reply of cases) {
      const { client, bodies } = recording(reply);
      const err = await rejection(client.instamojo.settle("p1", { type: "CREDIT", subMerchantId: "V1", amount: "1" }));
      assert.ok(err instanceof lib.MarketsplitError, String(err));
      assert.equal(err.idempotencyKey, bodies[0].id);
      assert.ok(Object.keys(err).includes("idempotencyKey"), "shown by console.log and JSON.stringify, as code and path are");
      const given = await rejection(client.juspay.refund("o1", { amount: "1", uniqueRequestId: "k-1" }));
      assert.equal(given.idempotencyKey, "k-1");
      assert.equal((await rejection(client.instamojo.fulfil("p1"))).idempotencyKey, undefined);
      assert.equal((await rejection(client.juspay.createOrder({ orderId: "o" }))).idempotencyKey, undefined);
    }
  });

  it("sends nothing and still carries the key when an argument cannot be sent", async () => {
    const { client, bodies } = recording();
    const err = await refused(client.juspay.refund("", { amount: "1" }), "MISSING_FIELD");
    assert.match(err.idempotencyKey, /^[0-9a-f]{20}$/);
    assert.deepEqual(bodies, []);
  });

  it("makes keys without crypto.randomUUID (an insecure context) and without crypto at all", async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    try {
      Object.defineProperty(globalThis, "crypto", { value: { getRandomValues: (a) => a.fill(0xab) }, configurable: true });
      const { client, bodies } = recording();
      await client.juspay.refund("o1", { amount: "1" });
      assert.equal(bodies[0].uniqueRequestId, "ab".repeat(10));
      Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
      await client.juspay.refund("o1", { amount: "1" });
      assert.match(bodies[1].uniqueRequestId, /^[0-9a-f]{20}$/);
    } finally {
      Object.defineProperty(globalThis, "crypto", saved);
    }
  });

  it("gives the path of a 409 ORDER_MISMATCH, as the backend names it", async () => {
    world.shop.orders.set("i_path", { amount: "100.00" });
    const buyer = new lib.ProxyClient({ baseUrl: server.url });
    const err = await refused(buyer.juspay.createOrder({ orderId: "i_path", amount: "99.99" }), "ORDER_MISMATCH");
    assert.equal(err.path, "amount");
  });
});

describe("a key the gateway has seen, for another operation", () => {
  it("a settlement id spent on another settlement is IDEMPOTENCY_CONFLICT, and nothing more is settled", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    const payment = world.sim.instamojo.payments.get(pid);
    await operator.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "V1", amount: "10", id: "i_s1" });
    // The same settlement again is that settlement.
    await operator.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "V1", amount: "10", id: "i_s1" });
    for (const other of [{ amount: "50" }, { subMerchantId: "V2" }, { type: "DEBIT" }]) {
      const err = await refused(operator.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "V1", amount: "10", id: "i_s1", ...other }), "IDEMPOTENCY_CONFLICT");
      assert.equal(err.idempotencyKey, "i_s1");
      assert.match(err.message, /"i_s1" was already used/);
    }
    const direct = await refused(world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "V1", amount: "20", id: "i_s1" }), "IDEMPOTENCY_CONFLICT");
    assert.equal(direct.path, "id");
    assert.deepEqual(payment.settlements.map((s) => [s.id, s.submerchant, s.amount]), [["i_s1", "V1", "10.00"]]);
  });

  it("an Instamojo refund's transaction id spent on another refund is IDEMPOTENCY_CONFLICT", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100" });
    const payment = world.sim.instamojo.payments.get(pid);
    await operator.instamojo.refund(pid, { amount: "10", type: "QFL", body: "damaged", transactionId: "i_t1" });
    await operator.instamojo.refund(pid, { amount: "10", type: "QFL", body: "damaged", transactionId: "i_t1" });
    await refused(operator.instamojo.refund(pid, { amount: "60", type: "QFL", body: "damaged", transactionId: "i_t1" }), "IDEMPOTENCY_CONFLICT");
    await refused(operator.instamojo.refund(pid, { amount: "10", type: "RFD", body: "damaged", transactionId: "i_t1" }), "IDEMPOTENCY_CONFLICT");
    assert.deepEqual(payment.refunds.map((r) => [r.transaction_id, r.amount]), [["i_t1", 1000]]);
  });

  it("a Juspay unique_request_id spent on another refund is IDEMPOTENCY_CONFLICT; the same refund again resolves", async () => {
    await world.juspay.createOrder({ orderId: "i_o1", amount: "100" });
    world.sim.juspay.setStatus("i_o1", "CHARGED");
    await operator.juspay.refund("i_o1", { amount: "10", uniqueRequestId: "i_u1" });
    // Juspay refuses a seen key with 400 duplicate.call; the order's status says it was this refund.
    const again = await operator.juspay.refund("i_o1", { amount: "10", uniqueRequestId: "i_u1" });
    assert.equal(again.amountRefunded, 10);
    const err = await refused(operator.juspay.refund("i_o1", { amount: "40", uniqueRequestId: "i_u1" }), "IDEMPOTENCY_CONFLICT");
    assert.equal(err.idempotencyKey, "i_u1");
    assert.match(err.message, /refund of 10\.00, not 40\.00/);
    await refused(world.juspay.refund("i_o1", { amount: "40", uniqueRequestId: "i_u1" }), "IDEMPOTENCY_CONFLICT");
    assert.deepEqual(world.sim.state.juspay.orders.get("i_o1").refunds.map((r) => [r.uniqueRequestId, r.amount]), [["i_u1", 1000]]);
  });

  it("a duplicate.call for a key the order does not list stays Juspay's refusal", async () => {
    await world.juspay.createOrder({ orderId: "i_o2", amount: "100" });
    world.sim.juspay.setStatus("i_o2", "CHARGED");
    world.sim.faults.inject("juspay.refund", {
      status: 400,
      body: { status_id: -1, status: "ERROR", error_code: "duplicate.call", error_message: "A refund call was already processing with this amount for the order." },
    });
    const err = await refused(operator.juspay.refund("i_o2", { amount: "10", uniqueRequestId: "i_u2" }), "GATEWAY_REJECTED");
    assert.match(err.message, /already processing with this amount/);
    assert.equal(world.sim.state.juspay.orders.get("i_o2").refunds.length, 0);
  });
});

describe("an order id that exists", () => {
  it("is ORDER_CONFLICT when it exists for another amount, and that order when it is the same", async () => {
    const first = await world.juspay.createOrder({ orderId: "i_c1", amount: "1.00" });
    const err = await refused(world.juspay.createOrder({ orderId: "i_c1", amount: "1000.00" }), "ORDER_CONFLICT");
    assert.equal(err.path, "orderId");
    const same = await world.juspay.createOrder({ orderId: "i_c1", amount: "1" });
    assert.equal(same.id, first.id);
  });
});
