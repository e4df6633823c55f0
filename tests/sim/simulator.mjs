// A local stand-in for Juspay and Instamojo, for tests and the demo. One HTTP server speaks both
// gateways' wire formats (GATEWAYS.md), records every request, and injects faults per route.
//
//   import { startSimulator } from "./tests/sim/simulator.mjs";
//   const sim = await startSimulator({ juspay: { apiKey, merchantId }, instamojo: { clientId, clientSecret, users } });
//   sim.faults.inject("juspay.orderStatus", { status: 500, times: 1 });
//   ... sim.requests ...; await sim.close();
//
//   node tests/sim/simulator.mjs --port 9000      prints its URL, runs until stopped
//
// Route names (for faults.inject and requestsTo): juspay.createOrder, juspay.orderStatus,
// juspay.refund, instamojo.token, instamojo.signup, instamojo.bankAccount,
// instamojo.createPaymentRequest, instamojo.payment, instamojo.settle, instamojo.fulfil,
// instamojo.refund; "*" matches any of them in faults.
// Driving the simulated buyer: sim.juspay.setStatus(orderId, "CHARGED"), sim.instamojo.pay(paymentRequestId)
// or sim.instamojo.addPayment({ amount }) give payments to settle; sim.state.instamojo.tokens.expiresIn
// sets the lifetime of tokens issued from then on (seconds).

import http from "node:http";
import { pathToFileURL } from "node:url";
import { createFaults, defaultFaultBody } from "./faults.mjs";
import { createInstamojo } from "./instamojo.mjs";
import { createJuspay } from "./juspay.mjs";
import { parseFields, readBody, sendJson } from "./wire.mjs";

/** The credentials the demo and the CLI use when none are given. Tests pass their own. */
export const DEFAULT_CREDENTIALS = {
  juspay: { apiKey: "sim_juspay_api_key", merchantId: "sim_merchant" },
  instamojo: { clientId: "sim_instamojo_client", clientSecret: "sim_instamojo_secret", users: { seller: "seller-password" } },
};

export async function startSimulator({ port = 0, host = "127.0.0.1", juspay = {}, instamojo = {} } = {}) {
  let url = "";
  const baseUrl = () => url;
  const gateways = {
    juspay: createJuspay({ ...DEFAULT_CREDENTIALS.juspay, ...juspay }, baseUrl),
    instamojo: createInstamojo({ ...DEFAULT_CREDENTIALS.instamojo, ...instamojo }, baseUrl),
  };
  const routes = [...gateways.juspay.routes, ...gateways.instamojo.routes];
  const requests = [];
  const faults = createFaults();

  async function handle(req, res) {
    const parsed = new URL(req.url, "http://sim");
    const body = await readBody(req);
    const fields = parseFields(req.headers["content-type"], body);
    const matches = routes.filter((r) => r.pattern.test(parsed.pathname));
    const route = matches.find((r) => [r.method].flat().includes(req.method));
    const entry = {
      route: route?.name ?? null, method: req.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams),
      headers: { ...req.headers }, body, fields, at: Date.now(), fault: null,
    };
    requests.push(entry);
    try {
      await answer(req, res, parsed, fields, route, matches, entry);
    } finally {
      // Delayed requests are answered later: `done` tells a test when the simulator is idle.
      entry.done = true;
    }
  }

  async function answer(req, res, parsed, fields, route, matches, entry) {
    if (!route) {
      return sendJson(res, matches.length ? 405 : 404, { status: "error", error_message: matches.length ? "Method not allowed." : "Not found." });
    }

    const fault = faults.take(route.name);
    if (fault) {
      entry.fault = { status: fault.status ?? null, delay: fault.delay, drop: fault.drop };
      if (fault.delay) await new Promise((resolve) => setTimeout(resolve, fault.delay));
      if (fault.drop) return res.socket?.destroy();
      if (fault.status) {
        const faultBody = typeof fault.body === "function" ? fault.body(entry) : fault.body;
        return sendJson(res, fault.status, faultBody ?? defaultFaultBody(route.name, fault.status));
      }
    }

    if (route.name.startsWith("juspay.")) {
      const refused = gateways.juspay.authorize(req.headers);
      if (refused) return sendJson(res, refused.status, refused.body);
    }
    if (req.method !== "GET" && fields === null) {
      return sendJson(res, 400, { status: "error", error_code: "BAD_REQUEST", error_message: "The body must be form-encoded." });
    }
    const params = route.pattern.exec(parsed.pathname).slice(1).map(decodeURIComponent);
    const result = route.handle({ method: req.method, params, fields: fields ?? {}, headers: req.headers });
    entry.status = result.status;
    sendJson(res, result.status, result.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { status: "error", error_message: `simulator bug: ${err.message}` });
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  return {
    url,
    port: actualPort,
    requests,
    faults,
    juspay: gateways.juspay,
    instamojo: gateways.instamojo,
    state: {
      juspay: { orders: gateways.juspay.orders },
      instamojo: {
        users: gateways.instamojo.users,
        paymentRequests: gateways.instamojo.paymentRequests,
        payments: gateways.instamojo.payments,
        tokens: gateways.instamojo.tokens.settings,
      },
      counts: { tokens: gateways.instamojo.tokens.counts, settlements: gateways.instamojo.counts },
    },
    /** The recorded requests to one named route. */
    requestsTo: (name) => requests.filter((r) => r.route === name),
    /** Makes every current Instamojo access token fail with 401. */
    revokeTokens: () => gateways.instamojo.tokens.revoke(),
    /** Every Instamojo token the simulator issued, access and refresh. */
    issuedTokens: () => gateways.instamojo.tokens.issued(),
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--port") options.port = Number(argv[i + 1]);
    else if (argv[i] === "--host") options.host = argv[i + 1];
    else throw new Error(`unknown argument ${argv[i]} (use --port N, --host H)`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sim = await startSimulator(parseArgs(process.argv.slice(2)));
  console.log(sim.url);
  const stop = () => sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
