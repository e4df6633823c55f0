// `make demo`: one local server on $PORT (default 8080, host 127.0.0.1) serving the demo page
// (www/), the built browser package (pkg/, from `make pkg`), the shop's cart (GET /demo/cart) and
// createProxyHandler at /api, wired the way the npm README says to: an `order` hook returning the
// shop's own record of each order (scripts/demo/shop.mjs) and an `authorize` that lets buyers check
// out and only the operator (the token printed at start, or $DEMO_OPERATOR_TOKEN) move paid money.
// The gateways are a local simulator started on a free port, unless JUSPAY_BASE_URL (with
// JUSPAY_API_KEY, JUSPAY_MERCHANT_ID) or INSTAMOJO_BASE_URL (with INSTAMOJO_CLIENT_ID,
// INSTAMOJO_CLIENT_SECRET, INSTAMOJO_USER, INSTAMOJO_PASSWORD) point elsewhere. The proxy takes
// requests from the page's own origin (127.0.0.1 or localhost on its port) and from any listed in
// $DEMO_ALLOWED_ORIGINS (comma-separated), so another site's page cannot drive it.
//
//   node scripts/demo.mjs           prints the URL and the operator token, runs until stopped
//   import { startDemo } from ...   the same, for tests: { url, gateway, sim, operatorToken, shop, close }

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { paiseText } from "../tests/sim/paise.mjs";
import { DEFAULT_CREDENTIALS, startSimulator } from "../tests/sim/simulator.mjs";
import { createShop } from "./demo/shop.mjs";
import { serveFetch } from "./lib/fetch-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const json = (body, status = 200, headers = {}) => Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
const notFound = (message) => json({ error: { code: "NOT_FOUND", message } }, 404);

