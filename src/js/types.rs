//! The TypeScript types of the public contract, written once here and referred to by name from the
//! exports' `unchecked_param_type` / `unchecked_return_type`, so the generated `.d.ts` is exact.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const AMOUNTS_AND_ERRORS: &str = r#"
/** Rupees, as decimal text (`"1499.50"`) or a number (`1499.5`); at most two decimals. */
export type Amount = string | number;

/** Every code a `MarketsplitError` or a validator can carry. */
export type ErrorCode =
  | "INVALID_AMOUNT" | "NEGATIVE_AMOUNT" | "TOO_MANY_DECIMALS" | "MISSING_FIELD" | "INVALID_TYPE"
  | "RATIO_INVALID" | "EMPTY_RATIOS" | "EMPTY_SPLIT" | "DUPLICATE_SUB_MID" | "MIXED_SHARES"
  | "SUM_MISMATCH" | "COMMISSION_EXCEEDS_GROSS" | "INVALID_COMMISSION" | "INVALID_MDR_BORNE_BY"
  | "INVALID_JSON" | "CREDIT_AFTER_FULFIL" | "CREDIT_EXCEEDS_PAYMENT" | "ALREADY_FULFILLED"
  | "REFUND_EXCEEDS_PAYMENT" | "DEBIT_WITHOUT_REFUND" | "DEBIT_NOT_CREDITED" | "DEBIT_EXCEEDS_CREDIT"
  | "DEBIT_EXCEEDS_REFUND" | "INSUFFICIENT_BALANCE" | "INVALID_STATE" | "INVALID_OPTION"
  | "NOT_INITIALIZED" | "NETWORK" | "TIMEOUT" | "INVALID_RETURN_URL" | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED" | "NOT_CONFIGURED" | "FORBIDDEN" | "GATEWAY_AUTH" | "GATEWAY_REJECTED"
  | "GATEWAY_UNAVAILABLE" | "GATEWAY_TIMEOUT" | "ORDER_MISMATCH" | "ORDER_NOT_FOUND" | "ORDER_CONFLICT"
  | "IDEMPOTENCY_CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "INTERNAL" | "INIT_FAILED"
  | `HTTP_${number}`;

/**
 * The error every function of marketsplit throws: an `Error` with a stable `code` and the `path`
 * of the problem in the input.
 * @example
 * ```ts
 * try {
 *   calculateSplit({ orderAmount: "100", vendors: [{ subMid: "V1", amount: "90" }] });
 * } catch (e) {
 *   e instanceof MarketsplitError; // => true
 *   [e.code, e.path]; // => ["SUM_MISMATCH", "vendors"]
 * }
 * ```
 */
export declare class MarketsplitError extends Error {
  /**
   * Makes an error like the library's own, for code that wraps or re-throws marketsplit errors.
   * @example
   * ```ts
   * throw new MarketsplitError("SUM_MISMATCH", "vendors", "vendors sum to 90.00 but the order is 100.00");
   * ```
   */
  constructor(code: ErrorCode, path?: string | null, message?: string | null);
  /** Always `"MarketsplitError"`. */
  readonly name: "MarketsplitError";
  /** A stable code, such as `"SUM_MISMATCH"` or `"HTTP_404"`. */
  readonly code: ErrorCode;
  /** Where in the input the problem is, like `vendors[1].commission.percent`; `""` for the whole input. */
  readonly path: string;
  /**
   * On an error of a `ProxyClient` back-office write (`juspay.refund`, `instamojo.settle`,
   * `instamojo.refund`): the idempotency key the call sent, given or made. Call again with it
   * (`uniqueRequestId`, `id`, `transactionId`) and the write cannot happen twice.
   */
  readonly idempotencyKey?: string;
}

/** One problem a validator found. */
export type ValidationError = { code: ErrorCode; path: string; message: string };

/** A validator's answer: `ok` is true exactly when `errors` is empty. */
export type ValidationResult = { ok: boolean; errors: ValidationError[] };
"#;

