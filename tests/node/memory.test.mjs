// The wasm memory of the server build over a long run of varied ~60 KB bodies through the proxy
// handler, 8 requests in flight: it must stay within a bound that does not depend on how many
// requests came before. wasm memory never shrinks, so its size at the end is the run's peak.
//
// The bound, 6 MiB: the module starts at about 1.1 MiB; one body under the 64 KiB limit costs
// at most about 22x its size while it is parsed and checked (1.4 MiB, the worst shape measured:
// an array of tiny objects); each of the 8 requests in flight holds only what it sends (about
// twice its body); that is 3.5 MiB, and the rest is room for the allocator's fragmentation.
// Before, the server build ran the browser's size-class allocator, which never gives a freed block
// to another size class, and each request held its parsed body while the gateway answered: this
// run grew to 23.6 MiB.

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "node:test";

// The glue does not expose its memory: the instance is caught as the glue creates it.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let instance;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (...args) {
  instance = new Instance(...args);
  return instance;
};
// MARKETSPLIT_TEST_BUILD points the test at another build (helpers.mjs), to show it fails there.
const build = process.env.MARKETSPLIT_TEST_BUILD ?? path.join(ROOT, "pkg-build/node");
const lib = createRequire(import.meta.url)(path.join(build, "marketsplit.js"));
WebAssembly.Instance = Instance;
const MarketsplitError = lib.MarketsplitError ?? lib.__errorClass();
const MiB = 2 ** 20;
const memory = () => instance.exports.memory.buffer.byteLength;

const BOUND = 6 * MiB;
const IN_FLIGHT = 8;
const ORDER = { id: "ord_1", order_id: "o1", status: "CHARGED", status_id: 21, payment_links: { web: "w", mobile: "m", iframe: "i" } };

// Shapes that each lean on other allocation sizes: tiny blocks, one block doubling, one large
// block, mid-sized strings; in turn, twice, so a block freed by one shape must serve the next.
let seed = 7;
const next = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
const pad = {
  tinyObjects: (n) => Array.from({ length: Math.floor(n / 8) }, (_, i) => ({ a: i % 10 })),
  digits: (n) => Array.from({ length: Math.floor(n / 2) }, (_, i) => i % 10),
  longString: (n) => "x".repeat(n),
  midStrings: (n) => Array.from({ length: Math.floor(n / 203) }, () => "m".repeat(200)),
  shortStrings: (n) => Array.from({ length: Math.floor(n / 8) }, () => "abcde"),
  nested: (n) => Array.from({ length: Math.floor(n / 40) }, (_, i) => ({ v: [{ w: [i, "z"] }] })),
};
// Under the handler's 64 KiB body limit, with the refund's own fields.
const body = (shape) => JSON.stringify({ amount: "1.00", uniqueRequestId: `r${next(1e9)}`, pad: pad[shape](50_000 + next(12_000)) });

it("a long run of varied 60 KB bodies holds the wasm memory to a bound", async () => {
  const handler = lib.createProxyHandler({
    juspay: new lib.JuspayClient({
      apiKey: "k",
      merchantId: "m",
      // The gateway answers after a moment, so requests are in flight together.
      fetch: async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return new Response(JSON.stringify(ORDER), { status: 200 });
      },
    }),
    authorize: () => true,
  });
  const send = async (text) => {
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: text };
    const reply = await handler(new Request("http://backend.test/juspay/orders/o1/refunds", init));
    await reply.text();
    return reply.status;
  };
  const sizes = [];
  let bytes = 0;
  for (let round = 0; round < 2; round++) {
    for (const shape of Object.keys(pad)) {
      for (let i = 0; i < 48; i += IN_FLIGHT) {
        const texts = Array.from({ length: IN_FLIGHT }, () => body(shape));
        bytes += texts.reduce((n, t) => n + t.length, 0);
        const statuses = await Promise.all(texts.map(send));
        assert.deepEqual(new Set(statuses), new Set([200]), `${shape}: ${statuses}`);
      }
      sizes.push(`${shape} ${(memory() / MiB).toFixed(2)} MiB`);
    }
  }
  assert.ok(bytes > 25 * MiB, `the run sent ${bytes} bytes`);
  console.log(`wasm memory after ${(bytes / MiB).toFixed(1)} MiB of bodies: ${sizes.join(", ")}`);
  assert.ok(memory() <= BOUND, `wasm memory grew to ${(memory() / MiB).toFixed(2)} MiB: ${sizes.join(", ")}`);
});

