// A Node server bundled by Rollup, with the two plugins every Rollup build of npm packages has
// (node-resolve with the `node` condition, commonjs) and nothing for marketsplit, in ESM and CJS,
// run from a copy of its output folder alone (see esbuild.test.mjs for the same with esbuild).

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import { SERVER_CHECK_MODULE, assertServerChecked, lastJson, quietEnv, requireTool, run, simEnv } from "./runtimes.mjs";

const SERVER = `
import * as server from "marketsplit/server";
import * as browser from "marketsplit";
import { serverCheck } from "./server-check.js";

serverCheck(server, process.env).then((out) => {
  out.oneClass = browser.MarketsplitError === server.MarketsplitError;
  console.log(JSON.stringify(out));
}, (e) => { console.error(e); process.exit(1); });
`;

let sim;
let src;
before(async () => {
  sim = await startSimulator();
  src = writeFiles(path.join(consumer().project, "rollup-app"), { "server.js": SERVER, "server-check.js": SERVER_CHECK_MODULE });
});
after(() => sim?.close());

for (const format of ["es", "cjs"]) {
  test(`rollup --format=${format}: the bundled server runs from its output folder alone`, async () => {
    const { rollup } = requireTool("rollup");
    const { nodeResolve } = requireTool("@rollup/plugin-node-resolve");
    const commonjs = requireTool("@rollup/plugin-commonjs");
    const bundle = await rollup({
      input: path.join(src, "server.js"),
      plugins: [nodeResolve({ exportConditions: ["node"], preferBuiltins: true }), commonjs()],
      onwarn: (warning, warn) => (warning.code === "CIRCULAR_DEPENDENCY" ? undefined : warn(warning)),
    });
    const file = path.join(src, `dist-${format}`, format === "es" ? "server.mjs" : "server.cjs");
    await bundle.write({ file, format });
    await bundle.close();
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), "marketsplit-rollup-"));
    try {
      fs.cpSync(path.dirname(file), alone, { recursive: true });
      assert.deepEqual(fs.readdirSync(alone), [path.basename(file)], "the bundle is one file");
      const orderId = `rollup_${format}_${Date.now()}`;
      const out = lastJson(await run(process.execPath, [path.join(alone, path.basename(file))], { cwd: alone, env: quietEnv(simEnv(sim, orderId)), timeoutMs: 60_000 }));
      assert.equal(out.oneClass, true, "marketsplit and marketsplit/server are one module instance");
      delete out.oneClass;
      assertServerChecked(out, sim, orderId);
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });
}
