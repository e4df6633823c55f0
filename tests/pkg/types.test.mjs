// The published .d.ts files, as a TypeScript user meets them: `tsc --strict --noEmit` over typed
// examples for each condition (bundler, Node ESM, Node CommonJS), without skipLibCheck, with
// `@ts-expect-error` lines proving that wrong code is refused.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { consumer, repo, writeFiles } from "./consumer.mjs";

const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  target: "es2022",
  lib: ["es2022", "dom", "esnext.disposable"],
  types: [],
};

let project;
before(() => {
  ({ project } = consumer());
});

function typecheck(name, options, files) {
  const dir = writeFiles(path.join(project, "types-test", name), {
    ...files,
    "tsconfig.json": JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, include: Object.keys(files) }),
  });
  try {
    execFileSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8" });
  } catch (error) {
    assert.fail(`tsc --strict failed for ${name}:\n${error.stdout}${error.stderr}`);
  }
}

// Uses every browser-safe export with the types a user would write down.
const browserExample = (from) => `
import {
  init, allocate, calculateSplit, juspaySplitMetadata, validateJuspaySplit, orderStatus,
  SettlementLedger, ProxyClient, MarketsplitError,
} from "${from}";
import type { SplitInput, SplitPlan, ValidationResult } from "${from}";

export async function example(): Promise<string> {
  await init();
  const input: SplitInput = {
    orderAmount: "100",
    mdrBorneBy: "VENDOR",
    vendors: [{ subMid: "a", amount: 100, commission: { percent: "10", taxPercent: 18 } }],
    mdr: { percent: "2" },
  };
  const plan: SplitPlan = calculateSplit(input);
  const bearer: "MARKETPLACE" | "VENDOR" | "ALL" = plan.mdrBorneBy;
  const details: string = juspaySplitMetadata(plan);
  const shares: string[] = allocate("10", [1, "2.5"]);
  const result: ValidationResult = validateJuspaySplit("100", plan.splitSettlementDetails);
  const ok: boolean = result.ok && result.errors.every((e) => typeof e.path === "string");
  const status = orderStatus("CHARGED");
  const done: boolean = status.terminal && status.success;
  const statusId: number = status.statusId;

  const ledger = new SettlementLedger({ paymentId: "MOJO1", amount: "100" });
  ledger.credit("a", "60");
  const share: string = ledger.marketplaceShare;
  const restored: SettlementLedger = SettlementLedger.fromJSON(ledger.toJSON());
  const fulfilled: boolean = restored.fulfilled;

  const client = new ProxyClient({ baseUrl: "/api", timeoutMs: 5000, headers: { "x-csrf": "t" } });
  // @ts-expect-error ProxyClient never takes a gateway secret
  new ProxyClient({ baseUrl: "/api", apiKey: "sk_live_x" });
  // @ts-expect-error mdrBorneBy is one of three literals
  calculateSplit({ orderAmount: "1", mdrBorneBy: "SELLER", vendors: [] });
  // @ts-expect-error an amount is text or a number
  calculateSplit({ orderAmount: true, vendors: [] });

  try {
    const order = await client.juspay.createOrder({ orderId: "o1", amount: plan.orderAmount, split: plan });
    // The README's own line: the three links are always there (API.md), so no \`?.\` is needed.
    location.assign(order.paymentLinks.web);
    const links: [string, string, string] = [order.paymentLinks.web, order.paymentLinks.mobile, order.paymentLinks.iframe];
    if (links.length !== 3) return "";
    await client.instamojo.createPaymentRequest({ orderId: "o1", buyerName: "Asha" });
    await client.juspay.refund("o1", { amount: "1" });
  } catch (error) {
    if (error instanceof MarketsplitError) {
      const asError: Error = error;
      const key: string | undefined = error.idempotencyKey;
      return asError.message + error.code + error.path + key;
    }
  }
  return [bearer, details, shares.join(), ok, done, statusId, share, fulfilled].join();
}
`;

test("marketsplit in a bundler project (browser types)", () => {
  typecheck("bundler", { module: "esnext", moduleResolution: "bundler" }, {
    "main.ts": `${browserExample("marketsplit")}
// @ts-expect-error the browser entry has no server API
import { JuspayClient } from "marketsplit";
`,
  });
});

