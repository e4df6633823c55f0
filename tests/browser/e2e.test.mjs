// The browser half end to end in headless Chromium: a page loads the --target web build
// (pkg-build/web, made by `scripts/build.sh web`; nothing is built here), runs `await init()`, and
// uses ProxyClient against createProxyHandler served from the same origin, in front of the
// gateway simulator.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { ROOT, SPLIT_INPUT, startWorld } from "../node/helpers.mjs";

const WEB_BUILD = path.join(ROOT, "pkg-build/web");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let world;
let backend;
let browser;
let page;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(path.join(WEB_BUILD, "marketsplit.js")), "run scripts/build.sh web first");
  world = await startWorld();
  // The shop's record of the order the page pays: the backend, not the page, decides it.
  world.shop.orders.set("web_1", { amount: "100.00", split: SPLIT_INPUT });
  backend = await serveFetch(world.proxy, {
    static: [
      { dir: WEB_BUILD, prefix: "/pkg/" },
      { dir: path.join(ROOT, "tests/browser/page"), prefix: "/" },
    ],
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(`${backend.url}/index.html`);
  await page.waitForFunction(() => document.getElementById("state")?.textContent === "ready", null, { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  await backend?.close();
  await world?.close();
});

const call = (gateway, method, ...args) =>
  page.evaluate(([g, m, a]) => window.marketsplitCall(g, m, a), [gateway, method, args]);

describe("ProxyClient in Chromium", () => {
  it("loaded the wasm module with init() and no page error", () => {
    assert.deepEqual(pageErrors, []);
  });

  it("creates a split order and reads its status", async () => {
    const created = await call("juspay", "createOrder", { orderId: "web_1", amount: "100.00", split: SPLIT_INPUT });
    assert.equal(created.ok, true, JSON.stringify(created));
    const stored = world.sim.state.juspay.orders.get("web_1");
    assert.deepEqual(created.value, { id: stored.id, orderId: "web_1", status: "CREATED", statusId: 1, paymentLinks: stored.paymentLinks });
    assert.deepEqual([...stored.split.vendors], [["V1", 5000], ["V2", 3000]]);

    world.sim.juspay.setStatus("web_1", "CHARGED");
    const status = await call("juspay", "orderStatus", "web_1");
    assert.equal(status.ok, true, JSON.stringify(status));
    assert.equal(status.value.status, "CHARGED");
    assert.equal(status.value.statusId, 21);
  });

  it("gets a tampered split refused as a MarketsplitError, and Juspay sees no order", async () => {
    world.shop.orders.set("web_tampered", { amount: "100.00", split: SPLIT_INPUT });
    const before = world.sim.requestsTo("juspay.createOrder").length;
    const unbalanced = { ...SPLIT_INPUT, vendors: [{ subMid: "V1", amount: "70.00" }, { subMid: "V2", amount: "30.00" }] };
    const refused = await call("juspay", "createOrder", { orderId: "web_tampered", amount: "100.00", split: unbalanced });
    assert.deepEqual(
      { ok: refused.ok, isMarketsplitError: refused.isMarketsplitError, isError: refused.isError, name: refused.name, code: refused.code },
      { ok: false, isMarketsplitError: true, isError: true, name: "MarketsplitError", code: "SUM_MISMATCH" },
    );
    // A split that adds up but pays another vendor than the shop's record: 409, at path split.
    const rerouted = { ...SPLIT_INPUT, vendors: [{ subMid: "V1", amount: "80.00" }] };
    const mismatch = await call("juspay", "createOrder", { orderId: "web_tampered", amount: "100.00", split: rerouted });
    assert.deepEqual([mismatch.isMarketsplitError, mismatch.code, mismatch.path], [true, "ORDER_MISMATCH", "split"]);
    assert.equal(world.sim.requestsTo("juspay.createOrder").length, before);
    assert.equal(world.sim.state.juspay.orders.has("web_tampered"), false);
  });

  it("passes a backend error code through to the page", async () => {
    world.sim.faults.inject("juspay.orderStatus", { status: 503, times: 100 });
    try {
      const failed = await call("juspay", "orderStatus", "web_1");
      assert.equal(failed.code, "GATEWAY_UNAVAILABLE", JSON.stringify(failed));
      assert.equal(failed.isMarketsplitError, true);
    } finally {
      world.sim.faults.clear();
    }
  });
});
