// Instamojo's Marketplace API v2: signup (username mandatory, at most 35 characters), bank details,
// payment requests (with a user token), settlements and their listing (paged as Django REST
// framework pages: count, next, previous, results), and the settlement rules of the source document
// (credits before fulfil and within the payment, debits only after a refund, only to credited
// sub-merchants, within the refund and the sub-merchant's balance).

import { createTokens } from "./instamojo-tokens.mjs";
import { paiseText, toPaise } from "./paise.mjs";
import { randomId, reply, text } from "./wire.mjs";

const REFUND_TYPES = new Set(["RFD", "TNR", "QFL", "QNR", "EWN", "TAN", "PTH"]);
// Instamojo never published the settlement form-field names (GATEWAYS.md: unconfirmed), so the
// names a client may reasonably choose are all read; keep this list the one place to change them.
export const SETTLEMENT_FIELDS = {
  id: ["id", "settlement_id", "unique_id"],
  subMerchant: ["submerchant", "submerchant_id", "sub_merchant", "sub_merchant_id", "user", "user_id"],
};
const pick = (fields, names) => names.map((n) => text(fields[n])).find(Boolean) ?? null;
const fail = (status, message) => reply(status, { success: false, message });

export function createInstamojo({ clientId, clientSecret, users: initialUsers = {}, expiresIn }, baseUrl) {
  const users = new Map(); // username -> { id, username, email, phone, password, bankAccount }
  const paymentRequests = new Map();
  const payments = new Map();
  const settlementIds = new Map(); // settlement id -> payment id
  const counts = { settlementRequests: 0, settlements: 0 };
  const listing = { pageSize: 50 };

  function addUser({ username, password, email = `${username}@example.test`, phone = "9999999999" }) {
    const user = { id: randomId("", 16), username, email, phone, password, bankAccount: null };
    users.set(username, user);
    return user;
  }
  for (const [username, password] of Object.entries(initialUsers)) addUser({ username, password });
  const directory = {
    find: (name) => users.get(name) ?? [...users.values()].find((u) => u.email === name) ?? null,
  };
  const tokens = createTokens({ clientId, clientSecret, expiresIn }, directory);

  /** Runs a handler with the caller's token record, refusing a missing or wrong kind of token. */
  const withToken = (kind, handle) => (ctx) => {
    const { record, error } = tokens.authenticate(ctx.headers);
    if (error) return error;
    if (kind && record.kind !== kind) return fail(403, `This action needs a ${kind} token.`);
    return handle(ctx, record);
  };

  function signup({ fields }) {
    const email = text(fields.email);
    const username = text(fields.username);
    if (!email || !text(fields.password) || !text(fields.phone) || !username) {
      return fail(400, "email, password, phone and username are required.");
    }
    if ([...username].length > 35) return fail(400, "username: Ensure this field has no more than 35 characters.");
    if (directory.find(email)) return fail(400, "A user with this email already exists.");
    if (users.has(username)) return fail(400, "A user with this username already exists.");
    const user = addUser({ username, password: fields.password, email, phone: fields.phone });
    return reply(201, { id: user.id, username, email, phone: user.phone, referrer: fields.referrer ?? null });
  }

  function bankAccount({ params, fields }, record) {
    const user = users.get(record.username);
    if (!user || user.id !== params[0]) return fail(403, "The token does not belong to this user.");
    const holder = text(fields.account_holder_name);
    const number = text(fields.account_number);
    const ifsc = text(fields.ifsc_code);
    if (!holder || !number || !ifsc) return fail(400, "account_holder_name, account_number and ifsc_code are required.");
    if (!/^[A-Z]{4}0[A-Z0-9]{6}$/.test(ifsc)) return fail(400, "ifsc_code is not a valid IFSC.");
    user.bankAccount = { account_holder_name: holder, account_number: number, ifsc_code: ifsc };
    return reply(200, { ...user.bankAccount, user: user.id });
  }

  function createPaymentRequest({ fields }, record) {
    const amount = toPaise(fields.amount);
    if (amount === null || amount < 900 || amount > 20000000) return fail(400, "amount must be between 9 and 200000.");
    if (!text(fields.purpose)) return fail(400, "purpose is required.");
    const id = randomId("", 16);
    const request = {
      id, amount, purpose: fields.purpose, owner: record.username ?? "app",
      buyer_name: fields.buyer_name ?? null, email: fields.email ?? null, phone: fields.phone ?? null,
      redirect_url: fields.redirect_url ?? null, webhook: fields.webhook ?? null, fields,
    };
    paymentRequests.set(id, request);
    return reply(201, {
      id, amount: paiseText(amount), purpose: request.purpose, status: "Pending",
      buyer_name: request.buyer_name, email: request.email, phone: request.phone,
      redirect_url: request.redirect_url, webhook: request.webhook,
      longurl: `${baseUrl()}/@${request.owner}/${id}`,
    });
  }

  function addPayment({ id = randomId("MOJO", 6).toUpperCase(), amount, paymentRequest = null }) {
    const paise = typeof amount === "number" && Number.isInteger(amount) ? amount : toPaise(amount);
    if (paise === null) throw new Error(`bad amount ${amount}`);
    payments.set(id, { id, amount: paise, paymentRequest, fulfilled: false, credits: new Map(), debits: new Map(), refunds: [], settlements: [] });
    return id;
  }

  function paymentView(p) {
    return { id: p.id, amount: paiseText(p.amount), status: true, fulfilled: p.fulfilled, payment_request: p.paymentRequest };
  }

  const sum = (map) => [...map.values()].reduce((a, b) => a + b, 0);
  const refundedOf = (p) => p.refunds.reduce((a, r) => a + r.amount, 0);

  function settle({ params, fields }) {
    counts.settlementRequests += 1;
    const p = payments.get(params[0]);
    if (!p) return fail(404, "Payment not found.");
    const id = pick(fields, SETTLEMENT_FIELDS.id) ?? randomId("stl_");
    const earlier = settlementIds.get(id);
    if (earlier) {
      const same = earlier === p.id && p.settlements.find((s) => s.id === id);
      return same ? reply(200, same) : fail(400, `Settlement id ${id} was already used on another payment.`);
    }
    const type = fields.type;
    const subMerchant = pick(fields, SETTLEMENT_FIELDS.subMerchant);
    const amount = toPaise(fields.amount);
    if (type !== "CREDIT" && type !== "DEBIT") return fail(400, "type must be CREDIT or DEBIT.");
    if (!subMerchant) return fail(400, "The sub-merchant is required.");
    if (amount === null || amount === 0) return fail(400, "amount must be a positive amount with at most two decimals.");
    const refused = type === "CREDIT" ? creditRule(p, amount) : debitRule(p, subMerchant, amount);
    if (refused) return fail(400, refused);
    const book = type === "CREDIT" ? p.credits : p.debits;
    book.set(subMerchant, (book.get(subMerchant) ?? 0) + amount);
    const settlement = { id, payment_id: p.id, type, submerchant: subMerchant, amount: paiseText(amount) };
    p.settlements.push(settlement);
    settlementIds.set(id, p.id);
    counts.settlements += 1;
    return reply(201, settlement);
  }

  /** GET on the settlements path: the payment's settlements, a page at a time. */
  function listSettlements({ params, query }) {
    const p = payments.get(params[0]);
    if (!p) return fail(404, "Payment not found.");
    const page = Math.max(1, Number.parseInt(query?.page ?? "1", 10) || 1);
    const size = listing.pageSize;
    const results = p.settlements.slice((page - 1) * size, page * size);
    const link = (n) => `${baseUrl()}/v2/payments/${encodeURIComponent(p.id)}/settlements/?page=${n}`;
    return reply(200, {
      count: p.settlements.length,
      next: page * size < p.settlements.length ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results,
    });
  }

  function creditRule(p, amount) {
    if (p.fulfilled) return "Payment is fulfilled; its distribution is final and cannot be credited.";
    if (sum(p.credits) + amount > p.amount) return `Credits would exceed the payment amount ${paiseText(p.amount)}.`;
    return null;
  }

  function debitRule(p, subMerchant, amount) {
    const refunded = refundedOf(p);
    if (refunded === 0) return "A sub-merchant can be debited only after a refund.";
    const credited = p.credits.get(subMerchant);
    if (!credited) return "Only sub-merchants credited on this payment can be debited.";
    if (sum(p.debits) + amount > refunded) return `Debits would exceed the refunded amount ${paiseText(refunded)}.`;
    if ((p.debits.get(subMerchant) ?? 0) + amount > credited) return "The sub-merchant's balance does not cover this debit.";
    return null;
  }

  function fulfil({ params }) {
    const p = payments.get(params[0]);
    if (!p) return fail(404, "Payment not found.");
    if (p.fulfilled) return fail(400, "Payment is already fulfilled.");
    p.fulfilled = true;
    return reply(200, { success: true, payment_id: p.id, fulfilled: true, marketplace_commission: paiseText(p.amount - sum(p.credits)) });
  }

  function refund({ params, fields }) {
    const p = payments.get(params[0]);
    if (!p) return fail(404, "Payment not found.");
    const transactionId = text(fields.transaction_id);
    const earlier = transactionId && p.refunds.find((r) => r.transaction_id === transactionId);
    if (earlier) return reply(200, { refund: earlier, success: true });
    if (p.refunds.length > 0 && !transactionId) return fail(400, "transaction_id is required for a second refund.");
    if (!REFUND_TYPES.has(fields.type)) return fail(400, "type must be one of RFD, TNR, QFL, QNR, EWN, TAN, PTH.");
    if (!text(fields.body)) return fail(400, "body is required.");
    const amount = toPaise(fields.refund_amount);
    if (amount === null || amount === 0) return fail(400, "refund_amount must be a positive amount.");
    if (refundedOf(p) + amount > p.amount) return fail(400, "Refunds would exceed the payment amount.");
    const entry = {
      id: randomId("C", 5).toUpperCase(), payment_id: p.id, status: "Refunded", type: fields.type, body: fields.body,
      refund_amount: paiseText(amount), total_amount: paiseText(p.amount), transaction_id: transactionId, amount,
    };
    p.refunds.push(entry);
    return reply(201, { refund: entry, success: true });
  }

  return {
    users,
    paymentRequests,
    payments,
    tokens,
    counts,
    listing,
    addUser,
    addPayment,
    /** The buyer pays a payment request: returns the new payment's id. */
    pay(paymentRequestId) {
      const request = paymentRequests.get(paymentRequestId);
      if (!request) throw new Error(`no payment request ${paymentRequestId}`);
      return addPayment({ amount: request.amount, paymentRequest: paymentRequestId });
    },
    routes: [
      tokens.route,
      { name: "instamojo.signup", method: "POST", pattern: /^\/v2\/users\/$/, handle: withToken("app", signup) },
      { name: "instamojo.bankAccount", method: "PUT", pattern: /^\/v2\/users\/([^/]+)\/inrbankaccount\/$/, handle: withToken("user", bankAccount) },
      { name: "instamojo.createPaymentRequest", method: "POST", pattern: /^\/v2\/payment_requests\/$/, handle: withToken("user", createPaymentRequest) },
      { name: "instamojo.payment", method: "GET", pattern: /^\/v2\/payments\/([^/]+)\/$/, handle: withToken(null, ({ params }) => {
        const p = payments.get(params[0]);
        return p ? reply(200, paymentView(p)) : fail(404, "Payment not found.");
      }) },
      { name: "instamojo.settle", method: "POST", pattern: /^\/v2\/payments\/([^/]+)\/settlements\/$/, handle: withToken("app", settle) },
      { name: "instamojo.listSettlements", method: "GET", pattern: /^\/v2\/payments\/([^/]+)\/settlements\/$/, handle: withToken("app", listSettlements) },
      { name: "instamojo.fulfil", method: "POST", pattern: /^\/v2\/payments\/([^/]+)\/fulfil\/$/, handle: withToken("app", fulfil) },
      { name: "instamojo.refund", method: "POST", pattern: /^\/v2\/payments\/([^/]+)\/refund\/$/, handle: withToken("app", refund) },
    ],
  };
}
