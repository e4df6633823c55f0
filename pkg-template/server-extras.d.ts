// The declarations of server-extras.js (the JavaScript-only part of `marketsplit/server`).
export * from "./stores/index.js";
