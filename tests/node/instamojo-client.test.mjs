// InstamojoClient against the simulator: the three token grants, Bearer headers, each endpoint's
// form fields, tokens kept fresh and rotated (a spent refresh token is never sent again), the
// token store, and a single token request for a whole burst of calls failing on a revoked token.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { SETTLEMENT_FIELDS } from "../sim/instamojo.mjs";
import { toPaise } from "../sim/paise.mjs";
import { INSTAMOJO, lib, rejection, startWorld } from "./helpers.mjs";

const PASSWORD = INSTAMOJO.users.seller;
let world;
let store;

/** A token store that keeps what it is given and remembers every write, like a database table. */
function memoryStore() {
  const map = new Map();
  const writes = [];
  return {
    map,
    writes,
    async get(key) {
      return map.has(key) ? { ...map.get(key) } : null;
    },
    async set(key, tokens) {
      writes.push({ key, tokens: { ...tokens } });
      map.set(key, { ...tokens });
    },
  };
}

beforeEach(async () => {
  store = memoryStore();
  world = await startWorld({ instamojo: { tokenStore: store } });
});
afterEach(() => world.close());

const tokenRequests = () => world.sim.requestsTo("instamojo.token");
const grants = (type) => tokenRequests().filter((r) => r.fields.grant_type === type);
const last = (route) => world.sim.requestsTo(route).at(-1);
const pick = (fields, names) => names.map((n) => fields[n]).find((v) => v !== undefined);
const bearer = (req) => req.headers.authorization?.replace(/^Bearer /, "");

describe("application token", () => {
  it("is fetched with client_credentials and sent as a Bearer header on settlements", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "sm_1", amount: "60.50", id: "stl_1" });
    const [grant] = tokenRequests();
    assert.equal(grant.method, "POST");
    assert.match(grant.headers["content-type"], /^application\/x-www-form-urlencoded/);
    assert.deepEqual(grant.fields, { grant_type: "client_credentials", client_id: INSTAMOJO.clientId, client_secret: INSTAMOJO.clientSecret });

    const req = last("instamojo.settle");
    assert.equal(req.path, `/v2/payments/${pid}/settlements/`);
    assert.equal(bearer(req), world.sim.instamojo.tokens.issued()[0]);
    assert.equal(req.fields.type, "CREDIT");
    assert.equal(toPaise(req.fields.amount), 6050);
    assert.equal(pick(req.fields, SETTLEMENT_FIELDS.subMerchant), "sm_1");
    assert.equal(pick(req.fields, SETTLEMENT_FIELDS.id), "stl_1");
    assert.equal(world.sim.instamojo.payments.get(pid).settlements.length, 1);
  });

  it("is reused while fresh, and stored under the key \"app\"", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "s1" });
    await world.instamojo.fulfil(pid);
    assert.equal(tokenRequests().length, 1);
    const app = store.map.get("app");
    assert.equal(app.accessToken, bearer(last("instamojo.fulfil")));
    assert.equal(app.refreshToken, null);
    assert.ok(Math.abs(app.expiresAt - (Date.now() + 36000 * 1000)) < 60_000, "expiresAt is milliseconds since the epoch");
  });

  it("is fetched again when less than 300 s of it are left", async () => {
    world.sim.state.instamojo.tokens.expiresIn = 299;
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "s1" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "s2" });
    assert.equal(grants("client_credentials").length, 2);
    const [first, second] = world.sim.requestsTo("instamojo.settle").map(bearer);
    assert.notEqual(first, second);
  });

  it("comes from the token store when one is there, without a token request", async () => {
    const seeded = memoryStore();
    const reply = await fetch(`${world.sim.url}/oauth2/token/`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: INSTAMOJO.clientId, client_secret: INSTAMOJO.clientSecret }),
    }).then((r) => r.json());
    await seeded.set("app", { accessToken: reply.access_token, refreshToken: null, expiresAt: Date.now() + 3_600_000 });
    const client = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: world.sim.url, tokenStore: seeded });
    const pid = world.sim.instamojo.addPayment({ amount: "10.00" });
    await client.fulfil(pid);
    assert.equal(tokenRequests().length, 1, "only the seeding request above");
    assert.equal(bearer(last("instamojo.fulfil")), reply.access_token);
  });
});

