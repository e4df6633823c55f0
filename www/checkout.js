// Checkout: creates the order through ProxyClient → the demo's /api proxy → the gateway, shows
// Juspay's reply, then polls the order status until it is terminal.
import { ProxyClient, orderStatus } from "marketsplit";
import { describeError, h } from "./dom.js";

const POLL_MS = 1500;
const MAX_POLLS = 80;

export function setupCheckout(split) {
  const client = new ProxyClient({ baseUrl: "/api", timeoutMs: 15000 });
  const button = document.getElementById("create-order");
  const simulate = document.getElementById("simulate-payment");
  const orderId = document.getElementById("order-id");
  const result = document.getElementById("order-result");
  let polling = null; // the order being polled; a new order stops the old loop
  orderId.value = newOrderId();

  split.onChange((plan) => {
    button.disabled = !plan;
    button.title = plan ? "" : "Fix the split first";
  });

  button.addEventListener("click", async () => {
    const plan = split.plan;
    if (!plan) return;
    const id = orderId.value.trim() || newOrderId();
    button.disabled = true;
    polling = null;
    simulate.hidden = true;
    result.className = "result muted";
    result.textContent = `Creating order ${id}…`;
    try {
      const order = await client.juspay.createOrder({ orderId: id, amount: plan.orderAmount, split: plan });
      showOrder(result, order, "created");
      orderId.value = newOrderId();
      simulate.hidden = false;
      simulate.dataset.orderId = order.orderId;
      poll(order.orderId);
    } catch (error) {
      result.className = "result error";
      result.textContent = describeError(error);
    } finally {
      button.disabled = !split.plan;
    }
  });

  // Only the demo's simulator takes this; a real gateway is paid on its own payment page.
  simulate.addEventListener("click", async () => {
    const id = simulate.dataset.orderId;
    const response = await fetch(`/demo/pay/${encodeURIComponent(id)}`, { method: "POST" });
    if (!response.ok) result.append(h("p", { class: "error" }, "The gateway here is not the simulator: pay on the payment page."));
  });

  async function poll(id) {
    polling = id;
    for (let i = 0; i < MAX_POLLS && polling === id; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (polling !== id) return;
      try {
        const order = await client.juspay.orderStatus(id);
        if (polling !== id) return;
        showOrder(result, order, `polled ${i + 1}×`);
        if (orderStatus(order.status).terminal) {
          simulate.hidden = true;
          return;
        }
      } catch (error) {
        result.querySelector(".poll-error")?.remove();
        result.append(h("p", { class: "error poll-error" }, `status check failed: ${describeError(error)}`));
      }
    }
  }
}

function showOrder(result, order, note) {
  const info = orderStatus(order.status);
  const links = order.paymentLinks ?? {};
  result.className = `result ${info.success ? "ok" : info.terminal ? "error" : ""}`;
  result.replaceChildren(
    h(
      "p",
      { class: "status-line" },
      h("strong", { class: "status" }, order.status),
      ` (${order.statusId}) `,
      h("span", { class: "muted" }, `${info.meaning} · ${note}`),
    ),
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

function newOrderId() {
  return `ord_${Date.now().toString(36)}`;
}
