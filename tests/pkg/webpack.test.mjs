// A webpack 5 production build of a page that imports the packed package, with nothing configured
// but the entry and the output folder (no wasm experiment, no loader, no plugin): webpack must
// ship the .wasm as an asset from `new URL(…, import.meta.url)`, and a bare `await init()` of
// either entry must load it in Chromium. A `require("marketsplit")` in the same bundle must get the browser build,
// not the Node one (webpack sets the `require` condition for it, and `module` too).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import { CHECK_MODULE, PAGE_HTML, assertChecked, closeBrowser, pageResult, requireTool } from "./runtimes.mjs";

let app;
let web;
let stats;
before(async () => {
  app = writeFiles(path.join(consumer().project, "webpack-app"), {
    "main.js": `import * as m from "marketsplit";\nimport { check, report } from "./check.js";\nimport required from "./legacy.cjs";\n` +
      `report(m, check(m).then(async (out) => {\n` +
      `  out.sameModule = required.calculateSplit === m.calculateSplit;\n` +
      // marketsplit/server as a fetch-API runtime loads it (no `node` condition), in a chunk of its own.
      `  const server = await import("marketsplit/server");\n` +
      `  await server.init();\n` +
      `  const answer = await server.createProxyHandler({})(new Request(new URL("/no/such/route", location.href), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));\n` +
      `  out.server = { status: answer.status, code: (await answer.json()).error.code, signature: server.verifyJuspaySignature({ order_id: "o", signature: "x" }, "k") };\n` +
      `  return out;\n` +
      `}));\n`,
    // The CommonJS way in, as older code has it: it must get the same browser build.
    "legacy.cjs": `module.exports = require("marketsplit");\n`,
    "check.js": CHECK_MODULE,
    "index.html": PAGE_HTML("./dist/main.js", ""),
  });
  fs.rmSync(path.join(app, "dist"), { recursive: true, force: true });
  const webpack = requireTool("webpack");
  stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: app, entry: "./main.js", output: { path: path.join(app, "dist"), filename: "main.js" } }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  web = await serveFetch(async () => new Response("not found", { status: 404 }), { static: app });
});
after(async () => {
  await closeBrowser();
  await web?.close();
});

test("webpack builds with no configuration and ships the .wasm as an asset", () => {
  assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
  const files = fs.readdirSync(path.join(app, "dist"));
  // One for the browser build, one for the fetch-API server build loaded by import().
  assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 2, `dist: ${files}`);
  const bundle = fs.readFileSync(path.join(app, "dist", "main.js"), "utf8");
  assert.ok(!/AGFzbQ/.test(bundle), "the wasm is not inlined into the script");
  assert.ok(!bundle.includes("decodeBase64"), "the Node build is not in the browser bundle");
});

test("the webpack page loads both entries' wasm in Chromium with a bare init()", async () => {
  const { result, errors } = await pageResult(`${web.url}/index.html`);
  assert.equal(result.sameModule, true, "require() and import give the same browser build");
  assert.deepEqual(result.server, { status: 404, code: "NOT_FOUND", signature: false }, "marketsplit/server in the page");
  delete result.sameModule;
  delete result.server;
  assertChecked(result, errors);
});
