// ProxyClient's declarations, pasted into the glue's .d.ts by proxy_client.rs (the types it
// names are declared there too).

/**
 * Calls the gateways through your backend's `createProxyHandler`; every method returns a Promise
 * that rejects with a `MarketsplitError` (`NETWORK`, `TIMEOUT`, `HTTP_<status>`, or the code the
 * backend answered with, such as `ORDER_MISMATCH`). The backend's record of the order decides
 * what is paid: `amount` and `split` are what the page showed, compared with it. The back-office
 * writes send an idempotency key (made here when not given) and their errors carry it as
 * `error.idempotencyKey`, so a retry with it cannot pay twice.
 * @example
 * ```ts
 * const client = new ProxyClient({ baseUrl: "/api/payments" });
 * const order = await client.juspay.createOrder({ orderId: "o1", amount: "100.00", split: plan });
 * location.href = order.paymentLinks.web;
 * ```
 */
export declare class ProxyClient {
  /** Throws `INVALID_OPTION` for an option it does not know (such as `apiKey` or `clientSecret`). */
  constructor(options: ProxyClientOptions);
  /** Juspay calls: `createOrder`, `orderStatus`, `refund`. */
  readonly juspay: ProxyJuspay;
  /** Instamojo calls: `createPaymentRequest`, `settle`, `fulfil`, `refund`. */
  readonly instamojo: ProxyInstamojo;
}

/** `ProxyClient.juspay`. */
export declare class ProxyJuspay {
  private constructor();
  /** `POST /juspay/orders`: the backend creates the order from its own record of it. */
  createOrder(input: ProxyCreateOrderInput): Promise<JuspayOrder>;
  /** `GET /juspay/orders/:orderId`. */
  orderStatus(orderId: string): Promise<JuspayOrder>;
  /** `POST /juspay/orders/:orderId/refunds` with `uniqueRequestId` (made here when not given). */
  refund(orderId: string, input: JuspayRefundInput): Promise<JuspayOrder>;
}

/** `ProxyClient.instamojo`. */
export declare class ProxyInstamojo {
  private constructor();
  /** `POST /instamojo/payment-requests`; the backend decides the amount, purpose, redirect, webhook and account. */
  createPaymentRequest(details: ProxyPaymentRequestInput): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/settlements` with `id` (made here when not given). */
  settle(paymentId: string, input: InstamojoSettlementInput): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/fulfil` (fulfilling twice moves no money twice: no key). */
  fulfil(paymentId: string): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/refunds` with `transactionId` (made here when not given). */
  refund(paymentId: string, input: InstamojoRefundInput): Promise<GatewayReply>;
}
