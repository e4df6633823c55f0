// `make bench`: marketsplit's public API against the JavaScript a marketplace would otherwise write
// (dinero.js for allocation, decimal.js for the split calculator, a JSON round trip as the floor
// for the validator), plus cold start. Prints a table and writes tests/out/bench.json.
//
//   node scripts/bench/run.mjs            7 runs of >= 200 ms per case (the figures to quote)
//   node scripts/bench/run.mjs --quick    3 runs of >= 50 ms, to check the script itself
//   BENCH_STRICT=1 ...                    exit 1 when a target is missed (it always does on a wrong result)
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { allocate as dineroAllocate, dinero, toDecimal } from 'dinero.js';
import { INR } from 'dinero.js/currencies';
import { coldStart } from './cold-start.mjs';
import { decimalCalculateSplit } from './decimal-split.mjs';
import { juspayDetails, ratios, splitInput } from './inputs.mjs';
import { measure, sinkValue } from './measure.mjs';
import { loadPackage, REQUIRE_CONDITIONS, resolveEntry, ROOT } from './package.mjs';

const quick = process.argv.includes('--quick');
const options = quick ? { runs: 3, minMs: 50, warmupMs: 50 } : { runs: 7, minMs: 200, warmupMs: 300 };
const coldRuns = quick ? 3 : 9;

const { api, file, source } = await loadPackage('.');
const { allocate, calculateSplit, validateJuspaySplit } = api;

const paiseOf = (text) => {
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};
// Values from the wasm side and from plain JS compared as JSON data, whatever their prototypes.
const plain = (value) => JSON.parse(JSON.stringify(value));

// ---- cases --------------------------------------------------------------------------------------

const TOTAL = '1234.56';
const cases = [];

for (const n of [2, 10, 100, 1000]) {
  const r = ratios(n);
  const ours = allocate(TOTAL, r);
  const theirs = dineroAllocate(dinero({ amount: 123456, currency: INR }), r).map((d) => toDecimal(d));
  // Both must be n two-decimal strings summing to the total (the algorithms differ on which share
  // gets a leftover paisa, so the shares themselves are not compared).
  for (const [who, shares] of [['marketsplit', ours], ['dinero.js', theirs]]) {
    assert.equal(shares.length, n, `${who} allocate over ${n} ratios`);
    assert.ok(shares.every((s) => /^\d+\.\d{2}$/.test(s)), `${who} shares are two-decimal strings`);
    assert.equal(shares.reduce((sum, s) => sum + paiseOf(s), 0), 123456, `${who} shares sum to the total`);
  }
  // Two framings, timed in the same interleaved run: dinero.js's allocate alone (its shares stay
  // Dinero objects, so it does less than marketsplit, which returns text), and allocate + toDecimal
  // (both sides return the same two-decimal strings).
  cases.push({
    operation: 'allocate',
    size: `${n} ratios`,
    ours: () => allocate(TOTAL, r),
    peers: [
      { peer: 'dinero.js allocate alone', fn: () => dineroAllocate(dinero({ amount: 123456, currency: INR }), r), target: { min: 1, text: '>= dinero.js' } },
      {
        peer: 'dinero.js allocate + toDecimal',
        fn: () => dineroAllocate(dinero({ amount: 123456, currency: INR }), r).map((d) => toDecimal(d)),
        target: n === 1000 ? { min: 5, text: '>= 5x dinero.js' } : { min: 1, text: '>= dinero.js' },
      },
    ],
  });
}

for (const n of [1, 10, 100]) {
  const input = splitInput(n);
  // The comparison is only honest if the peer computes the same plan: check it on this very input.
  assert.deepStrictEqual(plain(decimalCalculateSplit(input)), plain(calculateSplit(input)),
    `decimal.js calculateSplit differs from marketsplit's on the ${n}-vendor benchmark input`);
  cases.push({
    operation: 'calculateSplit',
    size: `${n} vendor${n === 1 ? '' : 's'}`,
    ours: () => calculateSplit(input),
    peers: [{
      peer: 'decimal.js implementation',
      fn: () => decimalCalculateSplit(input),
      target: n <= 10 ? { min: 1, text: '>= decimal.js' } : null,
    }],
  });
}

for (const n of [10, 100]) {
  const { orderAmount, details } = juspayDetails(n);
  const result = validateJuspaySplit(orderAmount, details);
  assert.deepStrictEqual(plain(result), { ok: true, errors: [] }, `the ${n}-split payload is valid`);
  cases.push({
    operation: 'validateJuspaySplit',
    size: `${n} splits`,
    ours: () => validateJuspaySplit(orderAmount, details),
    peers: [{
      peer: 'JSON.parse(JSON.stringify(payload))',
      fn: () => JSON.parse(JSON.stringify(details)),
      target: { min: 1 / 3, text: 'within 3x of the JSON round trip' },
    }],
  });
}

