// ProxyClient's declarations, pasted into the glue's .d.ts by proxy_client.rs (the types it
// names are declared there too).

/**
 * Calls the gateways through your backend's `createProxyHandler`; every method returns a Promise
 * that rejects with a `MarketsplitError` (`NETWORK`, `TIMEOUT`, `HTTP_<status>`, or the code the
 * backend answered with, such as `SUM_MISMATCH`).
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
  /** `POST /juspay/orders`. */
  createOrder(input: JuspayCreateOrderInput): Promise<JuspayOrder>;
  /** `GET /juspay/orders/:orderId`. */
  orderStatus(orderId: string): Promise<JuspayOrder>;
  /** `POST /juspay/orders/:orderId/refunds`. */
  refund(orderId: string, input: JuspayRefundInput): Promise<JuspayOrder>;
}

/** `ProxyClient.instamojo`. */
export declare class ProxyInstamojo {
  private constructor();
  /** `POST /instamojo/payment-requests`; the backend decides whose account it is made on. */
  createPaymentRequest(details: InstamojoPaymentRequestInput): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/settlements`. */
  settle(paymentId: string, input: InstamojoSettlementInput): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/fulfil`. */
  fulfil(paymentId: string): Promise<GatewayReply>;
  /** `POST /instamojo/payments/:paymentId/refunds`. */
  refund(paymentId: string, input: InstamojoRefundInput): Promise<GatewayReply>;
}
