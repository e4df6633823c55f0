// Makes the Node build of pkg/ (wasm-bindgen's `nodejs` glue, CommonJS) one file that any bundler
// can follow and that runs from wherever it is copied: Next.js route handlers, a server bundled by
// esbuild for Lambda, Jest. wasm-bindgen's glue reads `${__dirname}/marketsplit_bg.wasm` from disk
// and `require`s its snippets through `String.raw` templates, which no bundler follows; here the
// wasm is inlined as base64 (the server-side builds have no size budget), and the glue and its
// snippets become one CommonJS module. The JS-only part of marketsplit/server (server-extras.js) is
// written beside it as CommonJS too.
// Usage: node scripts/lib/bundle-node.mjs <pkg dir>
import fs from "node:fs";
import path from "node:path";
import { rolldown } from "rolldown";

const pkg = process.argv[2];
const dir = path.join(pkg, "node");
const glueFile = path.join(dir, "marketsplit.js");
const wasmFile = path.join(dir, "marketsplit_bg.wasm");

const fail = (why) => {
  console.error(`bundle-node: ${why}`);
  process.exit(1);
};

let glue = fs.readFileSync(glueFile, "utf8");
const readWasm = "const wasmPath = `${__dirname}/marketsplit_bg.wasm`;\nconst wasmBytes = require('fs').readFileSync(wasmPath);";
if (glue.split(readWasm).length !== 2) fail("the glue does not read its .wasm the way this script knows (wasm-bindgen changed?)");
const base64 = fs.readFileSync(wasmFile).toString("base64");
glue = glue.replace(readWasm, () => `const wasmBytes = decodeBase64(${JSON.stringify(base64)});`);
glue = glue.replace(/require\(String\.raw`([^`$\\]*)`\)/g, (_, file) => `require(${JSON.stringify(file)})`);
fs.writeFileSync(glueFile, glue);

// Jest's jsdom environment runs on Node without TextEncoder and TextDecoder (and without Buffer):
// the glue then takes Node's own from `util`, a require that no other runtime ever reaches.
const banner = `"use strict";
const { TextEncoder, TextDecoder } = typeof globalThis.TextEncoder === "function" && typeof globalThis.TextDecoder === "function" ? globalThis : require("util");

/** The inlined module's bytes, without Buffer or atob (neither is in every runtime that loads this). */
function decodeBase64(text) {
  const value = new Uint8Array(128);
  for (let i = 0; i < 64; i++) value["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const n = (value[text.charCodeAt(i)] << 18) | (value[text.charCodeAt(i + 1)] << 12) | (value[text.charCodeAt(i + 2)] << 6) | value[text.charCodeAt(i + 3)];
    bytes[o++] = n >> 16;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}
`;

async function toCommonJs(input, output, banner) {
  const bundle = await rolldown({ input, platform: "node", logLevel: "warn", external: ["util"] });
  const { output: files } = await bundle.generate({ format: "cjs", banner });
  await bundle.close();
  if (files.length !== 1 || files[0].type !== "chunk") fail(`${input}: expected one chunk, got ${files.length} files`);
  return files[0];
}

const bundled = await toCommonJs(glueFile, glueFile, banner);
const code = bundled.code;
// What bundlers cannot follow, or what would tie the file to its folder.
for (const [what, pattern] of [
  ["__dirname", /__dirname|__filename|import\.meta/],
  ["a require other than util's", /require\((?!"util"\))/],
  ["readFileSync", /readFileSync/],
]) {
  if (pattern.test(code)) fail(`the bundled Node glue still has ${what}`);
}
fs.writeFileSync(glueFile, code);
for (const id of bundled.moduleIds) if (id !== path.resolve(glueFile) && fs.existsSync(id)) fs.rmSync(id);
fs.rmSync(path.join(dir, "snippets"), { recursive: true, force: true });
fs.rmSync(wasmFile);

const extras = await toCommonJs(path.join(pkg, "server-extras.js"), null, undefined);
fs.writeFileSync(path.join(dir, "server-extras.cjs"), extras.code);
// Its declarations, and every declaration file they reach, copied under node/ (whose package.json
// says CommonJS), so that TypeScript reads them as the CommonJS module they describe.
fs.copyFileSync(path.join(pkg, "server-extras.d.ts"), path.join(dir, "server-extras.d.cts"));
const copyReached = (from) => {
  for (const [, spec] of fs.readFileSync(from, "utf8").matchAll(/from\s+"(\.\.?\/[^"]+)\.js"/g)) {
    const source = path.resolve(path.dirname(from), `${spec}.d.ts`);
    const target = path.join(dir, path.relative(pkg, source));
    if (!fs.existsSync(source)) fail(`${from} names ${spec}.js, which has no ${spec}.d.ts`);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
    copyReached(source);
  }
};
copyReached(path.join(pkg, "server-extras.d.ts"));
