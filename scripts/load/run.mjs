// `make load`: drives marketsplit's proxy handler with autocannon, against the gateway simulator,
// all on 127.0.0.1, bounded in time, and then proves from the simulator's own records that no
// settlement was applied twice and none that the proxy answered 200 was lost.
//
//   node scripts/load/run.mjs [--duration S] [--connections N]     (defaults: 10 s per phase, 4)
//
// Phase 1: POST /juspay/orders with a split, a new orderId per request, no faults.
// Phase 2: POST /instamojo/payments/:id/settlements, a new settlement id per request, with faults
//          injected at the simulator: 10% 500s, delays (some longer than the client's timeout, so
//          a write that was applied gets retried) and dropped connections.
// Phase 3: the same settlements with hostile requests mixed in (3 in 10; scripts/load/hostile.mjs):
//          oversized, deep, wide, lone surrogates, keys like __proto__ and getters, bad content
//          types. None may be applied, none may get a 200 or a 5xx, and the normal ones among them
//          must pass the same audit as phase 2.
// Writes tests/out/load.json; exits 1 when a check fails.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackage, ROOT } from '../bench/package.mjs';
import { auditHostile, auditOrders, auditSettlements, toPaise } from './audit.mjs';
import { HOSTILE_EVERY, hostileRequest } from './hostile.mjs';
import { OPERATOR_HEADER, OPERATOR_TOKEN, ORDER_AMOUNT, SPLIT } from './shop.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
const DURATION_S = option('duration', 10);
const CONNECTIONS = option('connections', 4);

// The whole run is bounded: whatever hangs, it ends (and says so) after this long.
const HARD_LIMIT_MS = (3 * DURATION_S + 200) * 1000;

// Every request has the same shape; only the ids change: the shop's 1,000.00 order, split three
// ways (scripts/load/shop.mjs), whose amount and split the page shows and the shop's record decides.
const SETTLEMENT_AMOUNT = '10.00';
// Over the settlement requests the proxy receives, in order: the first rule that matches queues
// `times` faults at the simulator. About 10% 500s; 5% delays under the client timeout; 2% delays
// over it (the proxy gives up, the simulator applies the write anyway, and the retry must not
// apply it again); 2% dropped connections; and 2% bursts of several faults in a row, which outlast
// the proxy's retries, so some callers get an error reply for a write that was or was not applied.
const FAULT_PLAN = (timeoutMs) => [
  { every: 10, offset: 0, fault: { status: 500 } },
  { every: 20, offset: 3, fault: { delay: 150 } },
  { every: 50, offset: 7, fault: { delay: timeoutMs + 500 } },
  { every: 50, offset: 21, fault: { drop: true } },
  { every: 100, offset: 55, fault: { status: 500 }, times: 8 },
  { every: 100, offset: 88, fault: { delay: timeoutMs + 500 }, times: 6 },
];

const runTag = Date.now().toString(36);
const here = dirname(fileURLToPath(import.meta.url));

// ---- the stack, in a child process ---------------------------------------------------------------

