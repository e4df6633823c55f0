// Juspay's order API with split settlement, as GATEWAYS.md describes it: form-encoded requests,
// Basic auth of the API key, x-merchantid and version headers, and the split rules checked the way
// Juspay checks them (a split that does not add up to the order is refused, never partly applied).

import { paiseNumber, paiseText, toPaise } from "./paise.mjs";
import { randomId, reply, text } from "./wire.mjs";

const SPLIT_KEY = "metadata.split_settlement_details";
const MDR_BORNE_BY = new Set(["MARKETPLACE", "VENDOR", "ALL"]);
export const STATUS_IDS = {
  CREATED: 1, NEW: 10, STARTED: 20, CHARGED: 21, JUSPAY_DECLINED: 22, PENDING_VBV: 23,
  VBV_SUCCESSFUL: 24, AUTHENTICATION_FAILED: 26, AUTHORIZATION_FAILED: 27, AUTHORIZING: 28,
  VOIDED: 31, AUTO_REFUNDED: 36,
};

const fail = (status, error_code, error_message) => reply(status, { status: "error", error_code, error_message });
const badRequest = (message) => fail(400, "BAD_REQUEST", message);

export function createJuspay({ apiKey, merchantId }, baseUrl) {
  const orders = new Map();

  function authorize(headers) {
    const auth = headers.authorization ?? "";
    const decoded = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8") : null;
    // The docs' curl sends "API_KEY:", the official SDK "API_KEY": Juspay accepts both.
    if (decoded !== `${apiKey}:` && decoded !== apiKey) return fail(401, "access_denied", "Invalid API key.");
    if (headers["x-merchantid"] !== merchantId) return fail(401, "access_denied", "Merchant id does not match the API key.");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(headers.version ?? "")) return badRequest("Missing or malformed version header.");
    return null;
  }

  function view(order) {
    const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
    return {
      id: order.id,
      order_id: order.orderId,
      merchant_id: merchantId,
      amount: paiseNumber(order.amount),
      currency: order.currency,
      customer_id: order.customerId,
      return_url: order.returnUrl,
      status: order.status,
      status_id: STATUS_IDS[order.status] ?? -1,
      amount_refunded: paiseNumber(refunded),
      refunded: refunded > 0,
      refunds: order.refunds.map((r) => ({
        id: r.id, unique_request_id: r.uniqueRequestId, amount: paiseNumber(r.amount), status: "PENDING",
      })),
      payment_links: order.paymentLinks,
    };
  }

  function createOrder({ fields }) {
    const orderId = text(fields.order_id);
    if (!orderId) return badRequest("order_id is required.");
    const existing = orders.get(orderId);
    if (existing) return reply(200, view(existing));
    const amount = toPaise(fields.amount);
    if (amount === null || amount === 0) return badRequest("amount must be a positive number with at most two decimals.");
    let split = null;
    if (fields[SPLIT_KEY] !== undefined) {
      const checked = checkSplit(fields[SPLIT_KEY], amount);
      if (checked.error) return badRequest(checked.error);
      split = checked.split;
    }
    const id = randomId("ordeh_");
    const order = {
      id, orderId, amount, split, refunds: [], status: "NEW",
      currency: fields.currency ?? "INR", customerId: fields.customer_id ?? null, returnUrl: fields.return_url ?? null,
      paymentLinks: {
        web: `${baseUrl()}/merchant/pay/${id}`,
        mobile: `${baseUrl()}/merchant/pay/${id}?mobile=true`,
        iframe: `${baseUrl()}/merchant/ipay/${id}`,
      },
    };
    orders.set(orderId, order);
    return reply(200, { id, order_id: orderId, status: "CREATED", status_id: 1, payment_links: order.paymentLinks });
  }

  function orderStatus({ params }) {
    const order = orders.get(params[0]);
    return order ? reply(200, view(order)) : fail(404, "not_found", "Order not found.");
  }

  function refund({ params, fields }) {
    const order = orders.get(params[0]);
    if (!order) return fail(404, "not_found", "Order not found.");
    const uniqueRequestId = text(fields.unique_request_id);
    if (!uniqueRequestId) return badRequest("unique_request_id is required.");
    // Juspay's refund docs ("Refund Order API", failure responses): a unique_request_id used before
    // is refused with 400 duplicate.call, not answered with the earlier refund. The client learns
    // what that earlier refund was from the order's status.
    if (order.refunds.some((r) => r.uniqueRequestId === uniqueRequestId)) {
      return reply(400, { status_id: -1, status: "ERROR", error_code: "duplicate.call", error_message: "A refund call was already completed with this unique_request_id for the order." });
    }
    if (order.status !== "CHARGED") return badRequest(`Order in status ${order.status} cannot be refunded.`);
    const amount = toPaise(fields.amount);
    if (amount === null || amount === 0) return badRequest("amount must be a positive number with at most two decimals.");
    const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (refunded + amount > order.amount) {
      return badRequest(`Refund of ${paiseText(amount)} exceeds the refundable amount ${paiseText(order.amount - refunded)}.`);
    }
    let parts = null;
    if (fields[SPLIT_KEY] !== undefined) {
      const checked = checkRefundSplit(fields[SPLIT_KEY], amount, order);
      if (checked.error) return badRequest(checked.error);
      parts = checked.parts;
    }
    order.refunds.push({ id: randomId("rfnd_"), uniqueRequestId, amount, parts });
    return reply(200, view(order));
  }

  return {
    orders,
    authorize,
    /** Moves an order to a status, as a buyer paying (CHARGED) or failing would. */
    setStatus(orderId, status) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      if (!(status in STATUS_IDS)) throw new Error(`unknown status ${status}`);
      order.status = status;
    },
    routes: [
      { name: "juspay.createOrder", method: "POST", pattern: /^\/orders$/, handle: createOrder },
      { name: "juspay.orderStatus", method: "GET", pattern: /^\/orders\/([^/]+)$/, handle: orderStatus },
      { name: "juspay.refund", method: "POST", pattern: /^\/orders\/([^/]+)\/refunds$/, handle: refund },
    ],
  };
}

