// "The whole API lives in the crate" (API.md): `wasm-pack build --target nodejs` of the crate
// exports every function and class of the contract by itself, `init` aside, and with
// `--features server` the server section too. Checks one such build's glue, as it is.
//
//   node tests/pkg/crate-exports.mjs browser|server <path of the glue's marketsplit.js>
// scripts/test_wasm.sh runs it on its build without features; crate-exports.test.mjs on
// pkg-build/node (the server feature).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** API.md's names, by section (redisTokenStore and postgresTokenStore may live in the package). */
export const BROWSER_API = ["MarketsplitError", "allocate", "calculateSplit", "juspaySplitMetadata", "validateJuspaySplit", "SettlementLedger", "orderStatus", "ProxyClient"];
export const SERVER_API = ["JuspayClient", "InstamojoClient", "createProxyHandler", "verifyInstamojoWebhook", "verifyJuspaySignature"];

export function checkCrateExports(kind, glueFile) {
  const glue = createRequire(import.meta.url)(path.resolve(glueFile));
  const expected = kind === "server" ? [...BROWSER_API, ...SERVER_API] : BROWSER_API;
  const missing = expected.filter((name) => typeof glue[name] !== "function");
  assert.deepEqual(missing, [], `${glueFile} does not export ${missing.join(", ")}`);
  if (kind !== "server") {
    const extra = SERVER_API.filter((name) => name in glue);
    assert.deepEqual(extra, [], `the build without the server feature exports ${extra.join(", ")}`);
  }

  // MarketsplitError is the class the library throws, a real Error subclass.
  const { MarketsplitError } = glue;
  const made = new MarketsplitError("SUM_MISMATCH", "vendors", "vendors sum to 90.00 but the order is 100.00");
  assert.ok(made instanceof Error && made instanceof MarketsplitError);
  assert.deepEqual([made.name, made.code, made.path, made.message], ["MarketsplitError", "SUM_MISMATCH", "vendors", "vendors sum to 90.00 but the order is 100.00"]);
  assert.throws(() => glue.allocate("1.001", [1]), (e) => e instanceof MarketsplitError && e.code === "TOO_MANY_DECIMALS" && e.path === "total");

  // ProxyClient is the contract's: it refuses a secret with the same class.
  assert.throws(() => new glue.ProxyClient({ baseUrl: "/api", apiKey: "sk_live" }), (e) => e instanceof MarketsplitError && e.code === "INVALID_OPTION");
  const client = new glue.ProxyClient({ baseUrl: "/api" });
  assert.equal(typeof client.juspay.createOrder, "function");
  assert.equal(typeof client.instamojo.settle, "function");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [kind, file] = process.argv.slice(2);
  if (!["browser", "server"].includes(kind) || !file) {
    console.error("usage: node tests/pkg/crate-exports.mjs browser|server <marketsplit.js>");
    process.exit(2);
  }
  checkCrateExports(kind, file);
  console.log(`crate exports (${kind}): every name of API.md is exported by ${file}`);
}
