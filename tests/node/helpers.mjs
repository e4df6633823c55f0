// Shared set-up for the Node tests of the server half: the built module, distinctive test
// secrets (so a leak is easy to spot), and a simulator with clients and a proxy handler over it.

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startSimulator } from "../sim/simulator.mjs";
import { createShop } from "./shop.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

/** The `scripts/build.sh node` build (CommonJS, initialised synchronously, server half included):
 * the crate's own exports, ProxyClient and MarketsplitError among them. MARKETSPLIT_TEST_BUILD (a
 * build folder) or MARKETSPLIT_NODE_BUILD (its marketsplit.js) and MARKETSPLIT_TEST_PROXY_CLIENT (a
 * ProxyClient source with `proxyClasses`) point the tests at another build and ProxyClient (an older
 * commit's, to show that a test fails there; a build from before the crate exported
 * MarketsplitError gives it through `__errorClass`). */
const build = process.env.MARKETSPLIT_TEST_BUILD ?? path.join(ROOT, "pkg-build/node");
const glue = require(process.env.MARKETSPLIT_NODE_BUILD ?? path.join(build, "marketsplit.js"));
const MarketsplitError = glue.MarketsplitError ?? glue.__errorClass();
const otherProxyClient = process.env.MARKETSPLIT_TEST_PROXY_CLIENT;
const proxy = otherProxyClient ? (await import(pathToFileURL(otherProxyClient).href)).proxyClasses(MarketsplitError) : {};
export const lib = { ...glue, MarketsplitError, ...proxy };

export const JUSPAY = { apiKey: "jp_SECRET_key_5d1f0c9a7e3b", merchantId: "acme_market" };
export const INSTAMOJO = {
  clientId: "im_client_2b8e",
  clientSecret: "im_SECRET_client_8c4a6f2d1e9b",
  users: { seller: "seller-SECRET-pass-3f7a" },
};

/** A 50.00 + 30.00 + 20.00 split of a 100.00 order, as the split calculator takes it. */
export const SPLIT_INPUT = {
  orderAmount: "100.00",
  mdrBorneBy: "ALL",
  marketplaceAmount: "20.00",
  vendors: [
    { subMid: "V1", amount: "50.00" },
    { subMid: "V2", amount: "30.00" },
  ],
};

/**
 * A simulator with a JuspayClient and an InstamojoClient pointed at it, a shop (tests/node/shop.mjs:
 * its order records and its operator session) and a proxy handler over both clients with the
 * shop's `order` and `authorize`, as the npm README's recipe wires them. `juspay` and `instamojo`
 * are merged into each client's options (timeoutMs, tokenStore, ...), `handler` into
 * createProxyHandler's, `simOptions` into startSimulator's. `operator` holds the headers of a
 * signed-in operator, whom `authorize` lets refund, settle and fulfil.
 */
export async function startWorld({ simOptions = {}, juspay = {}, instamojo = {}, handler = {} } = {}) {
  const sim = await startSimulator({ juspay: JUSPAY, instamojo: INSTAMOJO, ...simOptions });
  const juspayClient = new lib.JuspayClient({ ...JUSPAY, baseUrl: sim.url, ...juspay });
  const instamojoClient = new lib.InstamojoClient({
    clientId: INSTAMOJO.clientId, clientSecret: INSTAMOJO.clientSecret, baseUrl: sim.url, ...instamojo,
  });
  const shop = createShop(lib.calculateSplit);
  const proxy = lib.createProxyHandler({
    juspay: juspayClient, instamojo: instamojoClient, order: shop.order, authorize: shop.authorize, ...handler,
  });
  const operator = { cookie: shop.operatorCookie() };
  return { sim, juspay: juspayClient, instamojo: instamojoClient, shop, operator, proxy, close: () => sim.close() };
}

/** Waits until the simulator has answered every request it received (delayed ones included). */
export async function settled(sim, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (sim.requests.some((r) => !r.done)) {
    if (Date.now() > deadline) throw new Error("the simulator still holds requests");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Calls a fetch-API handler the way a server would, returning the status and parsed JSON body. */
export async function callHandler(handler, method, pathname, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(`http://backend.test${pathname}`, init));
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the assertion that follows says what was expected
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The secrets a response must never contain: configured ones and every token the gateway issued. */
export function secretsOf(sim) {
  return [
    JUSPAY.apiKey,
    Buffer.from(`${JUSPAY.apiKey}:`).toString("base64"),
    INSTAMOJO.clientSecret,
    ...Object.values(INSTAMOJO.users),
    ...sim.issuedTokens(),
  ];
}

/** Asserts that no text contains any secret; names the secret and the text when one does. */
export function assertNoSecrets(texts, secrets) {
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`secret ${secret.slice(0, 6)}… leaked in: ${text.slice(0, 300)}`);
    }
  }
}

/** The value a promise rejects with; throws if it resolves instead. */
export async function rejection(promise) {
  let value;
  try {
    value = await promise;
  } catch (err) {
    return err;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}
