// Cold start: what a fresh process pays before its first result (compiling and instantiating the
// wasm, the entry files), measured in child processes since a warm process cannot show it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './measure.mjs';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'cold-child.cjs');

/**
 * Runs `runs` fresh `node` processes that load `entry` and call `allocate` once. Returns the median
 * and every run of: load → first result (inside the child), node start → first result (inside the
 * child), and spawn → exit (seen from here).
 */
export function coldStart(entry, { runs = 9 } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [CHILD, entry], { encoding: 'utf8', timeout: 60_000 });
    const wallMs = performance.now() - t0;
    if (child.status !== 0) {
      throw new Error(`cold-start child failed (status ${child.status}): ${child.stderr || child.error}`);
    }
    samples.push({ ...JSON.parse(child.stdout.trim().split('\n').pop()), spawnToExitMs: wallMs });
  }
  const pick = (key) => samples.map((s) => s[key]);
  return {
    runs,
    loadToResultMs: median(pick('loadToResultMs')),
    processStartToResultMs: median(pick('processStartToResultMs')),
    spawnToExitMs: median(pick('spawnToExitMs')),
    samples,
  };
}