#[wasm_bindgen(typescript_custom_section)]
const SPLIT: &str = r#"
/** Who bears the gateway fee. */
export type MdrBorneBy = "MARKETPLACE" | "VENDOR" | "ALL";

export type SplitInput = {
  orderAmount: Amount;
  /** Default `"MARKETPLACE"`. */
  mdrBorneBy?: MdrBorneBy;
  vendors: Array<{
    /** The sub account id at Juspay. */
    subMid: string;
    /** The gross value of this vendor's part of the order; or give every vendor a `weight`. */
    amount?: Amount;
    /** A share of what the vendors get, by weight. */
    weight?: number | string;
    commission?: { percent?: Amount; flat?: Amount; min?: Amount; max?: Amount; taxPercent?: Amount };
  }>;
  /** The marketplace's own items (not commission); default 0. */
  marketplaceAmount?: Amount;
  /** An optional gateway-fee estimate, for previews. */
  mdr?: { percent: Amount; flat?: Amount; taxPercent?: Amount };
};

/** Juspay's `split_settlement_details`, with amounts as JSON numbers. */
export type JuspaySplitSettlementDetails = {
  mdr_borne_by: MdrBorneBy;
  marketplace: { amount: number };
  vendor: { split: Array<{ sub_mid: string; amount: number; merchant_commission: number }> };
};

export type SplitPlan = {
  orderAmount: string;
  mdrBorneBy: MdrBorneBy;
  marketplace: { amount: string; ownAmount: string; commission: string; commissionTax: string; fee: string; net: string };
  vendors: Array<{ subMid: string; gross: string; commission: string; commissionTax: string; amount: string; fee: string; net: string }>;
  /** Ready for `metadata.split_settlement_details`. */
  splitSettlementDetails: JuspaySplitSettlementDetails;
};

/** The Juspay order statuses this library knows, and `"UNKNOWN"` for every other value. */
export type OrderStatusName =
  | "CREATED" | "NEW" | "STARTED" | "CHARGED" | "JUSPAY_DECLINED" | "PENDING_VBV" | "VBV_SUCCESSFUL"
  | "AUTHENTICATION_FAILED" | "AUTHORIZATION_FAILED" | "AUTHORIZING" | "VOIDED" | "VOID_INITIATED"
  | "CAPTURE_INITIATED" | "CAPTURE_FAILED" | "VOID_FAILED" | "AUTO_REFUNDED" | "NOT_FOUND"
  | "UNKNOWN";

export type OrderStatusInfo = {
  status: OrderStatusName;
  /** `-1` for `"UNKNOWN"`. */
  statusId: number;
  meaning: string;
  /** The order will not change any more: CHARGED and the terminal failures. */
  terminal: boolean;
  /** Only CHARGED. */
  success: boolean;
  /** Every failure, including AUTHENTICATION_FAILED and AUTHORIZATION_FAILED, which the buyer may retry (not terminal). */
  failed: boolean;
};
"#;

#[wasm_bindgen(typescript_custom_section)]
const LEDGER: &str = r#"
export type LedgerOptions = { paymentId: string; amount: Amount };

/** An operation for `SettlementLedger.check`. */
export type LedgerOp = {
  type: "CREDIT" | "DEBIT" | "REFUND" | "FULFIL";
  subMerchantId?: string;
  amount?: Amount;
  balance?: Amount;
};

/** One recorded operation; amounts have two decimals. `id`: the settlement id a credit or debit was recorded with. */
export type LedgerEntry = {
  type: "CREDIT" | "FULFIL" | "REFUND" | "DEBIT";
  subMerchantId?: string;
  amount?: string;
  id?: string;
};

/** A CREDIT or DEBIT settlement as `InstamojoClient.listSettlements` returns it and `reconcile` reports it. */
export type InstamojoSettlement = { type: "CREDIT" | "DEBIT"; subMerchantId: string; amount: string; id?: string };

/** What `SettlementLedger.reconcile` found; `ok` when both lists are empty. */
export type Reconciliation = {
  ok: boolean;
  /** Recorded in the ledger, not listed by Instamojo: in ledger order. */
  missingAtInstamojo: InstamojoSettlement[];
  /** Listed by Instamojo, not recorded in the ledger: in listing order. */
  missingInLedger: InstamojoSettlement[];
};

