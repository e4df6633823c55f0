// A Vite production build (default settings, no plugin) of a page that imports the packed package,
// then the built page in headless Chromium: the .wasm must be its own asset, init() must load it,
// and the page must compute a split. The same page loads `marketsplit/server` the way a fetch-API
// runtime would (no `node` condition) and answers a request with its proxy handler.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { consumer, repo, writeFiles } from "./consumer.mjs";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// An Instamojo webhook signed here with node:crypto, checked in the page by the wasm build.
const SALT = "test-salt";
const fields = { amount: "499.00", buyer: "buyer@example.com", payment_id: "MOJO5a06005J21512197", status: "Credit" };
const mac = createHmac("sha1", SALT)
  .update(Object.keys(fields).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((k) => fields[k]).join("|"))
  .digest("hex");

const main = `
import { init, allocate, calculateSplit, juspaySplitMetadata, MarketsplitError } from "marketsplit";

function describe(error) {
  return { code: error.code, path: error.path, isError: error instanceof Error, isOwn: error instanceof MarketsplitError };
}

async function run() {
  const out = {};
  try { allocate("100", [1, 1]); } catch (error) { out.beforeInit = describe(error); }
  await Promise.all([init(), init()]);
  await init();
  out.shares = allocate("100", [1, 1, 1]);
  const plan = calculateSplit({
    orderAmount: "1000.00",
    vendors: [
      { subMid: "seller_a", amount: "600.00", commission: { percent: 10, taxPercent: 18 } },
      { subMid: "seller_b", amount: "400.00", commission: { percent: 12.5 } },
    ],
  });
  out.vendors = plan.vendors.map((v) => [v.subMid, v.amount]);
  out.marketplace = plan.marketplace.amount;
  out.details = JSON.parse(juspaySplitMetadata(plan));
  try { calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "90" }] }); } catch (error) { out.afterInit = describe(error); }

  const server = await import("marketsplit/server");
  await server.init();
  const handler = server.createProxyHandler({});
  const response = await handler(new Request(new URL("/juspay/orders", location.href), { method: "POST", body: "{}" }));
  out.proxy = { status: response.status, body: await response.json() };
  const fields = ${JSON.stringify({ ...fields, mac })};
  out.webhook = server.verifyInstamojoWebhook(fields, ${JSON.stringify(SALT)});
  out.tampered = server.verifyInstamojoWebhook({ ...fields, amount: "4990.00" }, ${JSON.stringify(SALT)});
  return out;
}

run().then(
  (out) => { document.getElementById("result").textContent = JSON.stringify(out); },
  (error) => { document.getElementById("result").textContent = JSON.stringify({ failed: String(error && error.stack || error) }); },
);
`;

const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>marketsplit in Vite</title></head>
  <body><output id="result"></output><script type="module" src="./main.js"></script></body>
</html>
`;

let dist;
let server;
let browser;
before(async () => {
  const { project } = consumer();
  const app = writeFiles(path.join(project, "vite-app"), { "index.html": html, "main.js": main });
  fs.rmSync(path.join(app, "dist"), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(repo, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], {
    cwd: app,
    stdio: ["ignore", "inherit", "inherit"],
  });
  dist = path.join(app, "dist");
  server = await serveFetch(async () => new Response("not found", { status: 404 }), { static: dist });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("vite build emits the .wasm as an asset of its own", () => {
  const assets = fs.readdirSync(path.join(dist, "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  // One for the browser build, one for the fetch-API server build loaded by import().
  assert.equal(wasm.length, 2, `assets: ${assets.join(", ")}`);
  const scripts = assets.filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(dist, "assets", f), "utf8"));
  assert.ok(scripts.length >= 2, "marketsplit/server is a chunk of its own");
  for (const text of scripts) assert.ok(!/AGFzbQ/.test(text), "no wasm inlined as base64 into a script");
});

test("the built page loads the wasm in Chromium and computes a split", async () => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.getElementById("result")?.textContent, null, { timeout: 30_000 });
  const out = JSON.parse(await page.textContent("#result"));
  await page.close();

  assert.equal(out.failed, undefined, out.failed);
  assert.deepEqual(out.beforeInit, { code: "NOT_INITIALIZED", path: "", isError: true, isOwn: true });
  assert.deepEqual(out.shares, ["33.34", "33.33", "33.33"]);
  assert.deepEqual(out.vendors, [["seller_a", "529.20"], ["seller_b", "350.00"]]);
  assert.equal(out.marketplace, "120.80");
  assert.deepEqual(out.details, {
    mdr_borne_by: "MARKETPLACE",
    marketplace: { amount: 120.8 },
    vendor: {
      split: [
        { sub_mid: "seller_a", amount: 529.2, merchant_commission: 70.8 },
        { sub_mid: "seller_b", amount: 350, merchant_commission: 50 },
      ],
    },
  });
  assert.deepEqual(out.afterInit, { code: "SUM_MISMATCH", path: "vendors", isError: true, isOwn: true });
  // The fetch-API server build: a gateway that is not configured is a 501, not a crash.
  assert.equal(out.proxy.status, 501);
  assert.equal(out.proxy.body.error.code, "NOT_CONFIGURED");
  assert.equal(out.webhook, true);
  assert.equal(out.tampered, false);
  assert.deepEqual(consoleErrors, []);
});
