// A user's project with the packed package installed from its tarball, as `npm install` would
// leave it. scripts/test_pkg.sh makes one for the whole run (MARKETSPLIT_CONSUMER); a test file
// run on its own makes its own from pkg/.
//
//   node tests/pkg/consumer.mjs    packs pkg/, installs it in a new temp project, prints its path

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = (name) => path.join(repo, "node_modules", ".bin", name);

export function createConsumer() {
  const pkgDir = path.join(repo, "pkg");
  if (!fs.existsSync(path.join(pkgDir, "package.json"))) {
    throw new Error("pkg/ is not built: run `make pkg` (scripts/pkg.sh) first");
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "marketsplit-consumer-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", root, pkgDir], { encoding: "utf8" }),
  );
  const tarball = path.join(root, packed[0].filename);
  const project = path.join(root, "project");
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  // The package has no dependencies, so installing its tarball needs no registry.
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], {
    cwd: project,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { project, tarball };
}

let cached;
/** `{ project, tarball }`: the run's shared consumer, or a new one. */
export function consumer() {
  if (!cached) {
    const project = process.env.MARKETSPLIT_CONSUMER;
    cached = project
      ? { project, tarball: process.env.MARKETSPLIT_TARBALL }
      : createConsumer();
  }
  return cached;
}

/** Writes `files` ({ relative path: text }) into a fresh folder of the consumer project. */
export function writeFiles(dir, files) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { project, tarball } = createConsumer();
  console.log(JSON.stringify({ project, tarball }));
}
