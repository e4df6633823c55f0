// SettlementLedger.reconcile against what InstamojoClient.listSettlements returns from the
// simulator: a ledger that lost a settlement in a crash, one that recorded a settlement Instamojo
// never got, and the repair of both. Also the ledger's settlement ids and reconcile's input checks.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { lib, startWorld } from "./helpers.mjs";

let world;
before(async () => {
  world = await startWorld();
});
after(() => world.close());

/** Settles at Instamojo and records the same settlement, with the same id, in the ledger. */
async function settleAndRecord(ledger, pid, { type, subMerchantId, amount, id }) {
  await world.instamojo.settle(pid, { type, subMerchantId, amount, id });
  if (type === "CREDIT") ledger.credit(subMerchantId, amount, { id });
  else ledger.debit(subMerchantId, amount, { id });
}

describe("SettlementLedger.reconcile with Instamojo's listing", () => {
  it("agrees with a ledger that recorded every settlement", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    const ledger = new lib.SettlementLedger({ paymentId: pid, amount: "100.00" });
    await settleAndRecord(ledger, pid, { type: "CREDIT", subMerchantId: "A", amount: "60", id: "ok_1" });
    await settleAndRecord(ledger, pid, { type: "CREDIT", subMerchantId: "B", amount: "30", id: "ok_2" });
    await world.instamojo.refund(pid, { amount: "20", type: "QFL", body: "damaged" });
    ledger.refund("20");
    await settleAndRecord(ledger, pid, { type: "DEBIT", subMerchantId: "A", amount: "12", id: "ok_3" });
    assert.deepEqual(ledger.reconcile(await world.instamojo.listSettlements(pid)), { ok: true, missingAtInstamojo: [], missingInLedger: [] });
  });

  it("tells a ledger that lost one settlement which one Instamojo has, and the repair makes them agree", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    const ledger = new lib.SettlementLedger({ paymentId: pid, amount: "100.00" });
    await settleAndRecord(ledger, pid, { type: "CREDIT", subMerchantId: "A", amount: "60", id: "lost_1" });
    // The process crashed after Instamojo accepted this one, before the ledger was saved.
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "B", amount: "30.05", id: "lost_2" });
    const found = ledger.reconcile(await world.instamojo.listSettlements(pid));
    assert.deepEqual(found, {
      ok: false,
      missingAtInstamojo: [],
      missingInLedger: [{ type: "CREDIT", subMerchantId: "B", amount: "30.05", id: "lost_2" }],
    });
    for (const s of found.missingInLedger) ledger.credit(s.subMerchantId, s.amount, { id: s.id });
    assert.equal(ledger.reconcile(await world.instamojo.listSettlements(pid)).ok, true);
  });

  it("tells a ledger with an extra settlement which one Instamojo lacks, and re-sending it under its id makes them agree", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    const ledger = new lib.SettlementLedger({ paymentId: pid, amount: "100.00" });
    await settleAndRecord(ledger, pid, { type: "CREDIT", subMerchantId: "A", amount: "60", id: "extra_1" });
    // Recorded first, and the request never reached Instamojo.
    ledger.credit("B", "30", { id: "extra_2" });
    world.sim.faults.inject("instamojo.settle", { drop: true, times: 3 });
    await assert.rejects(world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "B", amount: "30", id: "extra_2" }));
    const found = ledger.reconcile(await world.instamojo.listSettlements(pid));
    assert.deepEqual(found, {
      ok: false,
      missingAtInstamojo: [{ type: "CREDIT", subMerchantId: "B", amount: "30.00", id: "extra_2" }],
      missingInLedger: [],
    });
    for (const s of found.missingAtInstamojo) await world.instamojo.settle(pid, s);
    assert.equal(ledger.reconcile(await world.instamojo.listSettlements(pid)).ok, true);
    assert.equal(world.sim.instamojo.payments.get(pid).settlements.length, 2);
  });

  it("does not let a settlement retried under a new id cancel the one recorded", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    const ledger = new lib.SettlementLedger({ paymentId: pid, amount: "100.00" });
    await settleAndRecord(ledger, pid, { type: "CREDIT", subMerchantId: "A", amount: "10", id: "dup_1" });
    await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: "A", amount: "10", id: "dup_1_retry" });
    const found = ledger.reconcile(await world.instamojo.listSettlements(pid));
    assert.deepEqual(found.missingInLedger, [{ type: "CREDIT", subMerchantId: "A", amount: "10.00", id: "dup_1_retry" }]);
    assert.deepEqual(found.missingAtInstamojo, []);
  });

  it("matches entries recorded without an id by type, sub-merchant and amount", async () => {
    const pid = world.sim.instamojo.addPayment({ amount: "100.00" });
    const ledger = new lib.SettlementLedger({ paymentId: pid, amount: "100.00" });
    for (const [sub, amount] of [["A", "10"], ["A", "10"], ["B", "5"]]) {
      await world.instamojo.settle(pid, { type: "CREDIT", subMerchantId: sub, amount });
      ledger.credit(sub, amount);
    }
    ledger.credit("A", "10");
    const found = ledger.reconcile(await world.instamojo.listSettlements(pid));
    assert.deepEqual(found.missingAtInstamojo, [{ type: "CREDIT", subMerchantId: "A", amount: "10.00" }]);
    assert.deepEqual(found.missingInLedger, []);
  });
});

