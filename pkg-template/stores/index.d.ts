/** The pair a token store keeps under a key (the same shape as `Tokens`). */
export type StoredTokens = { accessToken: string; refreshToken: string | null; expiresAt: number };

/**
 * A token store shared by many backend processes: the pair per key, and a lease per key that the
 * `InstamojoClient` takes before it asks for a token, so a refresh token is spent once across all
 * of them. `lock` resolves once the caller holds the lease; the release function ends it, and its
 * `extend` renews it, both only while the caller still owns it.
 */
export type SharedTokenStore = {
  get(key: string): Promise<StoredTokens | null>;
  set(key: string, tokens: StoredTokens): Promise<void>;
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) & { extend(ttlMs: number): Promise<boolean> }>;
};

/** A node-redis client (v4 and later: `sendCommand`) or an ioredis client (`call`), connected. */
export type RedisClientLike =
  | { sendCommand(args: string[]): Promise<unknown> }
  | { call(command: string, ...args: string[]): Promise<unknown> };

/** A `pg` Pool (or Client). */
export type PgPoolLike = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };

export type RedisTokenStoreOptions = {
  /** Prepended to every key: `<prefix>token:<key>` and `<prefix>lease:<key>`. Default `"marketsplit:"`. */
  prefix?: string;
  /** How long `lock` waits for a held lease before it rejects. Default 30000. */
  waitMs?: number;
};

export type PostgresTokenStoreOptions = {
  /** The table, created when missing: an identifier, optionally schema-qualified. Default `"marketsplit_tokens"`. */
  table?: string;
  /** How long `lock` waits for a held lease before it rejects. Default 30000. */
  waitMs?: number;
};

/**
 * Tokens in Redis, with `SET NX PX` leases that only their owner renews or releases.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const instamojo = new InstamojoClient({ clientId, clientSecret, tokenStore: redisTokenStore(redis) });
 * ```
 */
export declare function redisTokenStore(client: RedisClientLike, options?: RedisTokenStoreOptions): SharedTokenStore;

/**
 * Tokens in PostgreSQL (the table is created when missing), with row leases that expire.
 * @example
 * ```ts
 * import pg from "pg";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const instamojo = new InstamojoClient({ clientId, clientSecret, tokenStore: postgresTokenStore(pool) });
 * ```
 */
export declare function postgresTokenStore(pool: PgPoolLike, options?: PostgresTokenStoreOptions): SharedTokenStore;
