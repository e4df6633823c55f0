"use strict";
// `marketsplit/server` in Node: the whole API. The wasm module is instantiated synchronously
// when marketsplit.js is first required, so init() has nothing left to wait for.
const glue = require("./marketsplit.js");
// The class is JS (src/js/error.rs); the glue hands it out.
const MarketsplitError = glue.__errorClass();
const proxy = require("./proxy-client.cjs").proxyClasses(MarketsplitError);

exports.init = () => Promise.resolve();
exports.MarketsplitError = MarketsplitError;
exports.allocate = glue.allocate;
exports.calculateSplit = glue.calculateSplit;
exports.juspaySplitMetadata = glue.juspaySplitMetadata;
exports.validateJuspaySplit = glue.validateJuspaySplit;
exports.orderStatus = glue.orderStatus;
exports.SettlementLedger = glue.SettlementLedger;
exports.ProxyClient = proxy.ProxyClient;
exports.ProxyJuspay = proxy.ProxyJuspay;
exports.ProxyInstamojo = proxy.ProxyInstamojo;
exports.JuspayClient = glue.JuspayClient;
exports.InstamojoClient = glue.InstamojoClient;
exports.createProxyHandler = glue.createProxyHandler;
exports.verifyInstamojoWebhook = glue.verifyInstamojoWebhook;
exports.verifyJuspaySignature = glue.verifyJuspaySignature;
// Thin JS over the caller's own database client (pkg-template/stores/).
const stores = require("./stores/index.cjs");
exports.redisTokenStore = stores.redisTokenStore;
exports.postgresTokenStore = stores.postgresTokenStore;
