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
  const [username, password] = Object.entries(DEFAULT_CREDENTIALS.instamojo.users)[0];
  env = {
    ...process.env,
    JUSPAY_API_KEY: DEFAULT_CREDENTIALS.juspay.apiKey,
    JUSPAY_MERCHANT_ID: DEFAULT_CREDENTIALS.juspay.merchantId,
    JUSPAY_BASE_URL: sim.url,
    INSTAMOJO_CLIENT_ID: DEFAULT_CREDENTIALS.instamojo.clientId,
    INSTAMOJO_CLIENT_SECRET: DEFAULT_CREDENTIALS.instamojo.clientSecret,
    INSTAMOJO_BASE_URL: sim.url,
    SESSION_SECRET: "readme-session-secret",
    INSTAMOJO_USERNAME: username,
    INSTAMOJO_PASSWORD: password,
    INSTAMOJO_PAYMENT_ID: sim.instamojo.addPayment({ amount: "100.00" }),
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
      // Sessions as the shop's sign-in would set them, signed with SESSION_SECRET.
      const sessionCookie = (session) => {
        const payload = Buffer.from(JSON.stringify({ ...session, expires: Date.now() + 60_000 })).toString("base64url");
        return `session=${payload}.${createHmac("sha256", env.SESSION_SECRET).update(payload).digest("base64url")}`;
      };
      const buyer = { cookie: sessionCookie({ role: "buyer", customerId: "cust_7" }) };
      // Someone else's order is no order at all: no session, another buyer's, or an operator's.
      const strangers = [{}, { cookie: sessionCookie({ role: "buyer", customerId: "cust_8" }) }, { cookie: sessionCookie({ role: "operator" }) }];
      for (const headers of strangers) {
        const foreign = await send("POST", "/juspay/orders", { orderId: "ord_1042" }, headers);
        assert.deepEqual([foreign.status, foreign.body.error?.code], [404, "ORDER_NOT_FOUND"], JSON.stringify(headers));
        const polled = await send("GET", "/juspay/orders/ord_1042", undefined, headers);
        assert.deepEqual([polled.status, polled.body.error?.code], [404, "ORDER_NOT_FOUND"], JSON.stringify(headers));
      }
      assert.equal(sim.state.juspay.orders.has("ord_1042"), false, "nothing reached the gateway for a stranger");
      // The buyer: the record decides; a tampered amount or an unknown order is refused, nothing sent.
      const created = await send("POST", "/juspay/orders", { orderId: "ord_1042", amount: "1000.00" }, buyer);
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual([created.body.orderId, created.body.status], ["ord_1042", "CREATED"]);
      const order = sim.state.juspay.orders.get("ord_1042");
      assert.equal(order.amount, 100_000);
      assert.deepEqual([...order.split.vendors.keys()], ["seller_a", "seller_b"]);
      // The buyer polls its own order: its state, nothing of who paid or how, and never cached.
      const polled = await fetch(`${api}/juspay/orders/ord_1042`, { headers: buyer });
      assert.equal(polled.status, 200);
      assert.equal(polled.headers.get("cache-control"), "no-store");
      const state = await polled.json();
      assert.deepEqual([state.orderId, state.status, state.customerId], ["ord_1042", "NEW", undefined]);
      const calls = () => sim.requests.length;
      const before = calls();
      const tampered = await send("POST", "/juspay/orders", { orderId: "ord_1042", amount: "1.00" }, buyer);
      assert.deepEqual([tampered.status, tampered.body.error.code], [409, "ORDER_MISMATCH"]);
      const unknown = await send("POST", "/juspay/orders", { orderId: "ord_9999", amount: "1.00" }, buyer);
      assert.deepEqual([unknown.status, unknown.body.error.code], [404, "ORDER_NOT_FOUND"]);
      // Moving paid money: refused to anyone without the operator's signed session, and to a form post.
      sim.juspay.setStatus("ord_1042", "CHARGED");
      const refund = { amount: "250.00", uniqueRequestId: "readmer1" };
      const anonymous = await send("POST", "/juspay/orders/ord_1042/refunds", refund);
      assert.deepEqual([anonymous.status, anonymous.body.error.code], [403, "FORBIDDEN"]);
      const forged = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie: "session=eyJyb2xlIjoib3BlcmF0b3IifQ.bm9wZQ" });
      assert.equal(forged.status, 403);
      const cookie = sessionCookie({ role: "operator" });
      const asBuyer = await send("POST", "/juspay/orders/ord_1042/refunds", refund, buyer);
      assert.equal(asBuyer.status, 403, "a buyer's session moves no paid money");
      const formPost = await fetch(`${api}/juspay/orders/ord_1042/refunds`, {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body: "amount=250.00&uniqueRequestId=readmer0",
      });
      assert.equal(formPost.status, 415);
      const foreign = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie, origin: "https://evil.example" });
      assert.equal(foreign.status, 403);
      assert.equal(calls(), before, "nothing refused reached the gateway");
      const operator = await send("POST", "/juspay/orders/ord_1042/refunds", refund, { cookie });
      assert.equal(operator.status, 200, JSON.stringify(operator.body));
      assert.deepEqual(order.refunds.map((r) => [r.uniqueRequestId, r.amount]), [["readmer1", 25_000]]);
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
