// Jest with its jsdom environment, as front-end projects test their code: Node underneath, but a
// jsdom global without TextEncoder, TextDecoder, Buffer or Response, and the `browser` condition
// (with `require`, not `module`). The package must give the Node build there (the web build would
// fetch a `file:` URL) and that build must work without those globals.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { consumer, writeFiles } from "./consumer.mjs";
import { quietEnv, run, toolPath } from "./runtimes.mjs";

const SPEC = `
const { init, allocate, calculateSplit, MarketsplitError, ProxyClient } = require("marketsplit");
const server = require("marketsplit/server");

test("jsdom is the environment, without the globals the web build would need", () => {
  expect(typeof window).toBe("object");
  expect(typeof TextEncoder).toBe("undefined");
  expect(typeof TextDecoder).toBe("undefined");
});

test("the package works there after a bare init()", async () => {
  await init();
  expect(allocate("100", [1, 1, 1])).toEqual(["33.34", "33.33", "33.33"]);
  const plan = calculateSplit({ orderAmount: "1000.00", vendors: [{ subMid: "seller_a", amount: "600.00", commission: { percent: 10, taxPercent: 18 } }, { subMid: "seller_b", amount: "400.00", commission: { percent: 12.5 } }] });
  expect(plan.vendors.map((v) => v.amount)).toEqual(["529.20", "350.00"]);
  let caught;
  try { calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "90" }] }); } catch (e) { caught = e; }
  expect(caught).toBeInstanceOf(MarketsplitError);
  expect(caught).toBeInstanceOf(server.MarketsplitError);
  expect([caught.code, caught.path]).toEqual(["SUM_MISMATCH", "vendors"]);
});

test("ProxyClient encodes ids and reads replies without TextEncoder or Response", async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([url, init.method]);
    return { status: 200, text: async () => JSON.stringify({ id: "1", orderId: "o/1 ₹", status: "CHARGED", statusId: 21 }) };
  };
  const order = await new ProxyClient({ baseUrl: "https://shop.example/api", fetch }).juspay.orderStatus("o/1 ₹");
  expect(order.status).toBe("CHARGED");
  expect(seen).toEqual([["https://shop.example/api/juspay/orders/o%2F1%20%E2%82%B9", "GET"]]);
});

test("ProxyClient mints a back-office call's idempotency key there too", async () => {
  const bodies = [];
  const fetch = async (url, init) => {
    bodies.push(JSON.parse(init.body));
    return { status: 502, text: async () => JSON.stringify({ error: { code: "GATEWAY_UNAVAILABLE", message: "down" } }) };
  };
  let caught;
  try { await new ProxyClient({ baseUrl: "https://shop.example/api", fetch }).juspay.refund("o1", { amount: "10.00" }); } catch (e) { caught = e; }
  expect(caught).toBeInstanceOf(MarketsplitError);
  expect(caught.code).toBe("GATEWAY_UNAVAILABLE");
  expect(typeof bodies[0].uniqueRequestId).toBe("string");
  expect(caught.idempotencyKey).toBe(bodies[0].uniqueRequestId);
});

test("marketsplit/server's signature checks run there too", () => {
  expect(server.verifyJuspaySignature({ order_id: "o1", signature: "x" }, "key")).toBe(false);
});
`;

test("Jest (testEnvironment jsdom) runs the package with no configuration", async () => {
  const dir = writeFiles(path.join(consumer().project, "jest-app"), {
    "package.json": JSON.stringify({ name: "jest-app", private: true, jest: { testEnvironment: "jsdom" } }),
    "split.test.cjs": SPEC,
  });
  const report = path.join(dir, "report.json");
  fs.rmSync(report, { force: true });
  const jest = toolPath("jest", "bin", "jest.js");
  try {
    await run(process.execPath, [jest, "--ci", "--testMatch", "**/*.test.cjs", "--json", "--outputFile", report], { cwd: dir, env: quietEnv(), timeoutMs: 120_000 });
  } catch (error) {
    assert.fail(`jest failed:\n${error.message}`);
  }
  const results = JSON.parse(fs.readFileSync(report, "utf8"));
  assert.equal(results.numPassedTests, 5, JSON.stringify(results.testResults?.[0]?.message));
  assert.equal(results.numFailedTests, 0);
});
