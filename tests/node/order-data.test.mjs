// What the proxy tells a browser about an order, and what it lets reach Juspay about an order
// that already exists (issue 9's review, branch r9, items beyond the reviewer's own tests): the
// order the buyer is sent to pay is the record's or a 409; a status poll carries the order's
// state, never who paid or how; no proxy reply is cacheable; a refund key Juspay's docs do not
// take never leaves the server. Through a real server and ProxyClient; the simulator's record
// shows what reached the gateway.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { callHandler, lib, rejection, startWorld } from "./helpers.mjs";

let world;
let server;
before(async () => {
  world = await startWorld();
  server = await serveFetch(world.proxy);
});
after(async () => {
  await server.close();
  await world.close();
});

const buyer = () => new lib.ProxyClient({ baseUrl: server.url });
const CUSTOMER = { id: "cust_od", email: "asha@example.test", phone: "9000000003" };

describe("createOrder on an order id Juspay already has", () => {
  it("resolves when the existing order is the record's (a buyer reloading checkout), with the contract's five fields", async () => {
    world.shop.addCart("od_1", { items: { V1: "600.00", V2: "400.00" }, customer: CUSTOMER });
    const first = await buyer().juspay.createOrder({ orderId: "od_1" });
    const again = await buyer().juspay.createOrder({ orderId: "od_1", amount: "1000.00" });
    // Juspay answers an existing id with that order's current status (NEW once created).
    assert.deepEqual([again.id, again.orderId, again.paymentLinks], [first.id, first.orderId, first.paymentLinks]);
    assert.deepEqual([first.status, again.status, again.statusId], ["CREATED", "NEW", 10]);
    assert.deepEqual(Object.keys(again).sort(), ["id", "orderId", "paymentLinks", "status", "statusId"]);
    assert.deepEqual(Object.keys(again.paymentLinks).sort(), ["iframe", "mobile", "web"]);
  });

  it("is ORDER_CONFLICT when the existing order is another customer's, without naming that customer", async () => {
    // Someone else created od_2 first, for the same cart's money, as another customer.
    const record = world.shop.addCart("od_2", { items: { V1: "600.00", V2: "400.00" }, customer: CUSTOMER });
    await world.juspay.createOrder({ orderId: "od_2", amount: record.amount, split: record.split, customer: { id: "cust_mallory" } });
    const err = await rejection(buyer().juspay.createOrder({ orderId: "od_2" }));
    assert.equal(`${err.code} at ${err.path}`, "ORDER_CONFLICT at orderId", err.message);
    assert.ok(!err.message.includes("cust_mallory"), err.message);
  });

  it("is ORDER_CONFLICT when the existing order has no split and the record has one, or the reverse", async () => {
    const split = world.shop.addCart("od_3", { items: { V1: "600.00", V2: "400.00" }, customer: CUSTOMER });
    await world.juspay.createOrder({ orderId: "od_3", amount: split.amount, customer: CUSTOMER });
    assert.equal((await rejection(buyer().juspay.createOrder({ orderId: "od_3" }))).code, "ORDER_CONFLICT");
    world.shop.orders.set("od_4", { amount: "1000.00", customer: CUSTOMER });
    await world.juspay.createOrder({ orderId: "od_4", amount: split.amount, split: split.split, customer: CUSTOMER });
    assert.equal((await rejection(buyer().juspay.createOrder({ orderId: "od_4" }))).code, "ORDER_CONFLICT");
  });

  it("is ORDER_CONFLICT when Juspay's reply does not say how the existing order settles (it cannot be confirmed)", async () => {
    const record = world.shop.addCart("od_5", { items: { V1: "600.00", V2: "400.00" }, customer: CUSTOMER });
    await buyer().juspay.createOrder({ orderId: "od_5" });
    const order = world.sim.state.juspay.orders.get("od_5");
    world.sim.faults.inject("juspay.createOrder", {
      status: 200,
      body: { id: order.id, order_id: "od_5", status: "NEW", status_id: 10, amount: 1000, customer_id: CUSTOMER.id, payment_links: order.paymentLinks },
    });
    const err = await rejection(buyer().juspay.createOrder({ orderId: "od_5", amount: record.amount }));
    assert.equal(err.code, "ORDER_CONFLICT", err.message);
  });
});

