// The probe (scripts/probe: serde + serde-wasm-bindgen + rust_decimal) against marketsplit's built
// package, in one run: speed of `allocate` and `calculateSplit` (interleaved runs, medians), and
// what each accepts. Run by scripts/probe/run.sh after it builds the probe.
//
//   node scripts/probe/compare.mjs           7 runs of >= 200 ms per case
//   node scripts/probe/compare.mjs --quick   3 runs of >= 50 ms
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { splitInput, ratios } from '../bench/inputs.mjs';
import { measure } from '../bench/measure.mjs';
import { loadPackage } from '../bench/package.mjs';

const quick = process.argv.includes('--quick');
const options = quick ? { runs: 3, minMs: 50, warmupMs: 50 } : { runs: 7, minMs: 200, warmupMs: 300 };
const probe = createRequire(import.meta.url)('./target/pkg/nodejs/probe.js');
const { api } = await loadPackage('.');
const plain = (value) => JSON.parse(JSON.stringify(value));

// ---- speed --------------------------------------------------------------------------------------

const cases = [];
for (const n of [10, 1000]) {
  const r = ratios(n);
  const sum = (shares) => shares.reduce((s, x) => s + Math.round(Number(x) * 100), 0);
  assert.equal(sum(probe.allocate('1234.56', r)), 123456, `probe allocate over ${n} ratios`);
  assert.deepEqual(probe.allocate('1234.56', r), api.allocate('1234.56', r), `the same shares over ${n} ratios`);
  cases.push({ name: `allocate, ${n} ratios`, ours: () => api.allocate('1234.56', r), probe: () => probe.allocate('1234.56', r) });
}
for (const n of [1, 10, 100]) {
  const input = splitInput(n);
  assert.deepEqual(plain(probe.calculateSplit(input)), plain(api.calculateSplit(input)), `the same plan for ${n} vendors`);
  cases.push({ name: `calculateSplit, ${n} vendor${n === 1 ? '' : 's'}`, ours: () => api.calculateSplit(input), probe: () => probe.calculateSplit(input) });
}

const rows = [];
for (const c of cases) {
  const m = measure({ ours: c.ours, probe: c.probe }, options);
  rows.push([c.name, Math.round(m.ours.opsPerSec), Math.round(m.probe.opsPerSec), m.ours.opsPerSec / m.probe.opsPerSec]);
}
console.log(`\n${options.runs} interleaved runs of >= ${options.minMs} ms per side; medians (ops/s)\n`);
console.log(`${'case'.padEnd(26)} ${'marketsplit'.padStart(12)} ${'probe'.padStart(12)}  marketsplit / probe`);
for (const [name, ours, theirs, ratio] of rows) {
  console.log(`${name.padEnd(26)} ${ours.toLocaleString('en-US').padStart(12)} ${theirs.toLocaleString('en-US').padStart(12)}  ${ratio.toFixed(2)}x`);
}

// ---- what each accepts --------------------------------------------------------------------------

const outcome = (fn) => {
  try {
    const value = fn();
    return `accepted: ${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 60)}`;
  } catch (e) {
    return `refused ${e.code ?? e.name}${e.path ? ` at ${e.path}` : ''}: ${String(e.message).slice(0, 70)}`;
  }
};
const badVendor = splitInput(2);
badVendor.vendors[1].amount = true;
const withFunction = splitInput(1);
withFunction.vendors[0].commission.note = () => 'not JSON';
const asMap = new Map(Object.entries(splitInput(1)));
const probes = [
  ['allocate("100", new Set([1, 2]))', (f) => f.allocate('100', new Set([1, 2]))],
  ['allocate(100n, [1, 2])', (f) => f.allocate(100n, [1, 2])],
  ['allocate("100", [1n, 2n])', (f) => f.allocate('100', [1n, 2n])],
  ['calculateSplit(input as a Map)', (f) => f.calculateSplit(asMap)],
  ['calculateSplit: a function member', (f) => f.calculateSplit(withFunction)],
  ['calculateSplit: vendors[1].amount = true', (f) => f.calculateSplit(badVendor)],
];
console.log('\nwhat each accepts');
for (const [what, call] of probes) {
  console.log(`${what}\n  marketsplit: ${outcome(() => call(api))}\n  probe:       ${outcome(() => call(probe))}`);
}
