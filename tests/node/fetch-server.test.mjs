// scripts/lib/fetch-server.mjs: node http requests become fetch Requests (method, URL, headers,
// body) and Responses come back whole; static files are served without leaving their folder.

import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";

let server;
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fetch-server-"));
  await mkdir(path.join(dir, "site"));
  await writeFile(path.join(dir, "site", "index.html"), "<p>home</p>");
  await writeFile(path.join(dir, "site", "app.wasm"), Buffer.from([0, 97, 115, 109]));
  await writeFile(path.join(dir, "secret.txt"), "outside");
  server = await serveFetch(async (request) => {
    const body = await request.text();
    return new Response(JSON.stringify({ method: request.method, url: request.url, body, type: request.headers.get("content-type") }), {
      status: 201, headers: { "content-type": "application/json", "x-extra": "1" },
    });
  }, { static: path.join(dir, "site") });
});
after(() => server.close());

describe("serveFetch", () => {
  it("listens on 127.0.0.1 on the port it was given (0: any free one)", () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it("hands the handler a Request with method, full URL, headers and body, and writes its Response", async () => {
    const res = await fetch(`${server.url}/api/x?y=1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"a\":1}" });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("x-extra"), "1");
    assert.deepEqual(await res.json(), { method: "POST", url: `${server.url}/api/x?y=1`, body: "{\"a\":1}", type: "application/json" });
  });

  it("serves static files with their content type, index.html for a folder", async () => {
    const home = await fetch(`${server.url}/`);
    assert.equal(await home.text(), "<p>home</p>");
    assert.match(home.headers.get("content-type"), /text\/html/);
    const wasm = await fetch(`${server.url}/app.wasm`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer())], [0, 97, 115, 109]);
  });

  it("never serves a file outside the static folder", async () => {
    // fetch() normalises "..", so the raw request line is written by hand.
    const raw = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.end("GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.on("data", (d) => (text += d));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    assert.ok(!raw.includes("outside"), raw);
    const encoded = await fetch(`${server.url}/%2e%2e%2fsecret.txt`);
    assert.ok(!(await encoded.text()).includes("outside"));
  });

  it("answers 500 without details when the handler throws", async () => {
    const failing = await serveFetch(async () => {
      throw new Error("db password is hunter2");
    });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await fetch(failing.url);
      assert.equal(res.status, 500);
      assert.ok(!(await res.text()).includes("hunter2"));
    } finally {
      console.error = original;
      await failing.close();
    }
  });
});
