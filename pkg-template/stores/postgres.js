// postgresTokenStore(pool, { table }): InstamojoClient's tokens in PostgreSQL, shared by every
// backend process, with a lease per key (a row lease that expires) so that a refresh token is
// spent once across all of them. `pool` is the caller's own `pg` Pool (or Client); nothing here
// imports `pg` (an optional peer dependency, never bundled).
//
// The table (default `marketsplit_tokens`) is created when missing, under a transaction-scoped
// advisory lock, so several processes starting at once do not trip over each other. Every value
// is a query parameter; the table name, which cannot be one, must be a plain identifier
// (optionally schema-qualified) and is quoted.

import { ownerToken, waitForLease, waitOption } from "./lease.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
// The advisory lock that serialises creating the table: a fixed class id, then the table's hash.
const CREATE_LOCK_CLASS = 0x6d73; // "ms"

function quotedTable(table) {
  const parts = typeof table === "string" ? table.split(".") : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new TypeError("postgresTokenStore: table must be an identifier such as marketsplit_tokens or app.marketsplit_tokens");
  }
  return parts.map((p) => `"${p}"`).join(".");
}

export function postgresTokenStore(pool, { table = "marketsplit_tokens", waitMs } = {}) {
  if (!pool || typeof pool.query !== "function") throw new TypeError("postgresTokenStore: pool must be a pg Pool");
  const t = quotedTable(table);
  const wait = waitOption(waitMs, "postgresTokenStore");
  let ready = null;

  // One statement, so it runs in one transaction that holds the advisory lock to its end.
  const create = `DO $$ BEGIN
    PERFORM pg_advisory_xact_lock(${CREATE_LOCK_CLASS}, hashtext('${t.replace(/'/g, "''")}'));
    CREATE TABLE IF NOT EXISTS ${t} (
      key text PRIMARY KEY,
      tokens jsonb,
      lease_owner text,
      lease_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  END $$`;
  const query = async (text, values) => {
    // Created once per store; a failed attempt is tried again by the next call.
    ready ??= pool.query(create).catch((error) => {
      ready = null;
      throw error;
    });
    await ready;
    return pool.query(text, values);
  };

  return {
    async get(key) {
      const { rows } = await query(`SELECT tokens FROM ${t} WHERE key = $1`, [key]);
      return rows[0]?.tokens ?? null;
    },

    async set(key, tokens) {
      await query(
        `INSERT INTO ${t} (key, tokens, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET tokens = EXCLUDED.tokens, updated_at = now()`,
        [key, JSON.stringify(tokens)],
      );
    },

    async lock(key, ttlMs) {
      const owner = ownerToken();
      const ttl = Math.max(1, Math.ceil(ttlMs));
      // Taken when the key has no lease or its lease has ended (the database's clock decides).
      const take = `INSERT INTO ${t} AS t (key, lease_owner, lease_until) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
        WHERE t.lease_until IS NULL OR t.lease_until <= clock_timestamp()
        RETURNING key`;
      await waitForLease(async () => (await query(take, [key, owner, ttl])).rowCount === 1, key, wait);
      const release = async () => {
        await query(`UPDATE ${t} SET lease_owner = NULL, lease_until = NULL WHERE key = $1 AND lease_owner = $2`, [key, owner]);
      };
      release.extend = async (more) =>
        (await query(
          `UPDATE ${t} SET lease_until = clock_timestamp() + $3 * interval '1 millisecond' WHERE key = $1 AND lease_owner = $2`,
          [key, owner, Math.max(1, Math.ceil(more))],
        )).rowCount === 1;
      return release;
    },
  };
}
