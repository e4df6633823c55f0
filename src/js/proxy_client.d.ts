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
 * await client.juspay.createOrder({ orderId: "o1", amount: "90.00" }); // throws ORDER_MISMATCH
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

/**
 * `ProxyClient.juspay`.
 * @example
 * ```ts
 * const client = new ProxyClient({ baseUrl: "/api/payments" });
 * client.juspay instanceof ProxyJuspay; // => true
 * ```
 */
export declare class ProxyJuspay {
  private constructor();
  /**
   * `POST /juspay/orders`: the backend creates the order from its own record of it.
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * // The amount and split the page showed; the backend compares them with its own record.
   * const order = await client.juspay.createOrder({ orderId: "o1", amount: "100.00", split: plan });
   * order.orderId; // => "o1"
   * ```
   */
  createOrder(input: ProxyCreateOrderInput): Promise<JuspayOrder>;
  /**
   * `GET /juspay/orders/:orderId`.
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * await client.juspay.createOrder({ orderId: "o1" });
   * (await client.juspay.orderStatus("o1")).status; // => "NEW"
   * ```
   */
  orderStatus(orderId: string): Promise<JuspayOrder>;
  /**
   * `POST /juspay/orders/:orderId/refunds` with `uniqueRequestId` (made here when not given).
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * await client.juspay.createOrder({ orderId: "o1" });
   * sim.juspay.setStatus("o1", "CHARGED"); // the buyer paid
   * await client.juspay.refund("o1", { amount: "10.00" });
   * ```
   */
  refund(orderId: string, input: JuspayRefundInput): Promise<JuspayOrder>;
}

/**
 * `ProxyClient.instamojo`.
 * @example
 * ```ts
 * const client = new ProxyClient({ baseUrl: "/api/payments" });
 * client.instamojo instanceof ProxyInstamojo; // => true
 * ```
 */
export declare class ProxyInstamojo {
  private constructor();
  /**
   * `POST /instamojo/payment-requests`; the backend decides the amount, purpose, redirect, webhook and account.
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * const request = await client.instamojo.createPaymentRequest({ orderId: "o1", buyerName: "Asha", email: "asha@example.com" });
   * typeof request.longurl; // => "string"
   * ```
   */
  createPaymentRequest(details: ProxyPaymentRequestInput): Promise<GatewayReply>;
  /**
   * `POST /instamojo/payments/:paymentId/settlements` with `id` (made here when not given).
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * await client.instamojo.settle(paymentId, { type: "CREDIT", subMerchantId: sellerId, amount: "60.00" });
   * ```
   */
  settle(paymentId: string, input: InstamojoSettlementInput): Promise<GatewayReply>;
  /**
   * `POST /instamojo/payments/:paymentId/fulfil` (fulfilling twice moves no money twice: no key).
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * await client.instamojo.fulfil(paymentId);
   * ```
   */
  fulfil(paymentId: string): Promise<GatewayReply>;
  /**
   * `POST /instamojo/payments/:paymentId/refunds` with `transactionId` (made here when not given).
   * @example
   * ```ts
   * const client = new ProxyClient({ baseUrl: "/api/payments" });
   * await client.instamojo.refund(paymentId, { amount: "40.00", type: "QFL", body: "Item out of stock" });
   * ```
   */
  refund(paymentId: string, input: InstamojoRefundInput): Promise<GatewayReply>;
}
