// Issue 9's attacks, tried as a buyer's browser would: ProxyClient (or plain fetch, where a
// browser would send a form) against createProxyHandler on a real local HTTP server, in front of
// the gateway simulator, whose own record shows what reached the gateway. Where an attack used the
// proxy wired as the old npm README showed it, it is wired that way here; otherwise as the new
// recipe wires it (tests/node/shop.mjs: the shop's own order records, an operator session in a
// signed cookie). Each test fails on the code before issue 9 (see the report of branch i9).

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { lib, rejection, settled, startWorld } from "./helpers.mjs";

let world;
let recipe; // the new README recipe: order + authorize (buyers check out, operators move money)
const servers = [];
before(async () => {
  world = await startWorld({ juspay: { timeoutMs: 300 }, instamojo: { timeoutMs: 300 } });
  recipe = await serve(world.proxy);
});
after(async () => {
  for (const s of servers) await s.close();
  await world.close();
});

async function serve(handler) {
  const server = await serveFetch(handler);
  servers.push(server);
  return server;
}

/** A buyer's browser: no session, whatever it sends. */
const buyer = (server) => new lib.ProxyClient({ baseUrl: server.url });
/** The shop's operator, signed in: the session cookie the shop set. */
const operator = (server) => new lib.ProxyClient({ baseUrl: server.url, headers: world.operator });

/** What reached the gateway on these routes from here on. */
function gatewayLog() {
  const since = world.sim.requests.length;
  return (...routes) => world.sim.requests.slice(since).filter((r) => routes.includes(r.route));
}

async function refused(promise, code) {
  const err = await rejection(promise);
  assert.ok(err instanceof lib.MarketsplitError, `not a MarketsplitError: ${err}`);
  assert.equal(err.code, code, err.message);
  return err;
}

/** A ₹1000 cart of two sellers, priced and split by the shop's own commission rules. */
const cart = (id) => world.shop.addCart(id, { items: { V1: "600.00", V2: "400.00" } });

