// The token store failing in one process (issue 10's token findings): a new pair whose write
// fails is kept, used and written again, and its spent refresh token is never sent again; a store
// call that never settles is bounded by timeoutMs; a store's error text (a database URL with its
// password) reaches neither the browser nor the error, which still says which store call failed.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { INSTAMOJO, callHandler, lib, rejection, startWorld } from "./helpers.mjs";

const DB_PASSWORD = "pg-SECRET-pw-1c7e";
const DB_ERROR = () => Object.assign(new Error(`connect ECONNREFUSED postgres://shop:${DB_PASSWORD}@10.0.0.5:5432/shop`), { code: "ECONNREFUSED" });
const never = () => new Promise(() => {});

/** A store in memory whose calls can be made to fail or hang; it counts them. */
function faultyStore() {
  const map = new Map();
  const store = {
    map,
    failSets: 0,
    loseSets: false,
    hang: null, // "get" | "set" | "lock"
    throwOn: null,
    async get(key) {
      if (store.hang === "get") return never();
      if (store.throwOn === "get") throw DB_ERROR();
      return map.has(key) ? { ...map.get(key) } : null;
    },
    async set(key, tokens) {
      if (store.hang === "set") return never();
      if (store.failSets > 0) {
        store.failSets -= 1;
        throw DB_ERROR();
      }
      if (!store.loseSets) map.set(key, { ...tokens });
    },
  };
  return store;
}

let world;
let store;
beforeEach(async () => {
  store = faultyStore();
  world = await startWorld({ instamojo: { tokenStore: store, timeoutMs: 3000 } });
});
afterEach(() => world.close());

const refreshes = () => world.sim.requestsTo("instamojo.token").filter((r) => r.fields.grant_type === "refresh_token");
const pay = (i) => world.instamojo.createPaymentRequest({ amount: "10", purpose: `p${i}` }, { user: "seller" });
/** Logs the seller in, then makes the stored pair need a refresh (less than 300 s left). */
async function loginExpiring() {
  await world.instamojo.login("seller", INSTAMOJO.users.seller);
  const stored = store.map.get("user:seller");
  store.map.set("user:seller", { ...stored, expiresAt: Date.now() + 60_000 });
  return stored;
}
/** Resolves once `check()` is true (polled), or fails after 3 s. */
async function eventually(check, what) {
  for (const deadline = Date.now() + 3000; !check(); ) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
/** A client over the same store whose store calls are bounded by 300 ms. */
const impatient = () =>
  new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: world.sim.url, tokenStore: store, timeoutMs: 300 });

/** Settles within `ms`, or says it was still pending. */
const within = (promise, ms) =>
  Promise.race([promise.then((v) => ({ v }), (e) => ({ e })), new Promise((resolve) => setTimeout(() => resolve({ pending: true }), ms))]);

describe("a write that fails right after a refresh", () => {
  it("keeps the new pair, uses it, writes it again, and never sends the spent refresh token", async () => {
    const old = await loginExpiring();
    store.failSets = 100; // the store refuses every write for now
    await pay(1);
    await pay(2);
    assert.equal(store.map.get("user:seller").refreshToken, old.refreshToken, "the store still holds the spent pair");
    store.failSets = 0; // the store is back
    await pay(3);
    // The write again happens beside the call.
    await eventually(() => store.map.get("user:seller").refreshToken !== old.refreshToken, "the new pair written again");
    const [refresh, ...more] = refreshes();
    assert.equal(more.length, 0, "one refresh; the spent token is never sent again");
    assert.equal(refresh.status, 200);
    const stored = store.map.get("user:seller");
    assert.notEqual(stored.refreshToken, old.refreshToken, "the new pair was written again");
    assert.ok(world.sim.instamojo.tokens.refresh.has(stored.refreshToken) && !world.sim.instamojo.tokens.refresh.get(stored.refreshToken).spent);
    assert.equal(world.sim.requestsTo("instamojo.createPaymentRequest").filter((r) => r.status === 201).length, 3);
  });

  it("a store that lost the write later (restored from a backup) is written again, not refreshed from", async () => {
    const old = await loginExpiring();
    await pay(1);
    store.map.set("user:seller", old); // the write is lost
    await pay(2);
    await eventually(() => store.map.get("user:seller").refreshToken !== old.refreshToken, "the new pair written again");
    assert.equal(refreshes().length, 1);
    assert.notEqual(store.map.get("user:seller").refreshToken, old.refreshToken);
  });

  it("login fails when its pair cannot be stored (the caller still has the password to retry)", async () => {
    store.failSets = 100;
    const err = await rejection(world.instamojo.login("seller", INSTAMOJO.users.seller));
    assert.equal(err.code, "INTERNAL");
    assert.match(err.message, /tokenStore\.set\("user:seller"\)/);
    assert.ok(!err.message.includes(DB_PASSWORD));
  });
});

describe("store calls bounded by timeoutMs", () => {
  for (const call of ["get", "lock"]) {
    it(`a ${call} that never settles fails the call after timeoutMs with INTERNAL naming tokenStore.${call}`, async () => {
      await loginExpiring();
      store.hang = call;
      if (call === "lock") store.lock = () => never();
      const result = await within(impatient().createPaymentRequest({ amount: "10", purpose: "p" }, { user: "seller" }), 3000);
      assert.ok(!result.pending, "the call is still pending long after timeoutMs");
      assert.ok(result.e instanceof lib.MarketsplitError, String(result.e));
      assert.equal(result.e.code, "INTERNAL");
      assert.match(result.e.message, new RegExp(`tokenStore\\.${call}\\("user:seller"\\) did not settle within 300 ms`));
    });
  }

  it("a set that never settles leaves the call free to finish with the new pair", async () => {
    await loginExpiring();
    store.hang = "set";
    const result = await within(impatient().createPaymentRequest({ amount: "10", purpose: "p" }, { user: "seller" }), 5000);
    assert.ok(!result.pending, "the call is still pending");
    assert.equal(result.e, undefined, String(result.e?.message));
    assert.equal(refreshes().length, 1);
  });
});

describe("a store's error text", () => {
  it("never reaches the error: which call failed and its error code do", async () => {
    store.throwOn = "get";
    const err = await rejection(world.instamojo.settle("pay_1", { type: "CREDIT", subMerchantId: "sm", amount: "1", id: "s1" }));
    assert.equal(err.code, "INTERNAL");
    assert.match(err.message, /instamojo\.settle: tokenStore\.get\("app"\) failed with Error ECONNREFUSED/);
    assert.ok(!err.message.includes(DB_PASSWORD) && !err.message.includes("postgres://"), err.message);
  });

  it("reaches the browser as 500 INTERNAL alone", async () => {
    store.throwOn = "get";
    const proxy = lib.createProxyHandler({ instamojo: world.instamojo, authorize: async () => true });
    const reply = await callHandler(proxy, "POST", "/instamojo/payments/pay_1/fulfil", {});
    assert.equal(reply.status, 500);
    assert.equal(reply.json.error.code, "INTERNAL");
    assert.ok(!reply.text.includes(DB_PASSWORD) && !reply.text.includes("tokenStore") && !reply.text.includes("ECONNREFUSED"), reply.text);
  });
});
