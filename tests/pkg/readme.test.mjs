// Runs the README's examples against the packed package: every ```js test block as a module of
// the consumer project, with the gateways' credentials and base URLs pointing at the local
// simulator; a ```js test:server block is started on a free port and sent an order through it.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
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
      const orderId = `readme_${Date.now()}`;
      const response = await fetch(`http://127.0.0.1:${port}/api/juspay/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          orderId,
          amount: "100.00",
          split: { orderAmount: "100.00", vendors: [{ subMid: "seller_a", amount: "70.00", commission: { percent: 10 } }, { subMid: "seller_b", amount: "30.00" }] },
        }),
      });
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.equal(body.orderId, orderId);
      assert.equal(body.status, "CREATED");
      assert.equal(sim.requestsTo("juspay.createOrder").filter((r) => r.fields?.order_id === orderId).length, 1);
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
