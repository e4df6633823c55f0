// The shop both halves of the load test agree on: the one kind of order it sells (a 1,000.00
// order split three ways by its commission rules), and the operator token that lets the load
// generator settle. stack.mjs serves the proxy with this shop's `order` and `authorize`, as the
// npm README's recipe wires them; run.mjs sends what a page would have shown.

export const ORDER_AMOUNT = '1000.00';
export const SPLIT = {
  orderAmount: ORDER_AMOUNT,
  mdrBorneBy: 'VENDOR',
  marketplaceAmount: '100.00',
  vendors: [
    { subMid: 'vendor_a', amount: '500.00', commission: { percent: '10', taxPercent: '18' } },
    { subMid: 'vendor_b', amount: '250.50', commission: { percent: '12.5', flat: '5', min: '20', taxPercent: '18' } },
    { subMid: 'vendor_c', amount: '149.50', commission: { flat: '15' } },
  ],
};
/** Sent by the load generator as `x-load-operator` on back-office calls. */
export const OPERATOR_HEADER = 'x-load-operator';
export const OPERATOR_TOKEN = 'load-operator-token';

const CHECKOUT = new Set(['juspay.createOrder', 'juspay.orderStatus', 'instamojo.createPaymentRequest']);

/** The shop's record of every order the load generator makes (ids `load-…`), else none. */
export async function order(request, { orderId }) {
  return orderId.startsWith('load-') ? { amount: ORDER_AMOUNT, split: SPLIT } : null;
}

/** Buyers check out; settlements take the operator's token. */
export async function authorize(request, operation) {
  return CHECKOUT.has(operation) || request.headers.get(OPERATOR_HEADER) === OPERATOR_TOKEN;
}
