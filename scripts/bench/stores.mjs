// `make bench-stores`: what each token store adds to an InstamojoClient call, against the
// in-memory store, measured in the same run. The gateway is a fetch function in this process
// (instant canned replies), so the figures are the store's own cost: per call with a fresh token
// (one `get`), and per call that refreshes (lease, `get` twice, `set`, release).
// Runs beside the Redis and PostgreSQL that scripts/lib/with-stores.sh starts (see the Makefile).
import { performance } from "node:perf_hooks";
import { connect, loadLib, storeOf } from "../../tests/stores/clients.mjs";
import { median } from "./measure.mjs";

const lib = loadLib();
const FRESH_CALLS = Number(process.env.CALLS ?? 2000);
const REFRESH_CALLS = Number(process.env.REFRESH_CALLS ?? 300);
const ROUNDS = 3; // the stores take turns, round after round, so a slow spell weighs on all alike

/** A token endpoint and a payment-request endpoint; `expiresIn` decides how often tokens rotate. */
function gateway(expiresIn) {
  let n = 0;
  const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return async (url) => {
    n += 1;
    if (String(url).endsWith("/oauth2/token/")) {
      return json(200, { access_token: `at_${n}`, refresh_token: `rt_${n}`, expires_in: expiresIn, token_type: "Bearer" });
    }
    return json(201, { id: `pr_${n}`, amount: "10.00", purpose: "bench", status: "Pending", longurl: "https://x/pr" });
  };
}

/** Per-call latencies (ms) of `calls` payment requests by a client over `tokenStore`. */
async function latencies(tokenStore, calls, expiresIn) {
  const options = { clientId: "bench", clientSecret: "bench_secret", baseUrl: "https://gateway.invalid", fetch: gateway(expiresIn) };
  const client = new lib.InstamojoClient(tokenStore ? { ...options, tokenStore } : options);
  await client.login("seller", "pw");
  const out = [];
  for (let i = 0; i < calls + 50; i++) {
    const t = performance.now();
    await client.createPaymentRequest({ amount: "10", purpose: "bench" }, { user: "seller" });
    if (i >= 50) out.push(performance.now() - t); // the first 50 warm up
  }
  return out;
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const kinds = ["memory", "redis", "ioredis", "postgres"];
const dbs = {};
for (const kind of kinds.slice(1)) dbs[kind] = await connect(kind);
let run = 0;
const storeFor = (kind) => (kind === "memory" ? null : storeOf(kind, dbs[kind].client, kind === "postgres" ? { table: `bench_${process.pid}_${++run}` } : { prefix: `bench${process.pid}_${++run}:` }));

const results = {};
for (const [path, calls, expiresIn] of [["fresh token", FRESH_CALLS, 36000], ["refresh every call", REFRESH_CALLS, 299]]) {
  const samples = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of kinds) samples[kind].push(...(await latencies(storeFor(kind), Math.ceil(calls / ROUNDS), expiresIn)));
  }
  results[path] = Object.fromEntries(kinds.map((k) => [k, { median: median(samples[k]), p99: percentile(samples[k], 0.99), n: samples[k].length }]));
}
for (const db of Object.values(dbs)) await db.close();

const ms = (v) => `${v.toFixed(3)} ms`;
console.log(`Token stores: latency per InstamojoClient call (gateway in-process), node ${process.version}`);
for (const [path, byKind] of Object.entries(results)) {
  console.log(`\n${path} (${byKind.memory.n} calls per store):`);
  console.log("  store      median       p99          added median  added p99");
  for (const kind of kinds) {
    const r = byKind[kind];
    const added = kind === "memory" ? ["(baseline)", ""] : [ms(r.median - byKind.memory.median), ms(r.p99 - byKind.memory.p99)];
    console.log(`  ${kind.padEnd(10)} ${ms(r.median).padEnd(12)} ${ms(r.p99).padEnd(12)} ${added[0].padEnd(13)} ${added[1]}`);
  }
}