const isError = (code) => (e) => e instanceof MarketsplitError && e.code === code;

it("a value whose text is over 32 MiB is refused before any of it enters wasm memory", () => {
  const before = memory();
  const huge = "9".repeat(40 * MiB);
  const result = lib.validateJuspaySplit("1", `"${huge}"`);
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((e) => e.code), ["PAYLOAD_TOO_LARGE"]);
  assert.throws(() => lib.calculateSplit({ orderAmount: "1", vendors: [{ subMid: huge, amount: "1" }] }), isError("PAYLOAD_TOO_LARGE"));
  assert.throws(() => lib.allocate("1", [huge]), isError("PAYLOAD_TOO_LARGE"));
  assert.throws(() => lib.SettlementLedger.fromJSON(huge), (e) => e.code === "INVALID_STATE" && /too large/.test(e.message));
  // Text in two-byte characters counts by its UTF-8 size.
  assert.throws(() => lib.allocate("é".repeat(17 * MiB), [1]), isError("PAYLOAD_TOO_LARGE"));
  assert.ok(memory() - before <= MiB, `wasm memory grew by ${((memory() - before) / MiB).toFixed(1)} MiB`);
  // Long text under the limit still crosses, through memory allocated first.
  assert.equal(lib.validateJuspaySplit("1", `{"pad":"${"x".repeat(2 * MiB)}"}`).errors[0].code, "MISSING_FIELD");
  assert.deepEqual(lib.allocate("100", [1, 1, 1]), ["33.34", "33.33", "33.33"]);
});

it("a gateway reply over 1 MiB never enters wasm memory", async () => {
  const big = JSON.stringify({ ...ORDER, pad: "p".repeat(4 * MiB) });
  const client = new lib.JuspayClient({ apiKey: "k", merchantId: "m", fetch: async () => new Response(big, { status: 200 }) });
  const before = memory();
  await assert.rejects(client.createOrder({ orderId: "o1", amount: "10" }), isError("GATEWAY_UNAVAILABLE"));
  assert.ok(memory() - before <= MiB, `wasm memory grew by ${((memory() - before) / MiB).toFixed(1)} MiB`);
});

it("bodies of 100 MB and 140 MB never reach wasm memory: 413 from Content-Length, or from the first bytes past the limit", async () => {
  const handler = lib.createProxyHandler({
    juspay: new lib.JuspayClient({ apiKey: "k", merchantId: "m", fetch: async () => new Response(JSON.stringify(ORDER)) }),
    authorize: () => true,
    order: () => ({ amount: "10" }),
  });
  const url = "http://backend.test/juspay/orders/o1/refunds";
  const before = memory();
  for (const size of [100e6, 140e6]) {
    // Declared: refused from the header alone.
    const declared = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(size) },
      body: "{}",
    });
    const first = await handler(declared);
    assert.equal(first.status, 413);
    // Streamed without a length, in 1 MiB chunks made on demand: read no further than the limit.
    let pulled = 0;
    const chunk = new Uint8Array(MiB).fill(0x20);
    const stream = new ReadableStream({
      pull(controller) {
        if (pulled >= size) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk.slice());
      },
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" };
    const second = await handler(new Request(url, init));
    assert.equal(second.status, 413);
    assert.equal((await second.json()).error.code, "PAYLOAD_TOO_LARGE");
    // The stream is pulled ahead by its queue, but never far: a few chunks of 140.
    assert.ok(pulled <= 4 * MiB, `${pulled} bytes of the body were pulled`);
  }
  assert.ok(memory() - before <= MiB, `wasm memory grew by ${((memory() - before) / MiB).toFixed(1)} MiB`);
});
