// The Instamojo ledger: one payment followed through credits, fulfil, refunds and debits with the
// local SettlementLedger. A refused operation leaves the ledger as it was and shows why.
import { SettlementLedger } from "marketsplit";
import { describeError, h, optional } from "./dom.js";

export function setupLedger(split) {
  const $ = (id) => document.getElementById(id);
  const message = $("ledger-message");
  let ledger = null;

  const say = (text, kind = "") => {
    message.className = `result ${kind}`;
    message.textContent = text;
  };

  const fresh = () => {
    try {
      ledger?.free();
      ledger = new SettlementLedger({ paymentId: $("ledger-payment").value.trim(), amount: $("ledger-amount").value.trim() });
      $("ledger-plan").replaceChildren();
      say(`New ledger for ${ledger.amount}. Credit the sub-merchants, then fulfil.`);
    } catch (error) {
      ledger = null;
      say(describeError(error), "error");
    }
    show();
  };

  const show = () => {
    $("ledger-totals").replaceChildren(
      h("thead", {}, h("tr", {}, ...["payment", "credited", "debited", "refunded", "marketplace", "fulfilled"].map((t) => h("th", {}, t)))),
      ledger
        ? h(
            "tbody",
            {},
            h(
              "tr",
              {},
              ...[ledger.amount, ledger.credited, ledger.debited, ledger.refunded, ledger.marketplaceShare].map((v) => h("td", {}, v)),
              h("td", {}, ledger.fulfilled ? "yes" : "no"),
            ),
          )
        : h("tbody"),
    );
    $("ledger-entries").replaceChildren(
      ...(ledger?.entries ?? []).map((e) =>
        h("li", {}, h("code", {}, e.type), e.subMerchantId ? ` ${e.subMerchantId}` : "", e.amount ? h("span", { class: "num" }, ` ₹${e.amount}`) : ""),
      ),
    );
  };

  const operate = (op) => {
    if (!ledger) return say("Create a ledger first.", "error");
    const sub = $("ledger-sub").value.trim();
    const amount = optional($("ledger-op-amount"));
    const balance = optional($("ledger-balance"));
    try {
      if (op === "credit") ledger.credit(sub, amount);
      else if (op === "debit") ledger.debit(sub, amount, balance === undefined ? {} : { balance });
      else if (op === "refund") ledger.refund(amount);
      else ledger.fulfil();
      say(`${op.toUpperCase()} recorded.`, "ok");
    } catch (error) {
      say(`Refused: ${describeError(error)}`, "error");
    }
    show();
  };

  const plan = (from) => {
    if (!ledger) return say("Create a ledger first.", "error");
    try {
      const debits = ledger.planRefundDebits(optional($("ledger-op-amount")), { from });
      $("ledger-plan").replaceChildren(
        h("caption", {}, `DEBIT settlements, ${from.toLowerCase()}`),
        h("thead", {}, h("tr", {}, h("th", {}, "sub-merchant"), h("th", {}, "debit"))),
        h("tbody", {}, ...debits.map((d) => h("tr", {}, h("th", { scope: "row" }, d.subMerchantId), h("td", {}, d.amount)))),
      );
      say(debits.length ? `Planned ${debits.length} debit(s); nothing recorded.` : "Nothing was credited: no debits to plan.");
    } catch (error) {
      $("ledger-plan").replaceChildren();
      say(`Refused: ${describeError(error)}`, "error");
    }
  };

  // Seeds the payment with the current split: the order amount, and the first vendor to credit.
  $("ledger-new").addEventListener("click", () => {
    const current = split.plan;
    if (current) {
      $("ledger-amount").value = current.orderAmount;
      const first = current.vendors[0];
      if (first) {
        $("ledger-sub").value = first.subMid;
        $("ledger-op-amount").value = first.amount;
      }
    }
    fresh();
  });
  for (const button of document.querySelectorAll("#ledger-card [data-op]")) {
    button.addEventListener("click", () => operate(button.dataset.op));
  }
  for (const button of document.querySelectorAll("#ledger-card [data-plan]")) {
    button.addEventListener("click", () => plan(button.dataset.plan));
  }
  fresh();
}
