export * from "./marketsplit.js";
export * from "./server-extras.cjs";
/**
 * Resolves at once: in Node the module is ready as soon as it is imported.
 * @example
 * ```ts
 * await init();
 * orderStatus("CHARGED").success; // => true
 * ```
 */
export declare function init(): Promise<void>;
