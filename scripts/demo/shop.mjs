// The demo shop's side of the trust boundary: the carts it owns, its commission rules, its record
// of each order (what `createProxyHandler`'s `order` hook returns) and who may do what (its
// `authorize`). The browser previews a cart's split; what reaches a gateway is computed here.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { splitInputOf } from "../../www/cart.js";

/** The shop's sellers and its commission rules for each (GST on commission where it applies). */
export const SELLERS = [
  { subMid: "seller_a", name: "Jaipur Looms", commission: { percent: "10", taxPercent: "18" } },
  { subMid: "seller_b", name: "Kurseong Tea Co.", commission: { percent: "12.5" } },
];

/** Every cart holds these lines: two sellers' items and one of the marketplace's own. */
export const ITEMS = [
  { sku: "A-SAREE", name: "Handloom cotton saree", seller: "seller_a", price: "450.00", quantity: 1 },
  { sku: "A-DUPATTA", name: "Block-print dupatta", seller: "seller_a", price: "150.00", quantity: 1 },
  { sku: "B-TEA", name: "Darjeeling first flush, 250 g", seller: "seller_b", price: "200.00", quantity: 2 },
  { sku: "M-WRAP", name: "Gift wrapping", seller: null, price: "50.00", quantity: 1 },
];

/** The gateway fee the previews estimate (Juspay deducts the real one), shared by everyone. */
export const MDR = { percent: "2", taxPercent: "18" };
export const MDR_BORNE_BY = "ALL";

export const CHECKOUT = new Set(["juspay.createOrder", "juspay.orderStatus", "instamojo.createPaymentRequest"]);
export const BACK_OFFICE = new Set(["juspay.refund", "instamojo.settle", "instamojo.fulfil", "instamojo.refund"]);

const BUYER_COOKIE = "demo_buyer";
const MAX_ORDERS = 10_000; // the oldest records go first: a demo's memory stays bounded

/**
 * `calculateSplit`: the library's (the server's own copy). `operatorToken`: the one secret that
 * makes a request the operator's. `origin()`: the demo's URL, for the return and redirect URLs.
 * `instamojoUser`: whose Instamojo account payment requests are made on.
 */
export function createShop({ calculateSplit, operatorToken, origin, instamojoUser }) {
  const buyers = new Set(); // ids this server minted; any other cookie is no buyer at all
  const orders = new Map(); // orderId -> { buyer, cart, plan }
  const operatorDigest = digest(operatorToken);

  /** The buyer id of a request's cookie, when this server minted it; else null. */
  function buyerOf(request) {
    const cookies = request.headers.get("cookie") ?? "";
    for (const part of cookies.split(";")) {
      const [name, ...value] = part.trim().split("=");
      if (name === BUYER_COOKIE && buyers.has(value.join("="))) return value.join("=");
    }
    return null;
  }

  /** Whether the request carries the operator's token (`Authorization: Bearer <token>`), compared in constant time. */
  function isOperator(request) {
    const match = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
    return match !== null && timingSafeEqual(digest(match[1]), operatorDigest);
  }

  /** A new cart (and order id) for the request's buyer; `setCookie` when the buyer is new. */
  function newCart(request) {
    let buyer = buyerOf(request);
    let setCookie = null;
    if (!buyer) {
      buyer = `buyer_${randomBytes(12).toString("hex")}`;
      buyers.add(buyer);
      setCookie = `${BUYER_COOKIE}=${buyer}; Path=/; HttpOnly; SameSite=Strict`;
    }
    const cart = {
      orderId: `ord_${Date.now().toString(36)}${randomBytes(3).toString("hex")}`,
      currency: "INR",
      sellers: SELLERS.map((s) => ({ ...s, commission: { ...s.commission } })),
      items: ITEMS.map((item) => ({ ...item })),
      mdr: { ...MDR },
      mdrBorneBy: MDR_BORNE_BY,
    };
    // The record keeps its own copy and its own plan: nothing the browser does to its copy reaches it.
    const record = { buyer, cart: structuredClone(cart), plan: calculateSplit(splitInputOf(cart)) };
    orders.set(cart.orderId, record);
    if (orders.size > MAX_ORDERS) orders.delete(orders.keys().next().value);
    return { cart, setCookie };
  }

  return {
    orders,
    buyerOf,
    isOperator,
    newCart,

    /** createProxyHandler's `order`: this server's record of the order, or null for one the request may not see. */
    async order(request, { operation, orderId }) {
      const record = orders.get(orderId);
      if (!record || record.buyer !== buyerOf(request)) return null;
      const { plan } = record;
      if (operation === "juspay.createOrder" || operation === "juspay.orderStatus") {
        return { amount: plan.orderAmount, split: plan, customer: { id: record.buyer }, returnUrl: `${origin()}/` };
      }
      if (operation === "instamojo.createPaymentRequest") {
        return { amount: plan.orderAmount, purpose: `marketsplit demo order ${orderId}`, redirectUrl: `${origin()}/`, user: instamojoUser };
      }
      return null;
    },

    /**
     * createProxyHandler's `authorize`: checkout for a buyer this server knows, back office for the
     * operator alone. Always a boolean; anything else is refused.
     */
    async authorize(request, operation) {
      if (CHECKOUT.has(operation)) return buyerOf(request) !== null;
      if (BACK_OFFICE.has(operation)) return isOperator(request);
      return false;
    },
  };
}

/** A fixed-length digest, so timingSafeEqual compares equal lengths whatever was sent. */
function digest(text) {
  return createHash("sha256").update(String(text), "utf8").digest();
}
