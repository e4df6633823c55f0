export * from "./marketsplit.js";
export * from "../server-extras.js";
/**
 * Loads the wasm module (once; later calls return the same promise). Await it before the first
 * call: until it resolves, every function and constructor throws a `MarketsplitError` with code
 * `NOT_INITIALIZED`. Without an argument it loads `marketsplit_bg.wasm` beside the entry (on Workers
 * and edge runtimes it is imported as a module); otherwise pass the module: its URL, its bytes, a
 * `Response` or a compiled `WebAssembly.Module` (e.g. `import wasm from "marketsplit/server.wasm"`).
 * A load that fails rejects with `INIT_FAILED`.
 * @example
 * ```ts
 * await init();
 * verifyInstamojoWebhook(webhookBody, process.env.INSTAMOJO_SALT!); // => true
 * ```
 */
export declare function init(wasm?: WebAssembly.Module | BufferSource | URL | string | Response): Promise<void>;
