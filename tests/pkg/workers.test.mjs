// Cloudflare Workers through `wrangler dev` (local workerd, no account, no metrics), with a worker
// that imports both entries and calls a bare `await init()`: wrangler resolves the `workerd`
// condition, whose entries import the .wasm as a module (wrangler ships it as a compiled
// WebAssembly.Module; workerd has no URL to fetch from). The server half reaches the gateway
// simulator on 127.0.0.1 with workerd's fetch.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import {
  CHECK_MODULE, SERVER_CHECK_MODULE, assertChecked, assertServerChecked, freePort, quietEnv, readmeRecipe, simEnv, startProcess, toolPath, waitForHttp,
} from "./runtimes.mjs";

const WORKER = `
import * as browser from "marketsplit";
import * as server from "marketsplit/server";
import { check } from "./check.js";
import { serverCheck } from "./server-check.js";
import recipe from "./recipe.js";

const json = (value) => new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
const failure = (e) => json({ failed: { code: e?.code, message: String(e?.stack ?? e) } });

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/browser") return check(browser).then(json, failure);
    if (pathname === "/server") return serverCheck(server, env).then(json, failure);
    if (pathname.startsWith("/api/")) return recipe.fetch(request, env);
    return new Response("not found", { status: 404 });
  },
};
`;

let sim;
let worker;
let url;
const orderId = `workerd_${Date.now()}`;
before(async () => {
  sim = await startSimulator();
  const dir = writeFiles(path.join(consumer().project, "worker"), {
    "wrangler.jsonc": JSON.stringify({ name: "marketsplit-worker", main: "src/index.js", compatibility_date: "2025-09-01" }),
    "src/index.js": WORKER,
    "src/check.js": CHECK_MODULE,
    "src/server-check.js": SERVER_CHECK_MODULE,
    // The npm README's Workers recipe, as written.
    "src/recipe.js": readmeRecipe("workers"),
  });
  const [port, inspector] = [await freePort(), await freePort()];
  const vars = Object.entries(simEnv(sim, orderId)).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  worker = startProcess(
    process.execPath,
    [toolPath("wrangler", "bin", "wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false", ...vars],
    // wrangler keeps its settings and dev registry under XDG_CONFIG_HOME: one of its own per run.
    { cwd: dir, env: quietEnv({ XDG_CONFIG_HOME: path.join(dir, ".config"), CI: "1" }) },
  );
  url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`, worker, 120_000);
});
after(async () => {
  await worker?.stop();
  await sim?.close();
});

test("workerd: `marketsplit` with a bare init(), NOT_INITIALIZED before it", async () => {
  const result = await (await fetch(`${url}/browser`)).json();
  assertChecked(result);
});

test("workerd: `marketsplit/server` with a bare init(), its fetch reaching the gateway", async () => {
  const result = await (await fetch(`${url}/server`)).json();
  assertServerChecked(result, sim, orderId);
});

test("workerd: the README's recipe answers as the proxy handler", async () => {
  const response = await fetch(`${url}/api/no/such/route`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.code, "NOT_FOUND");
});
