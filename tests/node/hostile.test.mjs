// Hostile JS values at every export of the server build (the browser exports included): 10,000
// throwing getters, revoked Proxies, cyclic objects, Symbols and their like in a row at each,
// then a correct call that still works. A JS exception that unwinds through wasm leaves the module
// broken for good ("memory access out of bounds", "table index is out of bounds") after a few
// thousand such calls, and inside a handler's future it ends the process; so every call here must
// answer, throw a MarketsplitError or reject with one (the two signature checks: `false`).
// Also: text with a lone UTF-16 surrogate, read from any JS value, is refused, never read as U+FFFD.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { INSTAMOJO, JUSPAY, callHandler, lib, startWorld } from "./helpers.mjs";

const ROUNDS = 10_000;
const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
/** The i-th hostile value; `key` is a member the export reads, so a getter there is reached. */
function hostile(i, key) {
  switch (i % 10) {
    case 0: return { get [key]() { throw new Error(`getter ${i}`); } };
    case 1: return revoked();
    case 2: { const c = { [key]: "1" }; c.self = c; c.list = [c]; return c; }
    case 3: return Symbol(`s${i}`);
    case 4: return { get [key]() { throw revoked(); } };
    case 5: return { get [key]() { throw { toString() { throw new Error("toString"); } }; } };
    case 6: return new Proxy({}, { ownKeys() { throw new Error("ownKeys"); }, getPrototypeOf() { throw new Error("proto"); } });
    case 7: return new Proxy([], { get() { throw new Error("get trap"); } });
    case 8: return "\ud800";
    default: return { [key]: revoked() };
  }
}
/** The i-th hostile promise-like: what a caller's function (fetch, tokenStore, authorize) may return. */
function hostileThenable(i) {
  switch (i % 6) {
    case 0: return { get then() { throw new Error("then getter"); } };
    case 1: return revoked();
    case 2: { const p = Promise.resolve(1); p.then = () => { throw new Error("own then"); }; return p; }
    case 3: { const p = Promise.resolve(1); Object.defineProperty(p, "constructor", { get() { throw new Error("ctor"); } }); return p; }
    case 4: return { then(_, reject) { reject(revoked()); } };
    default: return Promise.reject(revoked());
  }
}

const isMarketsplitError = (e) => e instanceof lib.MarketsplitError && typeof e.code === "string" && typeof e.path === "string";
/** Runs `call` ROUNDS times with hostile values; each answer must be allowed by `check`. */
function barrage(name, key, call, check = "throws-or-returns") {
  for (let i = 0; i < ROUNDS; i++) {
    const bad = hostile(i, key);
    let value, thrown;
    try {
      value = call(bad, i);
    } catch (e) {
      thrown = e;
    }
    if (check === "false") assert.equal(value, false, `${name} #${i} answered ${String(value)}`);
    if (thrown !== undefined) {
      assert.ok(check === "throws-or-returns" && isMarketsplitError(thrown), `${name} #${i} threw ${safeText(thrown)}`);
    }
  }
}
async function barrageAsync(name, key, call) {
  for (let i = 0; i < ROUNDS; i++) {
    let promise;
    try {
      promise = call(hostile(i, key), i);
    } catch (e) {
      assert.fail(`${name} #${i} threw instead of rejecting: ${safeText(e)}`);
    }
    try {
      await promise;
    } catch (e) {
      assert.ok(isMarketsplitError(e), `${name} #${i} rejected with ${safeText(e)}`);
    }
  }
}
function safeText(e) {
  try { return String(e?.stack ?? e); } catch { return typeof e; }
}

const SPLIT = { orderAmount: "10", vendors: [{ subMid: "A", weight: 1 }, { subMid: "B", weight: 2 }] };
function stillWorks() {
  assert.deepEqual(lib.allocate("100", [1, 1, 1]), ["33.34", "33.33", "33.33"]);
  assert.equal(lib.calculateSplit(SPLIT).vendors[1].amount, "6.67");
  const ledger = new lib.SettlementLedger({ paymentId: "P", amount: "100" });
  ledger.credit("A", "60");
  assert.equal(ledger.credited, "60.00");
}

// A reply-less fetch for clients that must never reach a gateway in these rounds.
const noFetch = () => Promise.resolve(new Response("{}", { status: 500 }));

