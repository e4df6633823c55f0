"use strict";
// `marketsplit` in Node: the browser-safe names only, taken from the same module instance as
// `marketsplit/server`, so MarketsplitError is one class across both.
const all = require("./server.cjs");

exports.init = all.init;
exports.MarketsplitError = all.MarketsplitError;
exports.allocate = all.allocate;
exports.calculateSplit = all.calculateSplit;
exports.juspaySplitMetadata = all.juspaySplitMetadata;
exports.validateJuspaySplit = all.validateJuspaySplit;
exports.orderStatus = all.orderStatus;
exports.SettlementLedger = all.SettlementLedger;
exports.ProxyClient = all.ProxyClient;
exports.ProxyJuspay = all.ProxyJuspay;
exports.ProxyInstamojo = all.ProxyInstamojo;
