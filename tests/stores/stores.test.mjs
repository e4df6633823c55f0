// redisTokenStore (node-redis v5 and v4, ioredis) and postgresTokenStore against the real servers
// scripts/test_stores.sh started: what is stored where, and the lease: exclusive, waited for,
// renewed and released only by its owner, and taken over once it lapses.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { connect, storeOf } from "./clients.mjs";
import { postgresTokenStore, redisTokenStore } from "../../pkg-template/stores/index.js";
import { sleep } from "./world.mjs";

const KINDS = ["redis", "redis4", "ioredis", "postgres"];
const PAIR = { accessToken: "at_1", refreshToken: "rt_1", expiresAt: 1_900_000_000_000 };
let n = 0;
const fresh = (kind) => (kind === "postgres" ? { table: `stores_${process.pid}_${++n}` } : { prefix: `stores${process.pid}_${++n}:` });

for (const kind of KINDS) {
  describe(`${kind} store`, () => {
    let db;
    before(async () => {
      db = await connect(kind);
    });
    after(() => db.close());

    test("keeps a pair per key, and reads a key never written as null", async () => {
      const store = storeOf(kind, db.client, fresh(kind));
      assert.equal(await store.get("user:seller"), null);
      await store.set("user:seller", PAIR);
      await store.set("app", { accessToken: "app_1", refreshToken: null, expiresAt: 1 });
      assert.deepEqual(await store.get("user:seller"), PAIR);
      assert.deepEqual(await store.get("app"), { accessToken: "app_1", refreshToken: null, expiresAt: 1 });
      await store.set("user:seller", { ...PAIR, accessToken: "at_2" });
      assert.equal((await store.get("user:seller")).accessToken, "at_2");
      const other = storeOf(kind, db.client, fresh(kind));
      assert.equal(await other.get("user:seller"), null, "another prefix or table is another store");
    });

    test("a key is only ever a value: quotes, semicolons and unicode are stored as they are", async () => {
      const store = storeOf(kind, db.client, fresh(kind));
      const key = `user:o'brien"; DROP TABLE x; -- \u0928\u092e`;
      await store.set(key, PAIR);
      assert.deepEqual(await store.get(key), PAIR);
      const release = await store.lock(key, 5_000);
      await release();
    });

    test("a lease is exclusive: a second lock waits, and gets it once the first is released", async () => {
      const options = fresh(kind);
      const store = storeOf(kind, db.client, options);
      const impatient = storeOf(kind, db.client, { ...options, waitMs: 150 });
      const release = await store.lock("user:a", 10_000);
      // Another key is not held up by it.
      await (await impatient.lock("user:b", 1_000))();
      let second = false;
      const waiting = store.lock("user:a", 10_000).then((r) => {
        second = true;
        return r;
      });
      await sleep(200);
      assert.equal(second, false, "held: the second lock is still waiting");
      await release();
      const releaseSecond = await waiting;
      assert.equal(second, true);
      await releaseSecond();
    });

    test("a lock still held when waitMs runs out rejects, naming the key", async () => {
      const options = fresh(kind);
      const store = storeOf(kind, db.client, options);
      const impatient = storeOf(kind, db.client, { ...options, waitMs: 120 });
      const release = await store.lock("user:held", 10_000);
      await assert.rejects(impatient.lock("user:held", 1_000), /"user:held" was still held after 120 ms/);
      await release();
      await (await impatient.lock("user:held", 1_000))();
    });

    test("a lapsed lease goes to the next caller, and the first one's late release or renewal leaves it alone", async () => {
      const options = fresh(kind);
      const store = storeOf(kind, db.client, options);
      const impatient = storeOf(kind, db.client, { ...options, waitMs: 100 });
      const first = await store.lock("user:slow", 150);
      await sleep(400);
      const second = await impatient.lock("user:slow", 10_000); // the first lapsed: taken at once
      assert.equal(await first.extend(10_000), false, "only the owner renews");
      await first(); // the owner check: this must not end the second caller's lease
      await assert.rejects(impatient.lock("user:slow", 1_000), /still held/);
      assert.equal(await second.extend(10_000), true);
      await second();
      await (await impatient.lock("user:slow", 1_000))();
    });

    test("a lease renewed by its owner outlives its first ttl", async () => {
      const options = fresh(kind);
      const store = storeOf(kind, db.client, options);
      const impatient = storeOf(kind, db.client, { ...options, waitMs: 100 });
      const release = await store.lock("user:long", 200);
      for (let i = 0; i < 4; i++) {
        await sleep(100);
        assert.equal(await release.extend(200), true);
      }
      await assert.rejects(impatient.lock("user:long", 1_000), /still held/, "600 ms after a 200 ms lease, still held");
      await release();
    });

    test("a waiting caller takes a lease that lapses without a release", async () => {
      const options = fresh(kind);
      const store = storeOf(kind, db.client, options);
      await store.lock("user:crashed", 250); // never released, as by a process that died
      const started = Date.now();
      const release = await store.lock("user:crashed", 5_000);
      assert.ok(Date.now() - started >= 150, "it waited for the lease to lapse");
      await release();
    });
  });
}

describe("options", () => {
  test("the Redis store takes node-redis and ioredis clients, and refuses anything else", () => {
    assert.throws(() => redisTokenStore({}), /node-redis or ioredis client/);
    assert.throws(() => redisTokenStore(null), TypeError);
    assert.throws(() => redisTokenStore({ sendCommand() {} }, { prefix: 1 }), /prefix must be a string/);
    assert.throws(() => redisTokenStore({ sendCommand() {} }, { waitMs: -1 }), /waitMs/);
  });

  test("the PostgreSQL table name must be an identifier, optionally schema-qualified", async () => {
    const pool = { query: async () => ({ rows: [], rowCount: 0 }) };
    for (const bad of ["tokens; DROP TABLE users", 'a"b', "a.b.c", "", "1tokens", "x".repeat(64), 42]) {
      assert.throws(() => postgresTokenStore(pool, { table: bad }), /table must be an identifier/, String(bad));
    }
    assert.throws(() => postgresTokenStore({}), /pg Pool/);
    postgresTokenStore(pool, { table: "App_Tokens_2" });
    postgresTokenStore(pool, { table: "billing.marketsplit_tokens" });
  });

  describe("postgres", () => {
    let db;
    before(async () => {
      db = await connect("postgres");
    });
    after(() => db.close());

    test("creates its table once when many processes' stores start at once, default name marketsplit_tokens", async () => {
      const pools = await Promise.all(Array.from({ length: 6 }, () => connect("postgres")));
      try {
        const table = `race_${process.pid}`;
        await Promise.all(pools.map((p, i) => storeOf("postgres", p.client, { table }).set(`user:u${i}`, PAIR)));
        const { rows } = await db.client.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = $1", [table]);
        assert.equal(rows[0].n, 1);
        const stored = await db.client.query(`SELECT count(*)::int AS n FROM "${table}"`);
        assert.equal(stored.rows[0].n, 6);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
      await postgresTokenStore(db.client).get("app");
      const { rows } = await db.client.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'marketsplit_tokens'");
      assert.equal(rows[0].n, 1);
    });

    test("a schema-qualified table is created in that schema", async () => {
      await db.client.query("CREATE SCHEMA IF NOT EXISTS billing");
      const store = postgresTokenStore(db.client, { table: "billing.tokens" });
      await store.set("app", PAIR);
      const { rows } = await db.client.query("SELECT tokens FROM billing.tokens WHERE key = 'app'");
      assert.deepEqual(rows[0].tokens, PAIR);
    });
  });
});
