// The packed package as Node users load it: ESM import, CommonJS require, both entries, one
// module instance, and the browser entry's NOT_INITIALIZED before init.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { consumer, writeFiles } from "./consumer.mjs";

const SERVER_ONLY = ["JuspayClient", "InstamojoClient", "createProxyHandler", "verifyInstamojoWebhook", "verifyJuspaySignature", "redisTokenStore", "postgresTokenStore"];
// Thin JS over the caller's database client (stores/), in every server entry only, through the
// JS-only part of marketsplit/server (server-extras.js).
const STORES = ["redisTokenStore", "postgresTokenStore"];
const extrasNames = () => Object.keys(createRequire(path.join(installed, "package.json"))("./node/server-extras.cjs")).sort();

let project;
let installed;
before(() => {
  ({ project } = consumer());
  installed = path.join(project, "node_modules", "marketsplit");
});

/** Runs a script file in the consumer project and returns what it printed as JSON. */
function run(name, source) {
  const dir = writeFiles(path.join(project, "node-test"), { [name]: source });
  const out = execFileSync(process.execPath, [path.join(dir, name)], { cwd: project, encoding: "utf8" });
  return JSON.parse(out);
}

/** The names a build's API has, loader aside, as its shipped `.d.ts` declares them (the web
 * builds' glue is bundled into their entry); the entries are then loaded and held to that list.
 * MarketsplitError and the ProxyClient classes are JS the glue re-exports, declared there too. */
