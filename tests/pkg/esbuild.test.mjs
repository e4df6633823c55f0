// esbuild, as users run it on the packed package with no plugin:
// - a Node server bundled for Lambda-style deploys (ESM and CJS), run from a copy of its output
//   folder alone: no file of the package may be read at run time, no computed require followed;
// - a browser build, which does not ship the .wasm (esbuild does not follow
//   `new URL(…, import.meta.url)`): a bare `await init()` must reject with INIT_FAILED saying what to
//   do, and the README's one-line recipe (import "marketsplit/web.wasm" with the file loader) must
//   work in Chromium.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import {
  CHECK_MODULE, PAGE_HTML, SERVER_CHECK_MODULE, assertChecked, assertServerChecked, closeBrowser, lastJson, pageResult,
  quietEnv, readmeRecipe, requireTool, run, simEnv,
} from "./runtimes.mjs";

let app;
let esbuild;
before(() => {
  app = path.join(consumer().project, "esbuild-app");
  fs.rmSync(app, { recursive: true, force: true });
  esbuild = requireTool("esbuild");
});
after(async () => {
  await closeBrowser();
  // esbuild's service process would keep this file's process alive for a while.
  await esbuild?.stop();
});

describe("a Node server bundled by esbuild runs from its output folder alone", () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim?.close());

  const server = `
import * as server from "marketsplit/server";
import * as browser from "marketsplit";
import { serverCheck } from "./server-check.js";

serverCheck(server, process.env).then((out) => {
  out.oneClass = browser.MarketsplitError === server.MarketsplitError;
  console.log(JSON.stringify(out));
}, (e) => { console.error(e); process.exit(1); });
`;

  for (const format of ["esm", "cjs"]) {
    test(`--platform=node --format=${format}`, async () => {
      const src = writeFiles(path.join(app, `node-${format}`), { "server.js": server, "server-check.js": SERVER_CHECK_MODULE });
      const outfile = path.join(src, "dist", format === "esm" ? "server.mjs" : "server.cjs");
      await esbuild.build({ entryPoints: [path.join(src, "server.js")], bundle: true, platform: "node", format, outfile, logLevel: "silent" });
      // The output folder, copied where no node_modules and no package file can be found.
      const alone = fs.mkdtempSync(path.join(os.tmpdir(), "marketsplit-esbuild-"));
      try {
        fs.cpSync(path.dirname(outfile), alone, { recursive: true });
        assert.deepEqual(fs.readdirSync(alone), [path.basename(outfile)], "the bundle is one file");
        const orderId = `esbuild_${format}_${Date.now()}`;
        const output = await run(process.execPath, [path.join(alone, path.basename(outfile))], { cwd: alone, env: quietEnv(simEnv(sim, orderId)), timeoutMs: 60_000 });
        const out = lastJson(output);
        assert.equal(out.oneClass, true, "marketsplit and marketsplit/server are one module instance");
        delete out.oneClass;
        assertServerChecked(out, sim, orderId);
      } finally {
        fs.rmSync(alone, { recursive: true, force: true });
      }
    });
  }
});

describe("esbuild for the browser", () => {
  let web;
  before(async () => {
    web = await serveFetch(async () => new Response("not found", { status: 404 }), { static: app });
  });
  after(() => web?.close());

  const build = async (name, main, options) => {
    const dir = writeFiles(path.join(app, name), { "main.js": main, "check.js": CHECK_MODULE, "index.html": PAGE_HTML("./dist/main.js", options.format === "esm" ? "module" : "") });
    await esbuild.build({ entryPoints: [path.join(dir, "main.js")], bundle: true, outdir: path.join(dir, "dist"), logLevel: "silent", ...options });
    return dir;
  };

  test("a bare init() rejects with INIT_FAILED naming the URL it tried and the recipe", async () => {
    const main = `import * as m from "marketsplit";\nimport { check, report } from "./check.js";\nreport(m, check(m));\n`;
    await build("browser-bare", main, { format: "esm" });
    const { result } = await pageResult(`${web.url}/browser-bare/index.html`);
    assert.equal(result.failed?.code, "INIT_FAILED", JSON.stringify(result));
    assert.equal(result.failed.own, true, "a MarketsplitError");
    assert.equal(result.failed.isError, true);
    assert.ok(result.failed.message.includes(`${web.url}/browser-bare/dist/marketsplit_bg.wasm`), result.failed.message);
    assert.match(result.failed.message, /marketsplit\/web\.wasm/);
    assert.match(result.failed.message, /bytes, a Response or a compiled WebAssembly\.Module/);
  });

  test("an IIFE bundle (no import.meta.url) rejects with INIT_FAILED too, not a TypeError", async () => {
    const main = `import * as m from "marketsplit";\nimport { check, report } from "./check.js";\nreport(m, check(m));\n`;
    await build("browser-iife", main, { format: "iife" });
    const { result } = await pageResult(`${web.url}/browser-iife/index.html`);
    assert.equal(result.failed?.code, "INIT_FAILED", JSON.stringify(result));
    assert.equal(result.failed.own, true);
    assert.match(result.failed.message, /import\.meta\.url/);
    assert.match(result.failed.message, /marketsplit\/web\.wasm/);
  });

  test("the README's recipe (the .wasm imported with the file loader) runs in Chromium", async () => {
    const recipe = readmeRecipe("esbuild-browser");
    assert.match(recipe, /import wasm from "marketsplit\/web\.wasm";/);
    assert.match(recipe, /--loader:\.wasm=file/);
    // The recipe as written, then the page's checks on top of it.
    const main = `${recipe}\nimport * as m from "marketsplit";\nimport { check, report } from "./check.js";\nreport(m, check(m, wasm));\n`;
    const dir = await build("browser-recipe", main, { format: "esm", loader: { ".wasm": "file" } });
    assert.ok(fs.readdirSync(path.join(dir, "dist")).some((f) => f.endsWith(".wasm")), "the .wasm is emitted");
    const { result, errors } = await pageResult(`${web.url}/browser-recipe/index.html`);
    assertChecked(result, errors, { initialised: true });
  });
});