describe("10,000 hostile values in a row at each export, then a correct call", () => {
  it("the calculator, validator, allocation and order status", () => {
    barrage("calculateSplit", "orderAmount", (bad) => lib.calculateSplit(bad));
    barrage("juspaySplitMetadata", "splitSettlementDetails", (bad) => lib.juspaySplitMetadata(bad));
    barrage("allocate(total)", "x", (bad) => lib.allocate(bad, [1]));
    barrage("allocate(ratios)", "0", (bad) => lib.allocate("1", bad));
    barrage("validateJuspaySplit(orderAmount)", "x", (bad) => lib.validateJuspaySplit(bad, {}));
    barrage("validateJuspaySplit(details)", "mdr_borne_by", (bad) => {
      assert.equal(lib.validateJuspaySplit("1", bad).ok, false);
    }, "returns");
    barrage("orderStatus", "x", (bad) => assert.equal(typeof lib.orderStatus(bad).status, "string"), "returns");
    stillWorks();
  });

  it("the ledger: constructor, fromJSON and every method", () => {
    const ledger = new lib.SettlementLedger({ paymentId: "P", amount: "100" });
    barrage("new SettlementLedger", "paymentId", (bad) => new lib.SettlementLedger(bad));
    barrage("SettlementLedger.fromJSON", "entries", (bad) => lib.SettlementLedger.fromJSON(bad));
    barrage("credit(id)", "x", (bad) => ledger.credit(bad, "1"));
    barrage("credit(amount)", "x", (bad) => ledger.credit("A", bad));
    barrage("refund", "x", (bad) => ledger.refund(bad));
    barrage("debit(options)", "balance", (bad) => ledger.debit("A", "1", bad));
    barrage("check", "type", (bad) => assert.equal(typeof ledger.check(bad).ok, "boolean"), "returns");
    barrage("planRefundDebits", "from", (bad) => ledger.planRefundDebits("1", bad));
    stillWorks();
    assert.equal(ledger.amount, "100.00");
  });

  it("verifyInstamojoWebhook and verifyJuspaySignature answer false", () => {
    barrage("verifyInstamojoWebhook(fields)", "mac", (bad) => lib.verifyInstamojoWebhook(bad, "salt"), "false");
    barrage("verifyInstamojoWebhook(salt)", "x", (bad) => lib.verifyInstamojoWebhook({ a: "1", mac: "0" }, bad), "false");
    barrage("verifyInstamojoWebhook(entries)", "x", (bad, i) => lib.verifyInstamojoWebhook({ entries: () => [[bad, "1"]][Symbol.iterator]() }, "s"), "false");
    barrage("verifyJuspaySignature(params)", "signature", (bad) => lib.verifyJuspaySignature(bad, "key"), "false");
    barrage("verifyJuspaySignature(key)", "x", (bad) => lib.verifyJuspaySignature({ a: "1", signature: "x" }, bad), "false");
    // A correct call: Juspay's own test vector (GATEWAYS.md).
    const params = { order_id: "order_1727694028", status: "AUTHORIZATION_FAILED", status_id: "27", myQP: "aGVsbG9Xb3JsZA==", signature: "8Esx2nrz3KE059rdsTkffYKu6AXXk07KzBo3KOexl3I=" };
    assert.equal(lib.verifyJuspaySignature(params, "92206A0A4A75499C9B11206C2B3B9A53"), true);
    const fields = { amount: "10.00", payment_id: "MOJO1" };
    const mac = createHmac("sha1", "salt").update("10.00|MOJO1").digest("hex");
    assert.equal(lib.verifyInstamojoWebhook({ ...fields, mac }, "salt"), true);
    stillWorks();
  });

  it("the clients' constructors and createProxyHandler, at the options and inside them", () => {
    barrage("new JuspayClient", "apiKey", (bad) => new lib.JuspayClient(bad));
    barrage("new JuspayClient(timeoutMs)", "x", (bad) => new lib.JuspayClient({ ...JUSPAY, timeoutMs: bad }));
    barrage("new InstamojoClient", "clientSecret", (bad) => new lib.InstamojoClient(bad));
    barrage("new InstamojoClient(tokenStore)", "get", (bad) => new lib.InstamojoClient({ clientId: "c", clientSecret: "s", tokenStore: bad }));
    barrage("createProxyHandler", "juspay", (bad) => lib.createProxyHandler(bad));
    barrage("createProxyHandler(juspay)", "apiKey", (bad) => lib.createProxyHandler({ juspay: bad }));
    barrage("createProxyHandler(instamojo)", "__marketsplitHandle", (bad) => lib.createProxyHandler({ instamojo: bad }));
    stillWorks();
  });

  it("the clients' methods reject with a MarketsplitError", async () => {
    const juspay = new lib.JuspayClient({ ...JUSPAY, fetch: noFetch });
    const mojo = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", fetch: noFetch });
    const methods = [
      ["juspay.createOrder", "orderId", (bad) => juspay.createOrder(bad)],
      ["juspay.orderStatus", "x", (bad) => juspay.orderStatus(bad)],
      ["juspay.refund", "amount", (bad) => juspay.refund("o1", bad)],
      ["instamojo.signup", "email", (bad) => mojo.signup(bad)],
      ["instamojo.login", "x", (bad) => mojo.login(bad, bad)],
      ["instamojo.updateBankAccount", "user", (bad) => mojo.updateBankAccount("u", bad, bad)],
      ["instamojo.createPaymentRequest", "amount", (bad) => mojo.createPaymentRequest(bad, bad)],
      ["instamojo.settle", "type", (bad) => mojo.settle(bad, bad)],
      ["instamojo.fulfil", "x", (bad) => mojo.fulfil(bad)],
      ["instamojo.refund", "amount", (bad) => mojo.refund("p", bad)],
    ];
    for (const [name, key, call] of methods) await barrageAsync(name, key, call);
    stillWorks();
  });

  it("the clients' methods on a freed or foreign `this` reject with a MarketsplitError, then a live client works", async () => {
    // wasm-bindgen's shim throws from inside wasm for a `this` without a live pointer.
    const freed = new lib.JuspayClient({ ...JUSPAY, fetch: noFetch });
    freed.free();
    freed.free();
    const freedMojo = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", fetch: noFetch });
    freedMojo.free();
    const other = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", fetch: noFetch });
    const thises = (i) => [freed, {}, other, revoked(), hostile(i, "__wbg_ptr"), Object.create(lib.JuspayClient.prototype)];
    const juspayMethods = ["createOrder", "orderStatus", "refund"];
    const mojoMethods = ["signup", "login", "updateBankAccount", "createPaymentRequest", "settle", "listSettlements", "fulfil", "refund"];
    const rejects = async (name, call) => {
      let promise;
      try {
        promise = call();
      } catch (e) {
        assert.fail(`${name} threw instead of rejecting: ${safeText(e)}`);
      }
      await assert.rejects(promise, (e) => isMarketsplitError(e) && e.code === "INVALID_TYPE", name);
    };
    // 10,000 calls in all, each of which threw from inside wasm before.
    for (let i = 0; i < ROUNDS / 10; i++) {
      const round = thises(i);
      for (const [j, self] of round.entries()) {
        const name = juspayMethods[(i + j) % juspayMethods.length];
        await rejects(`JuspayClient.${name} #${i}.${j}`, () => lib.JuspayClient.prototype[name].call(self, "o1", {}));
      }
      const name = mojoMethods[i % mojoMethods.length];
      await rejects(`InstamojoClient.${name} #${i}`, () => lib.InstamojoClient.prototype[name].call(freedMojo, "p", {}));
      await rejects(`InstamojoClient.${name} on a JuspayClient #${i}`, () => lib.InstamojoClient.prototype[name].call(round[0], "p", {}));
    }
    // Freeing what is not a live client does nothing.
    for (const self of thises(0)) assert.doesNotThrow(() => lib.JuspayClient.prototype.free.call(self));
    // A freed client given to createProxyHandler is not one: its fields are no options either.
    assert.throws(() => lib.createProxyHandler({ juspay: freed, order: () => null }), isMarketsplitError);
    const live = new lib.JuspayClient({ ...JUSPAY, fetch: noFetch });
    const err = await live.createOrder({ orderId: "o1" }).then(() => null, (e) => e);
    assert.ok(isMarketsplitError(err) && err.code === "MISSING_FIELD", String(err));
    stillWorks();
  });

  it("a copy of a client's fields outliving the client is no client: its calls reject, never read freed memory", async () => {
    // Attack: the check of `this` read the pointer from the object itself, so a copy made with
    // the prototype and the client's own fields (Object.assign, a library's clone) passed it with
    // the pointer of a client freed meanwhile (by free(), or by the finalizer once the original is
    // collected): the call read freed memory and trapped the module ("memory access out of
    // bounds", uncaught, and the process exited). `Symbol.dispose` skipped the check entirely.
    const copies = [];
    for (let i = 0; i < 100; i++) {
      const juspay = new lib.JuspayClient({ ...JUSPAY, fetch: noFetch });
      const mojo = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", fetch: noFetch });
      copies.push(
        [lib.JuspayClient, Object.assign(Object.create(lib.JuspayClient.prototype), juspay)],
        [lib.InstamojoClient, Object.assign(Object.create(lib.InstamojoClient.prototype), mojo)],
        [lib.JuspayClient, Object.create(lib.JuspayClient.prototype, { __wbg_ptr: { value: juspay.__wbg_ptr } })],
      );
      juspay.free();
      if (typeof Symbol.dispose == "symbol") mojo[Symbol.dispose]();
      else mojo.free();
      for (const freed of [juspay, mojo]) {
        assert.doesNotThrow(() => freed.free());
        if (typeof Symbol.dispose == "symbol") assert.doesNotThrow(() => freed[Symbol.dispose]());
      }
    }
    for (const [i, [Class, copy]] of copies.entries()) {
      const name = Class === lib.JuspayClient ? ["createOrder", "orderStatus", "refund"][i % 3] : ["settle", "fulfil", "listSettlements"][i % 3];
      let promise;
      assert.doesNotThrow(() => (promise = copy[name]("o1", {})), name);
      await assert.rejects(promise, (e) => isMarketsplitError(e) && e.code === "INVALID_TYPE", name);
      assert.doesNotThrow(() => copy.free());
      if (typeof Symbol.dispose == "symbol") assert.doesNotThrow(() => copy[Symbol.dispose]());
      // Nor is a copy a client createProxyHandler takes the core of.
      assert.throws(() => lib.createProxyHandler({ juspay: copy, order: () => null }), isMarketsplitError);
    }
    // A live client, and a Proxy is not one (its pointer is the client's, not its own).
    const live = new lib.JuspayClient({ ...JUSPAY, fetch: noFetch });
    await assert.rejects(new Proxy(live, {}).orderStatus("o1"), (e) => isMarketsplitError(e) && e.code === "INVALID_TYPE");
    const err = await live.createOrder({ orderId: "o1" }).then(() => null, (e) => e);
    assert.ok(isMarketsplitError(err) && err.code === "MISSING_FIELD", String(err));
    stillWorks();
  });

  it("what a caller's fetch, tokenStore, authorize and instamojoUser return may be hostile", async () => {
    let i = 0;
    const juspay = new lib.JuspayClient({ ...JUSPAY, fetch: () => hostileThenable(i++) });
    const answered = async (name, promise) => {
      try {
        await promise;
      } catch (e) {
        assert.ok(isMarketsplitError(e), `${name} rejected with ${safeText(e)}`);
      }
    };
    for (let n = 0; n < ROUNDS; n++) await answered("juspay.createOrder", juspay.createOrder({ orderId: "o1", amount: "10" }));
    const store = { get: () => hostileThenable(i++), set: () => hostileThenable(i++) };
    const mojo = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", tokenStore: store, fetch: noFetch });
    for (let n = 0; n < ROUNDS; n++) await answered("instamojo.fulfil", mojo.fulfil("MOJO1"));
    const handler = lib.createProxyHandler({
      juspay: new lib.JuspayClient({ ...JUSPAY, fetch: noFetch }),
      instamojo: mojo,
      authorize: (_, operation) => (operation === "juspay.refund" ? hostileThenable(i++) : true),
      order: () => hostileThenable(i++),
      instamojoUser: () => hostileThenable(i++),
    });
    // Each hostile answer is a hook that failed: 500 INTERNAL, its text never sent.
    for (let n = 0; n < ROUNDS / 10; n++) {
      const refund = await callHandler(handler, "POST", "/juspay/orders/o1/refunds", { amount: "1", uniqueRequestId: "r1" });
      assert.equal(refund.json?.error?.code, "INTERNAL", refund.text);
      const order = await callHandler(handler, "POST", "/juspay/orders", { orderId: "o1" });
      assert.equal(order.json?.error?.code, "INTERNAL", order.text);
    }
    stillWorks();
  });
});

