"use strict";
// `marketsplit/server` in Node (and Bun, Deno, Jest, and whatever bundles for them): the whole API.
// marketsplit.js is one file with the wasm module inlined, instantiated synchronously when it is
// first required, so bundlers have nothing to follow and init() nothing left to wait for.
const glue = require("./marketsplit.js");

exports.init = () => Promise.resolve();
exports.MarketsplitError = glue.MarketsplitError;
exports.allocate = glue.allocate;
exports.calculateSplit = glue.calculateSplit;
exports.juspaySplitMetadata = glue.juspaySplitMetadata;
exports.validateJuspaySplit = glue.validateJuspaySplit;
exports.orderStatus = glue.orderStatus;
exports.SettlementLedger = glue.SettlementLedger;
exports.ProxyClient = glue.ProxyClient;
exports.ProxyJuspay = glue.ProxyJuspay;
exports.ProxyInstamojo = glue.ProxyInstamojo;
exports.JuspayClient = glue.JuspayClient;
exports.InstamojoClient = glue.InstamojoClient;
exports.createProxyHandler = glue.createProxyHandler;
exports.verifyInstamojoWebhook = glue.verifyInstamojoWebhook;
exports.verifyJuspaySignature = glue.verifyJuspaySignature;

// The JS-only part of marketsplit/server (../server-extras.js, as CommonJS); server.mjs re-exports
// it with `export *`.
const extras = require("./server-extras.cjs");
for (const name of Object.keys(extras)) exports[name] = extras[name];
