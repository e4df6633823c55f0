// What each client call puts on the wire, as the simulator captured it: method, path, the headers
// the gateways' own material asks for (x-routing-id on every Juspay call, User-Agent on every call)
// and the form body byte for byte (GATEWAYS.md). Also: errors inside a 2xx reply, signup's
// username, user tokens for payment requests, refunds the marketplace alone bears.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { INSTAMOJO, JUSPAY, ROOT, SPLIT_INPUT, callHandler, lib, rejection, startWorld } from "./helpers.mjs";

const VERSION = /^version = "([^"]+)"/m.exec(fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8"))[1];
const USER_AGENT = `marketsplit/${VERSION}`;
const BASIC = `Basic ${Buffer.from(`${JUSPAY.apiKey}:`).toString("base64")}`;
const FORM = "application/x-www-form-urlencoded";
const SPLIT_KEY = "metadata.split_settlement_details";
/** A form body as the WHATWG serializer (URLSearchParams) writes it: what GATEWAYS.md's keys mean. */
const form = (pairs) => new URLSearchParams(pairs).toString();

let world;
before(async () => {
  world = await startWorld({ instamojo: { user: "market" } });
});
after(() => world.close());

const last = (route) => world.sim.requestsTo(route).at(-1);

/** The headers a Juspay call must carry, routed by `routingId`. */
function assertJuspayHeaders(req, routingId, { body }) {
  assert.equal(req.headers.authorization, BASIC);
  assert.equal(req.headers["x-merchantid"], JUSPAY.merchantId);
  assert.equal(req.headers.version, "2019-05-07");
  assert.equal(req.headers["x-routing-id"], routingId);
  assert.equal(req.routingId, routingId);
  assert.equal(req.headers["user-agent"], USER_AGENT);
  assert.equal(req.headers.accept, "application/json");
  assert.equal(req.headers["content-type"], body ? FORM : undefined);
}

describe("Juspay calls on the wire", () => {
  it("createOrder: routed by customer.id, its form byte for byte", async () => {
    await world.juspay.createOrder({
      orderId: "w_1", amount: "100", returnUrl: "https://shop.example/done",
      customer: { id: "cust 1", email: "a@b.in" }, split: SPLIT_INPUT,
    });
    const req = last("juspay.createOrder");
    assert.deepEqual([req.method, req.path], ["POST", "/orders"]);
    assertJuspayHeaders(req, "cust 1", { body: true });
    const details = '{"mdr_borne_by":"ALL","marketplace":{"amount":20},"vendor":{"split":[{"sub_mid":"V1","amount":50,"merchant_commission":0},{"sub_mid":"V2","amount":30,"merchant_commission":0}]}}';
    assert.equal(req.body, form([
      ["order_id", "w_1"], ["amount", "100.00"], ["currency", "INR"], ["customer_id", "cust 1"], ["customer_email", "a@b.in"],
      ["return_url", "https://shop.example/done"], [SPLIT_KEY, details],
    ]));
  });

  it("createOrder without a customer is routed by the merchant id", async () => {
    await world.juspay.createOrder({ orderId: "w_2", amount: 10.5 });
    const req = last("juspay.createOrder");
    assertJuspayHeaders(req, JUSPAY.merchantId, { body: true });
    assert.equal(req.body, "order_id=w_2&amount=10.50&currency=INR");
  });

  it("orderStatus: GET without a body, routed by customerId, else the merchant id", async () => {
    await world.juspay.orderStatus("w_1", { customerId: "cust 1" });
    let req = last("juspay.orderStatus");
    assert.deepEqual([req.method, req.path, req.body], ["GET", "/orders/w_1", ""]);
    assertJuspayHeaders(req, "cust 1", { body: false });
    await world.juspay.orderStatus("w_2");
    req = last("juspay.orderStatus");
    assertJuspayHeaders(req, JUSPAY.merchantId, { body: false });
  });

  it("refund: routed by customerId; a refund the marketplace alone bears sends no vendor part", async () => {
    world.sim.juspay.setStatus("w_1", "CHARGED");
    await world.juspay.refund("w_1", { uniqueRequestId: "rfw1", amount: "20", split: { marketplace: "20" }, customerId: "cust 1" });
    const req = last("juspay.refund");
    assert.deepEqual([req.method, req.path, req.status], ["POST", "/orders/w_1/refunds", 200]);
    assertJuspayHeaders(req, "cust 1", { body: true });
    assert.equal(req.body, form([["unique_request_id", "rfw1"], ["amount", "20.00"], [SPLIT_KEY, '{"marketplace":{"refund_amount":20}}']]));
    assert.equal(world.sim.state.juspay.orders.get("w_1").refunds.length, 1);

    await world.juspay.refund("w_1", { uniqueRequestId: "rfw2", amount: "5", split: { vendors: [{ subMid: "V2", amount: "5" }] }, customerId: "cust 1" });
    assert.equal(last("juspay.refund").body, form([
      ["unique_request_id", "rfw2"], ["amount", "5.00"], [SPLIT_KEY, '{"vendor":{"split":[{"sub_mid":"V2","refund_amount":5}]}}'],
    ]), "an absent marketplace part is left out, not sent as 0");
  });

  it("sends the same routing id on every call about one customer's order", () => {
    const about = world.sim.juspay.routingMismatches.filter((m) => m.orderId === "w_1" || m.orderId === "w_2");
    assert.deepEqual(about, []);
  });

  it("refuses a refund split whose parts do not sum to the refund, before sending", async () => {
    const before = world.sim.requests.length;
    const err = await rejection(world.juspay.refund("w_1", { amount: "3", split: { marketplace: "2" } }));
    assert.deepEqual([err.code, err.path], ["SUM_MISMATCH", "split"]);
    assert.equal(world.sim.requests.length, before);
  });
});