const stack = fork(join(here, 'stack.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const waiting = new Map();
stack.on('message', (message) => {
  if (message.type === 'error') {
    console.error(`load: the stack failed:\n${message.message}`);
    finish(1);
  }
  const resolve = waiting.get(message.type);
  if (resolve) {
    waiting.delete(message.type);
    resolve(message);
  }
});
stack.on('exit', (code) => {
  if (!stopping) {
    console.error(`load: the stack exited early (code ${code})`);
    process.exit(1);
  }
});
const expect = (type) => new Promise((resolve) => waiting.set(type, resolve));
// Registered at once: the child may be ready before this process has loaded the package.
const readyMessage = expect('ready');
const ask = (message, reply) => {
  const answer = expect(reply);
  stack.send(message);
  return answer;
};

let stopping = false;
async function finish(code) {
  stopping = true;
  if (stack.connected) stack.send({ type: 'stop' });
  await new Promise((resolve) => {
    if (stack.exitCode !== null) return resolve();
    stack.once('exit', resolve);
    setTimeout(() => { stack.kill(); resolve(); }, 5000).unref();
  });
  process.exit(code);
}
setTimeout(() => {
  console.error(`load: still running after ${HARD_LIMIT_MS / 1000} s; stopping`);
  finish(1);
}, HARD_LIMIT_MS);

// ---- one phase ---------------------------------------------------------------------------------

/**
 * Runs autocannon for one phase. `next()` gives `{ id, path, body, meta }` for each request; the
 * id is remembered as sent and its reply recorded against it (one request in flight per
 * connection, so the connection's context knows which id a reply answers).
 */
async function phase(title, url, next, headers = {}) {
  const sent = new Map();
  const replies = new Map();
  const result = await autocannon({
    url,
    title,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: DURATION_S,
    timeout: 30,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      setupRequest(request, context) {
        // `text` (raw, possibly not JSON) and `headers` are for the hostile requests of phase 3.
        const { id, path, body, text, meta, headers: extra } = next();
        context.id = id;
        sent.set(id, meta);
        return { ...request, path, body: text ?? JSON.stringify(body), headers: { ...request.headers, ...extra } };
      },
      onResponse(status, body, context) {
        let parsed = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          // a reply that is not JSON is recorded by status alone
        }
        replies.set(context.id, { status, code: parsed?.error?.code ?? null, bodyId: parsed?.orderId ?? parsed?.id ?? null });
      },
    }],
  });
  return { result, sent, replies };
}