/** `gatewayTimeoutMs`: how long the gateway clients wait for an answer (tests make a lost answer quick). */
export async function startDemo({ port = 8080, host = "127.0.0.1", env = process.env, gatewayTimeoutMs = undefined } = {}) {
  const serverEntry = path.join(repo, "pkg", "node", "server.cjs");
  if (!fs.existsSync(serverEntry) || !fs.existsSync(path.join(repo, "pkg", "web", "index.js"))) {
    throw new Error("pkg/ is not built: run `make pkg` (scripts/pkg.sh) first");
  }
  // The node build of the package the page itself loads: the demo runs what users install.
  const { calculateSplit, createProxyHandler, JuspayClient, InstamojoClient } = createRequire(import.meta.url)(serverEntry);

  const simulateJuspay = !env.JUSPAY_BASE_URL;
  const simulateInstamojo = !env.INSTAMOJO_BASE_URL;
  // The marketplace's own Instamojo account, on which payment requests are made (a user token).
  const marketplaceUser = simulateInstamojo ? "marketplace" : env.INSTAMOJO_USER;
  const marketplacePassword = simulateInstamojo ? randomBytes(12).toString("hex") : env.INSTAMOJO_PASSWORD;
  const sim =
    simulateJuspay || simulateInstamojo
      ? await startSimulator({ instamojo: { users: { ...DEFAULT_CREDENTIALS.instamojo.users, [marketplaceUser]: marketplacePassword } } })
      : null;
  const timeout = gatewayTimeoutMs === undefined ? {} : { timeoutMs: gatewayTimeoutMs };
  const juspay = new JuspayClient({
    ...(simulateJuspay
      ? { ...DEFAULT_CREDENTIALS.juspay, baseUrl: sim.url }
      : { apiKey: env.JUSPAY_API_KEY, merchantId: env.JUSPAY_MERCHANT_ID, baseUrl: env.JUSPAY_BASE_URL }),
    ...timeout,
  });
  const instamojo = new InstamojoClient({
    ...(simulateInstamojo
      ? { clientId: DEFAULT_CREDENTIALS.instamojo.clientId, clientSecret: DEFAULT_CREDENTIALS.instamojo.clientSecret, baseUrl: sim.url }
      : { clientId: env.INSTAMOJO_CLIENT_ID, clientSecret: env.INSTAMOJO_CLIENT_SECRET, baseUrl: env.INSTAMOJO_BASE_URL }),
    ...timeout,
  });

  const operatorToken = env.DEMO_OPERATOR_TOKEN || randomBytes(18).toString("base64url");
  let origin = "";
  const shop = createShop({ calculateSplit, operatorToken, origin: () => origin, instamojoUser: marketplaceUser });
  let proxy = null; // made once the server's origin is known (allowedOrigins)

  async function handle(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    if (pathname === "/demo/cart" && request.method === "GET") {
      const { cart, setCookie } = shop.newCart(request);
      return json(cart, 200, setCookie ? { "set-cookie": setCookie } : {});
    }
    return simulatorRoute(request, pathname) ?? new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  // The simulator's stand-ins for a buyer paying on a gateway's payment page, and what the page
  // may ask it (did an order reach the gateway?). None of these exist with a real gateway.
  function simulatorRoute(request, pathname) {
    const pay = /^\/demo\/pay\/([^/]+)$/.exec(pathname);
    if (pay && request.method === "POST" && simulateJuspay) {
      try {
        sim.juspay.setStatus(decodeURIComponent(pay[1]), "CHARGED");
        return json({ ok: true });
      } catch (error) {
        return notFound(error.message);
      }
    }
    const payRequest = /^\/demo\/instamojo\/pay\/([^/]+)$/.exec(pathname);
    if (payRequest && request.method === "POST" && simulateInstamojo) {
      const id = decodeURIComponent(payRequest[1]);
      const paymentRequest = sim.instamojo.paymentRequests.get(id);
      if (!paymentRequest) return notFound(`no payment request ${id}`);
      return json({ paymentId: sim.instamojo.pay(id), amount: paiseText(paymentRequest.amount) });
    }
    const seen = /^\/demo\/gateway\/juspay\/orders\/([^/]+)$/.exec(pathname);
    if (seen && request.method === "GET" && simulateJuspay) {
      const orderId = decodeURIComponent(seen[1]);
      const order = sim.juspay.orders.get(orderId);
      const createOrderRequests = sim.requestsTo("juspay.createOrder").filter((r) => r.fields?.order_id === orderId).length;
      return json(order ? { exists: true, status: order.status, amount: paiseText(order.amount), createOrderRequests } : { exists: false, createOrderRequests });
    }
    return null;
  }

  const server = await serveFetch(handle, {
    port,
    host,
    static: [{ dir: path.join(repo, "www"), prefix: "/" }, { dir: path.join(repo, "pkg"), prefix: "/pkg/" }],
  });
  origin = server.url;
  const { port: actualPort } = new URL(server.url);
  const allowedOrigins = [
    ...new Set([server.url, `http://127.0.0.1:${actualPort}`, `http://localhost:${actualPort}`, ...(env.DEMO_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean)]),
  ];
  proxy = createProxyHandler({
    basePath: "/api",
    juspay,
    instamojo,
    order: shop.order,
    authorize: shop.authorize,
    allowedOrigins,
  });

  let warning = null;
  if (marketplaceUser && marketplacePassword) {
    try {
      await instamojo.login(marketplaceUser, marketplacePassword);
    } catch (error) {
      warning = `Instamojo login of ${marketplaceUser} failed (${error.code ?? error.message}): Instamojo checkout will fail`;
    }
  } else {
    warning = "INSTAMOJO_USER and INSTAMOJO_PASSWORD are not set: Instamojo checkout will fail";
  }

  return {
    url: server.url,
    gateway: sim ? sim.url : null,
    sim,
    shop,
    operatorToken,
    warning,
    async close() {
      await server.close();
      await sim?.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const demo = await startDemo({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? "127.0.0.1" });
    console.log(`marketsplit demo: ${demo.url}/`);
    if (demo.gateway) console.log(`gateway simulator: ${demo.gateway}`);
    console.log(`operator token: ${demo.operatorToken}   (sign in to the back office with it)`);
    if (demo.warning) console.log(`warning: ${demo.warning}`);
    const stop = () => demo.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    console.error(`demo: ${error.message}`);
    process.exit(1);
  }
}
