// The split as a picture: one stacked bar per order, each segment as wide as what one party gets,
// to scale, with a legend carrying the same amounts as text. Widths come from integer paise shared
// out by `allocate` (largest remainder), so they are whole hundredths of a percent that sum to
// exactly 100: the only non-integer on the way is the CSS percentage itself.
import { allocate } from "marketsplit";
import { h } from "./dom.js";
import { paiseOf, paiseText } from "./paise.js";

const VENDOR_COLOURS = ["#2f8f5b", "#c77a12", "#7b4fb0", "#b03a64", "#2b8a9a", "#6d7a1f"];

/**
 * What each party gets out of `plan`, in paise, as the segments of the bar: the marketplace's own
 * items, its commission, the GST on that commission, each vendor's settled amount less its fee,
 * and the gateway fee. They sum to the order amount. The marketplace's share of the fee comes out
 * of its commission first (what it earns for the sale pays the gateway), then its own items, and
 * the GST last (that money is owed to the tax authority, not the marketplace's to spend).
 * `{ parts, total, problem }`: `problem` says why a plan cannot be drawn (a fee larger than a share).
 */
export function barParts(plan) {
  const m = plan.marketplace;
  let marketplaceFee = paiseOf(m.fee);
  const less = (paise) => {
    const taken = paise < marketplaceFee ? paise : marketplaceFee;
    marketplaceFee -= taken;
    return { paise: paise - taken, feeTaken: taken };
  };
  const commission = less(paiseOf(m.commission));
  const own = less(paiseOf(m.ownAmount));
  const tax = less(paiseOf(m.commissionTax));
  const fee = plan.vendors.reduce((sum, v) => sum + paiseOf(v.fee), paiseOf(m.fee));
  const parts = [
    { key: "own", label: "marketplace's own items", colour: "#1f4f8f", ...own },
    { key: "commission", label: "commission", colour: "#4f86c6", ...commission },
    { key: "commissionTax", label: "GST on commission", colour: "#9cbde6", ...tax },
    ...plan.vendors.map((v, i) => ({
      key: `vendor:${v.subMid}`,
      label: v.subMid,
      colour: VENDOR_COLOURS[i % VENDOR_COLOURS.length],
      paise: paiseOf(v.net),
      feeTaken: paiseOf(v.fee),
    })),
    { key: "fee", label: "gateway fee (estimate)", colour: "#8a939e", paise: fee, feeTaken: 0n },
  ];
  const total = paiseOf(plan.orderAmount);
  let problem = null;
  if (marketplaceFee > 0n || parts.some((p) => p.paise < 0n)) {
    problem = "A party's fee is larger than its share, so the split cannot be drawn to scale.";
  } else if (parts.reduce((sum, p) => sum + p.paise, 0n) !== total) {
    problem = "The parts do not add up to the order amount.";
  } else if (total === 0n) {
    problem = "Nothing to draw for an order of 0.00.";
  }
  return { parts, total, problem };
}

/** `<figure data-testid="split-bar">` for a plan; `title` names the order. */
export function splitBar(plan, title) {
  const { parts, total, problem } = barParts(plan);
  const figure = h("figure", { class: "split-bar", "data-testid": "split-bar", "data-total": String(total) });
  const caption = h("figcaption", {}, h("strong", {}, title), ` · ₹${plan.orderAmount}`);
  if (problem) {
    figure.append(caption, h("p", { class: "note error" }, problem));
    return figure;
  }
  const shown = parts.filter((p) => p.paise > 0n);
  const percents = allocate("100", shown.map((p) => String(p.paise)));
  const describe = (p) => `${p.label} ₹${paiseText(p.paise)}`;
  const bar = h("div", { class: "bar", role: "img", "aria-label": `${title}: ${shown.map(describe).join(", ")}` });
  const legend = h("ul", { class: "legend" });
  shown.forEach((p, i) => {
    const segment = h("span", { class: "seg", "data-part": p.key, "data-paise": String(p.paise), title: `${describe(p)} (${percents[i]} %)` });
    segment.style.flexBasis = `${percents[i]}%`;
    segment.style.background = p.colour;
    if (p.key === "fee") segment.classList.add("fee");
    bar.append(segment);
    legend.append(
      h(
        "li",
        { "data-part": p.key },
        h("i", { class: `swatch${p.key === "fee" ? " fee" : ""}`, style: `background:${p.colour}` }),
        h("span", { class: "label" }, p.label),
        " ",
        h("span", { class: "amount" }, paiseText(p.paise)),
        p.feeTaken > 0n ? h("small", { class: "muted" }, ` after ${paiseText(p.feeTaken)} fee`) : "",
        h("small", { class: "muted pct" }, ` ${percents[i]} %`),
      ),
    );
  });
  figure.append(caption, bar, legend);
  return figure;
}
