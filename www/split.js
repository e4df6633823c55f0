// The split preview: order and vendor inputs → calculateSplit → the split table, Juspay's
// split_settlement_details, the split as a bar, and every error next to the field its `path` names.
import { allocate, calculateSplit, juspaySplitMetadata, validateJuspaySplit } from "marketsplit";
import { splitBar } from "./bar.js";
import { debounce, h, optional } from "./dom.js";

const START_VENDORS = [
  { subMid: "seller_a", amount: "600.00", commissionPercent: "10" },
  { subMid: "seller_b", amount: "400.00", commissionPercent: "12.5" },
];

// A vendor row's inputs: name, the field's path under vendors[i], the column's placeholder.
const VENDOR_FIELDS = [
  ["subMid", "subMid", "sub_mid"],
  ["amount", "amount", "0.00"],
  ["weight", "weight", "—"],
  ["commissionPercent", "commission.percent", "0"],
  ["commissionFlat", "commission.flat", "0.00"],
  ["commissionTaxPercent", "commission.taxPercent", "0"],
];

export function setupSplit() {
  const form = document.getElementById("order-card");
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const vendors = document.getElementById("vendors");
  const listeners = [];
  let plan = null;

  const update = () => {
    renumber(vendors);
    const input = readInput(field, vendors);
    const errors = fieldErrors(field, vendors);
    plan = null;
    try {
      plan = calculateSplit(input);
    } catch (error) {
      // The field checks above already name a bad amount; the calculator adds the rest
      // (SUM_MISMATCH, MIXED_SHARES, …).
      if (!errors.some((e) => e.path === error.path && e.code === error.code)) errors.push(error);
    }
    showErrors(errors);
    showPlan(plan);
    for (const listener of listeners) listener(plan);
  };
  const later = debounce(update, 120);

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  document.getElementById("add-vendor").addEventListener("click", () => {
    const row = vendorRow({ subMid: `seller_${String.fromCharCode(97 + vendors.children.length)}` });
    vendors.append(row);
    update();
    row.querySelector('[name="amount"]').focus();
  });
  vendors.addEventListener("click", (event) => {
    const remove = event.target.closest('[data-testid="remove-vendor"]');
    if (!remove) return;
    remove.closest('[data-testid="vendor"]').remove();
    update();
  });
  document.getElementById("copy-json").addEventListener("click", () => {
    navigator.clipboard?.writeText(document.getElementById("split-json").textContent).catch(() => {});
  });

  for (const vendor of START_VENDORS) vendors.append(vendorRow(vendor));
  update();

  return {
    /** The current plan, or null while the inputs have an error. */
    get plan() {
      return plan;
    },
    onChange(listener) {
      listeners.push(listener);
      listener(plan);
    },
  };
}

function vendorRow(values) {
  const cells = VENDOR_FIELDS.map(([name, , placeholder]) =>
    h(
      "label",
      { class: `cell cell-${name}` },
      h("span", { class: "cell-label" }, labelFor(name)),
      h("input", {
        name,
        value: values[name] ?? "",
        placeholder,
        autocomplete: "off",
        spellcheck: "false",
        inputmode: name === "subMid" ? undefined : "decimal",
      }),
      h("small", { class: "field-error" }),
    ),
  );
  return h(
    "div",
    { class: "vendor", "data-testid": "vendor" },
    ...cells,
    h("button", { type: "button", class: "remove", "data-testid": "remove-vendor", "aria-label": "Remove vendor", title: "Remove vendor" }, "×"),
    h("small", { class: "field-error row-error" }),
  );
}

function labelFor(name) {
  return {
    subMid: "sub-merchant id",
    amount: "amount ₹",
    weight: "weight",
    commissionPercent: "commission %",
    commissionFlat: "flat ₹",
    commissionTaxPercent: "GST %",
  }[name];
}

/** Gives each row's error slots the paths of its fields, after rows were added or removed. */
function renumber(vendors) {
  [...vendors.children].forEach((row, i) => {
    const errors = row.querySelectorAll(".cell .field-error");
    VENDOR_FIELDS.forEach(([, path], j) => errors[j].setAttribute("data-for", `vendors[${i}].${path}`));
    row.querySelector(".row-error").setAttribute("data-for", `vendors[${i}]`);
  });
}

