// ProxyClient on its own, with a recording `fetch`: its options, the requests it builds, and how
// each kind of answer (or none) becomes a value or a MarketsplitError. The end-to-end tests send
// the same calls through the real proxy handler.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lib, rejection } from "./helpers.mjs";

const { ProxyClient, ProxyJuspay, ProxyInstamojo, MarketsplitError } = lib;

/** A fetch that records each call and answers with `reply(url, init)` (a Response, or a throw). */
function recorder(reply = () => Response.json({ ok: true })) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, ...init, headers: { ...init.headers } });
    return reply(url, init);
  };
  return { calls, fetch };
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

function assertError(err, code, path, message) {
  assert.ok(err instanceof MarketsplitError, `not a MarketsplitError: ${err}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "MarketsplitError");
  assert.equal(err.code, code);
  assert.equal(err.path, path);
  if (message instanceof RegExp) assert.match(err.message, message);
  else if (message !== undefined) assert.equal(err.message, message);
  assert.match(err.stack, /^MarketsplitError: /);
}

describe("ProxyClient options", () => {
  it("refuses an unknown option with INVALID_OPTION, with a hint when it looks like a secret", () => {
    assertError(
      thrown(() => new ProxyClient({ baseUrl: "/api", ClientSECRET: "s" })),
      "INVALID_OPTION",
      "ClientSECRET",
      'ProxyClient does not take the option "ClientSECRET" (a gateway secret belongs on the server, never in this client); it takes baseUrl, headers, timeoutMs, fetch',
    );
    assertError(
      thrown(() => new ProxyClient({ baseUrl: "/api", retries: 3 })),
      "INVALID_OPTION",
      "retries",
      'ProxyClient does not take the option "retries"; it takes baseUrl, headers, timeoutMs, fetch',
    );
    for (const key of ["apiKey", "password", "accessToken", "salt"]) {
      assert.match(thrown(() => new ProxyClient({ baseUrl: "/api", [key]: "x" })).message, /gateway secret/);
    }
  });

  it("checks each option's type", () => {
    const cases = [
      [undefined, "INVALID_TYPE", ""],
      ["/api", "INVALID_TYPE", ""],
      [{}, "MISSING_FIELD", "baseUrl"],
      [{ baseUrl: "" }, "MISSING_FIELD", "baseUrl"],
      [{ baseUrl: null }, "MISSING_FIELD", "baseUrl"],
      [{ baseUrl: 5 }, "INVALID_TYPE", "baseUrl"],
      [{ baseUrl: "/a", timeoutMs: 0.5 }, "INVALID_OPTION", "timeoutMs"],
      [{ baseUrl: "/a", timeoutMs: "5" }, "INVALID_OPTION", "timeoutMs"],
      [{ baseUrl: "/a", timeoutMs: 5e9 }, "INVALID_OPTION", "timeoutMs"],
      [{ baseUrl: "/a", timeoutMs: NaN }, "INVALID_OPTION", "timeoutMs"],
      [{ baseUrl: "/a", fetch: "fetch" }, "INVALID_OPTION", "fetch"],
      [{ baseUrl: "/a", headers: "x" }, "INVALID_OPTION", "headers"],
      [{ baseUrl: "/a", headers: { "x-n": 1 } }, "INVALID_OPTION", "headers.x-n"],
    ];
    for (const [options, code, path] of cases) {
      assertError(thrown(() => new ProxyClient(options)), code, path);
    }
    assert.equal(thrown(() => new ProxyClient({ baseUrl: "/a", headers: { "x-n": 1 } })).message, 'header "x-n" must be a string');
    assert.ok(new ProxyClient({ baseUrl: "/api", timeoutMs: null, headers: null, fetch: undefined }));
  });

  it("gives the same juspay and instamojo objects every time, which cannot be made alone", () => {
    const client = new ProxyClient({ baseUrl: "/api" });
    assert.ok(client.juspay instanceof ProxyJuspay);
    assert.ok(client.instamojo instanceof ProxyInstamojo);
    assert.equal(client.juspay, client.juspay);
    assert.throws(() => new ProxyJuspay(), TypeError);
    assert.throws(() => new ProxyInstamojo({}), TypeError);
    assert.deepEqual(Object.keys(client).sort(), ["instamojo", "juspay"]);
  });
});

describe("ProxyClient requests", () => {
  it("sends JSON to the route under baseUrl, with the caller's headers over its own", async () => {
    const { calls, fetch } = recorder();
    const client = new ProxyClient({ baseUrl: "https://shop.in/api//", fetch, headers: { "X-Csrf": 't"1', accept: "text/plain" } });
    assert.deepEqual(await client.instamojo.fulfil("p 1/../x?y#z"), { ok: true });
    await client.juspay.orderStatus(42);
    await client.juspay.createOrder({ orderId: "o1", amount: "1.50", missing: undefined });
    await client.instamojo.createPaymentRequest();
    const [fulfil, status, create, request] = calls;
    assert.equal(fulfil.url, "https://shop.in/api/instamojo/payments/p%201%2F..%2Fx%3Fy%23z/fulfil");
    assert.equal(fulfil.method, "POST");
    assert.equal(fulfil.body, "{}");
    assert.deepEqual(fulfil.headers, { "Content-Type": "application/json", "X-Csrf": 't"1', accept: "text/plain" });
    assert.equal(status.url, "https://shop.in/api/juspay/orders/42");
    assert.equal(status.method, "GET");
    assert.equal(status.body, undefined);
    assert.equal(status.headers["Content-Type"], undefined);
    assert.equal(create.url, "https://shop.in/api/juspay/orders");
    assert.deepEqual(JSON.parse(create.body), { orderId: "o1", amount: "1.50" });
    assert.equal(request.body, "{}");
  });

  it("encodes ids as UTF-8 and keeps only unreserved characters", async () => {
    const { calls, fetch } = recorder();
    const client = new ProxyClient({ baseUrl: "/api", fetch });
    await client.juspay.refund("ऑर्डर-1_~.", { amount: "1" });
    assert.equal(calls[0].url, "/api/juspay/orders/%E0%A4%91%E0%A4%B0%E0%A5%8D%E0%A4%A1%E0%A4%B0-1_~./refunds");
  });

  it("rejects, never throws, for arguments it cannot send, and sends nothing", async () => {
    const { calls, fetch } = recorder();
    const client = new ProxyClient({ baseUrl: "/api", fetch });
    const cases = [
      [() => client.juspay.orderStatus(), "MISSING_FIELD", "orderId", "orderId is required"],
      [() => client.juspay.orderStatus(""), "MISSING_FIELD", "orderId", "orderId is required"],
      [() => client.instamojo.settle(true, {}), "INVALID_TYPE", "paymentId", "paymentId must be a string, not a boolean"],
      [() => client.juspay.refund({}, {}), "INVALID_TYPE", "orderId", "orderId must be a string, not an object"],
      [() => client.juspay.createOrder("x"), "INVALID_TYPE", "", "juspay.createOrder takes an object, not a string"],
      [() => client.juspay.createOrder([1]), "INVALID_TYPE", "", "juspay.createOrder takes an object, not an array"],
      [() => client.juspay.createOrder({ amount: 10n }), "INVALID_TYPE", "", /^juspay\.createOrder: the input is not JSON data/],
    ];
    for (const [call, code, path, message] of cases) {
      let promise;
      assert.doesNotThrow(() => (promise = call()));
      assertError(await rejection(promise), code, path, message);
    }
    assert.equal(calls.length, 0);
  });
});

describe("ProxyClient answers", () => {
  const answering = (status, body, headers) => new ProxyClient({ baseUrl: "/api", fetch: async () => new Response(body, { status, headers }) });

  it("gives the JSON of a 2xx, and null for an empty one", async () => {
    assert.deepEqual(await answering(200, '{"id":"x","__proto__":1}').juspay.orderStatus("o"), JSON.parse('{"id":"x","__proto__":1}'));
    assert.equal(await answering(204, null).instamojo.fulfil("p"), null);
    assertError(await rejection(answering(201, "{").instamojo.fulfil("p")), "INVALID_JSON", "", "the backend answered 201 with a body that is not JSON");
  });

  it("passes the backend's error code on, or HTTP_<status> when it names none", async () => {
    const cases = [
      [422, '{"error":{"code":"SUM_MISMATCH","message":"vendors sum to 90.00"}}', "SUM_MISMATCH", "vendors sum to 90.00"],
      [409, '{"error":{"code":"CONFLICT"}}', "CONFLICT", "the backend answered 409 CONFLICT"],
      [404, '{"error":{"message":"no such order"}}', "HTTP_404", "the backend answered HTTP 404: no such order"],
      [500, "oops", "HTTP_500", "the backend answered HTTP 500"],
      [502, '{"error":{"code":""}}', "HTTP_502", "the backend answered HTTP 502"],
      [503, '[{"error":{"code":"X"}}]', "HTTP_503", "the backend answered HTTP 503"],
    ];
    for (const [status, body, code, message] of cases) {
      assertError(await rejection(answering(status, body).juspay.orderStatus("o")), code, "", message);
    }
  });

  it("rejects with TIMEOUT after timeoutMs, and with NETWORK when there is no answer", async () => {
    const hanging = (url, init) =>
      new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const slow = new ProxyClient({ baseUrl: "/api", timeoutMs: 30, fetch: hanging });
    assertError(await rejection(slow.juspay.orderStatus("o")), "TIMEOUT", "", "juspay.orderStatus: the backend did not answer within 30 ms");
    const refused = new ProxyClient({
      baseUrl: "/api",
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
      },
    });
    assertError(
      await rejection(refused.instamojo.fulfil("p")),
      "NETWORK",
      "",
      "instamojo.fulfil: could not reach the backend: fetch failed (connect ECONNREFUSED 127.0.0.1:9)",
    );
    const notAResponse = new ProxyClient({ baseUrl: "/api", fetch: async () => ({ status: 7 }) });
    assertError(await rejection(notAResponse.instamojo.fulfil("p")), "NETWORK", "", /not a Response/);
  });

  it("uses the global fetch when none is given, and says so when there is none", async () => {
    const saved = globalThis.fetch;
    try {
      globalThis.fetch = async (url) => Response.json({ url });
      assert.deepEqual(await new ProxyClient({ baseUrl: "/api" }).juspay.orderStatus("o"), { url: "/api/juspay/orders/o" });
      delete globalThis.fetch;
      assertError(await rejection(new ProxyClient({ baseUrl: "/api" }).juspay.orderStatus("o")), "NETWORK", "", /no global fetch/);
    } finally {
      globalThis.fetch = saved;
    }
  });
});