function glueNames(build) {
  const types = fs.readFileSync(path.join(installed, build, "marketsplit.d.ts"), "utf8");
  const names = [...types.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  const loader = new Set(["default", "initSync", "__wasm"]);
  return [...new Set(names)].filter((name) => !loader.has(name) && !name.startsWith("__wbg")).sort();
}

const useApi = `
  const plan = m.calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "60" }, { subMid: "b", amount: "40", commission: { percent: 10 } }] });
  let error;
  try { m.allocate("1.001", [1]); } catch (e) { error = { code: e.code, path: e.path, isError: e instanceof Error, isOwn: e instanceof m.MarketsplitError, name: e.name }; }
`;
const report = `JSON.stringify({ names: Object.keys(m).sort(), init: await m.init(), again: await m.init(), plan, error })`;

describe("Node ESM", () => {
  test("import 'marketsplit' gives the browser-safe API, ready after init()", () => {
    const out = run("esm.mjs", `import * as m from "marketsplit";\n${useApi}\nconsole.log(${report});`);
    for (const name of SERVER_ONLY) assert.ok(!out.names.includes(name), `${name} must not be in "marketsplit"`);
    assert.ok(out.names.includes("init") && out.names.includes("calculateSplit") && out.names.includes("ProxyClient"));
    assert.equal(out.init, undefined);
    assert.deepEqual(out.plan.vendors.map((v) => v.amount), ["60.00", "36.00"]);
    assert.equal(out.plan.marketplace.amount, "4.00");
    assert.deepEqual(out.error, { code: "TOO_MANY_DECIMALS", path: "total", isError: true, isOwn: true, name: "MarketsplitError" });
  });

  test("import 'marketsplit/server' adds the server API", () => {
    const out = run("esm-server.mjs", `import * as m from "marketsplit/server";\n${useApi}\nconsole.log(${report});`);
    for (const name of SERVER_ONLY) assert.ok(out.names.includes(name), `${name} must be in "marketsplit/server"`);
    assert.equal(out.error.code, "TOO_MANY_DECIMALS");
    assert.equal(out.plan.marketplace.amount, "4.00");
  });
});

describe("Node CommonJS", () => {
  const cjs = (entry) => `
    const m = require("${entry}");
    (async () => {
      ${useApi}
      console.log(${report});
    })();`;

  test("require('marketsplit') gives the browser-safe API", () => {
    const out = run("cjs.cjs", cjs("marketsplit"));
    for (const name of SERVER_ONLY) assert.ok(!out.names.includes(name));
    assert.deepEqual(out.plan.vendors.map((v) => v.amount), ["60.00", "36.00"]);
    assert.equal(out.error.isOwn, true);
    assert.equal(out.error.isError, true);
  });

  test("require('marketsplit/server') adds the server API", () => {
    const out = run("cjs-server.cjs", cjs("marketsplit/server"));
    for (const name of SERVER_ONLY) assert.ok(out.names.includes(name));
    assert.equal(out.plan.marketplace.amount, "4.00");
  });
});

test("both entries, imported and required, are one module instance", () => {
  const out = run(
    "instance.mjs",
    `import { createRequire } from "node:module";
     import * as browser from "marketsplit";
     import * as server from "marketsplit/server";
     const require = createRequire(import.meta.url);
     const cjsBrowser = require("marketsplit");
     const cjsServer = require("marketsplit/server");
     let thrownByServer;
     try { server.calculateSplit({ orderAmount: "100", vendors: [] }); } catch (e) { thrownByServer = e; }
     const same = [server.MarketsplitError, cjsBrowser.MarketsplitError, cjsServer.MarketsplitError].every((c) => c === browser.MarketsplitError);
     const ledger = cjsServer.SettlementLedger.fromJSON(new browser.SettlementLedger({ paymentId: "p", amount: "10" }).toJSON());
     console.log(JSON.stringify({
       same,
       sameFunction: server.calculateSplit === browser.calculateSplit && cjsBrowser.allocate === server.allocate,
       code: thrownByServer.code,
       crossInstanceof: thrownByServer instanceof cjsBrowser.MarketsplitError && thrownByServer instanceof browser.MarketsplitError,
       ledgerInstanceof: ledger instanceof browser.SettlementLedger,
     }));`,
  );
  assert.deepEqual(out, { same: true, sameFunction: true, code: "EMPTY_SPLIT", crossInstanceof: true, ledgerInstanceof: true });
});

test("the entries export exactly what the builds export, plus init", () => {
  const web = glueNames("web");
  const node = glueNames("node");
  const browserEntry = run("names.mjs", `import * as m from "marketsplit"; console.log(JSON.stringify(Object.keys(m)));`);
  const serverEntry = run("names-server.cjs", `console.log(JSON.stringify(Object.keys(require("marketsplit/server"))));`);
  const extras = extrasNames();
  assert.deepEqual(extras, [...STORES].sort(), "the server entries' JS-only part is the token stores");
  for (const name of ["MarketsplitError", "ProxyClient", "ProxyJuspay", "ProxyInstamojo"]) assert.ok(web.includes(name), `the glue exports ${name}`);
  assert.deepEqual([...browserEntry].sort(), [...web, "init"].sort(), "marketsplit in Node = the browser build's API");
  assert.deepEqual([...serverEntry].sort(), [...node, ...extras, "init"].sort(), "marketsplit/server = the whole node build and the extras");
  for (const name of SERVER_ONLY.filter((n) => !STORES.includes(n))) assert.ok(node.includes(name), `the node build exports ${name}`);
  const serverWeb = glueNames("server-web");
  assert.deepEqual(serverWeb, node, "the fetch-API server build has the same API as the node build");
  // The web entries' exports, read by importing them (their code is minified); nothing is
  // loaded before init().
  const url = (dir) => JSON.stringify(pathToFileURL(path.join(installed, dir, "index.js")).href);
  const webNames = run("names-web.mjs", `import * as m from ${url("web")}; console.log(JSON.stringify(Object.keys(m)));`);
  const serverWebNames = run("names-server-web.mjs", `import * as m from ${url("server-web")}; console.log(JSON.stringify(Object.keys(m)));`);
  assert.deepEqual([...webNames].sort(), [...web, "init"].sort(), "web/index.js exports the browser build's API and init");
  assert.deepEqual([...serverWebNames].sort(), [...node, ...extras, "init"].sort(), "server-web/index.js exports the whole server API, the extras and init");
});

describe("browser entry before init()", () => {
  // The web build's init() fetches its .wasm, which Node cannot do from a file: URL; the Vite
  // test runs it after init() in Chromium. Here: what a call before init() does.
  test("every call throws MarketsplitError NOT_INITIALIZED, an Error with a stack", () => {
    const out = run(
      "web-before-init.mjs",
      `import * as m from ${JSON.stringify(pathToFileURL(path.join(installed, "web", "index.js")).href)};

      const attempt = (f) => { try { f(); return null; } catch (e) {
        return { code: e.code, path: e.path, message: e.message, name: e.name, isError: e instanceof Error,
                 isOwn: e instanceof m.MarketsplitError, stack: typeof e.stack === "string" && e.stack.includes("not initialized") }; } };
      console.log(JSON.stringify([
        attempt(() => m.allocate("100", [1, 1])),
        attempt(() => m.calculateSplit({ orderAmount: "1", vendors: [] })),
        attempt(() => new m.SettlementLedger({ paymentId: "p", amount: "10" })),
        attempt(() => m.SettlementLedger.fromJSON("{}")),
        attempt(() => new m.ProxyClient({ baseUrl: "/api" })),
        attempt(() => m.orderStatus("CHARGED")),
      ]));`,
    );
    assert.equal(out.length, 6);
    for (const error of out) {
      assert.ok(error, "a call before init() must throw");
      assert.equal(error.code, "NOT_INITIALIZED");
      assert.equal(error.path, "");
      assert.equal(error.name, "MarketsplitError");
      assert.match(error.message, /init\(\)/);
      assert.equal(error.isError, true);
      assert.equal(error.isOwn, true);
      assert.equal(error.stack, true);
    }
  });
});

describe("init() that cannot load the module", () => {
  // In Node the web entry's default, a file: URL beside it, cannot be fetched: that is one way to
  // fail; bytes that are not wasm are another. Each must be INIT_FAILED, saying what was tried and
  // how to pass the module, and a later init() with the right module must still work.
  test("rejects with MarketsplitError INIT_FAILED naming what it tried, and may be retried", () => {
    const entry = (dir) => JSON.stringify(pathToFileURL(path.join(installed, dir, "index.js")).href);
    const wasm = (dir) => JSON.stringify(path.join(installed, dir, "marketsplit_bg.wasm"));
    const out = run(
      "init-failed.mjs",
      `import fs from "node:fs";
      import * as web from ${entry("web")};
      import * as server from ${entry("server-web")};
      const attempt = async (m, arg) => { try { await m.init(arg); return null; } catch (e) {
        return { code: e.code, own: e instanceof m.MarketsplitError, isError: e instanceof Error, message: e.message }; } };
      const out = {
        bare: await attempt(web),
        bytes: await attempt(web, new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])),
        url: await attempt(server, "http://127.0.0.1:9/nowhere/marketsplit_bg.wasm"),
      };
      out.retried = await attempt(web, fs.readFileSync(${wasm("web")}));
      out.works = web.allocate("10", [1, 1]);
      console.log(JSON.stringify(out));`,
    );
    const beside = pathToFileURL(path.join(installed, "web", "marketsplit_bg.wasm")).href;
    for (const [name, failure] of Object.entries({ bare: out.bare, bytes: out.bytes, url: out.url })) {
      assert.equal(failure?.code, "INIT_FAILED", `${name}: ${JSON.stringify(failure)}`);
      assert.equal(failure.own, true);
      assert.equal(failure.isError, true);
      assert.match(failure.message, /Pass the module to init\(\): its URL, bytes, a Response or a compiled WebAssembly\.Module/);
    }
    assert.ok(out.bare.message.includes(`could not load ${beside}`), out.bare.message);
    assert.match(out.bare.message, /marketsplit\/web\.wasm/);
    assert.match(out.bytes.message, /could not load the module given/);
    assert.ok(out.url.message.includes("could not load http://127.0.0.1:9/nowhere/marketsplit_bg.wasm"), out.url.message);
    assert.match(out.url.message, /marketsplit\/server\.wasm/);
    assert.equal(out.retried, null, "a failed init() does not stick");
    assert.deepEqual(out.works, ["5.00", "5.00"]);
  });
});

test("the tarball holds exactly the package's files", () => {
  const { tarball } = consumer();
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
  const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""))
    .sort();
  // A folder in `files` (the glue's snippets/) ships what it holds, and only .js files.
  const folders = manifest.files.filter((f) => f.endsWith("/"));
  const expected = manifest.files.filter((f) => !f.endsWith("/"));
  for (const folder of folders) {
    const inside = listed.filter((f) => f.startsWith(folder));
    assert.ok(inside.every((f) => f.endsWith(".js")), `${folder} holds only scripts: ${inside}`);
    expected.push(...inside);
  }
  assert.deepEqual(listed, [...expected, "package.json", "README.md"].sort());
  // Every file the exports map names is in it.
  const targets = [];
  const walk = (value) => (typeof value === "string" ? targets.push(value) : Object.values(value).forEach(walk));
  walk(manifest.exports);
  for (const target of targets) assert.ok(fs.existsSync(path.join(installed, target)), `${target} is shipped`);
  assert.equal(JSON.parse(fs.readFileSync(path.join(installed, "node", "package.json"), "utf8")).type, "commonjs");
});
