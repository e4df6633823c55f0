// A run of the store tests: the simulator (this process), the seller logged in once, then several
// Node processes (tests/stores/worker.mjs) sharing one store and hammering the seller's account
// while its token keeps expiring; and what the simulator saw, per rotation.

import assert from "node:assert/strict";
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator } from "../sim/simulator.mjs";
import { connect, loadLib, storeOf } from "./clients.mjs";

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.mjs");
export const INSTAMOJO = { clientId: "im_client_stores", clientSecret: "im_SECRET_stores_41d9", users: { seller: "seller-SECRET-pw-9e2b" } };
let runs = 0;

/**
 * Logs the seller in through a store of `kind`, then runs `processes` workers for `ms`
 * milliseconds (or until `until(sim)` is true, checked every 50 ms, when given).
 * `expiresIn` (seconds) is the lifetime of every token issued: 302 leaves a token fresh for 2 s.
 * `during(sim, done)` runs beside the workers (faults, pauses) and should return once `done()` is
 * true. Returns the simulator's counts and each worker's report.
 */
export async function hammer({ kind, processes = 3, loops = 3, pauseMs = 40, ms = 6000, until, expiresIn = 302, timeoutMs = 5000, worker = {}, during }) {
  const sim = await startSimulator({ instamojo: INSTAMOJO });
  const storeOptions = kind === "postgres" ? { table: `tokens_run_${process.pid}_${++runs}` } : { prefix: `run${process.pid}_${++runs}:` };
  const children = [];
  try {
    sim.state.instamojo.tokens.expiresIn = expiresIn;
    const lib = loadLib();
    const db = await connect(kind);
    try {
      const login = new lib.InstamojoClient({ clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: sim.url, tokenStore: storeOf(kind, db.client, storeOptions) });
      await login.login("seller", INSTAMOJO.users.seller);
    } finally {
      await db.close();
    }
    for (let id = 1; id <= processes; id++) {
      const options = { id, kind, simUrl: sim.url, clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, user: "seller", timeoutMs, loops, pauseMs, storeOptions, ...worker };
      const child = fork(WORKER, [JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(child);
    }
    await Promise.all(children.map((c) => message(c, (m) => m === "ready")));
    const started = Date.now();
    for (const c of children) c.send("go");
    let done = false;
    const side = during?.(sim, () => done);
    while (Date.now() - started < ms && !(until && until(sim))) await new Promise((resolve) => setTimeout(resolve, 50));
    const reports = await Promise.all(children.map((c) => {
      const report = message(c, (m) => typeof m === "object");
      c.send("stop");
      return report;
    }));
    done = true;
    await side;
    return { sim, reports, ...countsOf(sim) };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    await sim.close();
  }
}

function message(child, wanted) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (!wanted(m)) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    const onExit = (code) => reject(new Error(`worker exited with ${code} before it answered`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** What the simulator saw of the refresh grants. */
export function countsOf(sim) {
  const refreshes = sim.requestsTo("instamojo.token").filter((r) => r.fields?.grant_type === "refresh_token");
  const accepted = refreshes.filter((r) => r.status === 200);
  const sent = refreshes.map((r) => r.fields.refresh_token);
  const byWorker = new Map();
  for (const r of refreshes) {
    const w = r.headers["x-worker"] ?? "parent";
    byWorker.set(w, [...(byWorker.get(w) ?? []), r.fields.refresh_token]);
  }
  return {
    refreshes: refreshes.length,
    rotations: accepted.length,
    /** Refresh requests carrying a token that was already spent (the simulator refuses them). */
    spentSent: refreshes.filter((r) => r.status !== 200).length,
    distinctSent: new Set(sent).size,
    /** The most times any one process sent one refresh token. */
    mostSentByOneProcess: Math.max(0, ...[...byWorker.values()].map((list) => Math.max(...[...new Set(list)].map((t) => list.filter((x) => x === t).length)))),
    payments: sim.state.instamojo.paymentRequests.size,
  };
}

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every run must show: rotations happened, each with one refresh, none spent, no failure. */
export function assertExactlyOnce(run, { minRotations = 2 } = {}) {
  const failures = run.reports.flatMap((r) => r.failures);
  assert.deepEqual(failures.slice(0, 3), [], `${failures.length} calls failed`);
  assert.ok(run.rotations >= minRotations, `only ${run.rotations} rotations happened`);
  assert.equal(run.spentSent, 0, "no spent refresh token is sent");
  assert.equal(run.refreshes, run.rotations, "exactly one refresh request per rotation");
  assert.equal(run.distinctSent, run.refreshes, "each refresh token is sent once");
  assert.equal(run.payments, run.reports.reduce((sum, r) => sum + r.ok, 0), "every call that succeeded made its payment request");
}
