// Serves a fetch-API handler, `(request: Request) => Promise<Response>`, from node's http module,
// the way Next.js route handlers, Hono or Deno would call it. Used by the tests and the demo.
//
//   const server = await serveFetch(handler, { port: 0, static: "www" });
//   console.log(server.url); ...; await server.close();
//
// `static` (a folder, or { dir, prefix }) serves existing files for GET/HEAD before the handler.
// `freePort()` finds a loopback port for a server started in a child process.

import http from "node:http";
import net from "node:net";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};

export async function serveFetch(handler, { port = 0, host = "127.0.0.1", static: statics } = {}) {
  const mounts = [statics ?? []].flat().map((s) => (typeof s === "string" ? { dir: s, prefix: "/" } : { prefix: "/", ...s }));
  let origin = "";

  async function respond(req, res) {
    const url = new URL(req.url, origin);
    if (req.method === "GET" || req.method === "HEAD") {
      for (const mount of mounts) {
        const file = await staticFile(mount, url.pathname);
        if (file) {
          res.writeHead(200, { "content-type": TYPES[path.extname(file.name)] ?? "application/octet-stream", "content-length": file.bytes.length });
          return res.end(req.method === "HEAD" ? undefined : file.bytes);
        }
      }
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of [value].flat()) headers.append(name, v);
    }
    // The body is streamed to the handler, never gathered here first: the handler's own limit
    // (createProxyHandler's maxBodyBytes) then refuses a declared Content-Length before a byte is
    // read, and stops a chunked body at the limit.
    const request = new Request(url, { method: req.method, headers, body: hasBody ? Readable.toWeb(req) : undefined, duplex: "half" });
    const response = await handler(request);
    const outHeaders = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outHeaders[name] = value;
    });
    // A body the handler left unread is not waited for: the connection closes once the answer is
    // written (Node then stops reading the request), rather than after the rest arrives.
    if (!req.complete) outHeaders.connection = "close";
    const cookies = response.headers.getSetCookie?.() ?? [];
    if (cookies.length) outHeaders["set-cookie"] = cookies;
    const bytes = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, response.statusText || undefined, outHeaders);
    res.end(req.method === "HEAD" ? undefined : bytes);
  }

  const server = http.createServer((req, res) => {
    respond(req, res).catch((err) => {
      // A handler that throws is a bug in the handler: answer 500 without echoing its message,
      // which could carry anything the handler held.
      console.error("fetch-server: handler failed:", err);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "INTERNAL", message: "The handler failed." } }));
      } else {
        res.destroy();
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${actual}`;
  return {
    url: origin,
    port: actual,
    server,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A file under the mount for this URL path, never outside its folder; null when there is none. */
async function staticFile({ dir, prefix }, pathname) {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  if (!pathname.startsWith(base) && pathname !== prefix) return null;
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return null;
  }
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  const root = path.resolve(dir);
  const name = path.resolve(root, relative);
  if (name !== root && !name.startsWith(root + path.sep)) return null;
  try {
    if (!(await stat(name)).isFile()) return null;
    return { name, bytes: await readFile(name) };
  } catch {
    return null;
  }
}

/** A port on 127.0.0.1 that nothing listens on now, for a child process to take. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
