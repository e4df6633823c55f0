// `marketsplit/server` in fetch-API runtimes without the `node` condition (Deno without npm's
// conditions, edge functions, a browser page): wasm-bindgen's `web` glue with the server feature,
// loaded asynchronously like the browser entry. Workers use ./workerd.js, which imports this.
import load, * as glue from "./marketsplit.js";
import { guardUntilReady } from "../web/guard.js";

const { init, guard } = guardUntilReady(glue.MarketsplitError, load, () => new URL("./marketsplit_bg.wasm", import.meta.url), "server.wasm");

export { init };
export const MarketsplitError = glue.MarketsplitError;
export const allocate = guard(glue.allocate);
export const calculateSplit = guard(glue.calculateSplit);
export const juspaySplitMetadata = guard(glue.juspaySplitMetadata);
export const validateJuspaySplit = guard(glue.validateJuspaySplit);
export const orderStatus = guard(glue.orderStatus);
export const SettlementLedger = guard(glue.SettlementLedger);
export const ProxyClient = guard(glue.ProxyClient);
export const ProxyJuspay = guard(glue.ProxyJuspay);
export const ProxyInstamojo = guard(glue.ProxyInstamojo);
export const JuspayClient = guard(glue.JuspayClient);
export const InstamojoClient = guard(glue.InstamojoClient);
export const createProxyHandler = guard(glue.createProxyHandler);
export const verifyInstamojoWebhook = guard(glue.verifyInstamojoWebhook);
export const verifyJuspaySignature = guard(glue.verifyJuspaySignature);
// The JS-only part of marketsplit/server (../server-extras.js), in every server entry.
export * from "../server-extras.js";