describe("signup, login and user tokens", () => {
  it("signs up with the application token and returns the user's id", async () => {
    const user = await world.instamojo.signup({ email: "newvendor@example.test", password: "rand-pw-1", phone: "9876543210", username: "newvendor_1", referrer: "acme" });
    const req = last("instamojo.signup");
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/v2/users/");
    assert.deepEqual(
      { email: req.fields.email, password: req.fields.password, phone: req.fields.phone, username: req.fields.username, referrer: req.fields.referrer },
      { email: "newvendor@example.test", password: "rand-pw-1", phone: "9876543210", username: "newvendor_1", referrer: "acme" },
    );
    assert.equal(bearer(req), store.map.get("app").accessToken);
    assert.equal(user.id, world.sim.state.instamojo.users.get("newvendor_1").id);
    // The username is what login takes afterwards.
    await world.instamojo.login("newvendor_1", "rand-pw-1");
    assert.ok(store.map.get("user:newvendor_1").accessToken);
  });

  it("refuses a signup without a username, or with one over 35 characters, before anything is sent", async () => {
    const before = world.sim.requests.length;
    const base = { email: "v@example.test", password: "p", phone: "9876543210" };
    const missing = await rejection(world.instamojo.signup(base));
    assert.deepEqual([missing.code, missing.path], ["MISSING_FIELD", "username"]);
    const long = await rejection(world.instamojo.signup({ ...base, username: "u".repeat(36) }));
    assert.deepEqual([long.code, long.path], ["INVALID_OPTION", "username"]);
    assert.equal(world.sim.requests.length, before, "nothing reached Instamojo, not even a token request");
  });

  it("logs in with the password grant and stores the pair under user:<username>, never the password", async () => {
    await world.instamojo.login("seller", PASSWORD);
    const [grant] = grants("password");
    assert.deepEqual(grant.fields, {
      grant_type: "password", client_id: INSTAMOJO.clientId, client_secret: INSTAMOJO.clientSecret, username: "seller", password: PASSWORD,
    });
    const tokens = store.map.get("user:seller");
    assert.ok(world.sim.instamojo.tokens.access.has(tokens.accessToken));
    assert.ok(world.sim.instamojo.tokens.refresh.has(tokens.refreshToken));
    assert.ok(!JSON.stringify(store.writes).includes(PASSWORD), "the password is not stored");
  });

  it("updates bank details and creates payment requests with the user's own token", async () => {
    await world.instamojo.login("seller", PASSWORD);
    const userToken = store.map.get("user:seller").accessToken;
    const seller = world.sim.state.instamojo.users.get("seller");
    await world.instamojo.updateBankAccount(seller.id, { accountHolderName: "Seller Traders", accountNumber: "001234567890", ifscCode: "SBIN0001234" }, { user: "seller" });
    const bank = last("instamojo.bankAccount");
    assert.ok(["PUT", "POST"].includes(bank.method));
    assert.equal(bank.path, `/v2/users/${seller.id}/inrbankaccount/`);
    assert.equal(bearer(bank), userToken);
    assert.deepEqual(seller.bankAccount, { account_holder_name: "Seller Traders", account_number: "001234567890", ifsc_code: "SBIN0001234" });

    const created = await world.instamojo.createPaymentRequest({
      amount: "499.50", purpose: "Order 42", buyerName: "Asha", email: "asha@example.test", phone: "9123456789",
      redirectUrl: "https://shop.example/paid", webhook: "https://shop.example/hook",
    }, { user: "seller" });
    const req = last("instamojo.createPaymentRequest");
    assert.equal(bearer(req), userToken);
    assert.equal(toPaise(req.fields.amount), 49950);
    assert.equal(req.fields.purpose, "Order 42");
    assert.equal(req.fields.buyer_name, "Asha");
    assert.equal(req.fields.email, "asha@example.test");
    assert.equal(req.fields.phone, "9123456789");
    assert.equal(req.fields.redirect_url, "https://shop.example/paid");
    assert.equal(req.fields.webhook, "https://shop.example/hook");
    const [id] = [...world.sim.state.instamojo.paymentRequests.keys()];
    assert.equal(world.sim.state.instamojo.paymentRequests.get(id).owner, "seller");
    assert.ok(JSON.stringify(created).includes(id), "the reply carries the payment request's id");
  });

  it("refuses a payment request that names no user when the client has no user option, before anything is sent", async () => {
    const before = world.sim.requests.length;
    const err = await rejection(world.instamojo.createPaymentRequest({ amount: "10", purpose: "Marketplace own" }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.deepEqual([err.code, err.path], ["INVALID_OPTION", "user"]);
    assert.equal(world.sim.requests.length, before, "no token request, no payment request");
    // Input problems are still reported as such first.
    assert.equal((await rejection(world.instamojo.createPaymentRequest({ amount: "10" }))).code, "MISSING_FIELD");
  });

  it("makes a payment request with the client's user option when the call names none", async () => {
    const client = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: world.sim.url, tokenStore: store, user: "market" });
    await client.login("market", INSTAMOJO.users.market);
    await client.createPaymentRequest({ amount: "10", purpose: "Marketplace own" });
    assert.equal(bearer(last("instamojo.createPaymentRequest")), store.map.get("user:market").accessToken);
    await world.instamojo.login("seller", PASSWORD);
    await client.createPaymentRequest({ amount: "10", purpose: "Seller's" }, { user: "seller" });
    assert.equal(bearer(last("instamojo.createPaymentRequest")), store.map.get("user:seller").accessToken, "the call's user wins");
    const owners = [...world.sim.state.instamojo.paymentRequests.values()].map((r) => r.owner);
    assert.deepEqual(owners, ["market", "seller"]);
    for (const user of ["", 7]) {
      const bad = (() => { try { return new lib.InstamojoClient({ clientId: "c", clientSecret: "s", user }); } catch (e) { return e; } })();
      assert.ok(bad instanceof lib.MarketsplitError && bad.path === "user", String(bad));
    }
  });

  it("refreshes a user token with less than 300 s left, and never sends a spent refresh token again", async () => {
    world.sim.state.instamojo.tokens.expiresIn = 250;
    await world.instamojo.login("seller", PASSWORD);
    for (let i = 0; i < 3; i++) await world.instamojo.createPaymentRequest({ amount: "10", purpose: `p${i}` }, { user: "seller" });
    const refreshes = grants("refresh_token");
    assert.equal(refreshes.length, 3, "one refresh before each use");
    const sent = refreshes.map((r) => r.fields.refresh_token);
    assert.equal(new Set(sent).size, 3, "each refresh token is sent once");
    const issued = tokenRequests().filter((r) => r.status === 200).length;
    assert.equal(issued, 4);
    assert.equal(grants("password").length, 1, "the password is not asked for again");
    const used = world.sim.requestsTo("instamojo.createPaymentRequest").map(bearer);
    assert.equal(new Set(used).size, 3);
    assert.ok(world.sim.requestsTo("instamojo.createPaymentRequest").every((r) => r.status === 201));
    assert.equal(store.map.get("user:seller").accessToken, used.at(-1));
  });

  it("refreshes when the stored expiresAt comes near, sending the refresh token from the store", async () => {
    await world.instamojo.login("seller", PASSWORD);
    const stored = store.map.get("user:seller");
    store.map.set("user:seller", { ...stored, expiresAt: Date.now() + 120_000 });
    await world.instamojo.createPaymentRequest({ amount: "10", purpose: "p" }, { user: "seller" });
    const [refresh] = grants("refresh_token");
    assert.equal(refresh.fields.refresh_token, stored.refreshToken);
    assert.equal(refresh.fields.client_secret, INSTAMOJO.clientSecret);
    assert.notEqual(store.map.get("user:seller").refreshToken, stored.refreshToken, "the new pair replaced the old");
  });
});

