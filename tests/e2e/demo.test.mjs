// The demo as a person starts and uses it: `node scripts/demo.mjs` on a free port (it prints the
// URL and the operator token), the page in headless Chromium, the workbench's form filled in, the
// split table and JSON read back, errors shown for a bad amount and a sum mismatch, the cart paid
// through the proxy and the simulator, the ledger refusing a credit after fulfil, no console
// error, and screenshots in tests/out/. The flows that check the simulator's own records run the
// demo in-process: checkout.test.mjs and backoffice.test.mjs.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { freePort } from "../../scripts/lib/fetch-server.mjs";
import { launchBrowser, openDemo, out, repo, textMatching } from "./harness.mjs";

let demo;
let url;
let printed = "";
let browser;
let page;

before(async () => {
  const port = await freePort();
  demo = spawn(process.execPath, [path.join(repo, "scripts", "demo.mjs")], {
    cwd: repo,
    env: { ...process.env, PORT: String(port), JUSPAY_BASE_URL: "", INSTAMOJO_BASE_URL: "", DEMO_OPERATOR_TOKEN: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    demo.stdout.on("data", (chunk) => {
      printed += chunk;
      const match = /marketsplit demo: (http:\/\/\S+)[\s\S]*operator token: /.exec(printed);
      if (match) resolve(match[1].replace(/\/$/, ""));
    });
    demo.once("exit", (code) => reject(new Error(`the demo exited with ${code}: ${printed}`)));
  });
  assert.equal(new URL(url).hostname, "127.0.0.1");
  assert.equal(new URL(url).port, String(port));

  browser = await launchBrowser();
  page = await browser.newPage();
  await openDemo(page, url);
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    demo.kill("SIGTERM");
    await once(demo, "exit");
  }
});

const vendor = (i) => page.getByTestId("vendor").nth(i);
const splitJson = () => page.getByTestId("split-json").textContent();
const errorsText = () => page.getByTestId("errors").textContent();

/** Waits until the debounced preview shows `predicate(json text, errors text)`. */
async function settled(predicate) {
  await page.waitForFunction(
    ([source]) => {
      const json = document.querySelector('[data-testid="split-json"]').textContent;
      const errors = document.querySelector('[data-testid="errors"]').textContent;
      return new Function("json", "errors", `return (${source})(json, errors)`)(json, errors);
    },
    [predicate.toString()],
    { timeout: 10_000 },
  );
}

/** The split table as { party: [gross, commission, tax, settled, fee, net] }. */
async function table() {
  return page.$$eval("#split-table tbody tr", (rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector("th").textContent, [...r.querySelectorAll("td")].map((td) => td.textContent)])),
  );
}

test("starts with a valid split of at most two vendors and empty extras", async () => {
  const rows = await page.getByTestId("vendor").count();
  assert.ok(rows >= 1 && rows <= 2);
  for (const name of ["marketplaceAmount", "mdrPercent", "mdrTaxPercent"]) {
    assert.ok(["", "0"].includes(await page.locator(`#order-card [name="${name}"]`).inputValue()), `${name} starts empty`);
  }
  for (let i = 0; i < rows; i++) {
    for (const name of ["commissionFlat", "commissionTaxPercent"]) {
      assert.ok(["", "0"].includes(await vendor(i).locator(`[name="${name}"]`).inputValue()));
    }
  }
  const json = await splitJson();
  assert.ok(json.length > 0);
  assert.equal(JSON.parse(json).mdr_borne_by, "MARKETPLACE");
  assert.equal(await errorsText(), "");
});

test("a filled form gives the split table and exactly Juspay's split_settlement_details", async () => {
  await page.getByTestId("order-amount").fill("2500");
  await vendor(0).locator('[name="subMid"]').fill("kirana_1");
  await vendor(0).locator('[name="amount"]').fill("1500");
  await vendor(0).locator('[name="commissionPercent"]').fill("8");
  await vendor(0).locator('[name="commissionTaxPercent"]').fill("18");
  await vendor(1).locator('[name="subMid"]').fill("kirana_2");
  await vendor(1).locator('[name="amount"]').fill("700");
  await vendor(1).locator('[name="commissionPercent"]').fill("5");
  await page.getByTestId("add-vendor").click();
  assert.equal(await page.getByTestId("vendor").count(), 3);
  await vendor(2).locator('[name="subMid"]').fill("kirana_3");
  await vendor(2).locator('[name="amount"]').fill("300");
  await vendor(2).locator('[name="commissionPercent"]').fill("");
  await page.locator('#order-card [name="mdrBorneBy"]').selectOption("ALL");
  await page.locator('#order-card [name="mdrPercent"]').fill("2");
  await settled((json) => json.includes('"ALL"') && json.includes("kirana_3"));

  // 1500 × 8 % = 120.00 commission + 18 % GST 21.60; 700 × 5 % = 35.00; the marketplace keeps
  // 176.60. The 2 % fee (50.00) is shared by settled amount: 5000 paise over
  // [17660, 135840, 66500, 30000] is [353.2, 2716.8, 1330, 600], the spare paisa to 2716.8.
  assert.deepEqual(JSON.parse(await splitJson()), {
    mdr_borne_by: "ALL",
    marketplace: { amount: 176.6 },
    vendor: {
      split: [
        { sub_mid: "kirana_1", amount: 1358.4, merchant_commission: 141.6 },
        { sub_mid: "kirana_2", amount: 665, merchant_commission: 35 },
        { sub_mid: "kirana_3", amount: 300, merchant_commission: 0 },
      ],
    },
  });
  // Byte for byte what juspaySplitMetadata gives for the same input.
  const { calculateSplit, juspaySplitMetadata } = await import(path.join(repo, "pkg", "node", "index.mjs"));
  const plan = calculateSplit({
    orderAmount: "2500",
    mdrBorneBy: "ALL",
    mdr: { percent: "2" },
    vendors: [
      { subMid: "kirana_1", amount: "1500", commission: { percent: "8", taxPercent: "18" } },
      { subMid: "kirana_2", amount: "700", commission: { percent: "5" } },
      { subMid: "kirana_3", amount: "300" },
    ],
  });
  assert.equal(await splitJson(), juspaySplitMetadata(plan));

  assert.deepEqual(await table(), {
    marketplace: ["0.00", "155.00", "21.60", "176.60", "3.53", "173.07"],
    kirana_1: ["1500.00", "120.00", "21.60", "1358.40", "27.17", "1331.23"],
    kirana_2: ["700.00", "35.00", "0.00", "665.00", "13.30", "651.70"],
    kirana_3: ["300.00", "0.00", "0.00", "300.00", "6.00", "294.00"],
  });
});

