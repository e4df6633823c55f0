// scripts/check/imports.mjs (run by `make test`) finds what it is there to find: a cycle between
// two files, a cycle between areas, and a core file importing a higher layer, each through the
// path forms the crate uses (`use` trees, `super::`, a re-export, a path through a child module).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const CHECK = path.join(import.meta.dirname, "..", "..", "scripts", "check", "imports.mjs");

function check(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imports-"));
  const src = path.join(dir, "src");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    fs.writeFileSync(path.join(src, name), text);
  }
  try {
    return { ok: true, out: execFileSync("node", [CHECK, "--src", src], { encoding: "utf8" }) };
  } catch (e) {
    return { ok: false, out: e.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const LIB = "pub mod error;\npub mod split;\npub mod juspay;\npub mod contract;\npub mod js;\npub use error::Error;\n";
const base = {
  "lib.rs": LIB,
  "error.rs": "pub struct Error;\n",
  "juspay/mod.rs": "pub mod details;\npub use details::MdrBorneBy;\n",
  "juspay/details.rs": "use crate::Error;\npub enum MdrBorneBy { A }\n",
  "split/mod.rs": "pub mod input;\npub mod checks;\n",
  "split/input.rs": "use crate::juspay::MdrBorneBy;\npub struct Input;\n",
  "split/checks.rs": "use super::input::Input;\n// use crate::js::nothing; (a comment is not an import)\nconst S: &str = \"crate::js::x\";\n",
  "contract/mod.rs": "use crate::split::input::Input;\n",
  "js/mod.rs": "use crate::{contract, split::{self, checks}};\n",
};

test("a tree whose imports point one way passes", () => {
  const r = check(base);
  assert.ok(r.ok, r.out);
  assert.match(r.out, /imports: ok/);
});

test("a cycle between two files fails, naming both and the lines", () => {
  const r = check({ ...base, "split/input.rs": base["split/input.rs"] + "fn f() { super::checks::g(); }\n" });
  assert.equal(r.ok, false);
  assert.match(r.out, /file cycle: src\/split\/checks\.rs <-> src\/split\/input\.rs/);
  assert.match(r.out, /src\/split\/input\.rs:3 -> src\/split\/checks\.rs/);
});

test("a cycle between areas fails, through a re-export", () => {
  const r = check({ ...base, "juspay/details.rs": base["juspay/details.rs"] + "fn f(_: crate::split::input::Input) {}\n" });
  assert.equal(r.ok, false);
  assert.match(r.out, /area cycle: juspay <-> split/);
});

test("a core file importing the contract, the server or the binding fails", () => {
  for (const target of ["crate::contract::x", "crate::js::y"]) {
    const r = check({ ...base, "error.rs": `pub struct Error;\nfn f() { ${target}(); }\n` });
    assert.equal(r.ok, false, target);
    assert.match(r.out, /upward import \(core -> (contract|binding)\): src\/error\.rs:2/);
  }
});

test("a file in a folder no layer names fails", () => {
  const r = check({ ...base, "extra/mod.rs": "pub fn f() {}\n" });
  assert.equal(r.ok, false);
  assert.match(r.out, /area "extra" has no layer/);
});
