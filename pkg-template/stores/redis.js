// redisTokenStore(client, { prefix }): InstamojoClient's tokens in Redis, shared by every backend
// process, with a lease per key so that a refresh token is spent once across all of them.
// `client` is the caller's own node-redis (v4 or later) or ioredis client, already connected;
// nothing here imports either (they are optional peer dependencies, never bundled).
//
//   <prefix>token:<key>   the pair as JSON        <prefix>lease:<key>   the lease: its owner's token
//
// The lease is `SET NX PX ttl` with a random owner token; it is renewed and released only by its
// owner (a Lua compare-and-set / compare-and-delete), so a lease that lapsed and went to another
// process is never ended or stretched by the first.

import { ownerToken, waitForLease, waitOption } from "./lease.js";

const RELEASE = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0';
const EXTEND = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0';

/** One way to send a raw command, whichever client this is: ioredis has `call`, node-redis `sendCommand`. */
function commandOf(client) {
  if (client && typeof client.call === "function") return (args) => client.call(...args);
  if (client && typeof client.sendCommand === "function") return (args) => client.sendCommand(args);
  throw new TypeError("redisTokenStore: client must be a node-redis or ioredis client");
}

export function redisTokenStore(client, { prefix = "marketsplit:", waitMs } = {}) {
  const send = commandOf(client);
  if (typeof prefix !== "string") throw new TypeError("redisTokenStore: prefix must be a string");
  const wait = waitOption(waitMs, "redisTokenStore");
  const tokenKey = (key) => `${prefix}token:${key}`;
  const leaseKey = (key) => `${prefix}lease:${key}`;

  return {
    async get(key) {
      const text = await send(["GET", tokenKey(key)]);
      if (text === null || text === undefined) return null;
      try {
        return JSON.parse(String(text));
      } catch {
        return null; // unreadable: treated as no token, and overwritten by the next grant
      }
    },

    async set(key, tokens) {
      await send(["SET", tokenKey(key), JSON.stringify(tokens)]);
    },

    async lock(key, ttlMs) {
      const lease = leaseKey(key);
      const owner = ownerToken();
      const ttl = String(Math.max(1, Math.ceil(ttlMs)));
      await waitForLease(async () => (await send(["SET", lease, owner, "NX", "PX", ttl])) === "OK", key, wait);
      const release = async () => {
        await send(["EVAL", RELEASE, "1", lease, owner]);
      };
      release.extend = async (more) => Number(await send(["EVAL", EXTEND, "1", lease, owner, String(Math.max(1, Math.ceil(more)))])) === 1;
      return release;
    },
  };
}
