// Finds and loads the built package the way a user's `import "marketsplit"` would: through the
// `exports` map of pkg/package.json (what `make pkg` assembles), so the benchmark measures what is
// published, entry files included. Shared by the load test.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG_DIR = join(ROOT, 'pkg');
// The raw wasm-pack Node build (scripts/build.sh node), used only when pkg/ was never assembled,
// so the scripts can also run straight after a build during development.
const RAW_NODE_BUILD = join(ROOT, 'pkg-build', 'node', 'marketsplit.js');

export const IMPORT_CONDITIONS = ['node', 'import', 'default'];
export const REQUIRE_CONDITIONS = ['node', 'require', 'default'];

// Node's rule for conditional exports: the first key, in the object's own order, that is one of the
// active conditions wins; nested objects are resolved the same way.
function pickTarget(target, conditions) {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const found = pickTarget(t, conditions);
      if (found) return found;
    }
    return null;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (conditions.includes(key)) {
        const found = pickTarget(value, conditions);
        if (found) return found;
      }
    }
  }
  return null;
}

/**
 * The file that `subpath` ("." or "./server") of the package resolves to under `conditions`,
 * and where it came from. MARKETSPLIT_ENTRY overrides it (a path to a module file).
 */
export function resolveEntry(subpath = '.', conditions = IMPORT_CONDITIONS) {
  if (process.env.MARKETSPLIT_ENTRY) {
    return { file: resolve(process.env.MARKETSPLIT_ENTRY), source: 'MARKETSPLIT_ENTRY' };
  }
  const manifest = join(PKG_DIR, 'package.json');
  if (existsSync(manifest)) {
    const pj = JSON.parse(readFileSync(manifest, 'utf8'));
    let target = null;
    if (pj.exports !== undefined) {
      const isSubpathMap =
        pj.exports && typeof pj.exports === 'object' && !Array.isArray(pj.exports) &&
        Object.keys(pj.exports).some((k) => k.startsWith('.'));
      const entry = isSubpathMap ? pj.exports[subpath] : subpath === '.' ? pj.exports : undefined;
      target = pickTarget(entry, conditions);
    } else if (subpath === '.') {
      target = pj.main ?? 'index.js';
    }
    if (!target) throw new Error(`pkg/package.json exports no "${subpath}" for conditions ${conditions.join(', ')}`);
    return { file: join(PKG_DIR, target), source: `pkg/package.json exports["${subpath}"]` };
  }
  if (existsSync(RAW_NODE_BUILD)) {
    return { file: RAW_NODE_BUILD, source: 'pkg-build/node (pkg/ not assembled)' };
  }
  throw new Error('no built package: run `make pkg` (or `bash scripts/build.sh node`) first');
}

/** Loads the package entry with `import()`, waits for `init()`, and returns its exports. */
export async function loadPackage(subpath = '.') {
  const { file, source } = resolveEntry(subpath, IMPORT_CONDITIONS);
  const ns = await import(pathToFileURL(file).href);
  // A CommonJS entry imported from ESM puts module.exports on `default`; take the richer view.
  const api = ns.default && typeof ns.default === 'object' && 'allocate' in ns.default ? ns.default : ns;
  if (typeof api.init === 'function') await api.init();
  return { api, file, source };
}
