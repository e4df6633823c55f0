// The browser and bundler entry. wasm-bindgen's `web` glue needs an asynchronous instantiation
// before its first call; until then a call would fail deep in the glue with a TypeError, so every
// export is wrapped to throw the contract's NOT_INITIALIZED instead.
import load, * as glue from "./marketsplit.js";
// The class itself (a JS class in one of the glue's snippets; scripts/pkg.sh writes this file).
import { MarketsplitError } from "./error-class.js";
import { guardUntilReady } from "./guard.js";
import { proxyClasses } from "./proxy-client.js";

// A literal `new URL(..., import.meta.url)` is what Vite and webpack recognise to ship the .wasm
// as an asset of its own, with no plugin. init() may be given the module instead, where the
// .wasm is not beside this file.
const { init, guard } = guardUntilReady(MarketsplitError, load, () => new URL("./marketsplit_bg.wasm", import.meta.url));

export { init };
export { MarketsplitError };
export const allocate = guard(glue.allocate);
export const calculateSplit = guard(glue.calculateSplit);
export const juspaySplitMetadata = guard(glue.juspaySplitMetadata);
export const validateJuspaySplit = guard(glue.validateJuspaySplit);
export const orderStatus = guard(glue.orderStatus);
export const SettlementLedger = guard(glue.SettlementLedger);
const proxy = proxyClasses(MarketsplitError);
export const ProxyClient = guard(proxy.ProxyClient);
// The classes of `client.juspay` and `client.instamojo`, for `instanceof` and types.
export const ProxyJuspay = guard(proxy.ProxyJuspay);
export const ProxyInstamojo = guard(proxy.ProxyInstamojo);
