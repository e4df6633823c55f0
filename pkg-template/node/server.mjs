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
  JuspayClient,
  InstamojoClient,
  createProxyHandler,
  verifyInstamojoWebhook,
  verifyJuspaySignature,
} from "./server.cjs";
export * from "./server-extras.cjs";
