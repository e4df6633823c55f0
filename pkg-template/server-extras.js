// The JavaScript-only part of `marketsplit/server`: thin helpers over the user's own clients that
// need no wasm (the token stores over the user's Redis and PostgreSQL clients, stores/). Every
// server entry re-exports this module: server-web/index.js (and the Workers and edge entries
// through it) bundles it, and scripts/lib/bundle-node.mjs makes it one CommonJS file for Node
// (node/server-extras.cjs). Declarations go in server-extras.d.ts.
export * from "./stores/index.js";
