// Runs the README's examples against the packed package: every ```js test block as a module of
// the consumer project, with the gateways' credentials and base URLs pointing at the local
// simulator; a ```js test:server block (the proxy recipe) is started on a free port and tried as
// a buyer and as the shop's operator would: what it lets through, and what it refuses.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { DEFAULT_CREDENTIALS, startSimulator } from "../sim/simulator.mjs";
import { freePort } from "../../scripts/lib/fetch-server.mjs";
import { consumer, repo, writeFiles } from "./consumer.mjs";

const readme = fs.readFileSync(path.join(repo, "pkg-template", "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```js (test(?::server)?)\n([\s\S]*?)^```$/gm)].map((m, i) => ({
  kind: m[1],
  source: m[2],
  line: readme.slice(0, m.index).split("\n").length,
  name: `readme-${i + 1}.mjs`,
}));

let sim;
let env;
let dir;
before(async () => {
  const { project } = consumer();
  dir = writeFiles(path.join(project, "readme"), Object.fromEntries(blocks.map((b) => [b.name, b.source])));
  sim = await startSimulator();
  env = {
    ...process.env,
    JUSPAY_API_KEY: DEFAULT_CREDENTIALS.juspay.apiKey,
    JUSPAY_MERCHANT_ID: DEFAULT_CREDENTIALS.juspay.merchantId,
    JUSPAY_BASE_URL: sim.url,
    INSTAMOJO_CLIENT_ID: DEFAULT_CREDENTIALS.instamojo.clientId,
    INSTAMOJO_CLIENT_SECRET: DEFAULT_CREDENTIALS.instamojo.clientSecret,
    INSTAMOJO_BASE_URL: sim.url,
    SESSION_SECRET: "readme-session-secret",
  };
});

after(() => sim?.close());

test("the README has runnable examples", () => {
  assert.ok(blocks.filter((b) => b.kind === "test").length >= 6);
  assert.equal(blocks.filter((b) => b.kind === "test:server").length, 1);
});

describe("README examples", () => {
  for (const block of blocks.filter((b) => b.kind === "test")) {
    test(`example at README.md line ${block.line} runs`, async () => {
      try {
        await promisify(execFile)(process.execPath, [path.join(dir, block.name)], { cwd: dir, env, timeout: 30_000 });
      } catch (error) {
        assert.fail(`README.md line ${block.line} failed:\n${error.stdout}${error.stderr}`);
      }
    });
  }

  for (const block of blocks.filter((b) => b.kind === "test:server")) {
    test(`server example at README.md line ${block.line} serves the proxy routes`, async (t) => {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(dir, block.name)], { cwd: dir, env: { ...env, PORT: String(port) }, stdio: ["ignore", "inherit", "inherit"] });
      t.after(() => child.kill());
      await waitForPort(port, child);
      const api = `http://127.0.0.1:${port}/api`;
      const send = async (method, path, body, headers = {}) => {
        const res = await fetch(api + path, {
          method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      // The buyer: the record decides; a tampered amount or an unknown order is refused, nothing sent.
      const created = await send("POST", "/juspay/orders", { orderId: "ord_1042", amount: "1000.00" });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual([created.body.orderId, created.body.status], ["ord_1042", "CREATED"]);
      const order = sim.state.juspay.orders.get("ord_1042");
      assert.equal(order.amount, 100_000);
      assert.deepEqual([...order.split.vendors.keys()], ["seller_a", "seller_b"]);
      const calls = () => sim.requests.length;
      const before = calls();
      const tampered = await send("POST", "/juspay/orders", { orderId: "ord_1042", amount: "1.00" });
      assert.deepEqual([tampered.status, tampered.body.error.code], [409, "ORDER_MISMATCH"]);
      const unknown = await send("POST", "/juspay/orders", { orderId: "ord_9999", amount: "1.00" });
      assert.deepEqual([unknown.status, unknown.body.error.code], [404, "ORDER_NOT_FOUND"]);
      // Moving paid money: refused to anyone without the operator's signed session, and to a form post.
      sim.juspay.setStatus("ord_1042", "CHARGED");
      const refund = { amount: "250.00", uniqueRequestId: "readme_r1" };
      const anonymous = await send("POST", "/juspay/orders/ord_1042/refunds", refund);
      assert.deepEqual([anonymous.status, anonymous.body.error.code], [403, "FORBIDDEN"]);
      const forged = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie: "session=eyJyb2xlIjoib3BlcmF0b3IifQ.bm9wZQ" });
      assert.equal(forged.status, 403);
      const payload = Buffer.from(JSON.stringify({ role: "operator", expires: Date.now() + 60_000 })).toString("base64url");
      const cookie = `session=${payload}.${createHmac("sha256", env.SESSION_SECRET).update(payload).digest("base64url")}`;
      const formPost = await fetch(`${api}/juspay/orders/ord_1042/refunds`, {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body: "amount=250.00&uniqueRequestId=readme_r0",
      });
      assert.equal(formPost.status, 415);
      const foreign = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie, origin: "https://evil.example" });
      assert.equal(foreign.status, 403);
      assert.equal(calls(), before, "nothing refused reached the gateway");
      const operator = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie });
      assert.equal(operator.status, 200, JSON.stringify(operator.body));
      assert.deepEqual(order.refunds.map((r) => [r.uniqueRequestId, r.amount]), [["readme_r1", 25_000]]);
    });
  }
});

async function waitForPort(port, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the example exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on port ${port}`);
}
