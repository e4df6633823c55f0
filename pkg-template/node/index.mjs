// ESM over the CommonJS entry: one module instance whichever way marketsplit is loaded.
export {
  init,
  MarketsplitError,
  allocate,
  calculateSplit,
  juspaySplitMetadata,
  validateJuspaySplit,
  orderStatus,
  SettlementLedger,
  ProxyClient,
  ProxyJuspay,
  ProxyInstamojo,
} from "./index.cjs";
