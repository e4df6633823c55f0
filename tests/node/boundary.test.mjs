// The proxy's trust boundary, step by step in the contract's order: bodies over maxBodyBytes
// (413, judged from Content-Length before reading, else never read past the limit), JSON-only
// POSTs (415), allowedOrigins (403), the backend's hooks (authorize exactly true, `order` and its
// record: 404 ORDER_NOT_FOUND, 501 without it, 500 INTERNAL when a hook fails, never its text),
// and the back-office writes' idempotency keys (422 without one). Through a real local HTTP server
// where the headers matter; straight into the handler where the body stream itself is watched.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { callHandler, lib, startWorld } from "./helpers.mjs";

let world;
let server;
before(async () => {
  world = await startWorld();
  server = await serveFetch(world.proxy);
  world.shop.orders.set("b_1", { amount: "100.00" });
  world.shop.orders.set("b_mojo", { amount: "100.00", purpose: "b_mojo" });
});
after(async () => {
  await server.close();
  await world.close();
});

function assertRefusal(reply, status, code) {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.json?.error?.code, code, reply.text);
  assert.equal(typeof reply.json.error.message, "string");
}

/** A POST to the real server, as a browser or a script would send it. */
async function post(path, body, headers = { "content-type": "application/json" }, base = server.url) {
  const res = await fetch(base + path, { method: "POST", headers, body });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null
  }
  return { status: res.status, text, json };
}

const untouched = () => {
  const since = world.sim.requests.length;
  return () => assert.deepEqual(world.sim.requests.slice(since).map((r) => r.route), [], "nothing reached the gateway");
};

