// How each public function's time grows with its input: every function at about 1 KB, 100 KB and
// 1 MB of input (the JSON text of its arguments), time per call and per byte, so a reader that is
// quadratic shows as a time per byte that grows with the size. Realistic shapes and hostile ones
// (a wide object of distinct keys, ratio text of many digits). Part of `make bench`, never of
// `make test`; the target is no function above a fraction of a second at 1 MB.
//
//   node scripts/bench/scaling.mjs             each size timed for >= 300 ms (at least 3 calls)
//   node scripts/bench/scaling.mjs --quick     >= 30 ms (at least 1 call), to check the script
//   node scripts/bench/scaling.mjs calc valid  only the cases whose name contains each word
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { juspayDetails, ratios, splitInput } from './inputs.mjs';
import { consume, median, sinkValue } from './measure.mjs';
import { loadPackage, ROOT } from './package.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const words = args.filter((a) => !a.startsWith('--'));
const MIN_MS = quick ? 30 : 300;
const MIN_CALLS = quick ? 1 : 3;
const SIZES = [1_000, 100_000, 1_000_000];
const LIMIT_MS = 500; // "a fraction of a second" at 1 MB

const { api: lib, file, source } = await loadPackage('./server');

const size = (value) => (typeof value === 'string' ? value.length : JSON.stringify(value).length);
/** The largest n whose input is at most `bytes` (inputs grow with n), found by doubling then halving. */
function fit(build, bytes) {
  let lo = 1;
  let hi = 1;
  while (size(build(hi)) <= bytes) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (size(build(mid)) <= bytes) lo = mid;
    else hi = mid;
  }
  return lo;
}

const ORDER_REPLY = JSON.stringify({ id: 'ord_1', order_id: 'o1', status: 'CREATED', status_id: 1, payment_links: { web: 'w', mobile: 'm', iframe: 'i' } });
const stubFetch = async () => new Response(ORDER_REPLY, { status: 200 });
// A ledger state of `entries` credits of 1.00 spread over `subs` sub-merchants, as toJSON writes it.
const stateWith = (entries, subs) => ({
  version: 1,
  paymentId: 'P1',
  amount: '10000000.00',
  entries: Array.from({ length: entries }, (_, i) => ({ type: 'CREDIT', subMerchantId: `seller_${i % subs}`, amount: '1.00' })),
});
const ledgerWith = (entries, subs) => lib.SettlementLedger.fromJSON(stateWith(entries, subs));
const wideObject = (n) => `{${Array.from({ length: n }, (_, i) => `"key_${i}":${i % 10}`).join(',')}}`;

