// Operations per second of functions: warm up (so the JIT and the wasm tiers settle), then
// several timed runs of at least `minMs` each; the median run is the figure, so one GC pause or a
// neighbour's burst on a shared core does not decide a comparison.
import { performance } from 'node:perf_hooks';

// Results are folded into this so no engine can drop a call whose value is never used.
let sink = 0;
export function consume(value) {
  sink = (sink + (typeof value === 'string' ? value.length : Array.isArray(value) ? value.length : 1)) | 0;
}
export function sinkValue() {
  return sink;
}

function timeFor(fn, minMs) {
  // Batches keep the clock reads out of the measured cost; the batch grows until one takes ~1 ms.
  let batch = 1;
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) consume(fn());
    ops += batch;
    now = performance.now();
    if (now - t < 1 && batch < 1 << 20) batch *= 2;
  }
  return { ops, ms: now - start };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Measures each function of `fns` (`{ name: fn }`): `{ name: { opsPerSec, runs } }`, `runs` being
 * the ops/s of each timed run. The runs of the functions are interleaved (a1 b1 a2 b2 …) so that a
 * slow spell of the machine, shared with builds, weighs on both sides of a comparison alike.
 * Options: `runs` (default 7), `minMs` per run (default 200), `warmupMs` per function (default 300).
 */
export function measure(fns, { runs = 7, minMs = 200, warmupMs = 300 } = {}) {
  const names = Object.keys(fns);
  for (const name of names) timeFor(fns[name], warmupMs);
  const perRun = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const { ops, ms } = timeFor(fns[name], minMs);
      perRun[name].push((ops * 1000) / ms);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { opsPerSec: median(perRun[n]), runs: perRun[n] }]));
}