describe("an anonymous browser cannot decide what is paid", () => {
  it("cannot create a ₹1 order against a ₹1000 cart through the proxy wired as the old README showed it", async () => {
    // The old README's Next.js route: no `order`, and an authorize that allows all but refunds.
    const oldReadme = await serve(lib.createProxyHandler({
      juspay: world.juspay, instamojo: world.instamojo,
      authorize: async (request, operation) => operation !== "juspay.refund",
    }));
    cart("att_1");
    const log = gatewayLog();
    await refused(buyer(oldReadme).juspay.createOrder({ orderId: "att_1", amount: "1.00" }), "NOT_CONFIGURED");
    await refused(buyer(oldReadme).instamojo.createPaymentRequest({ orderId: "att_1", amount: "9", purpose: "free" }), "NOT_CONFIGURED");
    assert.deepEqual(log("juspay.createOrder", "instamojo.createPaymentRequest"), []);
    assert.equal(world.sim.state.juspay.orders.has("att_1"), false);
  });

  it("cannot create a ₹1 order against a ₹1000 cart through the recipe: 409 ORDER_MISMATCH at amount", async () => {
    cart("att_2");
    const log = gatewayLog();
    const err = await refused(buyer(recipe).juspay.createOrder({ orderId: "att_2", amount: "1.00" }), "ORDER_MISMATCH");
    assert.equal(err.path, "amount");
    assert.match(err.message, /1\.00.*1000\.00/);
    assert.deepEqual(log("juspay.createOrder"), []);
    // Leaving the amount out is no way round: the order is created at the cart's amount.
    await buyer(recipe).juspay.createOrder({ orderId: "att_2" });
    assert.equal(world.sim.state.juspay.orders.get("att_2").amount, 100_000);
  });

  it("cannot choose the split (its own sub_mid, or 0% commission): 409 ORDER_MISMATCH at split", async () => {
    const record = cart("att_3");
    const log = gatewayLog();
    const ownSubMid = lib.calculateSplit({ orderAmount: "1000.00", vendors: [{ subMid: "ATTACKER", amount: "600.00" }, { subMid: "V2", amount: "400.00" }] });
    const noCommission = lib.calculateSplit({ orderAmount: "1000.00", vendors: [{ subMid: "V1", amount: "600.00" }, { subMid: "V2", amount: "400.00" }] });
    for (const split of [ownSubMid, noCommission, noCommission.splitSettlementDetails]) {
      const err = await refused(buyer(recipe).juspay.createOrder({ orderId: "att_3", amount: "1000.00", split }), "ORDER_MISMATCH");
      assert.equal(err.path, "split");
    }
    assert.deepEqual(log("juspay.createOrder"), []);
    // What the page previewed with the shop's rules is what the shop's record says: accepted, and
    // Juspay gets the split the server computed.
    await buyer(recipe).juspay.createOrder({ orderId: "att_3", amount: record.amount, split: record.split });
    const sent = JSON.parse(log("juspay.createOrder")[0].fields["metadata.split_settlement_details"]);
    assert.deepEqual(sent, JSON.parse(lib.juspaySplitMetadata(record.split)));
  });

  it("cannot choose the customer or the return URL: Juspay gets the record's", async () => {
    world.shop.orders.set("att_4", { ...cart("att_4"), customer: "cust_42", returnUrl: "https://shop.example/paid" });
    await buyer(recipe).juspay.createOrder({
      orderId: "att_4", amount: "1000.00", customer: { id: "attacker" }, returnUrl: "https://evil.example/r",
    });
    const [sent] = world.sim.requestsTo("juspay.createOrder").filter((r) => r.fields.order_id === "att_4");
    assert.equal(sent.fields.customer_id, "cust_42");
    assert.equal(sent.fields.return_url, "https://shop.example/paid");
    assert.equal(sent.fields.amount, "1000.00");
  });

  it("cannot choose an Instamojo payment request's purpose, webhook, redirect or amount: only the buyer's own details", async () => {
    world.shop.orders.set("att_5", { amount: "1000.00", purpose: "Order att_5", redirectUrl: "https://shop.example/done", webhook: "https://shop.example/hook" });
    const log = gatewayLog();
    await buyer(recipe).instamojo.createPaymentRequest({
      orderId: "att_5", amount: "1000.00", buyerName: "Asha", email: "asha@example.test", phone: "9000000001",
      purpose: "free", webhook: "https://evil.example/hook", redirectUrl: "https://evil.example/r", partnerFee: "0", user: "seller",
    });
    const [sent] = log("instamojo.createPaymentRequest");
    assert.deepEqual(
      [sent.fields.amount, sent.fields.purpose, sent.fields.webhook, sent.fields.redirect_url, sent.fields.partner_fee],
      ["1000.00", "Order att_5", "https://shop.example/hook", "https://shop.example/done", undefined],
    );
    assert.deepEqual([sent.fields.buyer_name, sent.fields.email, sent.fields.phone], ["Asha", "asha@example.test", "9000000001"]);
    await refused(buyer(recipe).instamojo.createPaymentRequest({ orderId: "att_5", amount: "9.00", purpose: "free" }), "ORDER_MISMATCH");
    assert.equal(log("instamojo.createPaymentRequest").length, 1);
  });
});

