// `ProxyClient`: the browser's way to the gateways, through the application's own backend
// (`createProxyHandler`), whose own record of each order decides what is paid: what this client
// sends of amounts and splits is only what the page showed. It holds no secret and refuses options
// that look like one.
//
// Plain JavaScript rather than Rust: it only moves JSON between `fetch` and the backend, and as
// wasm it cost 7 KB gzip of the browser entry (see README, "Size and speed"). The glue exports
// the classes as they are (proxy_client.rs). The routes are the ones `createProxyHandler` serves
// (src/proxy/routes.rs); tests/node/e2e.test.mjs sends every one of them through the real handler.

import { MarketsplitError } from "./error.js";

const ROUTES = {
  "juspay.createOrder": ["POST", "juspay/orders"],
  "juspay.orderStatus": ["GET", "juspay/orders/:id"],
  "juspay.refund": ["POST", "juspay/orders/:id/refunds"],
  "instamojo.createPaymentRequest": ["POST", "instamojo/payment-requests"],
  "instamojo.settle": ["POST", "instamojo/payments/:id/settlements"],
  "instamojo.fulfil": ["POST", "instamojo/payments/:id/fulfil"],
  "instamojo.refund": ["POST", "instamojo/payments/:id/refunds"],
};
// The back-office writes and the field of each that carries its idempotency key. The backend
// never makes one (a key it made would be new on every retry): this client does, once per call.
const KEYS = { "juspay.refund": "uniqueRequestId", "instamojo.settle": "id", "instamojo.refund": "transactionId" };
const OPTIONS = ["baseUrl", "headers", "timeoutMs", "fetch"];
const SECRET_WORDS = /key|secret|token|password|salt/i;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** The kind of a value, in the words of the library's messages. */
const kind = (v) =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v === "boolean" ? "a boolean" : typeof v === "number" ? "a number" : typeof v === "string" ? "a string" : `a ${typeof v}`;