describe("settlement ids in the ledger", () => {
  it("are kept in entries and in toJSON, and come back with fromJSON", () => {
    const ledger = new lib.SettlementLedger({ paymentId: "MOJO1", amount: "100" });
    ledger.credit("A", "60", { id: "s1" });
    ledger.credit("B", "10");
    ledger.refund("20");
    ledger.debit("A", "5", { id: "s2", balance: "100" });
    assert.deepEqual(ledger.entries, [
      { type: "CREDIT", subMerchantId: "A", amount: "60.00", id: "s1" },
      { type: "CREDIT", subMerchantId: "B", amount: "10.00" },
      { type: "REFUND", amount: "20.00" },
      { type: "DEBIT", subMerchantId: "A", amount: "5.00", id: "s2" },
    ]);
    const copy = lib.SettlementLedger.fromJSON(JSON.stringify(ledger.toJSON()));
    assert.deepEqual(copy.entries, ledger.entries);
  });

  it("must be non-empty strings; the ledger's rules apply as before", () => {
    const ledger = new lib.SettlementLedger({ paymentId: "MOJO1", amount: "100" });
    for (const id of ["", 5, {}]) {
      assert.throws(() => ledger.credit("A", "1", { id }), (e) => e instanceof lib.MarketsplitError && e.code === "INVALID_TYPE" && e.path === "id");
    }
    assert.throws(() => ledger.credit("A", "1", "s1"), { code: "INVALID_TYPE" });
    assert.throws(() => ledger.credit("A", "101", { id: "big" }), { code: "CREDIT_EXCEEDS_PAYMENT" });
    assert.deepEqual(ledger.entries, []);
  });
});

describe("reconcile's input", () => {
  const ledger = new lib.SettlementLedger({ paymentId: "MOJO1", amount: "100" });
  it("is refused, never skipped, when a settlement cannot be read", () => {
    const cases = [
      [undefined, "MISSING_FIELD", "settlements"],
      [{ results: [] }, "INVALID_TYPE", "settlements"],
      [[{ type: "CREDIT", subMerchantId: "A", amount: "1" }, null], "INVALID_TYPE", "settlements[1]"],
      [[{ type: "REFUND", subMerchantId: "A", amount: "1" }], "INVALID_OPTION", "settlements[0].type"],
      [[{ type: "CREDIT", amount: "1" }], "MISSING_FIELD", "settlements[0].subMerchantId"],
      [[{ type: "CREDIT", subMerchantId: "A", amount: 0.1 + 0.2 }], "TOO_MANY_DECIMALS", "settlements[0].amount"],
      [[{ type: "CREDIT", subMerchantId: "A", amount: "1", id: 3 }], "INVALID_TYPE", "settlements[0].id"],
    ];
    for (const [input, code, path] of cases) {
      assert.throws(() => ledger.reconcile(input), (e) => e instanceof lib.MarketsplitError && e.code === code && e.path === path, JSON.stringify(input));
    }
  });
});
