export * from "./marketsplit.js";
export * from "../web/proxy-client.js";
export * from "../stores/index.js";
/**
 * Loads the wasm module (once; later calls return the same promise). Await it before the first
 * call: until it resolves, every function and constructor throws a `MarketsplitError` with code
 * `NOT_INITIALIZED`. Where the runtime cannot fetch the package's own files (Cloudflare Workers),
 * pass the compiled module, e.g. one imported from `marketsplit/server-web/marketsplit_bg.wasm`.
 */
export declare function init(wasm?: WebAssembly.Module | BufferSource | URL | Response): Promise<void>;