function throughput(result) {
  return {
    durationS: result.duration,
    connections: result.connections,
    requests: result.requests.total,
    requestsPerSec: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, average: Number(result.latency.average.toFixed(2)) },
    clientErrors: result.errors,
    clientTimeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

// ---- main --------------------------------------------------------------------------------------

const { api } = await loadPackage('.');
const plan = api.calculateSplit(SPLIT);
const planPaise = {
  marketplace: toPaise(plan.marketplace.amount),
  vendors: Object.fromEntries(plan.vendors.map((v) => [v.subMid, toPaise(v.amount)])),
};

const ready = await readyMessage;
console.log(`load: proxy ${ready.proxyUrl}; node ${process.version}; ${os.availableParallelism()} cores;` +
  ` ${CONNECTIONS} connections, ${DURATION_S} s per phase; gateway clients time out after ${ready.clientTimeoutMs} ms`);

let orderSeq = 0;
console.log('load: phase 1, POST /juspay/orders (no faults)...');
const orders = await phase('juspay orders', ready.proxyUrl, () => {
  const id = `load-${runTag}-o${++orderSeq}`;
  return { id, path: '/juspay/orders', body: { orderId: id, amount: ORDER_AMOUNT, split: SPLIT }, meta: { amount: ORDER_AMOUNT } };
});
const drained1 = await ask({ type: 'drain' }, 'drained');

let settleSeq = 0;
await ask({ type: 'faults', plan: FAULT_PLAN(ready.clientTimeoutMs) }, 'faults');
console.log('load: phase 2, POST /instamojo/payments/:id/settlements (faults injected)...');
const settlements = await phase('instamojo settlements', ready.proxyUrl, () => {
  const n = ++settleSeq;
  const id = `load-${runTag}-s${n}`;
  const paymentId = ready.paymentIds[n % ready.paymentIds.length];
  const subMerchantId = ready.subMerchantIds[n % ready.subMerchantIds.length];
  return {
    id,
    path: `/instamojo/payments/${encodeURIComponent(paymentId)}/settlements`,
    body: { type: 'CREDIT', subMerchantId, amount: SETTLEMENT_AMOUNT, id },
    meta: { paymentId, subMerchantId, amount: SETTLEMENT_AMOUNT },
  };
}, { [OPERATOR_HEADER]: OPERATOR_TOKEN });
const drained2 = await ask({ type: 'drain' }, 'drained');
// What phase 2 left at the gateway, audited before phase 3 adds to it.
const simAfter2 = await ask({ type: 'audit' }, 'audit');

let mixedSeq = 0;
console.log(`load: phase 3, the same settlements with hostile requests mixed in (${HOSTILE_EVERY.length} in 10)...`);
const mixed = await phase('settlements and hostile requests', ready.proxyUrl, () => {
  const n = ++mixedSeq;
  const id = `load-${runTag}-m${n}`;
  const paymentId = ready.paymentIds[n % ready.paymentIds.length];
  const subMerchantId = ready.subMerchantIds[n % ready.subMerchantIds.length];
  const path = `/instamojo/payments/${encodeURIComponent(paymentId)}/settlements`;
  const settlement = { type: 'CREDIT', subMerchantId, amount: SETTLEMENT_AMOUNT, id };
  if (HOSTILE_EVERY.includes(n % 10)) return hostileRequest(n, id, path, settlement);
  return { id, path, body: settlement, meta: { paymentId, subMerchantId, amount: SETTLEMENT_AMOUNT } };
}, { [OPERATOR_HEADER]: OPERATOR_TOKEN });
const drained3 = await ask({ type: 'drain' }, 'drained');
const sim = await ask({ type: 'audit' }, 'audit');

const report = {
  date: new Date().toISOString(),
  node: process.version,
  availableParallelism: os.availableParallelism(),
  settings: { durationS: DURATION_S, connections: CONNECTIONS, clientTimeoutMs: ready.clientTimeoutMs, faultPlan: FAULT_PLAN(ready.clientTimeoutMs) },
  orders: { throughput: throughput(orders.result), ...auditOrders({ ...orders, plan: planPaise }, sim), drained: drained1 },
  settlements: { throughput: throughput(settlements.result), ...auditSettlements(settlements, simAfter2), drained: drained2 },
  mixed: { throughput: throughput(mixed.result), ...auditHostile(mixed, sim, simAfter2), drained: drained3 },
  simulatorCounts: sim.counts,
};
const checks = [...report.orders.checks, ...report.settlements.checks, ...report.mixed.checks];
report.ok = checks.every((c) => c.ok);

// ---- report ------------------------------------------------------------------------------------

const fmtCounts = (counts) => Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
for (const [name, part] of [
  ['orders (POST /juspay/orders)', report.orders],
  ['settlements (POST /instamojo/payments/:id/settlements, with faults)', report.settlements],
  ['settlements with hostile requests mixed in (no faults)', report.mixed],
]) {
  const t = part.throughput;
  const r = part.replies;
  const g = part.gateway;
  console.log(`\n${name}`);
  console.log(`  ${t.requestsPerSec} requests/s over ${t.durationS.toFixed(1)} s (${t.requests} requests); latency p50 ${t.latencyMs.p50} ms, p99 ${t.latencyMs.p99} ms, max ${t.latencyMs.max} ms`);
  console.log(`  replies by status: ${fmtCounts(r.byStatus)}; errors: ${fmtCounts(r.byError)}; sent without a reply before the phase ended: ${r.noReply}`);
  console.log(`  client-side connection errors: ${t.clientErrors}, timeouts: ${t.clientTimeouts}`);
  console.log(`  gateway calls: ${g.calls.calls} for ${g.calls.distinctKeys} ids; ${g.calls.keysRetried} ids retried (at most ${g.calls.maxAttemptsPerKey} attempts); faults met: ${fmtCounts(g.calls.faultsMet)}`);
  console.log(`  to reconcile: ${g.appliedAfterErrorReply} applied at the gateway although the proxy answered an error, ${g.errorReplyNotApplied} answered an error and not applied, ${g.appliedWithoutReply} applied without a reply reaching the load generator`);
  if (part.hostile) console.log(`  hostile requests: ${part.hostile.sent} sent; replies by kind: ${Object.entries(part.hostile.byKind).map(([k, v]) => `${k} ${fmtCounts(v)}`).join('; ')}`);
  for (const c of part.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok ? '' : ` ${JSON.stringify(c.detail)}`}`);
}

const out = join(ROOT, 'tests', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'load.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nload: ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed; wrote ${relative(ROOT, join(out, 'load.json'))}`);
await finish(report.ok ? 0 : 1);
