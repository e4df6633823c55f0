export * from "./marketsplit.js";
export * from "./proxy-client.js";
/**
 * Loads the wasm module (once; later calls return the same promise). Await it before the first
 * call: until it resolves, every function and constructor throws a `MarketsplitError` with code
 * `NOT_INITIALIZED`.
 */
export declare function init(): Promise<void>;