describe("the proxy handler with hostile requests", () => {
  let world;
  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());

  it("refuses 10,000 things that are not readable Requests, then serves a real one", async () => {
    class ThrowingRequest extends Request {
      get method() { throw new Error("method getter"); }
    }
    const post = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
    const refunds = "http://backend.test/juspay/orders/x/refunds";
    class ThrowingBody extends Request {
      get body() { throw new Error("body getter"); }
    }
    // A stream of things that are not bytes, or look like bytes through a Proxy.
    const chunks = [new Proxy(new Uint8Array(4), {}), { length: 1e9 }, revoked(), "text"];
    class HostileStream extends Request {
      get body() {
        let n = 0;
        return new ReadableStream({ pull(c) { c.enqueue(chunks[n++ % chunks.length]); } });
      }
    }
    const values = [
      (i) => hostile(i, "url"),
      () => new Proxy(new Request("http://backend.test/juspay/orders/x"), {}),
      () => new ThrowingRequest("http://backend.test/juspay/orders/x"),
      () => new Proxy(new Request("http://backend.test/juspay/orders/x"), { getPrototypeOf() { throw new Error("proto"); } }),
      () => new ThrowingBody(refunds, post),
      () => new HostileStream(refunds, post),
      () => Object.defineProperty(new Request(refunds, post), "headers", { get() { throw new Error("headers"); } }),
    ];
    for (let i = 0; i < ROUNDS; i++) {
      let promise;
      try {
        promise = world.proxy(values[i % values.length](i));
      } catch (e) {
        assert.fail(`the handler threw: ${safeText(e)}`);
      }
      // A Proxy of a real Request may well be readable: then it is served (here, a 501 or 404).
      try {
        assert.ok((await promise) instanceof Response);
      } catch (e) {
        assert.ok(isMarketsplitError(e) && e.code === "INVALID_TYPE", safeText(e));
      }
    }
    const created = await world.juspay.createOrder({ orderId: "hostile_after", amount: "10" });
    assert.equal(created.orderId, "hostile_after");
    const reply = await callHandler(world.proxy, "GET", "/no/such/route");
    assert.equal(reply.status, 404, reply.text);
    assert.equal(reply.json.error.code, "NOT_FOUND");
    stillWorks();
  });
});