// name, input of size n (what the bytes are counted on), the call on it.
const cases = [
  ['allocate: numeric ratios', (n) => ratios(n), (r) => lib.allocate('1234.56', r)],
  ['allocate: one ratio of many digits (hostile)', (n) => ['1.' + '3'.repeat(n), '1'], (r) => tryCall(() => lib.allocate('100', r))],
  ['calculateSplit: vendors with commissions', (n) => splitInput(n), (input) => lib.calculateSplit(input)],
  ['juspaySplitMetadata: a plan', (n) => lib.calculateSplit(splitInput(n)), (plan) => lib.juspaySplitMetadata(plan)],
  ['validateJuspaySplit: details object', (n) => juspayDetails(n), ({ orderAmount, details }) => lib.validateJuspaySplit(orderAmount, details)],
  ['validateJuspaySplit: details JSON text', (n) => JSON.stringify(juspayDetails(n).details), null, (n) => {
    const { orderAmount, details } = juspayDetails(n);
    const text = JSON.stringify(details);
    return () => lib.validateJuspaySplit(orderAmount, text);
  }],
  ['validateJuspaySplit: text of a wide object, distinct keys (hostile)', (n) => wideObject(n), (text) => lib.validateJuspaySplit('1', text)],
  ['orderStatus: a long unknown name', (n) => 'X'.repeat(n), (name) => lib.orderStatus(name)],
  ['new SettlementLedger: a long payment id', (n) => ({ paymentId: 'P'.repeat(n), amount: '100' }), (options) => new lib.SettlementLedger(options)],
  ['SettlementLedger.fromJSON: state object', (n) => stateWith(n, 50), (state) => lib.SettlementLedger.fromJSON(state)],
  ['SettlementLedger.fromJSON: state JSON text', (n) => JSON.stringify(stateWith(n, 50)), (text) => lib.SettlementLedger.fromJSON(text)],
  ['SettlementLedger.fromJSON: state text, every credit to another sub-merchant', (n) => JSON.stringify(stateWith(n, n)), (text) => lib.SettlementLedger.fromJSON(text)],
  ['SettlementLedger.fromJSON: text of a wide object (hostile)', (n) => wideObject(n), (text) => tryCall(() => lib.SettlementLedger.fromJSON(text))],
  ['ledger.toJSON', (n) => stateWith(n, 50), null, (n) => { const l = ledgerWith(n, 50); return () => l.toJSON(); }],
  ['ledger.planRefundDebits: many sub-merchants', (n) => stateWith(n, n), null, (n) => {
    const l = ledgerWith(n, n);
    l.refund('1.00');
    return () => l.planRefundDebits('1.00');
  }],
  ['ledger.check: one operation on a long ledger', (n) => stateWith(n, 50), null, (n) => {
    const l = ledgerWith(n, 50);
    return () => l.check({ type: 'CREDIT', subMerchantId: 'seller_1', amount: '1.00' });
  }],
  ['verifyInstamojoWebhook: many fields', (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`field_${i}`, `value ${i}`]).concat([['mac', '0'.repeat(40)]])), (f) => lib.verifyInstamojoWebhook(f, 'salt')],
  ['verifyJuspaySignature: many params', (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p_${i}`, `v ${i}`]).concat([['signature', 'x']])), (p) => lib.verifyJuspaySignature(p, 'key')],
  ['JuspayClient.createOrder: a split of many vendors', (n) => ({ orderId: 'o1', amount: splitInput(n).orderAmount, split: splitInput(n) }), null, (n) => {
    const client = new lib.JuspayClient({ apiKey: 'k', merchantId: 'm', fetch: stubFetch });
    const input = { orderId: 'o1', amount: splitInput(n).orderAmount, split: splitInput(n) };
    return async () => tryAsync(() => client.createOrder(input));
  }],
  ['createProxyHandler: a refund body of many vendors (maxBodyBytes 2 MiB)', (n) => refundBody(n), null, (n) => {
    const handler = lib.createProxyHandler({
      juspay: new lib.JuspayClient({ apiKey: 'k', merchantId: 'm', fetch: stubFetch }),
      authorize: () => true,
      maxBodyBytes: 2 ** 21,
    });
    const body = refundBody(n);
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    return async () => (await handler(new Request('http://backend.test/juspay/orders/o1/refunds', init))).status;
  }],
  ['createProxyHandler: a body of a wide object (hostile, maxBodyBytes 2 MiB)', (n) => wideObject(n), null, (n) => {
    const handler = lib.createProxyHandler({
      juspay: new lib.JuspayClient({ apiKey: 'k', merchantId: 'm', fetch: stubFetch }),
      authorize: () => true,
      maxBodyBytes: 2 ** 21,
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: wideObject(n) };
    return async () => (await handler(new Request('http://backend.test/juspay/orders/o1/refunds', init))).status;
  }],
];

function refundBody(n) {
  const vendors = Array.from({ length: n }, (_, i) => ({ subMid: `vendor_${i}`, amount: '0.01' }));
  return JSON.stringify({ amount: ((n * 1) / 100).toFixed(2), uniqueRequestId: 'r1', split: { vendors } });
}
// Refusals are answers too: what is timed is how long the function takes to give one.
function tryCall(f) {
  try {
    return f();
  } catch (e) {
    return e.code;
  }
}
async function tryAsync(f) {
  try {
    return await f();
  } catch (e) {
    return e.code;
  }
}

/** Median milliseconds per call: calls until MIN_MS have passed and MIN_CALLS were made. */
async function time(call) {
  const first = performance.now();
  consume(await call()); // warm-up, also the first sample's cost when calls are slow
  const warm = performance.now() - first;
  const samples = [];
  const start = performance.now();
  while (samples.length < MIN_CALLS || (performance.now() - start < MIN_MS && samples.length < 1000)) {
    // One slow call is its own sample; fast ones are batched so the clock is not what is timed.
    const batch = warm > 5 ? 1 : Math.max(1, Math.floor(5 / Math.max(warm, 0.001)));
    const t = performance.now();
    for (let i = 0; i < batch; i++) consume(await call());
    samples.push((performance.now() - t) / batch);
  }
  return median(samples);
}

const selected = cases.filter(([name]) => words.every((w) => name.toLowerCase().includes(w.toLowerCase())));
console.log(`marketsplit scaling benchmark: ${relative(ROOT, file)} (${source}); node ${process.version}`);
console.log(`each size timed for >= ${MIN_MS} ms and >= ${MIN_CALLS} calls; median ms per call; ns/B = ns per byte of input\n`);
const results = [];
for (const [name, build, call, prepare] of selected) {
  const row = { name, sizes: [] };
  for (const target of SIZES) {
    const n = fit(build, target);
    const input = build(n);
    const bytes = size(input);
    const run = prepare ? prepare(n) : () => call(input);
    const ms = await time(run);
    row.sizes.push({ target, n, bytes, ms: Number(ms.toPrecision(4)), nsPerByte: Number(((ms * 1e6) / bytes).toPrecision(4)) });
  }
  const [small, , large] = row.sizes;
  // 1.0 when time per byte is the same at 1 MB as at 1 KB (linear); about 1,000 when quadratic.
  row.growth = Number((large.nsPerByte / small.nsPerByte).toPrecision(3));
  row.overLimit = large.ms > LIMIT_MS;
  results.push(row);
  const cells = row.sizes.map((s) => `${s.ms.toPrecision(3).padStart(9)} ms ${s.nsPerByte.toPrecision(3).padStart(8)} ns/B`);
  console.log(`${name}\n  1 KB:${cells[0]}   100 KB:${cells[1]}   1 MB:${cells[2]}   per-byte growth 1 KB->1 MB: ${row.growth}x${row.overLimit ? `   OVER ${LIMIT_MS} ms` : ''}`);
}
const over = results.filter((r) => r.overLimit);
console.log(`\n${results.length - over.length} of ${results.length} functions take at most ${LIMIT_MS} ms at 1 MB` +
  (over.length ? `; over: ${over.map((r) => r.name).join('; ')}` : ''));
const out = join(ROOT, 'tests', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench-scaling.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, package: relative(ROOT, file), minMs: MIN_MS, results, sink: sinkValue() }, null, 2) + '\n');
console.log(`wrote ${relative(ROOT, join(out, 'bench-scaling.json'))}`);