describe("Instamojo calls on the wire", () => {
  const bearer = (req) => req.headers.authorization?.replace(/^Bearer /, "");
  const assertInstamojoHeaders = (req, { body }) => {
    assert.match(req.headers.authorization, /^Bearer imat_/);
    assert.equal(req.headers["user-agent"], USER_AGENT);
    assert.equal(req.headers.accept, "application/json");
    assert.equal(req.headers["content-type"], body ? FORM : undefined);
  };

  it("token requests carry the User-Agent and their grant byte for byte", () => {
    const [password] = world.sim.requestsTo("instamojo.token").filter((r) => r.fields.grant_type === "password");
    assert.equal(password.headers["user-agent"], USER_AGENT);
    assert.equal(password.headers["content-type"], FORM);
    assert.equal(password.body, form([
      ["grant_type", "password"], ["client_id", INSTAMOJO.clientId], ["client_secret", INSTAMOJO.clientSecret],
      ["username", "market"], ["password", INSTAMOJO.users.market],
    ]));
  });

  it("signup sends username (mandatory) with the application token", async () => {
    await world.instamojo.signup({ email: "w.vendor@example.test", password: "Rand0m pw!", phone: "+919800000001", username: "w_vendor", referrer: "acme" });
    const req = last("instamojo.signup");
    assert.deepEqual([req.method, req.path, req.status], ["POST", "/v2/users/", 201]);
    assertInstamojoHeaders(req, { body: true });
    assert.equal(req.body, form([
      ["email", "w.vendor@example.test"], ["password", "Rand0m pw!"], ["phone", "+919800000001"], ["username", "w_vendor"], ["referrer", "acme"],
    ]));
    const grant = world.sim.requestsTo("instamojo.token").find((r) => r.fields.grant_type === "client_credentials");
    assert.equal(grant.body, form([["grant_type", "client_credentials"], ["client_id", INSTAMOJO.clientId], ["client_secret", INSTAMOJO.clientSecret]]));
  });

  it("bank details: PUT with the user's token", async () => {
    await world.instamojo.login("w_vendor", "Rand0m pw!");
    const id = world.sim.state.instamojo.users.get("w_vendor").id;
    await world.instamojo.updateBankAccount(id, { accountHolderName: "W Vendor", accountNumber: "001234", ifscCode: "HDFC0000001" }, { user: "w_vendor" });
    const req = last("instamojo.bankAccount");
    assert.deepEqual([req.method, req.path, req.status], ["PUT", `/v2/users/${id}/inrbankaccount/`, 200]);
    assertInstamojoHeaders(req, { body: true });
    assert.equal(req.body, "account_holder_name=W+Vendor&account_number=001234&ifsc_code=HDFC0000001");
  });

  it("payment requests: with the client's user token, or the call's", async () => {
    await world.instamojo.createPaymentRequest({ amount: "499.5", purpose: "Order #9", buyerName: "Asha K" });
    let req = last("instamojo.createPaymentRequest");
    assert.deepEqual([req.method, req.path, req.status], ["POST", "/v2/payment_requests/", 201]);
    assertInstamojoHeaders(req, { body: true });
    assert.equal(req.body, "amount=499.50&purpose=Order+%239&buyer_name=Asha+K");
    const tokens = world.sim.instamojo.tokens.access;
    assert.deepEqual([tokens.get(bearer(req)).kind, tokens.get(bearer(req)).username], ["user", "market"]);
    await world.instamojo.createPaymentRequest({ amount: "10", purpose: "w" }, { user: "w_vendor" });
    req = last("instamojo.createPaymentRequest");
    assert.equal(tokens.get(bearer(req)).username, "w_vendor");
  });

  it("settle, listSettlements, fulfil and refund: the application token, their fields byte for byte", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "u_1", amount: "60.5", id: "w_s1" });
    const settle = last("instamojo.settle");
    assert.deepEqual([settle.method, settle.path, settle.status], ["POST", `/v2/payments/${pid}/settlements/`, 201]);
    assertInstamojoHeaders(settle, { body: true });
    assert.equal(world.sim.instamojo.tokens.access.get(bearer(settle)).kind, "app");
    assert.equal(settle.body, "settlement_id=w_s1&type=CREDIT&submerchant_id=u_1&amount=60.50");

    const listed = await world.instamojo.listSettlements(pid);
    const list = last("instamojo.listSettlements");
    assert.deepEqual([list.method, list.path, list.body], ["GET", `/v2/payments/${pid}/settlements/`, ""]);
    assertInstamojoHeaders(list, { body: false });
    assert.equal(world.sim.instamojo.tokens.access.get(bearer(list)).kind, "app");
    assert.deepEqual(listed, [{ type: "CREDIT", subMerchantId: "u_1", amount: "60.50", id: "w_s1" }]);

    await world.instamojo.fulfil(pid);
    const fulfil = last("instamojo.fulfil");
    assert.deepEqual([fulfil.method, fulfil.path, fulfil.body], ["POST", `/v2/payments/${pid}/fulfil/`, ""]);
    assertInstamojoHeaders(fulfil, { body: false });

    await world.instamojo.refund(pid, { amount: "25.25", type: "QFL", body: "Damaged item", transactionId: "w_t1" });
    const refund = last("instamojo.refund");
    assertInstamojoHeaders(refund, { body: true });
    assert.equal(refund.body, "transaction_id=w_t1&type=QFL&body=Damaged+item&refund_amount=25.25");
  });

  it("listSettlements follows the listing's pages, retried as a read", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    for (let i = 1; i <= 5; i++) await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: `u_${i}`, amount: `${i}`, id: `pg_${i}` });
    world.sim.state.instamojo.listing.pageSize = 2;
    try {
      const since = world.sim.requests.length;
      world.sim.faults.inject("instamojo.listSettlements", { status: 503, times: 1 });
      const listed = await world.instamojo.listSettlements(pid);
      assert.deepEqual(listed.map((s) => [s.id, s.amount]), [["pg_1", "1.00"], ["pg_2", "2.00"], ["pg_3", "3.00"], ["pg_4", "4.00"], ["pg_5", "5.00"]]);
      const pages = world.sim.requests.slice(since).filter((r) => r.route === "instamojo.listSettlements");
      assert.deepEqual(pages.map((r) => [r.query.page ?? "1", r.fault?.status ?? r.status]), [["1", 503], ["1", 200], ["2", 200], ["3", 200]]);
    } finally {
      world.sim.state.instamojo.listing.pageSize = 50;
    }
  });

  it("listSettlements never follows a next page outside baseUrl, nor skips an unreadable settlement", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "10.00" });
    const elsewhere = world.sim.url.replace(/:(\d+)$/, (_, port) => `:${Number(port) === 1 ? 2 : 1}`);
    world.sim.faults.inject("instamojo.listSettlements", { status: 200, body: { count: 1, next: `${elsewhere}/v2/payments/${pid}/settlements/?page=2`, results: [] } });
    const since = world.sim.requests.length;
    const away = await rejection(world.instamojo.listSettlements(pid));
    assert.equal(away.code, "GATEWAY_UNAVAILABLE");
    assert.match(away.message, /not under the client's baseUrl/);
    assert.equal(world.sim.requests.length - since, 1, "one page asked for, nothing else");
    world.sim.faults.inject("instamojo.listSettlements", { status: 200, body: { results: [{ settlement_id: "x", type: "CREDIT", submerchant_id: "u" }] } });
    const unreadable = await rejection(world.instamojo.listSettlements(pid));
    assert.equal(unreadable.code, "GATEWAY_UNAVAILABLE");
    assert.match(unreadable.message, /settlement 0 has no amount/);
  });
});

