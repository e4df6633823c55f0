// The token stores `marketsplit/server` exports: thin JS over the caller's own database client.
export { redisTokenStore } from "./redis.js";
export { postgresTokenStore } from "./postgres.js";
