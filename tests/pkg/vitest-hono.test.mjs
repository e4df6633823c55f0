// Two tools that worked before and must keep working: Vitest (its default Node environment, no
// configuration) on both entries, and Hono serving the proxy handler on Node (@hono/node-server),
// mounted as its README recipe shows, with a route of its own reaching the gateway simulator.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSimulator } from "../sim/simulator.mjs";
import { consumer, writeFiles } from "./consumer.mjs";
import {
  SERVER_CHECK_MODULE, assertServerChecked, freePort, quietEnv, readmeRecipe, run, simEnv, startProcess, toolPath, waitForHttp,
} from "./runtimes.mjs";

const SPEC = `
import { expect, test } from "vitest";
import { init, allocate, calculateSplit, MarketsplitError } from "marketsplit";
import * as server from "marketsplit/server";

test("both entries after a bare init(), one module instance", async () => {
  await init();
  await server.init();
  expect(allocate("100", [1, 1, 1])).toEqual(["33.34", "33.33", "33.33"]);
  expect(() => calculateSplit({ orderAmount: "100", vendors: [{ subMid: "a", amount: "90" }] })).toThrow(MarketsplitError);
  expect(MarketsplitError).toBe(server.MarketsplitError);
  expect(server.verifyJuspaySignature({ order_id: "o1", signature: "x" }, "key")).toBe(false);
});
`;

test("Vitest (default environment, no configuration) runs both entries", async () => {
  const dir = writeFiles(path.join(consumer().project, "vitest-app"), { "split.test.js": SPEC });
  const report = path.join(dir, "report.json");
  fs.rmSync(report, { force: true });
  try {
    await run(process.execPath, [toolPath("vitest", "vitest.mjs"), "run", "--reporter=json", `--outputFile=${report}`], { cwd: dir, env: quietEnv({ CI: "1" }), timeoutMs: 120_000 });
  } catch (error) {
    assert.fail(`vitest failed:\n${error.message}`);
  }
  const results = JSON.parse(fs.readFileSync(report, "utf8"));
  assert.equal(results.numPassedTests, 1, JSON.stringify(results.testResults?.[0]?.message));
  assert.equal(results.numFailedTests, 0);
});

describe("Hono on Node (@hono/node-server)", () => {
  let sim;
  let server;
  let url;
  const orderId = `hono_${Date.now()}`;
  before(async () => {
    sim = await startSimulator();
    const port = await freePort();
    const dir = writeFiles(path.join(consumer().project, "hono-app"), {
      // The npm README's Hono recipe, as written, then a route of the test's own.
      "app.js": `${readmeRecipe("hono")}
import * as marketsplit from "marketsplit/server";
import { serverCheck } from "./server-check.js";
import { serve } from "@hono/node-server";

app.get("/checkout", async (c) => c.json(await serverCheck(marketsplit, process.env)));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
`,
      "server-check.js": SERVER_CHECK_MODULE,
    });
    server = startProcess(process.execPath, ["app.js"], { cwd: dir, env: quietEnv({ ...simEnv(sim, orderId), PORT: String(port) }) });
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/checkout-ready`, server);
  });
  after(async () => {
    await server?.stop();
    await sim?.close();
  });

  test("the README's recipe mounts the proxy handler", async () => {
    const response = await fetch(`${url}/api/no/such/route`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, "NOT_FOUND");
  });

  test("a Hono route reaches the gateway through marketsplit/server", async () => {
    const response = await fetch(`${url}/checkout`);
    assert.equal(response.status, 200, await response.clone().text());
    assertServerChecked(await response.json(), sim, orderId);
  });
});