describe("errors inside a 2xx reply", () => {
  it("a Juspay reply with status ERROR is GATEWAY_REJECTED with Juspay's message, never a success", async () => {
    world.sim.faults.inject("juspay.refund", {
      status: 200,
      body: { status: "ERROR", error_code: "invalid_request_error", error_message: `Refund rejected for ${JUSPAY.apiKey}` },
    });
    const err = await rejection(world.juspay.refund("w_1", { amount: "1", customerId: "cust 1" }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.equal(err.code, "GATEWAY_REJECTED");
    assert.match(err.message, /^juspay\.refund: Juspay rejected the request \(HTTP 200.*invalid_request_error: Refund rejected for \[redacted\]$/);
    world.sim.faults.inject("juspay.orderStatus", { status: 200, body: { status: "error", error_message: "Order lookup failed" } });
    assert.equal((await rejection(world.juspay.orderStatus("w_1"))).code, "GATEWAY_REJECTED");
    world.sim.faults.inject("juspay.createOrder", { status: 200 });
    assert.equal((await rejection(world.juspay.createOrder({ orderId: "w_err", amount: "1" }))).code, "GATEWAY_REJECTED");
  });

  it("an Instamojo reply with success false is GATEWAY_REJECTED, its message redacted of the token", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "10.00" });
    world.sim.faults.inject("instamojo.settle", { status: 201, body: (req) => ({ success: false, message: `Settlement refused (${req.headers.authorization})` }) });
    const err = await rejection(world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "u", amount: "1", id: "e2xx" }));
    assert.equal(err.code, "GATEWAY_REJECTED");
    assert.match(err.message, /Settlement refused \(Bearer \[redacted\]\)$/);
    assert.ok(!world.sim.issuedTokens().some((t) => err.message.includes(t)));
    assert.equal(world.sim.instamojo.payments.get(pid).settlements.length, 0);
  });

  it("the token endpoint answering success false is GATEWAY_AUTH", async () => {
    const fresh = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: world.sim.url });
    world.sim.faults.inject("instamojo.token", { status: 200, body: { success: false, message: "Client is disabled" } });
    const err = await rejection(fresh.fulfil("any"));
    assert.equal(err.code, "GATEWAY_AUTH");
  });

  it("through the proxy handler it is a 502 GATEWAY_REJECTED: the gateway refused, not the browser's input", async () => {
    const handler = lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo, authorize: async () => true });
    world.sim.faults.inject("juspay.refund", { status: 200, body: { status: "ERROR", error_message: "Refund not allowed now" } });
    const juspay = await callHandler(handler, "POST", "/juspay/orders/w_1/refunds", { uniqueRequestId: "px2xx", amount: "1" });
    assert.equal(juspay.status, 502, juspay.text);
    assert.equal(juspay.json.error.code, "GATEWAY_REJECTED");
    assert.match(juspay.json.error.message, /Refund not allowed now/);
    const pid = world.sim.instamojo.addPayment({ amount: "10.00" });
    world.sim.faults.inject("instamojo.fulfil", { status: 200, body: { success: false, message: "Payment cannot be fulfilled yet" } });
    const mojo = await callHandler(handler, "POST", `/instamojo/payments/${pid}/fulfil`, {});
    assert.equal(mojo.status, 502, mojo.text);
    assert.deepEqual([mojo.json.error.code, /fulfilled yet/.test(mojo.json.error.message)], ["GATEWAY_REJECTED", true]);
    assert.equal(world.sim.instamojo.payments.get(pid).fulfilled, false);
  });
});

