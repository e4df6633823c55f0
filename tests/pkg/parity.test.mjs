// The browser module is its own build (no std, a trapping panic handler, bundled and minified
// JS): it must answer every call exactly as the Node module does. Both are loaded from the
// installed package in one Node process (the browser entry given its .wasm's bytes by init) and
// given the same inputs, good and bad.

import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { consumer } from "./consumer.mjs";

let web;
let node;
before(async () => {
  const { project } = consumer();
  const installed = path.join(project, "node_modules", "marketsplit");
  web = await import(pathToFileURL(path.join(installed, "web", "index.js")).href);
  await web.init(fs.readFileSync(path.join(installed, "web", "marketsplit_bg.wasm")));
  node = createRequire(path.join(project, "package.json"))("marketsplit");
});

/** What a call gives, as plain data: its value, or the error's class, code, path and message. */
function outcome(f) {
  try {
    const value = f();
    return { value: JSON.parse(JSON.stringify(value ?? null)) };
  } catch (e) {
    return { error: [e?.name, e?.code, e?.path, e?.message] };
  }
}

function same(label, call) {
  const a = outcome(() => call(web));
  const b = outcome(() => call(node));
  assert.deepEqual(a, b, label);
  return a;
}

/** A small deterministic generator, so a failure names an input that can be run again. */
function* numbers(seed) {
  let x = seed >>> 0;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield (x >>> 0) / 2 ** 32;
  }
}

test("allocate, calculateSplit, the Juspay validator and orderStatus answer alike", () => {
  const r = numbers(20261122);
  const pick = (list) => list[Math.floor(r.next().value * list.length)];
  const amounts = ["0", "0.01", "1", "100", "100.00", "33.33", "1499.5", 1499.5, 0.1, "10000000000.00", "10000000000.01", "-1", "1.234", "", "abc", null, true, 1e21, NaN, -0, "007"];
  const ratios = [[1], [1, 1, 1], [0, 0], [], [1, -1], ["33.5", 1, 0.25], [1e300, 1], ["1e5"], [NaN], "x", [[1]], [2 ** 53, 3, 7]];
  for (let i = 0; i < 300; i++) {
    const total = pick(amounts);
    const weights = pick(ratios);
    same(`allocate(${JSON.stringify(total)}, ${JSON.stringify(weights)})`, (m) => m.allocate(total, weights));
  }
  const vendor = (j) => ({
    subMid: pick([`V${j}`, "V1", "", 5]),
    ...(r.next().value < 0.5 ? { amount: pick(amounts) } : { weight: pick([1, 2, "0.5", -1, 0]) }),
    commission: pick([undefined, { percent: "10" }, { percent: "2.5", flat: "3", min: "1", max: "50", taxPercent: "18" }, { percent: "101" }, { min: "9", max: "1" }]),
  });
  for (let i = 0; i < 300; i++) {
    const input = {
      orderAmount: pick(amounts),
      mdrBorneBy: pick(["MARKETPLACE", "VENDOR", "ALL", "NOBODY", undefined]),
      marketplaceAmount: pick([undefined, "0", "20.00", "-5"]),
      mdr: pick([undefined, { percent: "2", flat: "3", taxPercent: "18" }, { percent: "x" }]),
      vendors: Array.from({ length: Math.floor(r.next().value * 4) }, (_, j) => vendor(j)),
    };
    const plan = same(`calculateSplit(${JSON.stringify(input)})`, (m) => m.calculateSplit(input));
    if (plan.value) {
      same("juspaySplitMetadata(plan)", (m) => m.juspaySplitMetadata(plan.value));
      same("validateJuspaySplit(plan)", (m) => m.validateJuspaySplit(plan.value.orderAmount, plan.value.splitSettlementDetails));
    }
  }
  for (const details of [
    { mdr_borne_by: "ALL", marketplace: { amount: 10 }, vendor: { split: [{ sub_mid: "a", amount: 90, merchant_commission: 1 }] } },
    { mdr_borne_by: "X", vendor: { split: [{ sub_mid: "a", amount: "1.234" }, { sub_mid: "a", amount: -1 }] } },
    '{"mdr_borne_by":"VENDOR","vendor":{"split":[]}}',
    "{not json",
    [],
  ]) {
    same(`validateJuspaySplit(${JSON.stringify(details)})`, (m) => m.validateJuspaySplit("100", details));
  }
  for (const status of ["CHARGED", "charged", 21, "21", 0, -1, "NOPE", 1.5, null, {}]) {
    same(`orderStatus(${JSON.stringify(status)})`, (m) => m.orderStatus(status));
  }
});

test("a lone surrogate is refused at its own path by the shipped, minified builds, before a later non-JSON value", () => {
  // A minifier once dropped the check (it took the call that threw for side-effect free), so the
  // later function was reported instead and the surrogate left to the Rust reader.
  const input = { orderAmount: "100", vendors: [{ subMid: "V\ud800", amount: "100" }], note: () => 1 };
  for (const m of [web, node]) {
    const got = outcome(() => m.calculateSplit(input));
    assert.deepEqual(got.error?.slice(1, 3), ["INVALID_TYPE", "vendors[0].subMid"], JSON.stringify(got));
    assert.match(got.error[3], /lone UTF-16 surrogate/);
  }
  same("validateJuspaySplit with a lone surrogate", (m) =>
    m.validateJuspaySplit("100", { mdr_borne_by: "ALL", vendor: { split: [{ sub_mid: "\udc00", amount: 100, merchant_commission: 0, f: Symbol() }] } }),
  );
});

test("a settlement ledger takes and refuses the same operations in both", () => {
  const r = numbers(7);
  const pick = (list) => list[Math.floor(r.next().value * list.length)];
  for (let run = 0; run < 40; run++) {
    const amount = pick(["1000", "99.99", "0", "x"]);
    same(`new SettlementLedger(${amount})`, (m) => new m.SettlementLedger({ paymentId: `p${run}`, amount }).toJSON());
    const made = [web, node].map((m) => new m.SettlementLedger({ paymentId: `p${run}`, amount: "1000" }));
    const [a, b] = made;
    for (let step = 0; step < 25; step++) {
      // Every choice is made once, before the same call goes to both ledgers.
      const sub = pick(["s1", "s2", "s3", ""]);
      const amount = pick(["1", "10.50", "100", "999", "0", "-1", "1.001", 5]);
      const type = pick(["CREDIT", "DEBIT", "REFUND", "FULFIL", "NOPE"]);
      const balance = pick([undefined, { balance: "50" }, { balance: "x" }]);
      const from = pick([undefined, { from: "PROPORTIONAL" }, { from: "VENDORS" }, { from: "X" }]);
      const op = pick([
        (l) => l.credit(sub, amount),
        (l) => l.fulfil(),
        (l) => l.refund(amount),
        (l) => l.debit(sub, amount, balance),
        (l) => l.check({ type, subMerchantId: sub, amount }),
        (l) => l.planRefundDebits(amount, from),
        (l) => l.toJSON(),
        (l) => [l.amount, l.credited, l.debited, l.refunded, l.marketplaceShare, l.fulfilled, l.entries],
      ]);
      assert.deepEqual(outcome(() => op(a)), outcome(() => op(b)), `run ${run}, step ${step}`);
    }
    const state = a.toJSON();
    same("fromJSON(state)", (m) => m.SettlementLedger.fromJSON(state).toJSON());
    same("fromJSON(tampered)", (m) => m.SettlementLedger.fromJSON({ ...state, amount: "1.00" }).toJSON());
  }
});
