// The JavaScript-only part of `marketsplit/server`: thin helpers over the user's own clients that
// need no wasm (API.md allows `redisTokenStore` and `postgresTokenStore` here). Every server entry
// re-exports this module: server-web/index.js (and the Workers and edge entries through it) bundles
// it, and scripts/pkg.sh copies it as CommonJS for Node (node/server-extras.cjs). Declarations go in
// server-extras.d.ts. Nothing here yet.
export {};