test("a bad amount shows its error code next to the field", async () => {
  await page.getByTestId("order-amount").fill("2500.005");
  await settled((json, errors) => errors.includes("TOO_MANY_DECIMALS"));
  assert.equal(await splitJson(), "", "no JSON for an invalid order");
  assert.match(await page.locator('.field-error[data-for="orderAmount"]').textContent(), /TOO_MANY_DECIMALS/);
  assert.equal(await page.getByTestId("order-amount").getAttribute("aria-invalid"), "true");

  await vendor(1).locator('[name="amount"]').fill("-7");
  await settled((json, errors) => errors.includes("NEGATIVE_AMOUNT"));
  assert.match(await errorsText(), /TOO_MANY_DECIMALS/, "every current error is listed");
  assert.match(await vendor(1).locator('.field-error[data-for="vendors[1].amount"]').textContent(), /NEGATIVE_AMOUNT/);
  await vendor(1).locator('[name="amount"]').fill("700");
  await page.getByTestId("order-amount").fill("2500");
  await settled((json, errors) => errors === "" && json.includes("kirana_3"));
});

test("vendors that do not add up to the order show SUM_MISMATCH; removing a row updates the split", async () => {
  await vendor(2).getByTestId("remove-vendor").click();
  assert.equal(await page.getByTestId("vendor").count(), 2);
  await settled((json, errors) => errors.includes("SUM_MISMATCH"));
  assert.match(await errorsText(), /2200\.00.*2500\.00|2500\.00.*2200\.00/);
  assert.match(await page.locator('.field-error[data-for="vendors"]').textContent(), /SUM_MISMATCH/);
  assert.equal(await splitJson(), "");
  assert.equal(await page.locator("#workbench-bar").innerHTML(), "", "no picture of a split that does not add up");

  await page.getByTestId("order-amount").fill("2200");
  await settled((json, errors) => errors === "" && json.includes("kirana_2") && !json.includes("kirana_3"));
  assert.equal(JSON.parse(await splitJson()).vendor.split.length, 2);
});

test("make demo prints the operator token its authorize accepts, and no other", async () => {
  const token = /operator token: (\S+)/.exec(printed)[1];
  assert.ok(token.length >= 20, "a token long enough not to be guessed");
  const fulfil = (bearer) =>
    fetch(`${url}/api/instamojo/payments/MOJO_NONE/fulfil`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: "{}",
    });
  for (const bearer of [null, "wrong", `${token}x`, token.slice(1)]) {
    const refused = await fulfil(bearer);
    assert.equal(refused.status, 403, `token ${bearer}`);
    assert.equal((await refused.json()).error.code, "FORBIDDEN");
  }
  // The operator's call gets past authorize to the gateway, which knows no such payment.
  const allowed = await fulfil(token);
  assert.notEqual(allowed.status, 403);
  assert.notEqual((await allowed.json()).error?.code, "FORBIDDEN");
});

test("the cart is paid through the proxy to the gateway and the status is polled", async () => {
  await page.getByTestId("create-order").click();
  const result = page.getByTestId("order-result");
  await textMatching(page, '[data-testid="order-result"]', /CREATED/);
  assert.match(await result.textContent(), /ord_/);
  assert.ok((await result.locator("a").count()) >= 1, "payment links are shown");

  await page.locator("#simulate-payment").click();
  await textMatching(page, '[data-testid="order-result"]', /CHARGED/);
  assert.match(await result.textContent(), /Successful transaction|CHARGED \(21\)/);
});

test("the ledger records credits and refuses a credit after fulfil", async () => {
  await page.locator("#ledger-new").click();
  await page.locator("#ledger-sub").fill("kirana_1");
  await page.locator("#ledger-op-amount").fill("1358.40");
  await page.locator('#ledger-card [data-op="credit"]').click();
  assert.match(await page.locator("#ledger-message").textContent(), /CREDIT recorded/);
  await page.locator('#ledger-card [data-op="fulfil"]').click();
  await page.locator('#ledger-card [data-op="credit"]').click();
  assert.match(await page.locator("#ledger-message").textContent(), /CREDIT_AFTER_FULFIL/);
  assert.equal(await page.locator("#ledger-entries li").count(), 2, "a refused operation is not recorded");

  await page.locator("#ledger-op-amount").fill("1100");
  await page.locator('#ledger-card [data-plan="VENDORS"]').click();
  assert.deepEqual(
    await page.$$eval("#ledger-plan tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent))),
    [["kirana_1", "1100.00"]],
  );
});

test("no console errors, and a screenshot for the record", async () => {
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, "demo.png"), fullPage: true });
  const phone = await browser.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await openDemo(phone, url);
  await phone.screenshot({ path: path.join(out, "demo-phone.png"), fullPage: true });
  await phone.close();
  assert.deepEqual(browser.consoleErrors, []);
});
