// `marketsplit/server` in fetch-API runtimes (Deno, Workers, edge functions): wasm-bindgen's
// `web` glue with the server feature, loaded asynchronously like the browser entry.
import load, * as glue from "./marketsplit.js";
// The class itself (a JS class in one of the glue's snippets; scripts/pkg.sh writes this file).
import { MarketsplitError } from "./error-class.js";
import { guardUntilReady } from "../web/guard.js";
import { proxyClasses } from "../web/proxy-client.js";

// Where a runtime cannot fetch its own files (Workers), init() takes the compiled module instead.
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
export const ProxyJuspay = guard(proxy.ProxyJuspay);
export const ProxyInstamojo = guard(proxy.ProxyInstamojo);
export const JuspayClient = guard(glue.JuspayClient);
export const InstamojoClient = guard(glue.InstamojoClient);
export const createProxyHandler = guard(glue.createProxyHandler);
export const verifyInstamojoWebhook = guard(glue.verifyInstamojoWebhook);
export const verifyJuspaySignature = guard(glue.verifyJuspaySignature);
// Thin JS over the caller's own database client: nothing to wait for, so not guarded.
export { redisTokenStore, postgresTokenStore } from "../stores/index.js";
