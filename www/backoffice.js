// The back office: an operator signed in with the demo's token settles (CREDIT / DEBIT), fulfils
// and refunds an Instamojo payment and refunds a Juspay order through the proxy, where the demo
// server's `authorize` lets only the operator move paid money. A SettlementLedger beside it checks
// each operation before it is sent and records it after the gateway accepted it. Every write
// carries an idempotency key that ProxyClient mints; an error shows it and offers to send the
// same operation again with that key, which the gateway can never pay twice.
import { SettlementLedger, allocate } from "marketsplit";
import { describeError, h } from "./dom.js";
import { errorParts, errorView } from "./wire.js";

export function setupBackOffice(checkout, wire) {
  const $ = (id) => document.getElementById(id);
  const result = $("bo-result");
  const ledgers = new Map(); // payment id -> SettlementLedger
  let token = null;
  let juspayPlan = null; // the plan of the last Juspay order, for a refund's split

  // Signing in keeps the token in this page only; it goes out as a header on back-office calls.
  $("operator-sign-in").addEventListener("click", () => {
    token = $("operator-token").value.trim() || null;
    $("operator-token").value = "";
    showSession();
  });
  $("operator-sign-out").addEventListener("click", () => {
    token = null;
    showSession();
  });
  const showSession = () => {
    const state = $("operator-state");
    state.textContent = token ? "signed in as the operator" : "signed out";
    state.className = `pill ${token ? "ok" : ""}`;
  };
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});

  document.addEventListener("demo:instamojo-payment", ({ detail }) => {
    $("bo-payment").value = detail.paymentId;
    $("bo-payment-amount").value = detail.amount;
    fillSellers(detail.plan);
    ledger();
    showLedger();
  });
  document.addEventListener("demo:juspay-order", ({ detail }) => {
    $("bo-juspay-order").value = detail.orderId;
    $("bo-juspay-amount").value = detail.plan.orderAmount;
    juspayPlan = detail.plan;
  });
  checkout.onCart(({ plan }) => fillSellers(plan));
  $("bo-sub").addEventListener("change", () => {
    const chosen = $("bo-sub").selectedOptions[0];
    if (chosen?.dataset.amount) $("bo-amount").value = chosen.dataset.amount;
  });
  $("bo-payment").addEventListener("change", showLedger);

  function fillSellers(plan) {
    if (!plan) return;
    const current = $("bo-sub").value;
    $("bo-sub").replaceChildren(...plan.vendors.map((v) => h("option", { value: v.subMid, "data-amount": v.amount }, v.subMid)));
    if (plan.vendors.some((v) => v.subMid === current)) $("bo-sub").value = current;
    $("bo-amount").value = $("bo-sub").selectedOptions[0]?.dataset.amount ?? "";
  }

  /** The ledger of the payment named in the panel, made on first use. */
  function ledger() {
    const paymentId = $("bo-payment").value.trim();
    if (!paymentId) throw new Error("Give a payment id: pay a cart with Instamojo first.");
    if (!ledgers.has(paymentId)) ledgers.set(paymentId, new SettlementLedger({ paymentId, amount: $("bo-payment-amount").value.trim() }));
    return ledgers.get(paymentId);
  }

  function showLedger() {
    const book = ledgers.get($("bo-payment").value.trim()) ?? null;
    $("bo-ledger-totals").replaceChildren(
      h("thead", {}, h("tr", {}, ...["payment", "credited", "debited", "refunded", "marketplace share", "fulfilled"].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        book
          ? h(
              "tr",
              {},
              ...[book.amount, book.credited, book.debited, book.refunded].map((v) => h("td", {}, v)),
              h("td", { "data-testid": "bo-marketplace-share" }, book.marketplaceShare),
              h("td", {}, book.fulfilled ? "yes" : "no"),
            )
          : "",
      ),
    );
    $("bo-ledger-entries").replaceChildren(
      ...(book?.entries ?? []).map((e) =>
        h("li", { "data-type": e.type }, h("code", {}, e.type), e.subMerchantId ? ` ${e.subMerchantId}` : "", e.amount ? h("span", { class: "num" }, ` ₹${e.amount}`) : ""),
      ),
    );
  }

  /**
   * One back-office operation: `check` (the ledger's verdict, before anything is sent), `send(client,
   * key)` (key: the idempotency key to reuse on a retry, else ProxyClient mints one), `record` (after
   * the gateway accepted it), and a `label`.
   */
  async function run(action, key = undefined) {
    const verdict = action.check?.();
    if (verdict && !verdict.ok) {
      result.className = "result error";
      result.replaceChildren(
        h("p", {}, `${action.label}: the ledger refuses it, so nothing was sent.`),
        ...verdict.errors.map((e) => h("p", {}, h("code", {}, e.code), ` ${e.message}`)),
      );
      return;
    }
    result.className = "result muted";
    result.replaceChildren(h("p", {}, `${action.label}…`));
    const outcome = await wire.call((client) => action.send(client, key), headers());
    if (outcome.ok) {
      try {
        action.record?.();
      } catch (error) {
        // The gateway took what the ledger had allowed a moment ago: say so rather than hide it.
        result.className = "result error";
        result.textContent = `${action.label}: done at the gateway, but the ledger refused to record it: ${describeError(error)}`;
        return showLedger();
      }
      showLedger();
      result.className = "result ok";
      result.replaceChildren(h("p", { "data-field": "done" }, `${action.label}: done.`), h("p", { class: "muted" }, action.summary?.(outcome.value) ?? ""));
      return;
    }
    const parts = errorParts(outcome.error, outcome.exchange);
    result.className = "result error";
    result.replaceChildren(h("p", {}, `${action.label}: refused.`), errorView(parts));
    const sameKey = parts.idempotencyKey ?? key;
    if (action.keyed && sameKey) {
      const retry = h("button", { type: "button", class: "secondary", "data-testid": "bo-retry" }, "Retry with the same key");
      retry.addEventListener("click", () => run(action, sameKey));
      result.append(h("p", {}, "idempotency key ", h("code", { "data-field": "key" }, sameKey), " "), retry);
    }
  }

  /** The Instamojo operations, each against the ledger of the payment in the panel. */
  function instamojoAction(op) {
    let book;
    try {
      book = ledger();
    } catch (error) {
      result.className = "result error";
      result.textContent = describeError(error);
      return null;
    }
    const paymentId = $("bo-payment").value.trim();
    const sub = $("bo-sub").value;
    const amount = $("bo-amount").value.trim();
    if (op === "credit" || op === "debit") {
      const type = op.toUpperCase();
      return {
        label: `${type} ${sub} ₹${amount}`,
        keyed: true,
        check: () => book.check({ type, subMerchantId: sub, amount }),
        send: (client, id) => client.instamojo.settle(paymentId, { type, subMerchantId: sub, amount, ...(id ? { id } : {}) }),
        record: () => (type === "CREDIT" ? book.credit(sub, amount) : book.debit(sub, amount)),
        summary: (reply) => (reply?.id ? `settlement ${reply.id}` : ""),
      };
    }
    if (op === "fulfil") {
      return {
        label: `FULFIL ${paymentId}`,
        keyed: false,
        check: () => book.check({ type: "FULFIL" }),
        send: (client) => client.instamojo.fulfil(paymentId),
        record: () => book.fulfil(),
      };
    }
    const reason = $("bo-reason").value.trim() || "Buyer asked for a refund";
    return {
      label: `REFUND ₹${amount} of ${paymentId}`,
      keyed: true,
      check: () => book.check({ type: "REFUND", amount }),
      send: (client, transactionId) => client.instamojo.refund(paymentId, { amount, type: "RFD", body: reason, ...(transactionId ? { transactionId } : {}) }),
      record: () => book.refund(amount),
    };
  }

  for (const button of document.querySelectorAll("#backoffice-card [data-bo]")) {
    button.addEventListener("click", () => {
      const op = button.dataset.bo;
      const action = op === "juspay-refund" ? juspayRefund() : instamojoAction(op);
      if (action) run(action);
    });
  }

  /** A Juspay refund, its split shared by the parties in proportion to what each was settled, or the marketplace's alone. */
  function juspayRefund() {
    const orderId = $("bo-juspay-order").value.trim();
    const amount = $("bo-juspay-amount").value.trim();
    let split;
    try {
      split = refundSplit(juspayPlan, amount, $("bo-juspay-from").value);
    } catch (error) {
      result.className = "result error";
      result.textContent = describeError(error);
      return null;
    }
    return {
      label: `Juspay REFUND ₹${amount} of ${orderId}`,
      keyed: true,
      send: (client, uniqueRequestId) => client.juspay.refund(orderId, { amount, ...(split ? { split } : {}), ...(uniqueRequestId ? { uniqueRequestId } : {}) }),
      summary: (order) => (order?.amountRefunded !== undefined ? `refunded so far: ₹${order.amountRefunded}` : ""),
    };
  }

  showSession();
  showLedger();
}

/** `{ marketplace?, vendors? }` for a refund of `amount`: by settled parts (largest remainder), or the marketplace alone. */
function refundSplit(plan, amount, from) {
  if (!plan || from === "NONE") return undefined;
  if (from === "MARKETPLACE") return { marketplace: amount };
  const parts = allocate(amount, [plan.marketplace.amount, ...plan.vendors.map((v) => v.amount)]);
  const vendors = plan.vendors.map((v, i) => ({ subMid: v.subMid, amount: parts[i + 1] })).filter((v) => v.amount !== "0.00");
  return { ...(parts[0] !== "0.00" ? { marketplace: parts[0] } : {}), ...(vendors.length ? { vendors } : {}) };
}
