// Buyer checkout on a cart the demo server owns: the page loads the cart (GET /demo/cart, not the
// proxy), previews its split with calculateSplit here, and sends exactly what it showed (amount and
// split) through ProxyClient. The proxy compares that with the server's own record of the order
// and sends the gateway the record's values; the simulated payment page then charges the order.
import { calculateSplit, juspaySplitMetadata, orderStatus } from "marketsplit";
import { splitBar } from "./bar.js";
import { cartLines, splitInputOf } from "./cart.js";
import { describeError, h } from "./dom.js";
import { planRows } from "./split.js";
import { errorParts, errorView } from "./wire.js";

const POLL_MS = 1500;
const MAX_POLLS = 80;

export function setupCheckout(wire) {
  const $ = (id) => document.getElementById(id);
  const payJuspay = $("create-order");
  const payInstamojo = $("create-payment-request");
  const simulate = $("simulate-payment");
  const simulateInstamojo = $("simulate-instamojo-payment");
  const result = $("order-result");
  const listeners = [];
  let cart = null;
  let plan = null;
  let polling = null; // the order being polled; a new order stops the old loop

  const enable = (on) => {
    payJuspay.disabled = !on;
    payInstamojo.disabled = !on;
  };

  async function loadCart() {
    enable(false);
    polling = null;
    simulate.hidden = true;
    simulateInstamojo.hidden = true;
    result.className = "result muted";
    result.textContent = "No order yet.";
    try {
      const response = await fetch("/demo/cart", { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`GET /demo/cart answered HTTP ${response.status}`);
      cart = await response.json();
      plan = calculateSplit(splitInputOf(cart));
    } catch (error) {
      cart = plan = null;
      result.className = "result error";
      result.textContent = `Could not load the cart: ${describeError(error)}`;
    }
    render();
    for (const listener of listeners) listener({ cart, plan });
  }

  function render() {
    $("cart-order-id").textContent = cart?.orderId ?? "—";
    const sellers = new Map((cart?.sellers ?? []).map((s) => [s.subMid, s]));
    $("cart-items").replaceChildren(
      h("thead", {}, h("tr", {}, ...["item", "sold by", "qty", "price", "total"].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        ...(cart ? cartLines(cart) : []).map((line) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, line.name),
            h("td", { class: "text" }, line.seller === null ? "the marketplace" : `${sellers.get(line.seller)?.name ?? ""} (${line.seller})`),
            h("td", {}, String(line.quantity)),
            h("td", {}, line.price),
            h("td", {}, line.total),
          ),
        ),
      ),
    );
    $("cart-rules").replaceChildren(
      ...(cart?.sellers ?? []).map((s) =>
        h("li", {}, h("code", {}, s.subMid), ` ${s.commission?.percent ?? "0"} % commission`, s.commission?.taxPercent ? ` + ${s.commission.taxPercent} % GST on it` : ""),
      ),
      cart?.mdr ? h("li", {}, `gateway fee estimate ${cart.mdr.percent} %${cart.mdr.taxPercent ? ` + ${cart.mdr.taxPercent} % GST` : ""}, borne by ${plan?.mdrBorneBy ?? "—"}`) : "",
    );
    $("checkout-split").querySelector("tbody").replaceChildren(...(plan ? planRows(plan) : []));
    $("checkout-bar").replaceChildren(plan ? splitBar(plan, `Order ${cart.orderId}`) : "");
    $("checkout-json").textContent = plan ? juspaySplitMetadata(plan) : "";
    payJuspay.textContent = plan ? `Pay ₹${plan.orderAmount} · Juspay` : "Pay · Juspay";
    payInstamojo.textContent = plan ? `Pay ₹${plan.orderAmount} · Instamojo` : "Pay · Instamojo";
    enable(Boolean(plan));
  }

  function showError(outcome) {
    result.className = "result error";
    result.replaceChildren(errorView(errorParts(outcome.error, outcome.exchange)));
  }

  payJuspay.addEventListener("click", async () => {
    if (!plan) return;
    const { orderId } = cart;
    const shown = plan;
    enable(false);
    polling = null;
    simulate.hidden = true;
    result.className = "result muted";
    result.textContent = `Creating order ${orderId}…`;
    // What the buyer saw, as it saw it: the proxy compares it with the server's record.
    const outcome = await wire.call((client) => client.juspay.createOrder({ orderId, amount: shown.orderAmount, split: shown }));
    enable(Boolean(plan));
    if (!outcome.ok) return showError(outcome);
    showOrder(result, outcome.value, "created");
    simulate.hidden = false;
    simulate.dataset.orderId = outcome.value.orderId;
    document.dispatchEvent(new CustomEvent("demo:juspay-order", { detail: { orderId: outcome.value.orderId, plan: shown } }));
    poll(outcome.value.orderId);
  });

  payInstamojo.addEventListener("click", async () => {
    if (!plan) return;
    const { orderId } = cart;
    const shown = plan;
    enable(false);
    polling = null;
    simulateInstamojo.hidden = true;
    result.className = "result muted";
    result.textContent = `Creating an Instamojo payment request for ${orderId}…`;
    const buyer = { buyerName: $("buyer-name").value.trim() || undefined, email: $("buyer-email").value.trim() || undefined };
    const outcome = await wire.call((client) => client.instamojo.createPaymentRequest({ orderId, amount: shown.orderAmount, ...buyer }));
    enable(Boolean(plan));
    if (!outcome.ok) return showError(outcome);
    const request = outcome.value;
    const link = request.longurl ?? request.longUrl;
    result.className = "result";
    result.replaceChildren(
      h("p", { class: "status-line" }, h("strong", { class: "status" }, "payment request"), ` ${request.status ?? ""} `, h("span", { class: "muted" }, `₹${request.amount}`)),
      h("dl", {}, h("dt", {}, "request id"), h("dd", {}, h("code", {}, request.id)), link ? [h("dt", {}, "payment page"), h("dd", {}, h("a", { href: link, target: "_blank", rel: "noopener" }, link))] : ""),
    );
    simulateInstamojo.hidden = false;
    simulateInstamojo.dataset.requestId = request.id;
    simulateInstamojo.dataset.amount = request.amount;
  });

  // Only the demo's simulator takes these; a real gateway is paid on its own payment page.
  simulate.addEventListener("click", async () => {
    const response = await fetch(`/demo/pay/${encodeURIComponent(simulate.dataset.orderId)}`, { method: "POST" });
    if (!response.ok) result.append(h("p", { class: "error" }, "The gateway here is not the simulator: pay on the payment page."));
  });
  simulateInstamojo.addEventListener("click", async () => {
    simulateInstamojo.hidden = true;
    const response = await fetch(`/demo/instamojo/pay/${encodeURIComponent(simulateInstamojo.dataset.requestId)}`, { method: "POST" });
    const paid = response.ok ? await response.json() : null;
    if (!paid) {
      result.append(h("p", { class: "error" }, "The gateway here is not the simulator: pay on the payment page."));
      return;
    }
    result.className = "result ok";
    result.append(h("p", { "data-testid": "instamojo-payment" }, "Paid: payment ", h("code", {}, paid.paymentId), ` for ₹${paid.amount}. The back office can settle it now.`));
    document.dispatchEvent(new CustomEvent("demo:instamojo-payment", { detail: { paymentId: paid.paymentId, amount: paid.amount, plan } }));
  });

  $("cart-new").addEventListener("click", loadCart);

  async function poll(id) {
    polling = id;
    for (let i = 0; i < MAX_POLLS && polling === id; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (polling !== id) return;
      const outcome = await wire.call((client) => client.juspay.orderStatus(id));
      if (polling !== id) return;
      if (!outcome.ok) {
        result.querySelector(".poll-error")?.remove();
        result.append(h("p", { class: "error poll-error" }, `status check failed: ${describeError(outcome.error)}`));
        continue;
      }
      showOrder(result, outcome.value, `polled ${i + 1}×`);
      if (orderStatus(outcome.value.status).terminal) {
        simulate.hidden = true;
        return;
      }
    }
  }

  loadCart();
  return {
    /** The cart on the page and its previewed plan (null while loading or after an error). */
    get cart() {
      return cart;
    },
    get plan() {
      return plan;
    },
    /** Calls `listener({ cart, plan })` now when a cart is loaded, and on every cart from now on. */
    onCart(listener) {
      listeners.push(listener);
      if (cart) listener({ cart, plan });
    },
  };
}

function showOrder(result, order, note) {
  const info = orderStatus(order.status);
  const links = order.paymentLinks ?? {};
  result.className = `result ${info.success ? "ok" : info.terminal ? "error" : ""}`;
  result.replaceChildren(
    h("p", { class: "status-line" }, h("strong", { class: "status" }, order.status), ` (${order.statusId}) `, h("span", { class: "muted" }, `${info.meaning} · ${note}`)),
    h(
      "dl",
      {},
      h("dt", {}, "order id"),
      h("dd", {}, h("code", {}, order.orderId)),
      h("dt", {}, "Juspay id"),
      h("dd", {}, h("code", {}, order.id)),
      ...["web", "mobile", "iframe"]
        .filter((kind) => links[kind])
        .flatMap((kind) => [h("dt", {}, `${kind} link`), h("dd", {}, h("a", { href: links[kind], target: "_blank", rel: "noopener" }, links[kind]))]),
    ),
  );
}
