// The tamper control: what an attacker in this browser would do. It edits the amount or a vendor's
// sub_mid of the cart's split before sending, keeping the edited split consistent with itself (so
// only the server's record can tell it is wrong), and shows what the proxy answers (409
// ORDER_MISMATCH with its path) and that the gateway never saw the order.
import { calculateSplit } from "marketsplit";
import { splitInputOf } from "./cart.js";
import { h } from "./dom.js";
import { errorParts, errorView } from "./wire.js";

export function setupTamper(checkout, wire) {
  const $ = (id) => document.getElementById(id);
  const amount = $("tamper-amount");
  const vendor = $("tamper-vendor");
  const subMid = $("tamper-sub-mid");
  const send = $("tamper-send");
  const out = $("tamper-result");

  checkout.onCart(({ plan }) => {
    amount.value = plan?.orderAmount ?? "";
    vendor.replaceChildren(...(plan?.vendors ?? []).map((v) => h("option", { value: v.subMid }, v.subMid)));
    subMid.value = plan?.vendors[0]?.subMid ?? "";
    send.disabled = !plan;
    out.replaceChildren();
    out.className = "result";
  });
  vendor.addEventListener("change", () => {
    subMid.value = vendor.value;
  });

  send.addEventListener("click", async () => {
    const { cart } = checkout;
    if (!cart) return;
    const { body, summary } = tampered(cart, amount.value.trim(), vendor.selectedIndex, subMid.value.trim());
    send.disabled = true;
    out.className = "result muted";
    out.replaceChildren(h("p", {}, `Sending ${summary}…`));
    const outcome = await wire.call((client) => client.juspay.createOrder(body));
    send.disabled = false;
    const lines = [h("p", { class: "muted" }, `Sent ${summary}.`)];
    if (outcome.ok) {
      out.className = "result error";
      lines.push(h("p", { "data-field": "accepted" }, `The proxy accepted it (${outcome.value.status}): the boundary did not hold.`));
    } else {
      out.className = "result error";
      lines.push(errorView(errorParts(outcome.error, outcome.exchange)));
    }
    lines.push(await gatewayLine(cart.orderId));
    out.replaceChildren(...lines);
  });
}

/** The order the attacker sends: the cart's split with the edits, recomputed so it is consistent. */
function tampered(cart, amount, index, newSubMid) {
  let input = splitInputOf(cart);
  const edits = [];
  if (index >= 0 && newSubMid && newSubMid !== input.vendors[index].subMid) {
    edits.push(`${input.vendors[index].subMid} → ${newSubMid}`);
    input.vendors[index].subMid = newSubMid;
  }
  if (amount !== input.orderAmount) {
    edits.push(`amount ${input.orderAmount} → ${amount}`);
    // The same vendors sharing the new amount by their old parts, as an attacker's page would.
    const { marketplaceAmount, ...rest } = input;
    input = { ...rest, orderAmount: amount, vendors: input.vendors.map(({ amount: gross, ...v }) => ({ ...v, weight: gross })) };
  }
  let plan = null;
  try {
    plan = calculateSplit(input);
  } catch {
    plan = null; // an amount the calculator refuses is still sent, alone: the proxy must refuse it
  }
  const body = plan ? { orderId: cart.orderId, amount: plan.orderAmount, split: plan } : { orderId: cart.orderId, amount };
  const summary = `order ${cart.orderId} with ${edits.length ? edits.join(", ") : "no edit"}${plan ? "" : " (no split)"}`;
  return { body, summary };
}

/** What the gateway simulator holds for the order (the demo server answers from its records). */
async function gatewayLine(orderId) {
  try {
    const response = await fetch(`/demo/gateway/juspay/orders/${encodeURIComponent(orderId)}`);
    if (!response.ok) return h("p", { class: "muted" }, "The gateway is not the simulator: check its dashboard.");
    const seen = await response.json();
    return h(
      "p",
      { "data-field": "gateway", class: seen.exists ? "error" : "ok-text" },
      seen.exists
        ? `The gateway has an order ${orderId} (status ${seen.status}, ₹${seen.amount}).`
        : `Nothing was created: the gateway has no order ${orderId}, and received ${seen.createOrderRequests} create-order request(s) for it.`,
    );
  } catch {
    return h("p", { class: "muted" }, "Could not ask the gateway simulator.");
  }
}
