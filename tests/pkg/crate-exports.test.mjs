// The crate's own `wasm-pack build --target nodejs -- --features server` (pkg-build/node, which
// scripts/pkg.sh builds and copies before making it one file) exports every function and class of
// API.md, MarketsplitError and ProxyClient included. The build without features is checked by
// scripts/test_wasm.sh, which makes it.

import { test } from "node:test";
import path from "node:path";
import { checkCrateExports } from "./crate-exports.mjs";
import { repo } from "./consumer.mjs";

test("wasm-pack's nodejs build of the crate with --features server exports the whole API by itself", () => {
  checkCrateExports("server", path.join(repo, "pkg-build", "node", "marketsplit.js"));
});
