// The browser and bundler entry. wasm-bindgen's `web` glue needs an asynchronous instantiation
// before its first call; until then a call would fail deep in the glue with a TypeError, so every
// export is wrapped to throw the contract's NOT_INITIALIZED instead.
import load, * as glue from "./marketsplit.js";
import { guardUntilReady } from "./guard.js";

// A literal `new URL(..., import.meta.url)` is what Vite, webpack, Next.js and Turbopack recognise
// to ship the .wasm as an asset of its own, with no plugin. init() may be given the module instead,
// where the .wasm is not beside this file (esbuild).
const { init, guard } = guardUntilReady(glue.MarketsplitError, load, () => new URL("./marketsplit_bg.wasm", import.meta.url), "web.wasm");

export { init };
// The class itself (src/js/error.js), so that `instanceof` holds for what every export throws.
export const MarketsplitError = glue.MarketsplitError;
export const allocate = guard(glue.allocate);
export const calculateSplit = guard(glue.calculateSplit);
export const juspaySplitMetadata = guard(glue.juspaySplitMetadata);
export const validateJuspaySplit = guard(glue.validateJuspaySplit);
export const orderStatus = guard(glue.orderStatus);
export const SettlementLedger = guard(glue.SettlementLedger);
export const ProxyClient = guard(glue.ProxyClient);
// The classes of `client.juspay` and `client.instamojo`, for `instanceof` and types.
export const ProxyJuspay = guard(glue.ProxyJuspay);
export const ProxyInstamojo = guard(glue.ProxyInstamojo);
