// Shared by the runtime tests of tests/pkg/ (Next.js, Workers, esbuild, webpack, Jest, Bun, Deno):
// the pinned tools, servers started on 127.0.0.1 and stopped with their children, Chromium, and
// the two checks every runtime runs: one in a page (browser-safe entry) and one on a server
// (`marketsplit/server` against the gateway simulator).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";
import { freePort } from "../../scripts/lib/fetch-server.mjs";
import { DEFAULT_CREDENTIALS } from "../sim/simulator.mjs";
import { repo, tools } from "./consumer.mjs";

export { freePort };

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A file of the installed tools, e.g. toolPath("next", "dist", "bin", "next"). */
export const toolPath = (...parts) => path.join(tools(), "node_modules", ...parts);
/** `require` of a tool, as the tests' own scripts load esbuild and webpack. */
export const requireTool = (name) => createRequire(path.join(tools(), "package.json"))(name);

/** A binary shipped inside an npm package (Bun's and Deno's postinstall scripts are not run). */
export function packagedBinary(...parts) {
  const file = toolPath(...parts);
  assert.ok(fs.existsSync(file), `${file} is missing: scripts/lib/pkg-tools.sh installs it`);
  fs.accessSync(file, fs.constants.X_OK);
  return file;
}

/** The environment of every tool run: no telemetry, no update checks, nothing but 127.0.0.1. */
export function quietEnv(extra = {}) {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    // The banner is where wrangler asks the registry for a newer version.
    WRANGLER_HIDE_BANNER: "true",
    // Miniflare would fetch a sample `request.cf` object from Cloudflare.
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...extra,
  };
}

/**
 * Starts a long-running command in its own process group, so that `stop()` ends it with every
 * child it started (next start, wrangler's workerd), and keeps what it printed for messages.
 */
export function startProcess(command, args, { cwd, env }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const group = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {}
      };
      group("SIGTERM");
      const timer = setTimeout(() => group("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      group("SIGKILL");
    },
  };
}

/** Waits until `url` answers (any status), or fails with what the process printed. */
export async function waitForHttp(url, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`the server exited with ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(command, args, { cwd, env, timeoutMs = 300_000 }) {
  return new Promise((resolve, reject) => {
    const proc = startProcess(command, args, { cwd, env });
    const timer = setTimeout(() => {
      proc.stop();
      reject(new Error(`${path.basename(command)} ${args.join(" ")} took over ${timeoutMs} ms:\n${proc.output()}`));
    }, timeoutMs);
    proc.child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(proc.output());
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}:\n${proc.output()}`));
    });
  });
}

/** The last line a script printed, as JSON. */
export const lastJson = (output) => JSON.parse(output.trim().split("\n").at(-1));

let browserPromise;
/** One Chromium for the whole test file (closed by `closeBrowser`). */
export function browser() {
  browserPromise ??= chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return browserPromise;
}
export async function closeBrowser() {
  if (browserPromise) await (await browserPromise).close();
  browserPromise = undefined;
}

/** Opens `url`, waits for `#result` to be filled, and returns it parsed, with the page's errors
 * (and, with `text`, the text of that selector once it has some). */
export async function pageResult(url, { text } = {}) {
  const page = await (await browser()).newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    try {
      await page.waitForFunction(() => document.getElementById("result")?.textContent, null, { timeout: 30_000 });
    } catch (error) {
      throw new Error(`${url} wrote no result (${error.message}); the page's errors: ${JSON.stringify(errors)}`);
    }
    const found = { result: JSON.parse(await page.textContent("#result")), errors };
    if (text) {
      await page.waitForFunction((selector) => document.querySelector(selector)?.textContent, text, { timeout: 30_000 });
      found.text = await page.textContent(text);
    }
    return found;
  } finally {
    await page.close();
  }
}

/**
 * The page's check, as a module of the app under test: `check(m, wasm)` calls the browser-safe
 * entry `m` before and after `init(wasm)` and returns what it saw. `report` writes it into
 * `#result`, a failure included (its code and message, for INIT_FAILED).
 */
export const CHECK_MODULE = `
export async function check(m, wasm) {
  const out = {};
  try { m.allocate("100", [1, 1]); } catch (e) { out.beforeInit = { code: e.code, own: e instanceof m.MarketsplitError }; }
  await Promise.all([m.init(wasm), m.init(wasm)]);
  out.shares = m.allocate("100", [1, 1, 1]);
  const plan = m.calculateSplit({
    orderAmount: "1000.00",
    vendors: [
      { subMid: "seller_a", amount: "600.00", commission: { percent: 10, taxPercent: 18 } },
      { subMid: "seller_b", amount: "400.00", commission: { percent: 12.5 } },
    ],
  });
  out.vendors = plan.vendors.map((v) => [v.subMid, v.amount]);
  out.marketplace = plan.marketplace.amount;
  try { m.calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "90" }] }); }
  catch (e) { out.afterInit = { code: e.code, path: e.path, own: e instanceof m.MarketsplitError, isError: e instanceof Error }; }
  out.proxyClient = typeof new m.ProxyClient({ baseUrl: "/api" }).juspay.createOrder;
  return out;
}

export function report(m, promise) {
  const show = (value) => { document.getElementById("result").textContent = JSON.stringify(value); };
  return promise.then(show, (e) => show({ failed: { code: e?.code, own: e instanceof m.MarketsplitError, isError: e instanceof Error, message: String(e?.message ?? e) } }));
}
`;