describe("through the proxy", () => {
  it("a payment request with no user anywhere is a 500 INTERNAL (the backend's configuration), nothing sent", async () => {
    const bare = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: world.sim.url });
    // The record names no user and there is no instamojoUser: nothing says whose account it is.
    const order = async (request, { orderId }) => (orderId === "nu_1" ? { amount: "10", purpose: "p" } : null);
    const handler = lib.createProxyHandler({ instamojo: bare, order });
    const before = world.sim.requests.length;
    const reply = await callHandler(handler, "POST", "/instamojo/payment-requests", { orderId: "nu_1", amount: "10" });
    assert.equal(reply.status, 500, reply.text);
    // As every INTERNAL: the code and the fixed message, nothing of the configuration.
    assert.deepEqual(reply.json, { error: { code: "INTERNAL", message: "the server could not complete the request" } });
    assert.equal(world.sim.requests.length, before);
    // Called directly, the client names the missing option.
    const err = await rejection(bare.createPaymentRequest({ amount: "10", purpose: "p" }));
    assert.deepEqual([err.code, err.path], ["INVALID_OPTION", "user"]);
    assert.equal(world.sim.requests.length, before);
  });

  it("createOrder and orderStatus are routed by the record's customer id, never the browser's", async () => {
    world.shop.orders.set("wr_1", { amount: "100.00", split: SPLIT_INPUT, customer: { id: "cust_rec", email: "r@b.in" } });
    world.shop.orders.set("wr_2", { amount: "10.00", customer: "cust_bare" });
    world.shop.orders.set("wr_3", { amount: "10.00" });
    const created = await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "wr_1", customer: { id: "cust_evil" }, customerId: "cust_evil" });
    assert.equal(created.status, 200, created.text);
    const req = last("juspay.createOrder");
    assertJuspayHeaders(req, "cust_rec", { body: true });
    assert.equal(new URLSearchParams(req.body).get("customer_id"), "cust_rec");
    const status = await callHandler(world.proxy, "GET", "/juspay/orders/wr_1?customerId=cust_evil");
    assert.equal(status.status, 200, status.text);
    assertJuspayHeaders(last("juspay.orderStatus"), "cust_rec", { body: false });
    // A customer given as a bare id routes the same way, on both calls.
    assert.equal((await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "wr_2" })).status, 200);
    assertJuspayHeaders(last("juspay.createOrder"), "cust_bare", { body: true });
    assert.equal((await callHandler(world.proxy, "GET", "/juspay/orders/wr_2")).status, 200);
    assertJuspayHeaders(last("juspay.orderStatus"), "cust_bare", { body: false });
    // No customer in the record: the merchant id, on both calls.
    assert.equal((await callHandler(world.proxy, "POST", "/juspay/orders", { orderId: "wr_3" })).status, 200);
    assertJuspayHeaders(last("juspay.createOrder"), JUSPAY.merchantId, { body: true });
    assert.equal((await callHandler(world.proxy, "GET", "/juspay/orders/wr_3")).status, 200);
    assertJuspayHeaders(last("juspay.orderStatus"), JUSPAY.merchantId, { body: false });
    // The simulator saw every call about these orders routed as their creation was.
    assert.deepEqual(world.sim.juspay.routingMismatches.filter((m) => m.orderId.startsWith("wr_")), []);
  });
});
