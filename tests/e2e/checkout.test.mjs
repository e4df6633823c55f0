// The buyer's side of the boundary, in Chromium against the demo (in this process, so the gateway
// simulator's own records can be read): the page previews the cart's split and Juspay receives
// exactly that; the tamper control's edited amount or sub_mid is answered 409 ORDER_MISMATCH and
// nothing reaches the gateway; the split bar is drawn to scale.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startDemo } from "../../scripts/demo.mjs";
import { eventually, launchBrowser, openDemo, out, sentBodies, textMatching } from "./harness.mjs";

// The demo shop's cart (scripts/demo/shop.mjs), worked by hand: seller_a 450 + 150 = 600.00 at 10 %
// commission (60.00) + 18 % GST on it (10.80); seller_b 2 × 200 = 400.00 at 12.5 % (50.00); the
// marketplace's gift wrap 50.00. The marketplace settles 50 + 60 + 10.80 + 50 = 170.80.
const DETAILS = {
  mdr_borne_by: "ALL",
  marketplace: { amount: 170.8 },
  vendor: {
    split: [
      { sub_mid: "seller_a", amount: 529.2, merchant_commission: 70.8 },
      { sub_mid: "seller_b", amount: 350, merchant_commission: 50 },
    ],
  },
};
// The 2 % + 18 % GST fee estimate (24.78) shared by settled amount (ALL): 4.03, 12.49, 8.26.
const TABLE = {
  marketplace: ["50.00", "110.00", "10.80", "170.80", "4.03", "166.77"],
  seller_a: ["600.00", "60.00", "10.80", "529.20", "12.49", "516.71"],
  seller_b: ["400.00", "50.00", "0.00", "350.00", "8.26", "341.74"],
};

let demo;
let browser;
let page;

before(async () => {
  demo = await startDemo({ port: 0 });
  browser = await launchBrowser();
  page = await browser.newPage();
  await openDemo(page, demo.url);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

const cartOrderId = () => page.getByTestId("cart-order-id").textContent();
const newCart = async () => {
  const before = await cartOrderId();
  await page.locator("#cart-new").click();
  await page.waitForFunction((old) => {
    const id = document.getElementById("cart-order-id").textContent;
    return id !== old && /^ord_/.test(id);
  }, before);
  return cartOrderId();
};
const tableOf = (selector) =>
  page.$$eval(`${selector} tbody tr`, (rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector("th").textContent, [...r.querySelectorAll("td")].map((td) => td.textContent)])),
  );

test("the page previews the cart's split, and the gateway receives exactly what it showed", async () => {
  const orderId = await cartOrderId();
  assert.deepEqual(await tableOf("#checkout-split"), TABLE);
  assert.deepEqual(JSON.parse(await page.getByTestId("checkout-json").textContent()), DETAILS);
  assert.match(await page.getByTestId("create-order").textContent(), /1050\.00/);

  const sent = sentBodies(page, "/api/juspay/orders");
  await page.getByTestId("create-order").click();
  await textMatching(page, '[data-testid="order-result"]', /CREATED|NEW/);
  // What left the browser: the amount and split it showed.
  assert.equal(sent.length, 1);
  assert.equal(sent[0].orderId, orderId);
  assert.equal(sent[0].amount, "1050.00");
  assert.deepEqual(sent[0].split.splitSettlementDetails, DETAILS);
  // What the gateway recorded: the same amount and split, from the server's record.
  const created = demo.sim.requestsTo("juspay.createOrder").filter((r) => r.fields.order_id === orderId);
  assert.equal(created.length, 1);
  assert.equal(created[0].fields.amount, "1050.00");
  assert.deepEqual(JSON.parse(created[0].fields["metadata.split_settlement_details"]), DETAILS);
  assert.equal(created[0].fields.return_url, `${demo.url}/`, "the return URL is the server's");
  assert.equal(demo.sim.juspay.orders.get(orderId).split.marketplace, 17080);

  await page.locator("#simulate-payment").click();
  await textMatching(page, '[data-testid="order-result"]', /CHARGED/);
  assert.equal(demo.sim.juspay.orders.get(orderId).status, "CHARGED");
});

