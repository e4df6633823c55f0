// Several Node processes share one token store and hammer one seller's account while its token
// keeps expiring (every 1-2 s): the simulator sees exactly one refresh request per rotation, no
// spent refresh token, and no call fails; with each store and each Redis client.

import { test } from "node:test";
import { assertExactlyOnce, hammer } from "./world.mjs";

test("three processes sharing a Redis store (node-redis v5): one refresh per rotation", async () => {
  assertExactlyOnce(await hammer({ kind: "redis", processes: 3, ms: 6000 }));
});

test("three processes sharing a PostgreSQL store: one refresh per rotation", async () => {
  assertExactlyOnce(await hammer({ kind: "postgres", processes: 3, ms: 6000 }));
});

test("with ioredis clients", async () => {
  assertExactlyOnce(await hammer({ kind: "ioredis", processes: 3, ms: 4000, expiresIn: 301 }));
});

test("with node-redis v4 clients", async () => {
  assertExactlyOnce(await hammer({ kind: "redis4", processes: 3, ms: 4000, expiresIn: 301 }));
});

// The finding of the issue: two processes sharing one store sent 10 spent refresh tokens in 10
// rotations (each rotation, both refreshed with the same token).
test("two processes, ten rotations: no spent refresh token sent", async () => {
  const run = await hammer({ kind: "redis", processes: 2, ms: 30_000, until: (sim) => countRotations(sim) >= 10, expiresIn: 301 });
  assertExactlyOnce(run, { minRotations: 10 });
});

function countRotations(sim) {
  return sim.requestsTo("instamojo.token").filter((r) => r.fields?.grant_type === "refresh_token" && r.status === 200).length;
}