/** One path segment: only RFC 3986 unreserved characters stay, so an id cannot add a segment or a query. */
function segment(text) {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += byte < 128 && UNRESERVED.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/**
 * A fresh idempotency key: 20 hex digits, short enough for Juspay's `unique_request_id` (its refund
 * docs: under 21 characters, no special characters). `crypto.randomUUID` where the runtime has it
 * (secure contexts), else `crypto.getRandomValues`, else `Math.random`.
 */
function newKey() {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID == "function") return c.randomUUID().replace(/-/g, "").slice(0, 20);
  const bytes = new Uint8Array(10);
  if (typeof c?.getRandomValues == "function") c.getRandomValues(bytes);
  else for (let i = 0; i < 10; i++) bytes[i] = Math.random() * 256;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The input of a keyed write with its key: the caller's, or a new one. Unreadable input is left to `request`. */
function withKey(operation, body) {
  const name = KEYS[operation];
  if (!name || body === null || typeof body != "object" || Array.isArray(body)) return [body];
  try {
    const given = body[name];
    if (given != null && given !== "") return [body, given];
    const key = newKey();
    return [{ ...body, [name]: key }, key];
  } catch (_) {
    return [body];
  }
}

/** Reads a thrown value as text: its message, and its cause's (Node's fetch puts the reason there). */
function describe(e) {
  const message = (v) => {
    try {
      const m = Reflect.get(v, "message");
      return typeof m == "string" ? m : undefined;
    } catch (_) {}
  };
  const text = message(e) ?? (typeof e == "string" ? e : "unknown error");
  let cause;
  try {
    cause = Reflect.get(e, "cause");
  } catch (_) {}
  const why = cause == null ? undefined : message(cause);
  return why === undefined ? text : `${text} (${why})`;
}

/**
 * The three classes over one `MarketsplitError` (the module's own, so `instanceof` holds for what
 * they throw as for everything else the library throws).
 */
export function proxyClasses(MarketsplitError) {
  const fail = (code, path, message) => new MarketsplitError(code, path, message);

  /** Reads the backend's answer: the JSON of a 2xx, or the error it names in `{ error: { code, message } }`. */
  function readReply(status, body) {
    let parsed, parses = true;
    try {
      parsed = JSON.parse(body);
    } catch (_) {
      parses = false;
    }
    if (status >= 200 && status < 300) {
      if (body.trim() === "") return null;
      if (!parses) throw fail("INVALID_JSON", "", `the backend answered ${status} with a body that is not JSON`);
      return parsed;
    }
    const field = (v, key) => (v !== null && typeof v === "object" && !Array.isArray(v) ? v[key] : undefined);
    const error = field(parsed, "error");
    let code = field(error, "code");
    let message = field(error, "message");
    code = typeof code === "string" && code !== "" ? code : undefined;
    message = typeof message === "string" ? message : undefined;
    // A 409 or 422 lists its problems with their paths; the first is the one `error` names.
    const first = [field(parsed, "errors")].flat()[0];
    const path = field(first, "code") === code ? field(first, "path") : "";
    if (code !== undefined) throw fail(code, typeof path == "string" ? path : "", message ?? `the backend answered ${status} ${code}`);
    throw fail(`HTTP_${status}`, "", message === undefined ? `the backend answered HTTP ${status}` : `the backend answered HTTP ${status}: ${message}`);
  }

  class Core {
    constructor(options) {
      if (options === null || typeof options !== "object") throw fail("INVALID_TYPE", "", "ProxyClient takes an options object");
      for (const key of Object.keys(options)) {
        if (!OPTIONS.includes(key)) {
          const hint = SECRET_WORDS.test(key) ? " (a gateway secret belongs on the server, never in this client)" : "";
          throw fail("INVALID_OPTION", key, `ProxyClient does not take the option ${JSON.stringify(key)}${hint}; it takes ${OPTIONS.join(", ")}`);
        }
      }
      const get = (key) => (options[key] == null ? undefined : options[key]);
      const baseUrl = get("baseUrl");
      if (baseUrl !== undefined && typeof baseUrl !== "string") throw fail("INVALID_TYPE", "baseUrl", "baseUrl must be a string");
      if (!baseUrl) throw fail("MISSING_FIELD", "baseUrl", "ProxyClient needs baseUrl, where the proxy handler is mounted");
      const timeoutMs = get("timeoutMs");
      if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs >= 1 && timeoutMs <= 4294967295)) {
        throw fail("INVALID_OPTION", "timeoutMs", "timeoutMs must be a positive number of milliseconds");
      }
      const fetch = get("fetch");
      if (fetch !== undefined && typeof fetch !== "function") throw fail("INVALID_OPTION", "fetch", "fetch must be a function");
      const headers = get("headers");
      if (headers !== undefined && typeof headers !== "object") throw fail("INVALID_OPTION", "headers", "headers must be an object of strings");
      this.headers = [];
      for (const name of Object.keys(headers ?? {})) {
        const value = headers[name];
        if (typeof value !== "string") throw fail("INVALID_OPTION", `headers.${name}`, `header ${JSON.stringify(name)} must be a string`);
        this.headers.push([name, value]);
      }
      this.baseUrl = baseUrl.replace(/\/+$/, "");
      this.timeoutMs = timeoutMs === undefined ? 0 : Math.trunc(timeoutMs);
      this.fetch = fetch;
    }

    /** Builds the request; throws a MarketsplitError for an argument that cannot be sent. */
    request(operation, id, idName, body) {
      const [method, template] = ROUTES[operation];
      let idText;
      if (typeof id === "string") idText = id;
      else if (typeof id === "number" && Number.isFinite(id)) idText = String(id);
      else if (id != null) throw fail("INVALID_TYPE", idName, `${idName} must be a string, not ${kind(id)}`);
      if (template.includes(":id") && !idText) throw fail("MISSING_FIELD", idName, `${idName} is required`);
      const headers = { Accept: "application/json" };
      const init = { method, headers };
      if (method !== "GET") {
        if (body != null && (typeof body !== "object" || Array.isArray(body))) {
          throw fail("INVALID_TYPE", "", `${operation} takes an object, not ${kind(body)}`);
        }
        try {
          init.body = body == null ? "{}" : JSON.stringify(body);
        } catch (e) {
          throw fail("INVALID_TYPE", "", `${operation}: the input is not JSON data (${describe(e)})`);
        }
        headers["Content-Type"] = "application/json";
      }
      // The caller's headers come last so they can override ours (an auth header, a CSRF token).
      for (const [name, value] of this.headers) {
        for (const ours of Object.keys(headers)) if (ours.toLowerCase() === name.toLowerCase()) delete headers[ours];
        headers[name] = value;
      }
      const path = template.replace(":id", () => segment(idText));
      return { url: `${this.baseUrl}/${path}`, init };
    }

    /**
     * One attempt; the promise rejects with a MarketsplitError (also for bad arguments), never
     * throws. A keyed write sends its idempotency key, and every error of the call carries it as
     * `idempotencyKey`: calling again with it cannot pay twice.
     */
    async call(operation, id, idName, input) {
      const [body, key] = withKey(operation, input);
      try {
        return await this.send(operation, id, idName, body);
      } catch (e) {
        // An own enumerable property, as `code` and `path` are: console.log and JSON show it.
        if (key !== undefined && e instanceof MarketsplitError) e.idempotencyKey = key;
        throw e;
      }
    }

    async send(operation, id, idName, body) {
      const { url, init } = this.request(operation, id, idName, body);
      const f = this.fetch ?? globalThis.fetch;
      const network = (why) => fail("NETWORK", "", `${operation}: could not reach the backend: ${why}`);
      if (typeof f !== "function") throw network("this runtime has no global fetch; pass one as the `fetch` option");
      let fired = false, timer;
      if (this.timeoutMs) {
        const controller = new AbortController();
        init.signal = controller.signal;
        timer = setTimeout(() => {
          fired = true;
          controller.abort();
        }, this.timeoutMs);
      }
      let status, text = "";
      try {
        const response = await f.call(globalThis, url, init);
        try {
          status = Reflect.get(response, "status");
        } catch (_) {}
        // Status codes are integers in 100..=599; anything else is no proper answer.
        if (typeof status != "number" || !(status >= 100 && status <= 599)) throw new Error("the fetch function returned something that is not a Response");
        let read;
        try {
          read = Reflect.get(response, "text");
        } catch (_) {}
        if (typeof read == "function") {
          const t = await read.call(response);
          if (typeof t == "string") text = t;
        }
      } catch (e) {
        if (fired) throw fail("TIMEOUT", "", `${operation}: the backend did not answer within ${this.timeoutMs} ms`);
        throw network(describe(e));
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
      return readReply(status, text);
    }
  }

  const cores = new WeakMap();
  const core = (self) => {
    const found = cores.get(self);
    if (!found) throw new TypeError("not a ProxyClient's own object");
    return found;
  };
  const made = Symbol("made by ProxyClient");
  // `client.juspay` and `client.instamojo` are made by ProxyClient alone, over its options.
  const adopt = (self, token, inner, name) => {
    if (token !== made) throw new TypeError(`${name} is made by ProxyClient: use client.${name.slice(5).toLowerCase()}`);
    cores.set(self, inner);
  };

  class ProxyJuspay {
    constructor(token, inner) {
      adopt(this, token, inner, "ProxyJuspay");
    }
    /** `POST /juspay/orders`: the backend creates the order from its own record of it. */
    createOrder(input) {
      return core(this).call("juspay.createOrder", undefined, "", input);
    }
    /** `GET /juspay/orders/:orderId`. */
    orderStatus(orderId) {
      return core(this).call("juspay.orderStatus", orderId, "orderId");
    }
    /** `POST /juspay/orders/:orderId/refunds`, with `uniqueRequestId` (made when not given). */
    refund(orderId, input) {
      return core(this).call("juspay.refund", orderId, "orderId", input);
    }
  }

  class ProxyInstamojo {
    constructor(token, inner) {
      adopt(this, token, inner, "ProxyInstamojo");
    }
    /** `POST /instamojo/payment-requests`; the backend's record decides all but the buyer's details. */
    createPaymentRequest(details) {
      return core(this).call("instamojo.createPaymentRequest", undefined, "", details);
    }
    /** `POST /instamojo/payments/:paymentId/settlements`, with `id` (made when not given). */
    settle(paymentId, input) {
      return core(this).call("instamojo.settle", paymentId, "paymentId", input);
    }
    /** `POST /instamojo/payments/:paymentId/fulfil`. */
    fulfil(paymentId) {
      return core(this).call("instamojo.fulfil", paymentId, "paymentId");
    }
    /** `POST /instamojo/payments/:paymentId/refunds`, with `transactionId` (made when not given). */
    refund(paymentId, input) {
      return core(this).call("instamojo.refund", paymentId, "paymentId", input);
    }
  }

  class ProxyClient {
    /** Throws `INVALID_OPTION` for an option it does not know (such as `apiKey` or `clientSecret`). */
    constructor(options) {
      const inner = new Core(options);
      Object.defineProperties(this, {
        juspay: { value: new ProxyJuspay(made, inner), enumerable: true },
        instamojo: { value: new ProxyInstamojo(made, inner), enumerable: true },
      });
    }
  }

  return { ProxyClient, ProxyJuspay, ProxyInstamojo };
}

// Over the module's own MarketsplitError, so `instanceof` holds for what they throw.
export const { ProxyClient, ProxyJuspay, ProxyInstamojo } = proxyClasses(MarketsplitError);
