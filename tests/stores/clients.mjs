// The database clients and stores the store tests use, by name: "redis" (node-redis v5),
// "redis4" (node-redis v4), "ioredis", "postgres" (pg). The servers are the ones
// scripts/test_stores.sh started (MARKETSPLIT_REDIS_URL, MARKETSPLIT_PG).

import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import IORedis from "ioredis";
import pg from "pg";
import { createClient as createRedis5 } from "redis";
import { createClient as createRedis4 } from "redis4";
import { postgresTokenStore, redisTokenStore } from "../../pkg-template/stores/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const REDIS_URL = process.env.MARKETSPLIT_REDIS_URL;
export const PG_URL = process.env.MARKETSPLIT_PG;
if (!REDIS_URL || !PG_URL) throw new Error("run the store tests through scripts/test_stores.sh, which starts Redis and PostgreSQL");

/** What a failing store's error text carries in the tests: it must never reach a browser or an error. */
export const STORE_PASSWORD = "db-SECRET-pw-77c1";

/** The node build (or the one MARKETSPLIT_NODE_BUILD names, to run these tests against older code). */
export function loadLib() {
  const require = createRequire(import.meta.url);
  const glue = require(process.env.MARKETSPLIT_NODE_BUILD ?? path.join(ROOT, "pkg-build/node/marketsplit.js"));
  // The crate exports MarketsplitError itself; a build from before that gives it through __errorClass.
  return glue.MarketsplitError ? glue : { ...glue, MarketsplitError: glue.__errorClass() };
}

/** A connected database client of `kind`, and how to close it. */
export async function connect(kind) {
  if (kind === "ioredis") {
    const client = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    return { client, close: () => client.quit() };
  }
  if (kind === "redis" || kind === "redis4") {
    const client = (kind === "redis" ? createRedis5 : createRedis4)({ url: REDIS_URL });
    client.on("error", () => {}); // reported through the calls that fail
    await client.connect();
    return { client, close: () => client.quit() };
  }
  if (kind === "postgres") {
    const client = new pg.Pool({ connectionString: PG_URL, max: 4 });
    client.on("error", () => {});
    return { client, close: () => client.end() };
  }
  throw new Error(`unknown store kind ${kind}`);
}

/** The marketsplit store of `kind` over `client`; `options` go to the store (prefix, table, waitMs). */
export function storeOf(kind, client, options = {}) {
  return kind === "postgres" ? postgresTokenStore(client, options) : redisTokenStore(client, options);
}
