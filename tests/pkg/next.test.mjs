// Next.js 16, with Turbopack (its default) and with `--webpack`, on an app with no configuration:
// route handlers on `marketsplit/server` (the Node runtime, and the edge runtime through the
// `edge-light` condition), and a client component on `marketsplit` that Next.js also renders on
// the server while prerendering. `next build`, then `next start`, the routes asked over HTTP and the
// page checked in Chromium.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import {
  CHECK_MODULE, SERVER_CHECK_MODULE, assertChecked, assertServerChecked, closeBrowser, freePort, pageResult, quietEnv, readmeRecipe, run, simEnv,
  startProcess, toolPath, waitForHttp,
} from "./runtimes.mjs";

const APP = {
  "package.json": JSON.stringify({ name: "next-app", private: true }),
  "app/layout.js": `export const metadata = { title: "marketsplit in Next.js", icons: { icon: "data:," } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.js": `import Split from "./split.js";
import RecipeSplit from "./recipe.js";

const order = { orderAmount: "100.00", vendors: [{ subMid: "seller_r", amount: "100.00", commission: { percent: 10 } }] };

export default function Page() {
  return <main><Split /><RecipeSplit order={order} /></main>;
}
`,
  // The npm README's client component, as written.
  "app/recipe.js": readmeRecipe("next-client-component"),
  // A client component: bundled for the browser (the web build and its .wasm asset) and rendered
  // on the server while prerendering (the Node build).
  "app/split.js": `"use client";
import { useEffect, useState } from "react";
import * as m from "marketsplit";
import { check } from "../lib/check.js";

export default function Split() {
  const [result, setResult] = useState("");
  useEffect(() => {
    check(m).then(
      (out) => setResult(JSON.stringify(out)),
      (e) => setResult(JSON.stringify({ failed: { code: e?.code, message: String(e?.message ?? e) } })),
    );
  }, []);
  return <output id="result">{result}</output>;
}
`,
  // The npm README's route handler, on the Node runtime.
  "app/api/[...path]/route.js": `import { createProxyHandler } from "marketsplit/server";

const handler = createProxyHandler({ basePath: "/api" });

export { handler as GET, handler as POST };
`,
  "app/checkout/route.js": `import * as server from "marketsplit/server";
import { serverCheck } from "../../lib/server-check.js";

export async function GET(request) {
  const orderId = new URL(request.url).searchParams.get("orderId");
  return Response.json(await serverCheck(server, { ...process.env, ORDER_ID: orderId }));
}
`,
  "app/edge-checkout/route.js": `import * as server from "marketsplit/server";
import { serverCheck } from "../../lib/server-check.js";

export const runtime = "edge";

export async function GET(request) {
  const orderId = new URL(request.url).searchParams.get("orderId");
  return Response.json(await serverCheck(server, { ...process.env, ORDER_ID: orderId }));
}
`,
  "lib/check.js": CHECK_MODULE,
  "lib/server-check.js": SERVER_CHECK_MODULE,
};

let sim;
before(async () => {
  sim = await startSimulator();
});
after(async () => {
  await closeBrowser();
  await sim?.close();
});

for (const bundler of ["turbopack", "webpack"]) {
  describe(`Next.js with ${bundler}`, () => {
    let dir;
    let server;
    let url;
    let built;
    before(async () => {
      dir = path.join(consumer().project, `next-${bundler}`);
      fs.rmSync(dir, { recursive: true, force: true });
      writeFiles(dir, APP);
      const next = toolPath("next", "dist", "bin", "next");
      built = await run(process.execPath, [next, "build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: dir, env: quietEnv(), timeoutMs: 600_000 });
      const port = await freePort();
      server = startProcess(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, env: quietEnv(simEnv(sim, "")) });
      url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/api/ready`, server);
    });
    after(() => server?.stop());

    test(`${bundler}: next build prerenders the page and ships the web build's .wasm as an asset`, () => {
      assert.match(built, new RegExp(`Next\\.js 16\\.\\d+\\.\\d+ \\(${bundler === "webpack" ? "webpack" : "Turbopack"}\\)`));
      const media = path.join(dir, ".next", "static", "media");
      const wasm = fs.existsSync(media) ? fs.readdirSync(media).filter((f) => f.endsWith(".wasm")) : [];
      assert.equal(wasm.length, 1, `.next/static/media: ${wasm}`);
      const size = fs.statSync(path.join(media, wasm[0])).size;
      const browserWasm = fs.statSync(path.join(consumer().project, "node_modules", "marketsplit", "web", "marketsplit_bg.wasm")).size;
      assert.equal(size, browserWasm, "the asset is the browser build's .wasm");
    });

    test(`${bundler}: a route handler on marketsplit/server (Node runtime) reaches the gateway`, async () => {
      const orderId = `next_${bundler}_${Date.now()}`;
      const response = await fetch(`${url}/checkout?orderId=${orderId}`);
      assert.equal(response.status, 200, await response.clone().text());
      assertServerChecked(await response.json(), sim, orderId);
    });

    test(`${bundler}: a route handler on the edge runtime (edge-light) reaches the gateway`, async () => {
      // The edge function takes the server build's .wasm as a module binding (`.wasm?module`).
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, ".next", "server", "middleware-manifest.json"), "utf8"));
      const serverWasm = fs.statSync(path.join(consumer().project, "node_modules", "marketsplit", "server-web", "marketsplit_bg.wasm")).size;
      const bindings = manifest.functions["/edge-checkout/route"]?.wasm ?? [];
      assert.ok(bindings.some((b) => fs.statSync(path.join(dir, ".next", b.filePath)).size === serverWasm), JSON.stringify(bindings));
      const orderId = `next_edge_${bundler}_${Date.now()}`;
      const response = await fetch(`${url}/edge-checkout?orderId=${orderId}`);
      assert.equal(response.status, 200, await response.clone().text());
      assertServerChecked(await response.json(), sim, orderId);
    });

    test(`${bundler}: the README's proxy route answers as the handler`, async () => {
      const response = await fetch(`${url}/api/no/such/route`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      assert.equal(response.status, 404);
      assert.equal((await response.json()).error.code, "NOT_FOUND");
    });

    test(`${bundler}: the client components run marketsplit in Chromium after a bare init()`, async () => {
      const { result, errors, text } = await pageResult(`${url}/`, { text: "pre" });
      assertChecked(result, errors);
      // The README's component rendered the plan it computed.
      assert.deepEqual(JSON.parse(text).map((v) => [v.subMid, v.amount]), [["seller_r", "90.00"]]);
    });
  });
}
