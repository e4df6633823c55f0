// `make demo`: one local server on $PORT (default 8080, host 127.0.0.1) serving the demo page
// (www/), the built browser package (pkg/, from `make pkg`), and createProxyHandler at /api.
// The gateways are a local simulator started on a free port, unless JUSPAY_BASE_URL (with
// JUSPAY_API_KEY, JUSPAY_MERCHANT_ID) or INSTAMOJO_BASE_URL (with INSTAMOJO_CLIENT_ID,
// INSTAMOJO_CLIENT_SECRET) point elsewhere.
//
//   node scripts/demo.mjs           prints the URL and runs until stopped
//   import { startDemo } from ...   the same, for tests: { url, close }

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_CREDENTIALS, startSimulator } from "../tests/sim/simulator.mjs";
import { serveFetch } from "./lib/fetch-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function startDemo({ port = 8080, host = "127.0.0.1", env = process.env } = {}) {
  const serverEntry = path.join(repo, "pkg", "node", "server.cjs");
  if (!fs.existsSync(serverEntry) || !fs.existsSync(path.join(repo, "pkg", "web", "index.js"))) {
    throw new Error("pkg/ is not built: run `make pkg` (scripts/pkg.sh) first");
  }
  // The node build of the package the page itself loads: the demo runs what users install.
  const { createProxyHandler, JuspayClient, InstamojoClient } = createRequire(import.meta.url)(serverEntry);

  const needSimulator = !env.JUSPAY_BASE_URL || !env.INSTAMOJO_BASE_URL;
  const sim = needSimulator ? await startSimulator() : null;
  const juspay = env.JUSPAY_BASE_URL
    ? { apiKey: env.JUSPAY_API_KEY, merchantId: env.JUSPAY_MERCHANT_ID, baseUrl: env.JUSPAY_BASE_URL }
    : { ...DEFAULT_CREDENTIALS.juspay, baseUrl: sim.url };
  const instamojo = env.INSTAMOJO_BASE_URL
    ? { clientId: env.INSTAMOJO_CLIENT_ID, clientSecret: env.INSTAMOJO_CLIENT_SECRET, baseUrl: env.INSTAMOJO_BASE_URL }
    : { clientId: DEFAULT_CREDENTIALS.instamojo.clientId, clientSecret: DEFAULT_CREDENTIALS.instamojo.clientSecret, baseUrl: sim.url };

  const proxy = createProxyHandler({
    basePath: "/api",
    juspay: new JuspayClient(juspay),
    instamojo: new InstamojoClient(instamojo),
  });

  async function handle(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    // The simulator's stand-in for a buyer paying on the payment page.
    const pay = /^\/demo\/pay\/([^/]+)$/.exec(pathname);
    if (pay && request.method === "POST" && sim && !env.JUSPAY_BASE_URL) {
      try {
        sim.juspay.setStatus(decodeURIComponent(pay[1]), "CHARGED");
        return Response.json({ ok: true });
      } catch (error) {
        return Response.json({ error: { code: "NOT_FOUND", message: error.message } }, { status: 404 });
      }
    }
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  const server = await serveFetch(handle, {
    port,
    host,
    static: [{ dir: path.join(repo, "www"), prefix: "/" }, { dir: path.join(repo, "pkg"), prefix: "/pkg/" }],
  });
  return {
    url: server.url,
    gateway: sim ? sim.url : null,
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
    const stop = () => demo.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    console.error(`demo: ${error.message}`);
    process.exit(1);
  }
}