describe("text with a lone UTF-16 surrogate is refused wherever it is read", () => {
  it("in client options, at the option's name", () => {
    assert.throws(() => new lib.JuspayClient({ ...JUSPAY, merchantId: "acme\udc00" }), (e) => e.code === "INVALID_TYPE" && e.path === "merchantId");
    assert.throws(() => new lib.InstamojoClient({ clientId: "c", clientSecret: "\ud800s" }), (e) => e.code === "INVALID_TYPE" && e.path === "clientSecret");
    assert.throws(() => lib.createProxyHandler({ basePath: "/api\ud800" }), (e) => e.code === "INVALID_TYPE" && e.path === "basePath");
  });

  it("in a call's arguments, before anything is sent", async () => {
    let sent = 0;
    const mojo = new lib.InstamojoClient({ clientId: "c", clientSecret: "s", fetch: () => { sent++; return noFetch(); } });
    await assert.rejects(mojo.login("seller\ud800", "pw"), (e) => e.code === "INVALID_TYPE" && e.path === "username");
    await assert.rejects(mojo.settle("MOJO\udfff", { type: "CREDIT", subMerchantId: "A", amount: "1" }), (e) => e.code === "INVALID_TYPE" && e.path === "paymentId");
    await assert.rejects(mojo.settle("MOJO1", { type: "CREDIT", subMerchantId: "\udc00", amount: "1" }), (e) => e.code === "INVALID_TYPE" && e.path === "subMerchantId");
    assert.equal(sent, 0);
  });

  it("in a webhook's fields: a mac made over U+FFFD does not verify a lone surrogate", () => {
    // Instamojo signed "\ufffd"; a field holding "\ud800" reads as that same text if read lossily.
    const mac = createHmac("sha1", "salt").update("10.00|\ufffd").digest("hex");
    assert.equal(lib.verifyInstamojoWebhook({ amount: "10.00", buyer: "\ufffd", mac }, "salt"), true);
    assert.equal(lib.verifyInstamojoWebhook({ amount: "10.00", buyer: "\ud800", mac }, "salt"), false);
    assert.equal(lib.verifyInstamojoWebhook(`amount=10.00&buyer=%EF%BF%BD&mac=${mac}`, "salt"), true);
    assert.equal(lib.verifyInstamojoWebhook(`amount=10.00&buyer=\ud800&mac=${mac}`, "salt"), false);
    assert.equal(lib.verifyInstamojoWebhook({ amount: "10.00", buyer: "\ufffd", mac }, "sal\udfff"), false);
  });
});
