// A cart as the demo server sends it (GET /demo/cart), turned into calculateSplit's input. The page
// uses this for its preview and the demo server for its own record of the order, each on its own
// copy of the cart: what the browser computes is only ever compared with what the server computes.
//
// cart = {
//   orderId, sellers: [{ subMid, name, commission }], items: [{ sku, name, seller, price, quantity }],
//   mdr?, mdrBorneBy?,
// }
// An item whose `seller` is null is the marketplace's own.

import { paiseOf, paiseText } from "./paise.js";

/** The cart's lines: each item with its line total (price × quantity) as amount text. */
export function cartLines(cart) {
  return cart.items.map((item) => {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) throw new Error(`bad quantity for ${item.sku}`);
    return { ...item, total: paiseText(paiseOf(item.price) * BigInt(item.quantity)) };
  });
}

/** The SplitInput of a cart: each seller's lines summed as its gross, the marketplace's own lines as marketplaceAmount. */
export function splitInputOf(cart) {
  const gross = new Map(cart.sellers.map((s) => [s.subMid, 0n]));
  let own = 0n;
  let total = 0n;
  for (const line of cartLines(cart)) {
    const paise = paiseOf(line.total);
    total += paise;
    if (line.seller === null) own += paise;
    else if (gross.has(line.seller)) gross.set(line.seller, gross.get(line.seller) + paise);
    else throw new Error(`item ${line.sku} names an unknown seller ${line.seller}`);
  }
  const input = {
    orderAmount: paiseText(total),
    mdrBorneBy: cart.mdrBorneBy ?? "MARKETPLACE",
    vendors: cart.sellers
      .filter((s) => gross.get(s.subMid) > 0n)
      .map((s) => ({ subMid: s.subMid, amount: paiseText(gross.get(s.subMid)), ...(s.commission ? { commission: { ...s.commission } } : {}) })),
  };
  if (own > 0n) input.marketplaceAmount = paiseText(own);
  if (cart.mdr) input.mdr = { ...cart.mdr };
  return input;
}
