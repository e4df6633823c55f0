// One backend process of the store tests: an InstamojoClient over a shared token store, making
// payment requests on one seller's account from a few concurrent loops until told to stop, then
// reporting what succeeded and what failed. Started by world.mjs with fork(); its options come as
// JSON in argv[2]:
//   { id, kind, simUrl, clientId, clientSecret, user, timeoutMs, loops, pauseMs, storeOptions,
//     failEverySecondSet, withoutExtend }
// failEverySecondSet: the store's set fails every other time (the first write after each
// refresh), with an error whose text holds a database password; withoutExtend: leases cannot be
// renewed, so a slow refresh outlives its lease.

import { STORE_PASSWORD, connect, loadLib, storeOf } from "./clients.mjs";

const options = JSON.parse(process.argv[2]);
const lib = loadLib();
const { client, close } = await connect(options.kind);
let store = storeOf(options.kind, client, options.storeOptions ?? {});
let sets = 0;
if (options.failEverySecondSet) {
  const inner = store;
  store = {
    ...inner,
    async set(key, tokens) {
      sets += 1;
      if (sets % 2 === 1) {
        const error = new Error(`connect ECONNREFUSED postgres://app:${STORE_PASSWORD}@db.internal:5432/shop`);
        error.code = "ECONNREFUSED";
        throw error;
      }
      return inner.set(key, tokens);
    },
  };
}
if (options.withoutExtend) {
  const inner = store;
  store = {
    ...store,
    async lock(key, ttlMs) {
      const release = await inner.lock(key, ttlMs);
      return () => release();
    },
  };
}

// Every request says which process sent it, so the simulator can tell processes apart.
const fetchAs = (url, init = {}) => fetch(url, { ...init, headers: { ...init.headers, "x-worker": String(options.id) } });
const instamojo = new lib.InstamojoClient({
  clientId: options.clientId,
  clientSecret: options.clientSecret,
  baseUrl: options.simUrl,
  tokenStore: store,
  timeoutMs: options.timeoutMs,
  fetch: fetchAs,
});

let running = true;
const results = { id: options.id, ok: 0, failures: [], sets: 0 };
async function loop(n) {
  for (let i = 0; running; i++) {
    try {
      await instamojo.createPaymentRequest({ amount: "10", purpose: `w${options.id}-${n}-${i}` }, { user: options.user });
      results.ok += 1;
    } catch (error) {
      results.failures.push({ code: error.code, message: String(error.message) });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}

process.on("message", async (message) => {
  if (message !== "stop") return;
  running = false;
  await Promise.all(loops);
  results.sets = sets;
  process.send(results, () => {
    Promise.resolve(close()).finally(() => process.exit(0));
  });
});
const loops = [];
process.send("ready");
process.once("message", (message) => {
  if (message === "go") for (let n = 0; n < options.loops; n++) loops.push(loop(n));
});