test("an Instamojo checkout gets the record's amount, purpose and redirect, on the marketplace's account", async () => {
  const orderId = await newCart();
  const sent = sentBodies(page, "/api/instamojo/payment-requests");
  await page.getByTestId("create-payment-request").click();
  await textMatching(page, '[data-testid="order-result"]', /payment request/);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].amount, "1050.00");
  const requests = [...demo.sim.instamojo.paymentRequests.values()].filter((r) => r.purpose.includes(orderId));
  assert.equal(requests.length, 1);
  assert.equal(requests[0].amount, 105000);
  assert.equal(requests[0].owner, "marketplace");
  assert.equal(requests[0].redirect_url, `${demo.url}/`);
  assert.equal(requests[0].buyer_name, "Asha Rao", "the buyer's own name comes from the browser");

  await page.getByTestId("simulate-instamojo-payment").click();
  const paid = await textMatching(page, '[data-testid="instamojo-payment"]', /MOJO/);
  const paymentId = /(MOJO\w+)/.exec(paid)[1];
  assert.equal(demo.sim.instamojo.payments.get(paymentId).amount, 105000);
});

/** Opens the tamper control, edits it with `edit`, sends, and returns the result box's parts. */
async function tamper(edit) {
  const orderId = await newCart();
  const createsBefore = demo.sim.requestsTo("juspay.createOrder").length;
  const sent = sentBodies(page, "/api/juspay/orders");
  const details = page.getByTestId("tamper");
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await edit();
  await page.getByTestId("tamper-send").click();
  await textMatching(page, '[data-testid="tamper-result"]', /gateway|accepted/i);
  const result = page.getByTestId("tamper-result");
  const field = async (name) => ((await result.locator(`[data-field="${name}"]`).count()) ? result.locator(`[data-field="${name}"]`).textContent() : null);
  return {
    orderId,
    sent,
    creates: demo.sim.requestsTo("juspay.createOrder").length - createsBefore,
    status: await field("status"),
    code: await field("code"),
    path: await field("path"),
    message: await field("message"),
    gateway: await field("gateway"),
    accepted: await field("accepted"),
  };
}

test("tampering with the amount is answered 409 ORDER_MISMATCH at amount, and nothing reaches the gateway", async () => {
  const r = await tamper(() => page.getByTestId("tamper-amount").fill("1.00"));
  assert.equal(r.sent.length, 1);
  assert.equal(r.sent[0].amount, "1.00", "the page really sent the edited amount");
  assert.equal(r.accepted, null);
  assert.equal(r.status, "HTTP 409");
  assert.equal(r.code, "ORDER_MISMATCH");
  assert.equal(r.path, "amount");
  assert.ok(r.message.length > 0);
  assert.equal(r.creates, 0, "no create-order request reached the simulator");
  assert.equal(demo.sim.juspay.orders.has(r.orderId), false);
  assert.match(r.gateway, /Nothing was created.*received 0 create-order/);
});

test("tampering with a sub_mid is answered 409 ORDER_MISMATCH at split, and nothing reaches the gateway", async () => {
  const r = await tamper(async () => {
    await page.getByTestId("tamper-vendor").selectOption("seller_b");
    await page.getByTestId("tamper-sub-mid").fill("attacker_mid");
  });
  assert.equal(r.sent.length, 1);
  assert.equal(r.sent[0].amount, "1050.00");
  assert.deepEqual(
    r.sent[0].split.splitSettlementDetails.vendor.split.map((s) => s.sub_mid),
    ["seller_a", "attacker_mid"],
    "the page really sent the edited sub_mid",
  );
  assert.equal(r.status, "HTTP 409");
  assert.equal(r.code, "ORDER_MISMATCH");
  assert.equal(r.path, "split");
  assert.equal(r.creates, 0);
  assert.equal(demo.sim.juspay.orders.has(r.orderId), false);

  // The same order, sent as it was shown, still goes through: the refusal was about the edit.
  await page.getByTestId("create-order").click();
  await textMatching(page, '[data-testid="order-result"]', /CREATED|NEW/);
  const order = await eventually(() => demo.sim.juspay.orders.get(r.orderId));
  assert.equal(order.amount, 105000);
  assert.deepEqual([...order.split.vendors.keys()], ["seller_a", "seller_b"]);
});