// ---- timing -------------------------------------------------------------------------------------

console.log(`marketsplit benchmark: ${relative(ROOT, file)} (${source})`);
console.log(`node ${process.version}, ${os.availableParallelism()} cores available (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${process.platform}/${process.arch}`);
console.log(`${options.runs} runs of >= ${options.minMs} ms per side after ${options.warmupMs} ms warm-up; median shown; sides interleaved\n`);

const sides = cases.reduce((count, c) => count + 1 + c.peers.length, 0);
const seconds = Math.ceil((sides * (options.warmupMs + options.runs * options.minMs * 1.1)) / 1000);
console.log(`measuring ${cases.length} cases (about ${seconds} s)...\n`);
const results = [];
for (const c of cases) {
  // marketsplit and every peer of the case in one interleaved run, so each ratio compares runs
  // made under the same load.
  const fns = { ours: c.ours };
  c.peers.forEach((p, i) => { fns[`peer${i}`] = p.fn; });
  const m = measure(fns, options);
  c.peers.forEach((p, i) => {
    const theirs = m[`peer${i}`];
    const ratio = m.ours.opsPerSec / theirs.opsPerSec;
    results.push({
      operation: c.operation,
      size: c.size,
      peer: p.peer,
      marketsplitOpsPerSec: Math.round(m.ours.opsPerSec),
      peerOpsPerSec: Math.round(theirs.opsPerSec),
      ratio: Number(ratio.toFixed(3)),
      target: p.target?.text ?? null,
      met: p.target ? ratio >= p.target.min : null,
      runs: { marketsplit: m.ours.runs.map(Math.round), peer: theirs.runs.map(Math.round) },
    });
  });
}

// ---- report -------------------------------------------------------------------------------------

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const rows = [['operation', 'size', 'marketsplit ops/s', 'peer', 'peer ops/s', 'ratio', 'target', 'met']];
for (const r of results) {
  rows.push([r.operation, r.size, fmt(r.marketsplitOpsPerSec), r.peer, fmt(r.peerOpsPerSec), `${r.ratio.toFixed(2)}x`,
    r.target ?? '-', r.met === null ? '-' : r.met ? 'yes' : 'NO']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const numeric = new Set([2, 4, 5]);
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, j) => (numeric.has(j) ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`
notes: ratio = marketsplit ops/s / peer ops/s, both from the same interleaved runs. allocate:
marketsplit parses "${TOTAL}" and returns two-decimal strings through the public API; dinero.js gets
the amount already in paise (123456), made into a Dinero object on each call. "alone": dinero.js
returns Dinero objects, unformatted; "+ toDecimal": its shares are turned into strings too, so both
sides produce the same output.
calculateSplit: the decimal.js peer (scripts/bench/decimal-split.mjs) was checked to give exactly
marketsplit's plan on each input. validateJuspaySplit: the JSON round trip of the same payload is a
floor (no checks at all), not a peer.`);

const cold = coldStart(resolveEntry('.', REQUIRE_CONDITIONS).file, { runs: coldRuns });
console.log(`
cold start (median of ${cold.runs} fresh node processes): require -> first allocate result ${cold.loadToResultMs.toFixed(1)} ms;
node start -> first result ${cold.processStartToResultMs.toFixed(1)} ms; spawn -> exit ${cold.spawnToExitMs.toFixed(1)} ms`);

const targets = results.filter((r) => r.met !== null);
const missed = targets.filter((r) => !r.met);
console.log(`\ntargets: ${targets.length - missed.length} of ${targets.length} met` +
  (missed.length ? ` (missed: ${missed.map((r) => `${r.operation} ${r.size}`).join(', ')})` : ''));

const out = join(ROOT, 'tests', 'out');
mkdirSync(out, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  cpu: os.cpus()[0]?.model ?? null,
  availableParallelism: os.availableParallelism(),
  package: { file: relative(ROOT, file), source },
  settings: { ...options, quick },
  results,
  coldStart: {
    runs: cold.runs,
    loadToResultMs: Number(cold.loadToResultMs.toFixed(2)),
    processStartToResultMs: Number(cold.processStartToResultMs.toFixed(2)),
    spawnToExitMs: Number(cold.spawnToExitMs.toFixed(2)),
  },
  targetsMet: missed.length === 0,
  sink: sinkValue(),
};
writeFileSync(join(out, 'bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${relative(ROOT, join(out, 'bench.json'))}`);
if (missed.length && process.env.BENCH_STRICT === '1') process.exit(1);