function readInput(field, vendors) {
  const mdrPercent = optional(field("mdrPercent"));
  const mdrTaxPercent = optional(field("mdrTaxPercent"));
  const input = {
    orderAmount: optional(field("orderAmount")),
    mdrBorneBy: field("mdrBorneBy").value,
    marketplaceAmount: optional(field("marketplaceAmount")),
    vendors: [...vendors.children].map((row) => {
      const value = (name) => optional(row.querySelector(`[name="${name}"]`));
      const commission = {
        percent: value("commissionPercent"),
        flat: value("commissionFlat"),
        taxPercent: value("commissionTaxPercent"),
      };
      return {
        subMid: value("subMid") ?? "",
        amount: value("amount"),
        weight: value("weight"),
        commission: Object.values(commission).some((v) => v !== undefined) ? commission : undefined,
      };
    }),
  };
  if (mdrPercent !== undefined || mdrTaxPercent !== undefined) input.mdr = { percent: mdrPercent, taxPercent: mdrTaxPercent };
  return input;
}

/**
 * Every amount field checked on its own, so all bad fields show at once (the calculator stops at
 * the first). `allocate(text, [1])` reads an amount exactly as the calculator does.
 */
function fieldErrors(field, vendors) {
  const errors = [];
  const check = (value, path, asWeight = false) => {
    if (value === undefined) return;
    try {
      if (asWeight) allocate("1", [value]);
      else allocate(value, [1]);
    } catch (error) {
      errors.push({ code: error.code, path, message: error.message.replace(/\b(total|ratios\[0\])\b/g, path) });
    }
  };
  check(optional(field("orderAmount")), "orderAmount");
  check(optional(field("marketplaceAmount")), "marketplaceAmount");
  check(optional(field("mdrPercent")), "mdr.percent");
  check(optional(field("mdrTaxPercent")), "mdr.taxPercent");
  [...vendors.children].forEach((row, i) => {
    for (const [name, path] of VENDOR_FIELDS.slice(1)) {
      check(optional(row.querySelector(`[name="${name}"]`)), `vendors[${i}].${path}`, name === "weight");
    }
  });
  return errors;
}

function showErrors(errors) {
  for (const slot of document.querySelectorAll(".field-error")) slot.textContent = "";
  for (const input of document.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const error of errors) {
    const slot = slotFor(error.path);
    if (!slot) continue;
    slot.textContent = slot.textContent ? `${slot.textContent} · ${error.code}` : `${error.code}: ${error.message}`;
    slot.parentElement.querySelector("input, select")?.setAttribute("aria-invalid", "true");
  }
  const list = document.getElementById("errors");
  list.replaceChildren(
    ...errors.map((error) =>
      h("p", { class: "error" }, h("code", {}, error.code), " ", h("span", { class: "path" }, error.path || "(whole input)"), " ", error.message),
    ),
  );
}

/** The error slot nearest to a path: the field's own, else its row's or section's. */
function slotFor(path) {
  let at = path;
  while (at) {
    const slot = document.querySelector(`.field-error[data-for="${CSS.escape(at)}"]`);
    if (slot) return slot;
    at = at.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
  }
  return null;
}

function showPlan(plan) {
  const body = document.querySelector("#split-table tbody");
  const json = document.getElementById("split-json");
  const check = document.getElementById("split-check");
  const bar = document.getElementById("workbench-bar");
  if (!plan) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: 7, class: "muted" }, "Fix the inputs to see the split.")));
    bar.replaceChildren();
    json.textContent = "";
    check.textContent = "";
    return;
  }
  body.replaceChildren(...planRows(plan));
  bar.replaceChildren(splitBar(plan, "This split"));
  json.textContent = juspaySplitMetadata(plan);
  const verdict = validateJuspaySplit(plan.orderAmount, plan.splitSettlementDetails);
  check.textContent = verdict.ok
    ? `Juspay's checks pass: marketplace + vendors settle ₹${plan.orderAmount}, MDR borne by ${plan.mdrBorneBy}.`
    : `Juspay would refuse this split: ${verdict.errors.map((e) => e.code).join(", ")}`;
}

/** The split table's rows for a plan: the marketplace, then each vendor (gross, commission, GST, settled, fee, net). */
export function planRows(plan) {
  const m = plan.marketplace;
  const row = (party, cells, className) =>
    h("tr", { class: className }, h("th", { scope: "row" }, party), ...cells.map((c) => h("td", {}, c)));
  return [
    row("marketplace", [m.ownAmount, m.commission, m.commissionTax, m.amount, m.fee, m.net], "marketplace"),
    ...plan.vendors.map((v) => row(v.subMid, [v.gross, v.commission, v.commissionTax, v.amount, v.fee, v.net])),
  ];
}