const serverExample = `
import {
  init, JuspayClient, InstamojoClient, createProxyHandler, verifyInstamojoWebhook, verifyJuspaySignature,
  MarketsplitError as ServerError, redisTokenStore, postgresTokenStore, type TokenStore,
} from "marketsplit/server";
import { MarketsplitError } from "marketsplit";

export async function server(): Promise<(request: Request) => Promise<Response>> {
  await init();
  const juspay = new JuspayClient({ apiKey: "key", merchantId: "shop", baseUrl: "http://127.0.0.1:9" });
  const instamojo = new InstamojoClient({ clientId: "id", clientSecret: "secret", baseUrl: "http://127.0.0.1:9" });
  const handler = createProxyHandler({
    juspay, instamojo, basePath: "/api", authorize: async () => true, maxBodyBytes: 4096, allowedOrigins: ["https://shop.example"],
    order: async (request, { operation, orderId }) =>
      orderId !== "o1" ? null
      : operation === "instamojo.createPaymentRequest" ? { amount: "10.00", purpose: "Order o1", user: "seller" }
      : { amount: "10.00", split: { orderAmount: "10.00", vendors: [{ subMid: "V1", amount: "10.00" }] }, customer: "c1" },
  });
  // @ts-expect-error authorize answers a boolean: a truthy "yes" would be refused at run time
  createProxyHandler({ juspay, authorize: async () => "yes" });
  // The stores fit the client's tokenStore, over node-redis, ioredis and pg clients (structurally).
  const inRedis: TokenStore = redisTokenStore({ sendCommand: async (args: string[]) => args.length }, { prefix: "shop:" });
  const inIoredis: TokenStore = redisTokenStore({ call: async (command: string, ...args: string[]) => command + args.join() });
  const inPostgres = postgresTokenStore({ query: async () => ({ rows: [], rowCount: 0 }) }, { table: "billing.tokens", waitMs: 5000 });
  const shared = new InstamojoClient({ clientId: "id", clientSecret: "secret", tokenStore: inPostgres });
  const release = await inPostgres.lock("app", 1000);
  const renewed: boolean = await release.extend(1000);
  await release();
  if (!shared || !inRedis || !inIoredis || !renewed) return handler;
  const webhook: boolean = verifyInstamojoWebhook({ amount: "10.00", mac: "00" }, "salt");
  const signed: boolean = verifyJuspaySignature(new URLSearchParams("order_id=o1&signature=x"), "key");
  const same: MarketsplitError = new ServerError("SUM_MISMATCH", "vendors", "vendors sum to 90.00 but the order is 100.00");
  if (!webhook && !signed && same.code === "SUM_MISMATCH") return handler;
  return handler;
}
`;

test("marketsplit and marketsplit/server in Node ESM (nodenext)", () => {
  typecheck("node-esm", { module: "nodenext", moduleResolution: "nodenext" }, {
    "browser.mts": browserExample("marketsplit"),
    "server.mts": `${serverExample}
// @ts-expect-error "marketsplit" in Node has only the browser-safe names
import { createProxyHandler as notHere } from "marketsplit";
`,
  });
});

test("marketsplit and marketsplit/server in Node CommonJS (nodenext .cts)", () => {
  typecheck("node-cjs", { module: "nodenext", moduleResolution: "nodenext" }, {
    "browser.cts": browserExample("marketsplit"),
    "server.cts": `${serverExample}
// @ts-expect-error "marketsplit" in Node has only the browser-safe names
import { JuspayClient as notHere } from "marketsplit";
`,
  });
});

test("the published declarations have no `any`", () => {
  const installed = path.join(project, "node_modules", "marketsplit");
  const declarations = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.d\.[cm]?ts$/.test(entry.name)) declarations.push(file);
    }
  };
  walk(installed);
  assert.ok(declarations.length >= 8, "every entry has declarations");
  for (const file of declarations) {
    const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const found = code.split("\n").filter((line) => /\bany\b/.test(line));
    assert.deepEqual(found, [], `${path.relative(installed, file)} uses any`);
  }
});