describe("what a browser hears of an order", () => {
  it("orderStatus carries the order's state and money, never the customer, payment method, refunds' keys or the sellers' split", async () => {
    world.shop.addCart("od_6", { items: { V1: "600.00", V2: "400.00" }, customer: CUSTOMER });
    await buyer().juspay.createOrder({ orderId: "od_6" });
    world.sim.juspay.setStatus("od_6", "CHARGED");
    await world.juspay.refund("od_6", { amount: "100.00", uniqueRequestId: "odop1", customerId: CUSTOMER.id });
    // What Juspay answered holds all of it...
    const full = await world.juspay.orderStatus("od_6", { customerId: CUSTOMER.id });
    assert.equal(full.customerEmail, CUSTOMER.email);
    assert.ok(full.refunds.length === 1 && full.splitSettlementResponse);
    // ...the browser gets none of it.
    const polled = await buyer().juspay.orderStatus("od_6");
    assert.deepEqual(
      Object.keys(polled).sort(),
      ["amount", "amountRefunded", "currency", "id", "orderId", "paymentLinks", "refunded", "status", "statusId"],
    );
    assert.deepEqual([polled.status, polled.statusId, polled.amount, polled.amountRefunded], ["CHARGED", 21, 1000, 100]);
    const text = JSON.stringify(polled);
    for (const secret of [CUSTOMER.id, CUSTOMER.email, CUSTOMER.phone, "odop1", "V1"]) assert.ok(!text.includes(secret), `${secret} in ${text}`);
  });

  it("no proxy reply may be cached: success and refusal alike are Cache-Control: no-store", async () => {
    world.shop.addCart("od_7", { items: { V1: "600.00", V2: "400.00" } });
    for (const [method, path, body] of [
      ["POST", "/juspay/orders", { orderId: "od_7" }],
      ["GET", "/juspay/orders/od_7"],
      ["GET", "/juspay/orders/od_none"],
      ["POST", "/juspay/orders", { orderId: "od_7", amount: "1.00" }],
      ["GET", "/nowhere"],
    ]) {
      const reply = await callHandler(world.proxy, method, path, body);
      assert.equal(reply.headers.get("cache-control"), "no-store", `${method} ${path}: ${reply.status}`);
    }
  });
});

describe("Juspay's unique_request_id through the proxy", () => {
  it("a key with characters other than letters and digits is refused at uniqueRequestId, nothing sent", async () => {
    await world.juspay.createOrder({ orderId: "od_8", amount: "100.00" });
    world.sim.juspay.setStatus("od_8", "CHARGED");
    const operator = new lib.ProxyClient({ baseUrl: server.url, headers: world.operator });
    const since = world.sim.requests.length;
    for (const key of ["rf_1", "k-1", "key 1", "ключ1"]) {
      const err = await rejection(operator.juspay.refund("od_8", { amount: "10.00", uniqueRequestId: key }));
      assert.equal(`${err.code} at ${err.path}`, "INVALID_OPTION at uniqueRequestId", `${key}: ${err.message}`);
      assert.equal(err.idempotencyKey, key);
    }
    assert.deepEqual(world.sim.requests.slice(since).map((r) => r.route), []);
    // ProxyClient's own key is one Juspay takes, and the refund is made.
    await operator.juspay.refund("od_8", { amount: "10.00" });
    assert.match(world.sim.state.juspay.orders.get("od_8").refunds[0].uniqueRequestId, /^[A-Za-z0-9]{1,20}$/);
  });
});
