// The system under load, run as a child of run.mjs so the load generator does not share its event
// loop: the gateway simulator and marketsplit's proxy handler (createProxyHandler with JuspayClient
// and InstamojoClient pointed at the simulator), each on its own loopback HTTP server.
//
// Talks to run.mjs over IPC:
//   -> { type: "ready", proxyUrl, paymentIds, subMerchantIds, clientTimeoutMs }
//   <- { type: "faults", plan }   settlements arriving at the proxy from now on follow `plan` (null: none)
//   <- { type: "drain" }          waits until the proxy is idle and the simulator has finished
//                                 every delayed request, then -> { type: "drained", ... }
//   <- { type: "audit" }          -> { type: "audit", ... }: what the simulator holds (audit.mjs reads it)
//   <- { type: "stop" }           closes both servers and exits
import { loadPackage, ROOT } from '../bench/package.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CREDENTIALS = {
  juspay: { apiKey: 'load_juspay_key', merchantId: 'load_merchant' },
  instamojo: { clientId: 'load_instamojo_client', clientSecret: 'load_instamojo_secret' },
};
// Short enough that the long delays of the fault plan outlast it, so a write the simulator did
// apply is retried by the proxy: the case where an idempotency key is all that prevents a double.
const CLIENT_TIMEOUT_MS = 1000;
const PAYMENTS = 8;
const PAYMENT_AMOUNT = '200000.00';
const SUB_MERCHANTS = 5;

const { startSimulator } = await import(pathToFileURL(join(ROOT, 'tests', 'sim', 'simulator.mjs')).href);
const { SETTLEMENT_FIELDS } = await import(pathToFileURL(join(ROOT, 'tests', 'sim', 'instamojo.mjs')).href);
const { serveFetch } = await import(pathToFileURL(join(ROOT, 'scripts', 'lib', 'fetch-server.mjs')).href);
const shop = await import('./shop.mjs');
const { api } = await loadPackage('./server');
const { createProxyHandler, JuspayClient, InstamojoClient } = api;

const sim = await startSimulator({ port: 0, host: '127.0.0.1', ...CREDENTIALS });
const paymentIds = Array.from({ length: PAYMENTS }, () => sim.instamojo.addPayment({ amount: PAYMENT_AMOUNT }));
const subMerchantIds = Array.from({ length: SUB_MERCHANTS }, (_, i) =>
  sim.instamojo.addUser({ username: `load_seller_${i + 1}`, password: `pw-${i + 1}` }).id);

// As the npm README's recipe wires it: the shop's own record of each order, and an authorize that
// lets buyers check out and only the operator settle (scripts/load/shop.mjs).
const handler = createProxyHandler({
  juspay: new JuspayClient({ ...CREDENTIALS.juspay, baseUrl: sim.url, timeoutMs: CLIENT_TIMEOUT_MS }),
  instamojo: new InstamojoClient({ ...CREDENTIALS.instamojo, baseUrl: sim.url, timeoutMs: CLIENT_TIMEOUT_MS }),
  order: shop.order,
  authorize: shop.authorize,
});

// Faults are queued at the simulator per proxy request, by a fixed schedule over the settlement
// requests the proxy receives, so the mix is the same on every run; a queued fault hits the next
// settlement call(s) the simulator gets (first attempts or retries, of any request in flight).
let plan = null;
let settleSeen = 0;
const SETTLE_PATH = /^\/instamojo\/payments\/[^/]+\/settlements$/;
function maybeInjectFault(request) {
  if (!plan || request.method !== 'POST' || !SETTLE_PATH.test(new URL(request.url).pathname)) return;
  settleSeen += 1;
  for (const rule of plan) {
    if (settleSeen % rule.every === rule.offset) {
      sim.faults.inject('instamojo.settle', { ...rule.fault, times: rule.times ?? 1 });
      return;
    }
  }
}

let inflight = 0;
let handled = 0;
const proxy = await serveFetch(async (request) => {
  inflight += 1;
  try {
    maybeInjectFault(request);
    return await handler(request);
  } finally {
    inflight -= 1;
    handled += 1;
  }
}, { port: 0, host: '127.0.0.1' });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain() {
  const longestDelay = Math.max(0, ...(plan ?? []).map((r) => r.fault.delay ?? 0));
  plan = null;
  sim.faults.clear();
  const deadline = Date.now() + 60_000;
  while (inflight > 0 && Date.now() < deadline) await sleep(50);
  // The proxy may have given up on a delayed request that the simulator is still holding; it
  // applies it when the delay ends. Wait that out, then until the request log stands still.
  await sleep(longestDelay + 200);
  let seen = -1;
  while (seen !== sim.requests.length && Date.now() < deadline) {
    seen = sim.requests.length;
    await sleep(250);
  }
  return { inflight, handled, simulatorRequests: sim.requests.length };
}

function audit() {
  const orders = [...sim.state.juspay.orders.values()].map((o) => ({
    orderId: o.orderId,
    amount: o.amount,
    split: o.split ? { marketplace: o.split.marketplace, vendors: Object.fromEntries(o.split.vendors) } : null,
  }));
  const payments = [...sim.state.instamojo.payments.values()].map((p) => ({
    id: p.id,
    amount: p.amount,
    credits: Object.fromEntries(p.credits),
    settlements: p.settlements.map((s) => ({ id: s.id, type: s.type, submerchant: s.submerchant, amount: s.amount })),
  }));
  // Every call that reached the simulator, reduced to what the audit needs.
  const calls = sim.requests
    .filter((r) => r.route === 'juspay.createOrder' || r.route === 'instamojo.settle')
    .map((r) => ({
      route: r.route,
      key: r.route === 'juspay.createOrder'
        ? r.fields?.order_id ?? null
        : SETTLEMENT_FIELDS.id.map((name) => r.fields?.[name]).find(Boolean) ?? null,
      status: r.status ?? null,
      fault: r.fault,
    }));
  return {
    orders,
    payments,
    calls,
    counts: {
      settlementRequests: sim.state.counts.settlements.settlementRequests,
      settlementsApplied: sim.state.counts.settlements.settlements,
      tokenRequests: sim.state.counts.tokens.total,
    },
  };
}

process.on('message', async (message) => {
  try {
    if (message.type === 'faults') {
      plan = message.plan;
      settleSeen = 0;
      process.send({ type: 'faults', ok: true });
    } else if (message.type === 'drain') {
      process.send({ type: 'drained', ...(await drain()) });
    } else if (message.type === 'audit') {
      process.send({ type: 'audit', ...audit() });
    } else if (message.type === 'stop') {
      await proxy.close();
      await sim.close();
      process.exit(0);
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) });
  }
});

process.send({ type: 'ready', proxyUrl: proxy.url, paymentIds, subMerchantIds, clientTimeoutMs: CLIENT_TIMEOUT_MS });