describe("an anonymous browser cannot move settled money", () => {
  // A buyer paid: set up at the gateway directly, so that only the attack goes through the proxy.
  const paidMojo = () => world.sim.instamojo.addPayment({ amount: "500" });
  async function chargedJuspay(id) {
    await world.juspay.createOrder({ orderId: id, amount: "1000.00" });
    world.sim.juspay.setStatus(id, "CHARGED");
  }

  it("with no authorize at all (the old README's Node server), every back-office route is 403", async () => {
    const open = await serve(lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo }));
    const pid = paidMojo();
    await chargedJuspay("att_6j");
    const log = gatewayLog();
    const anyone = buyer(open);
    const errs = [
      await refused(anyone.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "ATTACKER", amount: "500" }), "FORBIDDEN"),
      await refused(anyone.instamojo.fulfil(pid), "FORBIDDEN"),
      await refused(anyone.instamojo.refund(pid, { amount: "500", type: "RFD", body: "x" }), "FORBIDDEN"),
      await refused(anyone.juspay.refund("att_6j", { amount: "1000" }), "FORBIDDEN"),
    ];
    assert.ok(errs.every((e) => /authorize/.test(e.message)), "the message names the option");
    assert.deepEqual(log("instamojo.settle", "instamojo.fulfil", "instamojo.refund", "juspay.refund"), []);
  });

  it("through the recipe, a browser without the operator's session cannot credit itself, fulfil or refund", async () => {
    const pid = paidMojo();
    await chargedJuspay("att_7j");
    const log = gatewayLog();
    const forged = new lib.ProxyClient({ baseUrl: recipe.url, headers: { cookie: "session=eyJyb2xlIjoib3BlcmF0b3IifQ.forged" } });
    for (const anyone of [buyer(recipe), forged]) {
      await refused(anyone.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "ATTACKER", amount: "500" }), "FORBIDDEN");
      await refused(anyone.instamojo.fulfil(pid), "FORBIDDEN");
      await refused(anyone.instamojo.refund(pid, { amount: "500", type: "RFD", body: "x" }), "FORBIDDEN");
      await refused(anyone.juspay.refund("att_7j", { amount: "1000" }), "FORBIDDEN");
    }
    assert.deepEqual(log("instamojo.settle", "instamojo.fulfil", "instamojo.refund", "juspay.refund"), []);
    // The operator can.
    await operator(recipe).instamojo.settle(pid, { type: "CREDIT", subMerchantId: "V1", amount: "400" });
    assert.equal(log("instamojo.settle").length, 1);
  });

  it("cannot run a refund with the operator's cookie from a cross-site text/plain or form POST: 415", async () => {
    // Wired as a shop would before: authorize reads the operator's cookie (no `order` needed for refunds).
    const cookieOnly = await serve(lib.createProxyHandler({
      juspay: world.juspay, instamojo: world.instamojo, authorize: world.shop.authorize,
    }));
    await chargedJuspay("att_8");
    const pid = paidMojo();
    const log = gatewayLog();
    const json = JSON.stringify({ amount: "1000", uniqueRequestId: "csrf1" });
    const posts = [
      [`/juspay/orders/att_8/refunds`, "text/plain;charset=UTF-8", json],
      [`/juspay/orders/att_8/refunds`, "application/x-www-form-urlencoded", "amount=1000&uniqueRequestId=csrf2"],
      [`/instamojo/payments/${pid}/refunds`, "multipart/form-data; boundary=x", "--x--"],
      [`/instamojo/payments/${pid}/fulfil`, undefined, "{}"],
    ];
    for (const [path, type, body] of posts) {
      const headers = { ...world.operator, origin: "https://evil.example" };
      if (type) headers["content-type"] = type;
      const res = await fetch(cookieOnly.url + path, { method: "POST", headers, body: type ? body : new Blob([body]) });
      const reply = await res.json();
      assert.equal(res.status, 415, JSON.stringify(reply));
      assert.equal(reply.error.code, "UNSUPPORTED_MEDIA_TYPE");
    }
    assert.deepEqual(log("juspay.refund", "instamojo.refund", "instamojo.fulfil"), []);
    assert.equal(world.sim.state.juspay.orders.get("att_8").refunds.length, 0);
  });

  it("is refused when authorize answers something truthy that is not true (\"no\", 1, {})", async () => {
    await chargedJuspay("att_9");
    const pid = paidMojo();
    const log = gatewayLog();
    for (const answer of ["no", 1, {}, "true", [true]]) {
      const sloppy = await serve(lib.createProxyHandler({
        juspay: world.juspay, instamojo: world.instamojo, order: world.shop.order, authorize: async () => answer,
      }));
      await refused(buyer(sloppy).juspay.refund("att_9", { amount: "1" }), "FORBIDDEN");
      await refused(buyer(sloppy).instamojo.settle(pid, { type: "CREDIT", subMerchantId: "ATTACKER", amount: "1" }), "FORBIDDEN");
      await refused(buyer(sloppy).juspay.createOrder({ orderId: "att_9" }), "FORBIDDEN");
    }
    assert.deepEqual(log("juspay.refund", "instamojo.settle", "juspay.createOrder"), []);
  });
});