/** What CHECK_MODULE's `check` must return when the entry works (`initialised`: init() was
 * awaited before the check began, so there was no call before it). */
export function assertChecked(result, errors = [], { initialised = false } = {}) {
  assert.equal(result.failed, undefined, JSON.stringify(result.failed));
  assert.deepEqual(result.beforeInit, initialised ? undefined : { code: "NOT_INITIALIZED", own: true });
  assert.deepEqual(result.shares, ["33.34", "33.33", "33.33"]);
  assert.deepEqual(result.vendors, [["seller_a", "529.20"], ["seller_b", "350.00"]]);
  assert.equal(result.marketplace, "120.80");
  assert.deepEqual(result.afterInit, { code: "SUM_MISMATCH", path: "vendors", own: true, isError: true });
  assert.equal(result.proxyClient, "function");
  assert.deepEqual(errors, []);
}

/** The HTML page of a bundled browser app: `#result` and the bundle. */
export const PAGE_HTML = (script, type = "module") => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>marketsplit</title></head>
<body><output id="result"></output><script ${type ? `type="${type}" ` : ""}src="${script}"></script></body></html>
`;

/** The gateway simulator's credentials, as the server checks take them. */
export const simEnv = (sim, orderId) => ({
  JUSPAY_API_KEY: DEFAULT_CREDENTIALS.juspay.apiKey,
  JUSPAY_MERCHANT_ID: DEFAULT_CREDENTIALS.juspay.merchantId,
  JUSPAY_BASE_URL: sim.url,
  ORDER_ID: orderId,
});

/**
 * The server's check, as a module of the app under test: `serverCheck(m, env)` creates a Juspay
 * order on the simulator through `JuspayClient` (the wasm module's fetch, from this runtime),
 * asks a proxy handler for an unknown route, and throws a MarketsplitError.
 */
export const SERVER_CHECK_MODULE = `
export async function serverCheck(m, env) {
  await m.init();
  const plan = m.calculateSplit({ orderAmount: "100.00", vendors: [{ subMid: "seller_a", amount: "70.00", commission: { percent: 10 } }, { subMid: "seller_b", amount: "30.00" }] });
  const juspay = new m.JuspayClient({ apiKey: env.JUSPAY_API_KEY, merchantId: env.JUSPAY_MERCHANT_ID, baseUrl: env.JUSPAY_BASE_URL });
  const order = await juspay.createOrder({ orderId: env.ORDER_ID, amount: "100.00", returnUrl: "https://shop.example.com/return", split: plan });
  const handler = m.createProxyHandler({ basePath: "/api" });
  const answer = await handler(new Request("http://127.0.0.1/api/no/such/route", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
  let error;
  try { m.allocate("1.001", [1]); } catch (e) { error = { code: e.code, own: e instanceof m.MarketsplitError, isError: e instanceof Error }; }
  return {
    marketplace: plan.marketplace.amount,
    order: { orderId: order.orderId, status: order.status },
    route: { status: answer.status, code: (await answer.json()).error.code },
    error,
    signature: m.verifyJuspaySignature({ order_id: env.ORDER_ID, status: "CHARGED", signature: "bm90IGEgc2lnbmF0dXJl" }, "response-key"),
  };
}
`;

/** What SERVER_CHECK_MODULE's `serverCheck` must return, and what the simulator must have seen. */
export function assertServerChecked(result, sim, orderId) {
  assert.deepEqual(result, {
    marketplace: "7.00",
    order: { orderId, status: "CREATED" },
    route: { status: 404, code: "NOT_FOUND" },
    error: { code: "TOO_MANY_DECIMALS", own: true, isError: true },
    signature: false,
  });
  const created = sim.requestsTo("juspay.createOrder").filter((r) => r.fields?.order_id === orderId);
  assert.equal(created.length, 1, "the order reached the gateway once");
}

/** The README's recipe block tagged ```js recipe=<name> (or another language), as text. */
export function readmeRecipe(name) {
  const readme = fs.readFileSync(path.join(repo, "pkg-template", "README.md"), "utf8");
  const found = [...readme.matchAll(/^```\w+ recipe=([\w-]+)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === name);
  assert.equal(found.length, 1, `README.md has one recipe named ${name}`);
  return found[0][2];
}
