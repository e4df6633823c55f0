// Run in a fresh `node` by cold-start.mjs: loads the package entry given as argv[2], calls
// `allocate` once, and prints the timings as one JSON line. CommonJS so that `require` is the
// loader, as it is for a CommonJS user of the package.
'use strict';
const { performance } = require('node:perf_hooks');
const { pathToFileURL } = require('node:url');

async function main() {
  const entry = process.argv[2];
  const t0 = performance.now();
  let api;
  try {
    api = require(entry);
  } catch (e) {
    // An ESM-only entry cannot be required on this Node: load it the way such a user would.
    if (e && e.code !== 'ERR_REQUIRE_ESM') throw e;
    const ns = await import(pathToFileURL(entry).href);
    api = ns.default && typeof ns.default === 'object' && 'allocate' in ns.default ? ns.default : ns;
  }
  if (typeof api.init === 'function') await api.init();
  const shares = api.allocate('1234.56', [1, 1, 1]);
  const t1 = performance.now();
  if (!Array.isArray(shares) || shares.join(',') !== '411.52,411.52,411.52') {
    throw new Error(`unexpected first allocate result: ${JSON.stringify(shares)}`);
  }
  // performance.now() counts from the process's time origin, so t1 is also "node start → result".
  process.stdout.write(JSON.stringify({ loadToResultMs: t1 - t0, processStartToResultMs: t1 }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + '\n');
  process.exit(1);
});