describe("no write happens twice", () => {
  it("a Juspay refund retried with error.idempotencyKey after GATEWAY_TIMEOUT is paid once", async () => {
    await world.juspay.createOrder({ orderId: "att_10", amount: "1000.00" });
    world.sim.juspay.setStatus("att_10", "CHARGED");
    const log = gatewayLog();
    // Juspay is slower than the client's 300 ms on every attempt, and applies each in the end.
    world.sim.faults.inject("juspay.refund", { delay: 700, times: 3 });
    const err = await refused(operator(recipe).juspay.refund("att_10", { amount: "250" }), "GATEWAY_TIMEOUT");
    await settled(world.sim);
    assert.equal(world.sim.state.juspay.orders.get("att_10").refunds.length, 1, "the timed-out refund was applied");
    // The operator retries, as the error says to: the same key, so the same refund.
    const order = await operator(recipe).juspay.refund("att_10", { uniqueRequestId: err.idempotencyKey, amount: "250" });
    assert.equal(order.orderId, "att_10");
    const refunds = world.sim.state.juspay.orders.get("att_10").refunds;
    assert.equal(refunds.length, 1, "paid once");
    assert.deepEqual(refunds.map((r) => [r.uniqueRequestId, r.amount]), [[err.idempotencyKey, 25_000]]);
    assert.match(err.idempotencyKey, /^[0-9a-f]{20}$/);
    assert.deepEqual([...new Set(log("juspay.refund").map((r) => r.fields.unique_request_id))], [err.idempotencyKey]);
  });

  it("an Instamojo refund and a settlement retried with error.idempotencyKey are made once", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "500" });
    const payment = world.sim.instamojo.payments.get(pid);

    world.sim.faults.inject("instamojo.settle", { delay: 700, times: 3 });
    const credit = { type: "CREDIT", subMerchantId: "V1", amount: "200" };
    const settleErr = await refused(operator(recipe).instamojo.settle(pid, credit), "GATEWAY_TIMEOUT");
    await settled(world.sim);
    await operator(recipe).instamojo.settle(pid, { ...credit, id: settleErr.idempotencyKey });
    assert.equal(payment.settlements.length, 1, "settled once");
    assert.deepEqual(payment.settlements.map((s) => [s.id, s.amount]), [[settleErr.idempotencyKey, "200.00"]]);

    world.sim.faults.inject("instamojo.refund", { delay: 700, times: 3 });
    const refund = { amount: "100", type: "QFL", body: "damaged" };
    const refundErr = await refused(operator(recipe).instamojo.refund(pid, refund), "GATEWAY_TIMEOUT");
    await settled(world.sim);
    await operator(recipe).instamojo.refund(pid, { ...refund, transactionId: refundErr.idempotencyKey });
    assert.equal(payment.refunds.length, 1, "refunded once");
    assert.deepEqual(payment.refunds.map((r) => [r.transaction_id, r.amount]), [[refundErr.idempotencyKey, 10_000]]);
  });

  it("an order id someone else created first at ₹1 is ORDER_CONFLICT, not that ₹1 order", async () => {
    // Created at Juspay before the shop's checkout (say, through the old open proxy).
    await world.juspay.createOrder({ orderId: "att_12", amount: "1.00" });
    const err = await refused(world.juspay.createOrder({ orderId: "att_12", amount: "1000.00" }), "ORDER_CONFLICT");
    assert.match(err.message, /already exists at Juspay for 1\.00, not 1000\.00/);
    cart("att_12");
    const proxied = await refused(buyer(recipe).juspay.createOrder({ orderId: "att_12", amount: "1000.00" }), "ORDER_CONFLICT");
    assert.doesNotMatch(JSON.stringify(proxied), /merchant\/pay/, "no payment link of the ₹1 order reaches the buyer");
    // The same order asked again (a retried checkout) is that order, as Juspay answers.
    cart("att_12b");
    const first = await buyer(recipe).juspay.createOrder({ orderId: "att_12b" });
    const again = await buyer(recipe).juspay.createOrder({ orderId: "att_12b" });
    assert.equal(again.id, first.id);
  });
});

describe("webhooks and return URLs", () => {
  // Instamojo's MAC (GATEWAYS.md): values sorted by key, joined with "|", HMAC-SHA1, hex.
  const instamojoMac = (fields, salt) =>
    createHmac("sha1", salt).update(Object.keys(fields).sort().map((k) => fields[k]).join("|")).digest("hex");
  // Juspay's signature over params whose keys and values need no encoding: "k=v" sorted and joined
  // with "&", the whole string encoded ("=" and "&" become %3D and %26), HMAC-SHA256, base64.
  const juspaySignature = (params, key) => {
    const joined = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("&");
    return createHmac("sha256", key).update(joined.replace(/=/g, "%3D").replace(/&/g, "%26")).digest("base64");
  };

  it("an empty salt or response key verifies nothing, not even a MAC anyone can make with it", () => {
    const fields = { amount: "1000.00", payment_id: "MOJO1", status: "Credit" };
    assert.equal(lib.verifyInstamojoWebhook({ ...fields, mac: instamojoMac(fields, "salt") }, "salt"), true, "the MAC is computed right");
    assert.equal(lib.verifyInstamojoWebhook({ ...fields, mac: instamojoMac(fields, "") }, ""), false);
    const params = { order_id: "o1", status: "CHARGED", status_id: "21" };
    assert.equal(lib.verifyJuspaySignature({ ...params, signature: juspaySignature(params, "key") }, "key"), true, "the signature is computed right");
    assert.equal(lib.verifyJuspaySignature({ ...params, signature: juspaySignature(params, "") }, ""), false);
  });
});
