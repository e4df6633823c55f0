export * from "./marketsplit.js";
export * from "./proxy-client.cjs";
export * from "./stores/index.cjs";
/** Resolves at once: in Node the module is ready as soon as it is imported. */
export declare function init(): Promise<void>;