function decode(textValue) {
  try {
    const value = JSON.parse(textValue);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Validates split_settlement_details against the order amount; `{ split }` or `{ error }`. */
function checkSplit(textValue, orderAmount) {
  const details = decode(textValue);
  if (!details) return { error: "Juspay split settlement details cannot be decoded" };
  if (!MDR_BORNE_BY.has(details.mdr_borne_by)) return { error: "mdr_borne_by must be MARKETPLACE, VENDOR or ALL" };
  const marketplace = toPaise(details.marketplace?.amount);
  if (marketplace === null) return { error: "marketplace.amount is missing or invalid" };
  const split = details.vendor?.split;
  if (!Array.isArray(split) || split.length === 0) return { error: "vendor.split must be a non-empty array" };
  const vendors = new Map();
  for (const entry of split) {
    const subMid = text(entry?.sub_mid);
    const amount = toPaise(entry?.amount);
    if (!subMid || amount === null || toPaise(entry?.merchant_commission) === null) {
      return { error: "each split needs sub_mid, amount and merchant_commission" };
    }
    if (vendors.has(subMid)) return { error: `sub_mid ${subMid} appears twice` };
    vendors.set(subMid, amount);
  }
  const sum = marketplace + [...vendors.values()].reduce((a, b) => a + b, 0);
  if (sum !== orderAmount) {
    return { error: `Sum of split amounts and marketplace amount (${paiseText(sum)}) does not match the order amount (${paiseText(orderAmount)})` };
  }
  return { split: { marketplace, vendors } };
}

/** A refund's split must add up to the refund and stay within what each party was settled. */
function checkRefundSplit(textValue, amount, order) {
  const details = decode(textValue);
  if (!details) return { error: "Juspay split settlement details cannot be decoded" };
  if (!order.split) return { error: "Order has no split settlement to refund from" };
  const marketplace = details.marketplace?.refund_amount === undefined ? 0 : toPaise(details.marketplace.refund_amount);
  const split = details.vendor?.split ?? [];
  if (marketplace === null || !Array.isArray(split)) return { error: "Refund split settlement details are invalid" };
  const parts = { marketplace, vendors: new Map() };
  for (const entry of split) {
    const subMid = text(entry?.sub_mid);
    const value = toPaise(entry?.refund_amount);
    if (!subMid || value === null) return { error: "each refund split needs sub_mid and refund_amount" };
    if (!order.split.vendors.has(subMid)) return { error: `sub_mid ${subMid} was not part of this order` };
    parts.vendors.set(subMid, (parts.vendors.get(subMid) ?? 0) + value);
  }
  const sum = marketplace + [...parts.vendors.values()].reduce((a, b) => a + b, 0);
  if (sum !== amount) return { error: `Refund split sums to ${paiseText(sum)} but the refund is ${paiseText(amount)}` };
  const before = (pick) => order.refunds.reduce((s, r) => s + (r.parts ? pick(r.parts) : 0), 0);
  if (before((p) => p.marketplace) + marketplace > order.split.marketplace) {
    return { error: "Refund exceeds the amount settled to the marketplace" };
  }
  for (const [subMid, value] of parts.vendors) {
    if (before((p) => p.vendors.get(subMid) ?? 0) + value > order.split.vendors.get(subMid)) {
      return { error: `Refund exceeds the amount settled to ${subMid}` };
    }
  }
  return { parts };
}