describe("maxBodyBytes", () => {
  it("refuses a body whose Content-Length is over the limit with 413 PAYLOAD_TOO_LARGE, before reading it", async () => {
    const small = await serveFetch(lib.createProxyHandler({ juspay: world.juspay, order: world.shop.order, maxBodyBytes: 100 }));
    try {
      const check = untouched();
      const body = JSON.stringify({ orderId: "b_1", note: "x".repeat(200) });
      assertRefusal(await post("/juspay/orders", body, undefined, small.url), 413, "PAYLOAD_TOO_LARGE");
      // The default limit is 64 KiB.
      const big = JSON.stringify({ orderId: "b_1", note: "x".repeat(70_000) });
      assertRefusal(await post("/juspay/orders", big), 413, "PAYLOAD_TOO_LARGE");
      check();
      // At the limit it is read.
      const fits = JSON.stringify({ orderId: "b_1", pad: "x".repeat(100 - 26) });
      assert.equal(Buffer.byteLength(fits), 100);
      assert.equal((await post("/juspay/orders", fits, undefined, small.url)).status, 200);
    } finally {
      await small.close();
    }
  });

  it("reads a body without Content-Length in chunks and stops at the chunk that crosses the limit", async () => {
    const check = untouched();
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    // 8 MB of spaces, handed out on demand: the handler must stop asking long before the end.
    const stream = new ReadableStream({
      pull(controller) {
        if (pulled >= 8 * 1024 * 1024) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    const request = new Request("http://backend.test/juspay/orders", {
      method: "POST", body: stream, duplex: "half", headers: { "content-type": "application/json" },
    });
    const response = await world.proxy(request);
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error.code, "PAYLOAD_TOO_LARGE");
    assert.ok(pulled <= 65_536 + 2 * chunk.length, `${pulled} bytes were pulled from the body`);
    check();
  });

  it("refuses an option that is not a whole number of bytes", () => {
    for (const maxBodyBytes of [0, -1, 1.5, "100", NaN, 2 ** 32]) {
      assert.throws(() => lib.createProxyHandler({ juspay: world.juspay, maxBodyBytes }), { code: "INVALID_OPTION", path: "maxBodyBytes" });
    }
  });
});

describe("content types", () => {
  it("answers a POST that is not application/json with 415 UNSUPPORTED_MEDIA_TYPE, carrying a cookie or not", async () => {
    const check = untouched();
    const body = JSON.stringify({ orderId: "b_1" });
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "application/jsonx", "application/json-patch+json"]) {
      assertRefusal(await post("/juspay/orders", body, { "content-type": type, ...world.operator }), 415, "UNSUPPORTED_MEDIA_TYPE");
      assertRefusal(await post("/juspay/orders/b_1/refunds", JSON.stringify({ amount: "1", uniqueRequestId: "ct" }), { "content-type": type, ...world.operator }), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    // No Content-Type at all (a Blob body without a type sends none).
    assertRefusal(await post("/juspay/orders", new Blob([body]), {}), 415, "UNSUPPORTED_MEDIA_TYPE");
    check();
  });

  it("takes application/json in any case, with parameters, and a GET without a body", async () => {
    for (const type of ["application/json", "Application/JSON; charset=utf-8", "application/json;charset=UTF-8"]) {
      assert.equal((await post("/juspay/orders", JSON.stringify({ orderId: "b_1" }), { "content-type": type })).status, 200);
    }
    assert.equal((await fetch(`${server.url}/juspay/orders/b_1`)).status, 200);
  });
});

describe("allowedOrigins", () => {
  let guarded;
  before(async () => {
    guarded = await serveFetch(lib.createProxyHandler({
      juspay: world.juspay, order: world.shop.order, allowedOrigins: ["https://shop.example", "http://127.0.0.1:8080/"],
    }));
  });
  after(() => guarded.close());

  it("refuses a request from an origin not listed with 403 FORBIDDEN, GET or POST", async () => {
    const check = untouched();
    const body = JSON.stringify({ orderId: "b_1" });
    for (const origin of ["https://evil.example", "https://shop.example.evil.example", "http://shop.example", "null"]) {
      assertRefusal(await post("/juspay/orders", body, { "content-type": "application/json", origin }, guarded.url), 403, "FORBIDDEN");
      const res = await fetch(`${guarded.url}/juspay/orders/b_1`, { headers: { origin } });
      assert.equal(res.status, 403);
    }
    check();
  });

  it("serves a listed origin (case aside) and a request without an Origin", async () => {
    const body = JSON.stringify({ orderId: "b_1" });
    for (const origin of ["https://shop.example", "HTTPS://SHOP.EXAMPLE", "http://127.0.0.1:8080"]) {
      assert.equal((await post("/juspay/orders", body, { "content-type": "application/json", origin }, guarded.url)).status, 200);
    }
    assert.equal((await post("/juspay/orders", body, undefined, guarded.url)).status, 200);
  });

  it("refuses an option that is not a list of origins", () => {
    for (const [allowedOrigins, path] of [["https://shop.example", "allowedOrigins"], [["*"], "allowedOrigins[0]"], [["https://shop.example/checkout"], "allowedOrigins[0]"], [[5], "allowedOrigins[0]"], [["shop.example"], "allowedOrigins[0]"]]) {
      assert.throws(() => lib.createProxyHandler({ juspay: world.juspay, allowedOrigins }), { code: "INVALID_OPTION", path });
    }
  });
});

describe("the backend's hooks", () => {
  const SECRET = "postgres://shop:db-PASSWORD-91@db.internal/shop";

  it("answers 501 NOT_CONFIGURED naming `order` for checkout without one, and sends nothing", async () => {
    const check = untouched();
    const handler = lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo, authorize: async () => true });
    for (const [method, path, body] of [["POST", "/juspay/orders", { orderId: "b_1" }], ["GET", "/juspay/orders/b_1"], ["POST", "/instamojo/payment-requests", { orderId: "b_mojo" }]]) {
      const reply = await callHandler(handler, method, path, body);
      assertRefusal(reply, 501, "NOT_CONFIGURED");
      assert.match(reply.json.error.message, /`order`/);
    }
    check();
  });

  it("answers 404 ORDER_NOT_FOUND when `order` has no such order for this request, and sends nothing", async () => {
    const check = untouched();
    for (const [method, path, body] of [["POST", "/juspay/orders", { orderId: "nope", amount: "1" }], ["GET", "/juspay/orders/nope"], ["POST", "/instamojo/payment-requests", { orderId: "nope" }]]) {
      const reply = await callHandler(world.proxy, method, path, body);
      assertRefusal(reply, 404, "ORDER_NOT_FOUND");
    }
    assert.deepEqual(world.shop.asked.slice(-3), [
      { operation: "juspay.createOrder", orderId: "nope" },
      { operation: "juspay.orderStatus", orderId: "nope" },
      { operation: "instamojo.createPaymentRequest", orderId: "nope" },
    ]);
    check();
  });

  it("gives `order` a request whose body it may read, and the handler still has it", async () => {
    let seen;
    const handler = lib.createProxyHandler({
      juspay: world.juspay,
      order: async (request, query) => {
        seen = { query, body: await request.json(), session: request.headers.get("x-session") };
        return { amount: "100.00" };
      },
    });
    const reply = await callHandler(handler, "POST", "/juspay/orders", { orderId: "b_read", amount: "100.00" }, { "x-session": "s1" });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(seen, { query: { operation: "juspay.createOrder", orderId: "b_read" }, body: { orderId: "b_read", amount: "100.00" }, session: "s1" });
  });

  it("answers 500 INTERNAL when authorize, order or instamojoUser throws or rejects, never with its text", async () => {
    const check = untouched();
    const boom = () => { throw new Error(`lookup failed: ${SECRET}`); };
    const reject = async () => { throw new Error(`lookup failed: ${SECRET}`); };
    const thenable = () => ({ then() { throw new Error(SECRET); } });
    const cases = [
      [{ authorize: boom }, "POST", "/juspay/orders", { orderId: "b_1" }],
      [{ authorize: reject }, "GET", "/juspay/orders/b_1"],
      [{ authorize: thenable }, "POST", "/juspay/orders/b_1/refunds", { amount: "1", uniqueRequestId: "h1" }],
      [{ order: boom }, "POST", "/juspay/orders", { orderId: "b_1" }],
      [{ order: reject }, "GET", "/juspay/orders/b_1"],
      [{ order: thenable }, "POST", "/instamojo/payment-requests", { orderId: "b_mojo" }],
      [{ instamojoUser: reject }, "POST", "/instamojo/payment-requests", { orderId: "b_mojo" }],
    ];
    for (const [hooks, method, path, body] of cases) {
      const handler = lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo, order: world.shop.order, ...hooks });
      const reply = await callHandler(handler, method, path, body);
      assertRefusal(reply, 500, "INTERNAL");
      assert.ok(!reply.text.includes("PASSWORD") && !reply.text.includes("lookup failed"), reply.text);
    }
    check();
  });

  it("answers 500 INTERNAL for a record it cannot use, with the code alone (API.md: an order error reaches the browser only as its code)", async () => {
    const check = untouched();
    const records = [
      ["POST", "/juspay/orders", { orderId: "r" }, "not an object"],
      ["POST", "/juspay/orders", { orderId: "r" }, { amount: "ten" }],
      ["POST", "/juspay/orders", { orderId: "r" }, { amount: "100.00", split: { orderAmount: "100.00", vendors: [{ subMid: "V1", amount: "90.00" }] } }],
      ["POST", "/juspay/orders", { orderId: "r" }, { amount: "100.00", returnUrl: "https://shop.example/r?token=PASSWORD" }],
      ["GET", "/juspay/orders/r", undefined, 7],
      ["POST", "/instamojo/payment-requests", { orderId: "r" }, { amount: "100.00" }],
      ["POST", "/juspay/orders", { orderId: "r" }, { amount: "100.00", split: () => 1 }],
    ];
    for (const [method, path, body, record] of records) {
      const handler = lib.createProxyHandler({ juspay: world.juspay, instamojo: world.instamojo, order: async () => record });
      const reply = await callHandler(handler, method, path, body);
      assertRefusal(reply, 500, "INTERNAL");
      assert.ok(!reply.text.includes("PASSWORD") && !reply.text.includes("ten"), reply.text);
    }
    const bad = lib.createProxyHandler({ juspay: world.juspay, order: async () => ({ amount: "100.00", split: { orderAmount: "100.00", vendors: [{ subMid: "V1", amount: "90.00" }] } }) });
    const reply = await callHandler(bad, "POST", "/juspay/orders", { orderId: "r" });
    assert.deepEqual(reply.json, { error: { code: "INTERNAL", message: "the server could not complete the request" } });
    check();
  });
});

