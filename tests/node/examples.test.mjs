// Every `@example` of the package's TypeScript types, run. The types are the node build's glue
// (pkg-build/node/marketsplit.d.ts: the Rust exports' doc comments, ProxyClient's pasted in) and the
// hand-written ones of pkg-template (init, the token stores). Each exported function, class and
// class method must carry an example; each example runs as the body of an async function against
// the built module, server ones against the gateway simulator (tests/sim), and fails the test if it
// throws or if a line's asserted output differs:
//   expr; // => value          expr must deep-equal value (objects: at least value's keys)
//   expr; // throws CODE       expr must throw (or reject with) a MarketsplitError with that code
// Other comments are prose. What an example may name without declaring it (and what its imports
// give) is in `context` below.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { INSTAMOJO, JUSPAY, lib, memoryTokenStore, ROOT, startWorld } from "./helpers.mjs";

const build = process.env.MARKETSPLIT_TEST_BUILD ?? path.join(ROOT, "pkg-build/node");
const TYPE_FILES = [
  path.join(build, "marketsplit.d.ts"),
  path.join(ROOT, "pkg-template/web/index.d.ts"),
  path.join(ROOT, "pkg-template/server-web/index.d.ts"),
  path.join(ROOT, "pkg-template/node/server.d.mts"),
  path.join(ROOT, "pkg-template/stores/index.d.ts"),
];
const stores = await import(pathToFileURL(path.join(ROOT, "pkg-template/stores/index.js")).href);

/** Every exported function, class and method of a .d.ts, with the doc comment right above it. */
export function declarations(text, file) {
  const lines = text.split("\n");
  const found = [];
  let doc = null;
  let docEnd = -2;
  let inClass = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed.startsWith("/**")) {
      const start = i;
      while (!lines[i].includes("*/")) i++;
      doc = lines.slice(start, i + 1).join("\n");
      docEnd = i;
      continue;
    }
    const before = docEnd === i - 1 ? doc : null;
    const fn = /^export (?:declare )?function ([A-Za-z_$][\w$]*)/.exec(line);
    const cls = /^export (?:declare )?class ([A-Za-z_$][\w$]*)/.exec(line);
    if (fn) found.push({ name: fn[1], doc: before, file, line: i + 1 });
    else if (cls) {
      inClass = cls[1];
      found.push({ name: cls[1], doc: before, file, line: i + 1 });
    } else if (inClass && line.startsWith("}")) inClass = null;
    else if (inClass) {
      const method = /^\s+(?:static )?([A-Za-z_$][\w$]*)\(/.exec(line);
      // free() and the constructor are covered by the class's own example.
      if (method && !["free", "constructor"].includes(method[1])) {
        found.push({ name: `${inClass}.${method[1]}`, doc: before, file, line: i + 1 });
      }
    }
  }
  return found;
}

