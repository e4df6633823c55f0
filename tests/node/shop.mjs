// A shop's backend as the npm README's proxy recipe writes it: the shop's own records of its
// orders (here a Map instead of a database), its commission rules, and an operator session in a
// signed cookie. `order` and `authorize` are the hooks createProxyHandler is given; the tests wire
// them exactly as the recipe does.

import { createHmac, timingSafeEqual } from "node:crypto";
import { paiseText, toPaise } from "../sim/paise.mjs";

/** The shop's commission rules, per seller (sub_mid): what `calculateSplit` takes. */
export const COMMISSION = {
  V1: { percent: "10", taxPercent: "18" },
  V2: { percent: "12.5" },
};

const CHECKOUT = new Set(["juspay.createOrder", "juspay.orderStatus", "instamojo.createPaymentRequest"]);

/**
 * `calculateSplit` is the library's (the tests pass theirs in). `records` holds what `order`
 * answers, by order id: put a record there (`shop.orders.set(id, record)`) or a cart
 * (`shop.addCart(id, cart)`), whose split the shop computes from its rules.
 */
export function createShop(calculateSplit, { sessionSecret = "shop-session-SECRET-7c1e55" } = {}) {
  const orders = new Map();
  const asked = [];

  /** A cart: `{ items: { V1: "600.00", ... }, marketplaceAmount?, customer?, returnUrl? }`. */
  function addCart(orderId, { items, marketplaceAmount = "0.00", customer, returnUrl }) {
    const vendors = Object.entries(items).map(([subMid, amount]) => ({ subMid, amount, commission: COMMISSION[subMid] }));
    const amount = paiseText(vendors.reduce((sum, v) => sum + toPaise(v.amount), toPaise(marketplaceAmount)));
    const split = calculateSplit({ orderAmount: amount, mdrBorneBy: "MARKETPLACE", marketplaceAmount, vendors });
    const record = { amount, split, customer, returnUrl };
    orders.set(orderId, record);
    return record;
  }

  /** createProxyHandler's `order`: the shop's record of the order, or null. */
  async function order(request, { operation, orderId }) {
    asked.push({ operation, orderId });
    return orders.get(orderId) ?? null;
  }

  const sign = (payload) => createHmac("sha256", sessionSecret).update(payload).digest("base64url");

  /** A `session` cookie the shop sets when an operator signs in. */
  function operatorCookie(role = "operator") {
    const payload = Buffer.from(JSON.stringify({ role })).toString("base64url");
    return `session=${payload}.${sign(payload)}`;
  }

  /** The signed-in operator, from the `session` cookie, verified on the server; else null. */
  function operatorSession(request) {
    const cookie = (request.headers.get("cookie") ?? "").split(/;\s*/).find((c) => c.startsWith("session="));
    const [payload, signature] = (cookie?.slice("session=".length) ?? "").split(".");
    if (!payload || !signature) return null;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return session.role === "operator" ? session : null;
  }

  /** createProxyHandler's `authorize`: buyers check out; only a signed-in operator moves paid money. */
  async function authorize(request, operation) {
    if (CHECKOUT.has(operation)) return true;
    return operatorSession(request) !== null;
  }

  return { orders, asked, addCart, order, authorize, operatorCookie };
}
