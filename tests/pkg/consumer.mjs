// A user's project with the packed package installed from its tarball, as `npm install` would
// leave it. scripts/test_pkg.sh makes one for the whole run (MARKETSPLIT_CONSUMER); a test file
// run on its own makes its own from pkg/.
//
// The project is made inside the folder of the pinned tools (scripts/lib/pkg-tools.sh: Next.js,
// wrangler, esbuild, webpack, Jest, Bun, Deno), so that they resolve from it as they would from a
// user's node_modules; it has no lock file of its own, so Next.js takes that folder as its root.
//
//   node tests/pkg/consumer.mjs    packs pkg/, installs it in a new project, prints its path
//   MARKETSPLIT_PKG=<dir>          packs that folder instead of pkg/ (an older build, say)

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = (name) => path.join(repo, "node_modules", ".bin", name);

let toolsDir;
/** The folder of the installed tools (installed now if this lock file never was). */
export function tools() {
  toolsDir ??=
    process.env.MARKETSPLIT_TOOLS ||
    execFileSync("bash", [path.join(repo, "scripts", "lib", "pkg-tools.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return toolsDir;
}

export function createConsumer() {
  const pkgDir = process.env.MARKETSPLIT_PKG ? path.resolve(process.env.MARKETSPLIT_PKG) : path.join(repo, "pkg");
  if (!fs.existsSync(path.join(pkgDir, "package.json"))) {
    throw new Error(`${pkgDir} is not built: run \`make pkg\` (scripts/pkg.sh) first`);
  }
  const runs = path.join(tools(), "runs");
  fs.mkdirSync(runs, { recursive: true });
  const root = fs.mkdtempSync(path.join(runs, "consumer-"));
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
  execFileSync("npm", ["install", "--offline", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball], {
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
    if (project) {
      cached = { project, tarball: process.env.MARKETSPLIT_TARBALL };
    } else {
      // A consumer of this process alone goes with it.
      cached = createConsumer();
      const root = path.dirname(cached.project);
      process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
    }
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