describe("settlements, fulfil and refunds", () => {
  it("sends fulfil and refund with the application token, refund with its transaction_id", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.fulfil(pid);
    const fulfil = last("instamojo.fulfil");
    assert.equal(fulfil.method, "POST");
    assert.equal(fulfil.path, `/v2/payments/${pid}/fulfil/`);
    assert.equal(bearer(fulfil), store.map.get("app").accessToken);

    await world.instamojo.refund(pid, { amount: "25.25", type: "QFL", body: "Damaged item", transactionId: "txn_1" });
    const refund = last("instamojo.refund");
    assert.equal(refund.path, `/v2/payments/${pid}/refund/`);
    assert.equal(bearer(refund), store.map.get("app").accessToken);
    assert.equal(refund.fields.type, "QFL");
    assert.equal(refund.fields.body, "Damaged item");
    assert.equal(toPaise(refund.fields.refund_amount), 2525);
    assert.equal(refund.fields.transaction_id, "txn_1");
  });

  it("generates a distinct transaction_id for each refund when none is given", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.refund(pid, { amount: "1", type: "RFD", body: "a" });
    await world.instamojo.refund(pid, { amount: "1", type: "RFD", body: "b" });
    const ids = world.sim.requestsTo("instamojo.refund").map((r) => r.fields.transaction_id);
    assert.ok(ids.every(Boolean));
    assert.notEqual(ids[0], ids[1]);
    assert.equal(world.sim.instamojo.payments.get(pid).refunds.length, 2);
  });

  it("rejects what Instamojo refuses (a credit after fulfil) with a MarketsplitError carrying its reason", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.fulfil(pid);
    const err = await rejection(world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "late" }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.match(err.message, /fulfilled/);
  });
});

