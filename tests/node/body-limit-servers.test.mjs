// Review of issue 9 (branch r9): `maxBodyBytes` is "refused from its Content-Length before
// reading and otherwise read no further than the limit", but only when the server in front of
// the handler streams the body to it. The npm README's proxy recipe (the ```js test:server block,
// the plain Node `http` server users copy) and scripts/lib/fetch-server.mjs (the demo's and the
// tests' server) read the whole request into memory before the handler sees a byte: a browser
// can make the process hold a body of any size, and the 413 comes only after all of it arrived,
// if ever. Each server is sent a body far over the limit that never ends: a server that lets
// the handler judge it answers 413 at once; one that buffers never answers.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { freePort, serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { DEFAULT_CREDENTIALS, startSimulator } from "../sim/simulator.mjs";
import { ROOT, startWorld } from "./helpers.mjs";

const build = process.env.MARKETSPLIT_TEST_BUILD ?? path.join(ROOT, "pkg-build/node");
/** How long a server may take to refuse: generous; a server that buffers never answers at all. */
const PATIENCE_MS = 5_000;

/**
 * Sends `head` and then `first` on a raw connection, never ending the body, and resolves with the
 * response's status line, or null when none came within PATIENCE_MS.
 */
function statusBeforeBodyEnds(port, head, first) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const done = (value) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), PATIENCE_MS);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const line = received.indexOf("\r\n");
      if (line >= 0) done(received.slice(0, line));
    });
    socket.on("error", () => done(received.slice(0, received.indexOf("\r\n")) || null));
    socket.on("connect", () => {
      socket.write(head);
      socket.write(first);
    });
  });
}

/** A POST of JSON declaring a gigabyte, of which ten bytes are sent. */
const declared = (target) => [
  `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n`,
  '{"orderId"',
];
/** A chunked POST of JSON without Content-Length: one 256 KiB chunk, and no last chunk. */
const chunked = (target) => [
  `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
  `${(256 * 1024).toString(16)}\r\n${"x".repeat(256 * 1024)}\r\n`,
];

describe("the servers the project shows put maxBodyBytes before reading the body", () => {
  let sim;
  let child;
  let recipePort;
  let dir;
  before(async () => {
    const readme = fs.readFileSync(path.join(ROOT, "pkg-template", "README.md"), "utf8");
    const [, source] = /^```js test:server\n([\s\S]*?)^```$/m.exec(readme) ?? [];
    assert.ok(source, "the README has its server recipe");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "r9-recipe-"));
    const file = path.join(dir, "recipe.mjs");
    fs.writeFileSync(file, source.replaceAll('"marketsplit/server"', JSON.stringify(pathToFileURL(path.join(build, "marketsplit.js")).href)));
    sim = await startSimulator();
    recipePort = await freePort();
    child = spawn(process.execPath, [file], {
      env: {
        ...process.env,
        PORT: String(recipePort),
        JUSPAY_API_KEY: DEFAULT_CREDENTIALS.juspay.apiKey,
        JUSPAY_MERCHANT_ID: DEFAULT_CREDENTIALS.juspay.merchantId,
        JUSPAY_BASE_URL: sim.url,
        INSTAMOJO_CLIENT_ID: DEFAULT_CREDENTIALS.instamojo.clientId,
        INSTAMOJO_CLIENT_SECRET: DEFAULT_CREDENTIALS.instamojo.clientSecret,
        INSTAMOJO_BASE_URL: sim.url,
        SESSION_SECRET: "r9-session-secret",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the recipe exited with ${child.exitCode}`);
      const open = await new Promise((resolve) => {
        const s = net.connect(recipePort, "127.0.0.1", () => { s.end(); resolve(true); });
        s.once("error", () => resolve(false));
      });
      if (open) break;
      if (Date.now() > deadline) throw new Error("the recipe did not listen");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    child?.kill();
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the npm README's recipe server: 413 from Content-Length, and from the bytes of a chunked body, before the body ends", async () => {
    assert.match(String(await statusBeforeBodyEnds(recipePort, ...declared("/api/juspay/orders"))), /^HTTP\/1\.1 413 /);
    assert.match(String(await statusBeforeBodyEnds(recipePort, ...chunked("/api/juspay/orders"))), /^HTTP\/1\.1 413 /);
  });

  it("scripts/lib/fetch-server.mjs (the demo's server): the same", async () => {
    const world = await startWorld();
    const server = await serveFetch(world.proxy);
    try {
      assert.match(String(await statusBeforeBodyEnds(server.port, ...declared("/juspay/orders"))), /^HTTP\/1\.1 413 /);
      assert.match(String(await statusBeforeBodyEnds(server.port, ...chunked("/juspay/orders"))), /^HTTP\/1\.1 413 /);
    } finally {
      await server.close();
      await world.close();
    }
  });
});
