// A typed user of the generated module: `tsc --strict` must accept every line below, and reject
// every line marked @ts-expect-error (an unused @ts-expect-error is itself an error, so the
// types cannot silently loosen). scripts/test_wasm.sh also runs the compiled file in Node.
import {
  allocate,
  calculateSplit,
  juspaySplitMetadata,
  validateJuspaySplit,
  orderStatus,
  SettlementLedger,
  MarketsplitError,
} from "marketsplit";
import type {
  Amount,
  ErrorCode,
  SplitInput,
  SplitPlan,
  JuspaySplitSettlementDetails,
  ValidationResult,
  ValidationError,
  LedgerEntry,
  LedgerOp,
  LedgerState,
  PlannedDebit,
  OrderStatusInfo,
  OrderStatusName,
  MdrBorneBy,
  InstamojoSettlement,
  Reconciliation,
} from "marketsplit";

declare const require: (id: string) => { strictEqual(a: unknown, b: unknown, m?: string): void; deepStrictEqual(a: unknown, b: unknown, m?: string): void; ok(v: unknown, m?: string): void };
const assert = require("node:assert");

const total: Amount = "100";
const shares: string[] = allocate(total, [1, "1", 1]);
assert.deepStrictEqual(shares, ["33.34", "33.33", "33.33"]);

const input: SplitInput = {
  orderAmount: 1000,
  mdrBorneBy: "VENDOR",
  vendors: [
    { subMid: "V1", amount: "600", commission: { percent: "10", taxPercent: "18" } },
    { subMid: "V2", amount: 400 },
  ],
  mdr: { percent: "2" },
};
const plan: SplitPlan = calculateSplit(input);
const borne: MdrBorneBy = plan.mdrBorneBy;
const details: JuspaySplitSettlementDetails = plan.splitSettlementDetails;
const firstSplitAmount: number = details.vendor.split[0].amount;
const vendorNet: string = plan.vendors[0].net;
assert.strictEqual(borne, "VENDOR");
assert.strictEqual(typeof firstSplitAmount, "number");
assert.strictEqual(typeof vendorNet, "string");
const metadata: string = juspaySplitMetadata(plan);
assert.deepStrictEqual(JSON.parse(metadata), details);
assert.strictEqual(juspaySplitMetadata(details), metadata);

const result: ValidationResult = validateJuspaySplit(plan.orderAmount, metadata);
assert.strictEqual(result.ok, true);
const problems: ValidationError[] = validateJuspaySplit("1", { mdr_borne_by: "NOBODY" }).errors;
const firstCode: ErrorCode = problems[0].code;
assert.ok(firstCode.length > 0);

const status: OrderStatusInfo = orderStatus("charged");
const name: OrderStatusName = status.status;
assert.strictEqual(name, "CHARGED");
assert.strictEqual(orderStatus(21).success, true);
const retryable: OrderStatusInfo = orderStatus(27);
const failed: boolean = retryable.failed;
assert.deepStrictEqual([failed, retryable.terminal], [true, false]);

const ledger = new SettlementLedger({ paymentId: "MOJO1", amount: "100" });
ledger.credit("A", "60");
ledger.credit("B", 30);
ledger.refund("50");
const plan1: PlannedDebit[] = ledger.planRefundDebits("50");
const plan2: PlannedDebit[] = ledger.planRefundDebits("50", { from: "VENDORS" });
assert.deepStrictEqual(plan1.map((d) => d.amount), ["30.00", "15.00"]);
assert.deepStrictEqual(plan2.map((d) => d.amount), ["33.33", "16.67"]);
ledger.debit("A", "30", { balance: "100" });
const op: LedgerOp = { type: "DEBIT", subMerchantId: "B", amount: "15" };
assert.strictEqual(ledger.check(op).ok, true);
const entries: LedgerEntry[] = ledger.entries;
assert.strictEqual(entries.length, 4);
const withIds = new SettlementLedger({ paymentId: "MOJO2", amount: "100" });
withIds.credit("A", "60", { id: "s1" });
const recordedId: string | undefined = withIds.entries[0].id;
const listed: InstamojoSettlement[] = [{ type: "CREDIT", subMerchantId: "A", amount: "60.00", id: "s1" }];
const found: Reconciliation = withIds.reconcile([...listed, { type: "DEBIT", subMerchantId: "B", amount: 5 }]);
const extra: InstamojoSettlement[] = found.missingInLedger;
assert.deepStrictEqual([recordedId, found.ok, extra.length, found.missingAtInstamojo.length], ["s1", false, 1, 0]);
const state: LedgerState = ledger.toJSON();
const again: SettlementLedger = SettlementLedger.fromJSON(JSON.stringify(state));
const fulfilled: boolean = again.fulfilled;
const share: string = again.marketplaceShare;
assert.strictEqual(fulfilled, false);
assert.strictEqual(share, "-10.00");

try {
  ledger.credit("C", "1000");
  assert.ok(false, "credit past the payment was accepted");
} catch (e) {
  if (!(e instanceof MarketsplitError)) throw e;
  const code: ErrorCode = e.code;
  const path: string = e.path;
  const message: string = e.message;
  const asError: Error = e;
  assert.strictEqual(code, "CREDIT_EXCEEDS_PAYMENT");
  assert.strictEqual(path, "amount");
  assert.ok(e instanceof Error);
  assert.strictEqual(asError.name, "MarketsplitError");
  assert.ok(typeof e.stack === "string" && e.stack.startsWith("MarketsplitError: " + message));
}
const made = new MarketsplitError("HTTP_404", "", "not found");
const httpCode: ErrorCode = made.code;
assert.ok(made instanceof Error && httpCode === "HTTP_404");

// Types that must stay exact (type-checked only: never called).
export function mustNotCompile(): unknown[] {
  // @ts-expect-error: not a fee bearer
  const badBorne: SplitInput = { orderAmount: "1", mdrBorneBy: "NOBODY", vendors: [] };
  // @ts-expect-error: not an operation type
  const badOp: LedgerOp = { type: "CREDITT" };
  // @ts-expect-error: not a refund source
  ledger.planRefundDebits("1", { from: "MARKETPLACE" });
  // @ts-expect-error: an amount is text or a number
  allocate(true, [1]);
  // @ts-expect-error: not a known code
  const badCode: ErrorCode = "SOMETHING_ELSE";
  // @ts-expect-error: statuses are a closed list
  const badStatus: OrderStatusName = "PAID";
  // @ts-expect-error: a settlement is a CREDIT or a DEBIT
  withIds.reconcile([{ type: "REFUND", subMerchantId: "A", amount: "1" }]);
  // @ts-expect-error: a settlement id is text
  withIds.credit("A", "1", { id: 7 });
  // @ts-expect-error: the error's code is not any string
  const loose: "X" = made.code;
  return [badBorne, badOp, badCode, badStatus, loose];
}
void again;
console.log("typed example: ok");