describe("401 and token single-flight", () => {
  it("asks for a new token once when a call's token is refused, then retries the call", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "s1" });
    world.sim.revokeTokens();
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "a", amount: "1", id: "s2" });
    assert.equal(grants("client_credentials").length, 2);
    const statuses = world.sim.requestsTo("instamojo.settle").map((r) => r.status);
    assert.deepEqual(statuses, [201, 401, 201]);
  });

  it("makes exactly one application-token request for 50 concurrent calls on a revoked token", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "1000.00" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "warm", amount: "1", id: "warm" });
    world.sim.revokeTokens();
    const before = world.sim.state.counts.tokens.total;
    await Promise.all(Array.from({ length: 50 }, (_, i) =>
      world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: `sm${i % 5}`, amount: "2.00", id: `burst_${i}` })));
    assert.equal(world.sim.state.counts.tokens.total - before, 1);
    assert.equal(world.sim.instamojo.payments.get(pid).settlements.length, 51);
  });

  it("makes exactly one refresh for 50 concurrent calls on a revoked user token", async () => {
    await world.instamojo.login("seller", PASSWORD);
    world.sim.revokeTokens();
    const before = world.sim.state.counts.tokens.total;
    await Promise.all(Array.from({ length: 50 }, (_, i) =>
      world.instamojo.createPaymentRequest({ amount: "10", purpose: `burst ${i}` }, { user: "seller" })));
    assert.equal(world.sim.state.counts.tokens.total - before, 1);
    assert.equal(grants("refresh_token").length, 1);
    assert.equal(world.sim.state.instamojo.paymentRequests.size, 50);
  });
});