/** Each segment of a bar: its part, paise and drawn width; with the bar's width and total. */
function readBar(container) {
  return page.$eval(container, (root) => {
    const figure = root.querySelector('[data-testid="split-bar"]');
    const bar = figure.querySelector(".bar").getBoundingClientRect();
    return {
      total: Number(figure.dataset.total),
      width: bar.width,
      segments: [...figure.querySelectorAll(".seg")].map((s) => ({ part: s.dataset.part, paise: Number(s.dataset.paise), width: s.getBoundingClientRect().width })),
      legend: Object.fromEntries([...figure.querySelectorAll(".legend li")].map((li) => [li.dataset.part, li.querySelector(".amount").textContent])),
    };
  });
}

function assertToScale(bar) {
  assert.equal(bar.segments.reduce((sum, s) => sum + s.paise, 0), bar.total, "the segments sum to the order");
  assert.ok(Math.abs(bar.segments.reduce((sum, s) => sum + s.width, 0) - bar.width) < 1, "the segments fill the bar");
  for (const s of bar.segments) {
    const expected = (bar.width * s.paise) / bar.total;
    assert.ok(Math.abs(s.width - expected) < 1, `${s.part}: ${s.width}px drawn, ${expected}px to scale`);
  }
}

test("the checkout's bar shows each party's share to scale, with the amounts as text", async () => {
  const bar = await readBar("#checkout-bar");
  // Commission less the marketplace's fee share (110.00 − 4.03), its own items, the GST, each
  // seller's settled amount less its fee, and the whole fee estimate.
  assert.deepEqual(
    bar.segments.map((s) => [s.part, s.paise]),
    [["own", 5000], ["commission", 10597], ["commissionTax", 1080], ["vendor:seller_a", 51671], ["vendor:seller_b", 34174], ["fee", 2478]],
  );
  assert.equal(bar.total, 105000);
  assert.deepEqual(bar.legend, {
    own: "50.00", commission: "105.97", commissionTax: "10.80", "vendor:seller_a": "516.71", "vendor:seller_b": "341.74", fee: "24.78",
  });
  assertToScale(bar);
});

test("the workbench's bar follows its inputs, to scale", async () => {
  await page.getByTestId("order-amount").fill("1000");
  const vendor = (i) => page.getByTestId("vendor").nth(i);
  await vendor(0).locator('[name="amount"]').fill("900");
  await vendor(1).locator('[name="amount"]').fill("100");
  await page.waitForFunction(() => document.querySelector('#workbench-bar [data-part="vendor:seller_a"]')?.dataset.paise === "81000");
  const bar = await readBar("#workbench-bar");
  // 900 at 10 % leaves 810.00; 100 at 12.5 % leaves 87.50; commission 90.00 + 12.50.
  assert.deepEqual(
    bar.segments.map((s) => [s.part, s.paise]),
    [["commission", 10250], ["vendor:seller_a", 81000], ["vendor:seller_b", 8750]],
  );
  assertToScale(bar);
});

test("no console errors, and a screenshot for the record", async () => {
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, "demo-checkout.png"), fullPage: true });
  await page.locator("#checkout-card").screenshot({ path: path.join(out, "demo-checkout-card.png") });
  // The refusals this file provoked are logged by Chromium as failed loads; nothing else may be.
  assert.deepEqual(browser.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 409/.test(e)), []);
});