/** The code of each ```ts block after `@example` in a doc comment. */
export function examples(doc) {
  if (!doc) return [];
  const body = doc.split("\n").map((l) => l.replace(/^\s*\/?\*+\/?\s?/, "")).join("\n");
  const at = body.indexOf("@example");
  if (at < 0) return [];
  return [...body.slice(at).matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The example as JavaScript, with its asserted outputs turned into checks. */
export function runnable(code) {
  const checked = code
    .split("\n")
    .map((line) => {
      const expect = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(line);
      if (expect) return `${expect[1]}await __expect(${expect[2]}, (${expect[3]}), ${JSON.stringify(line.trim())});`;
      const throws = /^(\s*)(.+?);?\s*\/\/ throws ([A-Z_0-9]+)\s*$/.exec(line);
      if (throws) return `${throws[1]}await __throws(async () => ${throws[2]}, ${JSON.stringify(throws[3])}, ${JSON.stringify(line.trim())});`;
      // The context gives what an import would (see `context`); `export` has no place in a body.
      if (/^\s*import .* from "[^"]+";\s*$/.test(line)) return "";
      return line.replace(/^(\s*)export /, "$1");
    })
    .join("\n");
  // A block of its own, so the example may declare a name the context also gives.
  return ts.transpileModule(`{\n${checked}\n}`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

/** `actual` has every key of `expected` with equal values (arrays: the same length too). */
function contains(actual, expected, where) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === "object", `${where}: expected an object, got ${JSON.stringify(actual)}`);
    for (const key of Object.keys(expected)) contains(actual[key], expected[key], `${where}.${key}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => contains(actual[i], e, `${where}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

const AsyncFunction = (async () => {}).constructor;
const SALT = "example-instamojo-salt";
const RESPONSE_KEY = "EXAMPLE0RESPONSE0KEY";

/** What an example may name: the module's exports and a shop wired to the simulator. */
async function context() {
  // Payment requests are made on the marketplace's own account, logged in once.
  const world = await startWorld({ instamojo: { user: "market" } });
  const { sim, shop } = world;
  Object.assign(process.env, {
    JUSPAY_API_KEY: JUSPAY.apiKey,
    JUSPAY_MERCHANT_ID: JUSPAY.merchantId,
    INSTAMOJO_CLIENT_ID: INSTAMOJO.clientId,
    INSTAMOJO_CLIENT_SECRET: INSTAMOJO.clientSecret,
    INSTAMOJO_SALT: SALT,
    JUSPAY_RESPONSE_KEY: RESPONSE_KEY,
    SELLER_PASSWORD: INSTAMOJO.users.seller,
    MARKET_PASSWORD: INSTAMOJO.users.market,
  });
  // Order "o1" in the shop's records: 60.00 for V1, 40.00 for V2.
  const record = shop.addCart("o1", { items: { V1: "60.00", V2: "40.00" } });
  record.purpose = "Order o1"; // what an Instamojo payment request for it says
  const paymentId = sim.instamojo.addPayment({ amount: "100.00" });
  // A signed Instamojo webhook and a signed Juspay return URL, as the gateways send them.
  const hook = { payment_id: paymentId, status: "Credit", amount: "100.00" };
  const keys = Object.keys(hook).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  hook.mac = createHmac("sha1", SALT).update(keys.map((k) => hook[k]).join("|")).digest("hex");
  const back = { order_id: "o1", status: "CHARGED", status_id: "21" };
  const text = encodeURIComponent(Object.keys(back).sort().map((k) => `${k}=${back[k]}`).join("&"));
  back.signature = createHmac("sha256", RESPONSE_KEY).update(text).digest("base64");
  const returnUrl = new URL("https://shop.example/return");
  for (const [k, v] of Object.entries(back)) returnUrl.searchParams.set(k, v);
  // Stand-ins the store examples only hand to the constructors (no command is sent).
  const redis = { sendCommand: async () => null };
  const pool = { query: async () => ({ rows: [], rowCount: 0 }) };
  const createClient = () => ({ connect: async () => redis });
  const pg = { Pool: function Pool() { return pool; } };
  const ctx = {
    ...lib,
    init: async () => {},
    redisTokenStore: stores.redisTokenStore,
    postgresTokenStore: stores.postgresTokenStore,
    // The clients of the examples talk to the simulator unless given another baseUrl.
    JuspayClient: function JuspayClient(options) {
      return new lib.JuspayClient({ baseUrl: sim.url, ...options });
    },
    InstamojoClient: function InstamojoClient(options) {
      return new lib.InstamojoClient({ baseUrl: sim.url, ...options });
    },
    // The browser's client reaches the shop's handler, as a signed-in operator.
    ProxyClient: function ProxyClient(options) {
      const fetch = (url, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set("cookie", world.operator.cookie);
        // The handler of the tests is mounted at the root; the examples mount it at /api/payments.
        const at = new URL(url, "https://shop.example");
        at.pathname = at.pathname.replace(/^\/api\/payments/, "");
        return world.proxy(new Request(at, { ...init, headers }));
      };
      return new lib.ProxyClient({ ...options, fetch });
    },
    clientId: INSTAMOJO.clientId,
    clientSecret: INSTAMOJO.clientSecret,
    tokenStore: memoryTokenStore(),
    plan: record.split,
    input: { orderAmount: "100.00", vendors: [{ subMid: "V1", amount: "60.00" }, { subMid: "V2", amount: "40.00" }] },
    paymentId,
    juspay: world.juspay,
    mojo: world.instamojo,
    redis,
    pool,
    createClient,
    pg,
    webhookBody: new URLSearchParams(hook).toString(),
    // A gateway calling back: the return URL Juspay sends the buyer to, with Instamojo's webhook body.
    request: new Request(returnUrl, {
      method: "POST",
      body: new URLSearchParams(hook).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    sellerId: sim.state.instamojo.users.get("seller").id,
    sim,
    location: { href: "" },
    __expect: async (actual, expected, line) => contains(await actual, expected, line),
    __throws: async (fn, code, line) => {
      await assert.rejects(fn, (e) => {
        assert.ok(e instanceof lib.MarketsplitError, `${line}: threw ${e}`);
        assert.equal(e.code, code, line);
        return true;
      });
    },
  };
  return { ctx, close: () => world.close() };
}

const found = TYPE_FILES.flatMap((file) => declarations(fs.readFileSync(file, "utf8"), path.relative(ROOT, file)));

test("the types declare the package's API (the parser finds it)", () => {
  const names = new Set(found.map((d) => d.name));
  for (const name of ["allocate", "calculateSplit", "init", "SettlementLedger.credit", "ProxyJuspay.createOrder", "JuspayClient.refund", "redisTokenStore"]) {
    assert.ok(names.has(name), `${name} was not found`);
  }
});

describe("every exported function, class and method has an @example that runs", () => {
  const open = [];
  after(() => Promise.all(open.map((close) => close())));
  for (const decl of found) {
    test(`${decl.name} (${decl.file}:${decl.line})`, async () => {
      const codes = examples(decl.doc);
      assert.ok(codes.length > 0, `${decl.name} has no @example`);
      for (const code of codes) {
        const { ctx, close } = await context();
        open.push(close);
        const run = new AsyncFunction(...Object.keys(ctx), runnable(code));
        try {
          await run(...Object.values(ctx));
        } catch (error) {
          error.message = `${decl.name}'s example failed: ${error.message}\n--- example ---\n${code}`;
          throw error;
        }
      }
    });
  }
});

test("an example whose asserted output differs, or that throws another code, fails", async () => {
  const { ctx, close } = await context();
  try {
    const run = (code) => new AsyncFunction(...Object.keys(ctx), runnable(code))(...Object.values(ctx));
    await run('allocate("100", [1, 1]); // => ["50.00", "50.00"]');
    await assert.rejects(run('allocate("100", [1, 1]); // => ["50.00", "50.01"]'), assert.AssertionError);
    await assert.rejects(run('allocate("100", []); // throws RATIO_INVALID'), assert.AssertionError);
    await run('allocate("100", []); // throws EMPTY_RATIOS');
    await assert.rejects(run('allocate("100", [1]); // throws EMPTY_RATIOS'), assert.AssertionError);
  } finally {
    await close();
  }
});