/** What `SettlementLedger.toJSON()` returns and `SettlementLedger.fromJSON()` takes back. */
export type LedgerState = { version: 1; paymentId: string; amount: string; entries: LedgerEntry[] };

/** One DEBIT settlement of a refund plan. */
export type PlannedDebit = { subMerchantId: string; amount: string };
"#;

// The calls through the backend: ProxyClient (written in JS, src/js/proxy_client.js)
// and the server clients take and give these.
#[wasm_bindgen(typescript_custom_section)]
const PROXY_CLIENT_TYPES: &str = r#"
/** Options of `ProxyClient`. There is deliberately no place for a gateway secret. */
export type ProxyClientOptions = {
  /** Where `createProxyHandler` is mounted, e.g. `"/api/payments"` or `"https://shop.example/api"`. */
  baseUrl: string;
  /** Sent with every request (a session or CSRF header, for instance). */
  headers?: Record<string, string>;
  /** Abort a request after this many milliseconds (`TIMEOUT`). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
};
/** A customer: its id, or the id with contact details. */
export type JuspayCustomer = string | { id?: string; email?: string; phone?: string };
export type JuspayCreateOrderInput = {
  orderId: string;
  amount: Amount;
  /** A fully qualified http(s) URL without query parameters. */
  returnUrl?: string;
  customer?: JuspayCustomer;
  split?: SplitPlan | SplitInput | JuspaySplitSettlementDetails;
};
/** Where to send the buyer to pay: the contract says all three are always there. */
export type JuspayPaymentLinks = { web: string; mobile: string; iframe: string };
export type JuspayOrder = {
  id: string;
  orderId: string;
  status: string;
  statusId: number;
  paymentLinks: JuspayPaymentLinks;
  /** Other fields of Juspay's reply, in camelCase. */
  [field: string]: unknown;
};
/** A refund's split: its parts must sum to the refund amount; either may be left out (a refund the marketplace alone bears has no `vendors`). */
export type JuspayRefundSplit = { marketplace?: Amount; vendors?: Array<{ subMid: string; amount: Amount }> };
export type JuspayRefundInput = {
  uniqueRequestId?: string;
  amount: Amount;
  split?: JuspayRefundSplit;
  /** Sent as `x-routing-id` (the merchant id when absent). */
  customerId?: string;
};
/**
 * `ProxyClient.juspay.createOrder`: the order to pay, and what the page showed the buyer. The
 * backend's own record decides what is paid; `amount` and `split` are only compared with it (409
 * `ORDER_MISMATCH` when they differ).
 */
export type ProxyCreateOrderInput = {
  orderId: string;
  amount?: Amount;
  split?: SplitPlan | SplitInput | JuspaySplitSettlementDetails;
};
/**
 * `ProxyClient.instamojo.createPaymentRequest`: the order to pay, what the page showed, and the
 * buyer's own details. The backend decides the amount, purpose, redirect, webhook and account.
 */
export type ProxyPaymentRequestInput = {
  orderId: string;
  amount?: Amount;
  buyerName?: string;
  email?: string;
  phone?: string;
};
export type InstamojoPaymentRequestInput = {
  amount: Amount;
  purpose: string;
  buyerName?: string;
  email?: string;
  phone?: string;
  redirectUrl?: string;
  webhook?: string;
};
/** A settlement to make, or one `SettlementLedger.reconcile` compares (what `listSettlements` returns). */
export type InstamojoSettlementInput = { type: "CREDIT" | "DEBIT"; subMerchantId: string; amount: Amount; id?: string };
export type InstamojoRefundType = "RFD" | "TNR" | "QFL" | "QNR" | "EWN" | "TAN" | "PTH";
export type InstamojoRefundInput = { amount: Amount; type: InstamojoRefundType; body: string; transactionId?: string };
/** A gateway reply, keys in camelCase. */
export type GatewayReply = { [field: string]: unknown };
"#;
