// Bun and Deno, from their npm packages (their binaries sit in the platform packages; the
// postinstall scripts that would link them are not run), on the installed package as users import
// it: ESM and CommonJS, both entries, one module instance, and the server half reaching the
// gateway simulator through the wasm module's own fetch.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import { SERVER_CHECK_MODULE, assertServerChecked, lastJson, packagedBinary, quietEnv, run, simEnv } from "./runtimes.mjs";

const ESM = `
import * as browser from "marketsplit";
import * as server from "marketsplit/server";
import { serverCheck } from "./server-check.mjs";

const env = globalThis.process?.env ?? Deno.env.toObject();
await browser.init();
const plan = browser.calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "60" }, { subMid: "b", amount: "40", commission: { percent: 10 } }] });
const out = await serverCheck(server, env);
out.browser = { marketplace: plan.marketplace.amount, oneClass: browser.MarketsplitError === server.MarketsplitError, serverOnly: "JuspayClient" in browser };
console.log(JSON.stringify(out));
`;

const CJS = `
const browser = require("marketsplit");
const server = require("marketsplit/server");
let error;
try { browser.allocate("1", []); } catch (e) { error = { code: e.code, own: e instanceof server.MarketsplitError }; }
const plan = server.calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "100" }] });
console.log(JSON.stringify({ amount: plan.vendors[0].amount, error, oneClass: browser.MarketsplitError === server.MarketsplitError }));
`;

let dir;
let sim;
before(async () => {
  dir = writeFiles(path.join(consumer().project, "bun-deno"), { "main.mjs": ESM, "main.cjs": CJS, "server-check.mjs": SERVER_CHECK_MODULE });
  sim = await startSimulator();
});
after(() => sim?.close());

const runtimes = {
  bun: { binary: () => packagedBinary("@oven", "bun-linux-x64", "bin", "bun"), args: (file) => ["run", file] },
  // Deno may read the project and reach the simulator, nothing else.
  deno: { binary: () => packagedBinary("@deno", "linux-x64-glibc", "deno"), args: (file) => ["run", "--allow-read", "--allow-env", "--allow-net=127.0.0.1", file] },
};

for (const [name, runtime] of Object.entries(runtimes)) {
  describe(name, () => {
    const env = (extra) => quietEnv({ DENO_DIR: path.join(dir, ".deno"), BUN_INSTALL_CACHE_DIR: path.join(dir, ".bun"), ...extra });

    test(`${name}: ESM import of both entries, and marketsplit/server's fetch`, async () => {
      const orderId = `${name}_${Date.now()}`;
      const out = lastJson(await run(runtime.binary(), runtime.args("main.mjs"), { cwd: dir, env: env(simEnv(sim, orderId)), timeoutMs: 60_000 }));
      assert.deepEqual(out.browser, { marketplace: "4.00", oneClass: true, serverOnly: false });
      delete out.browser;
      assertServerChecked(out, sim, orderId);
    });

    test(`${name}: CommonJS require of both entries`, async () => {
      const out = lastJson(await run(runtime.binary(), runtime.args("main.cjs"), { cwd: dir, env: env(), timeoutMs: 60_000 }));
      assert.deepEqual(out, { amount: "100.00", error: { code: "EMPTY_RATIOS", own: true }, oneClass: true });
    });
  });
}