describe("back-office writes", () => {
  it("are refused without their idempotency key with 422 MISSING_FIELD, listed with every other problem", async () => {
    const check = untouched();
    const cases = [
      ["/juspay/orders/b_1/refunds", { amount: "1" }, "uniqueRequestId"],
      ["/instamojo/payments/MOJO1/settlements", { type: "CREDIT", subMerchantId: "V1", amount: "1" }, "id"],
      ["/instamojo/payments/MOJO1/refunds", { amount: "1", type: "RFD", body: "x", transactionId: "" }, "transactionId"],
    ];
    for (const [path, body, key] of cases) {
      const reply = await post(path, JSON.stringify(body), { "content-type": "application/json", ...world.operator });
      assertRefusal(reply, 422, "MISSING_FIELD");
      assert.equal(reply.json.errors[0].path, key);
      assert.match(reply.json.error.message, /idempotency key/);
    }
    const many = await post("/juspay/orders/b_1/refunds", JSON.stringify({ amount: "1.001" }), { "content-type": "application/json", ...world.operator });
    assert.deepEqual(many.json.errors.map((e) => [e.code, e.path]), [["MISSING_FIELD", "uniqueRequestId"], ["TOO_MANY_DECIMALS", "amount"]]);
    check();
  });

  it("fulfil needs no key: fulfilling twice moves no money twice", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "10" });
    assert.equal((await post(`/instamojo/payments/${pid}/fulfil`, "{}", { "content-type": "application/json", ...world.operator })).status, 200);
    const again = await post(`/instamojo/payments/${pid}/fulfil`, "{}", { "content-type": "application/json", ...world.operator });
    assertRefusal(again, 400, "GATEWAY_REJECTED");
    assert.equal(world.sim.instamojo.payments.get(pid).fulfilled, true);
  });
});
