export * from "./marketsplit.js";
export * from "./proxy-client.js";
/**
 * Loads the wasm module (once; later calls return the same promise). Await it before the first
 * call: until it resolves, every function and constructor throws a `MarketsplitError` with code
 * `NOT_INITIALIZED`. Without an argument it fetches `marketsplit_bg.wasm` beside the entry (bundlers
 * ship it as an asset); otherwise pass the module (its bytes, a compiled module, a URL or a Response).
 */
export declare function init(wasm?: WebAssembly.Module | BufferSource | URL | Response): Promise<void>;
