// Turns each web entry of pkg/ (the browser's `web/` and the fetch-API server's `server-web/`) into
// one minified ES module: the entry, wasm-bindgen's glue, its inline_js snippets, the init guard
// and ProxyClient. One file compresses better than six (1.5 KB gzip less for the browser entry)
// and is one request fewer. The `.d.ts` files stay as they are; the JS files bundled in are
// removed. Class names are kept (`constructor.name`); `new URL("./marketsplit_bg.wasm",
// import.meta.url)` stays literal, which is what bundlers look for to ship the .wasm.
// Usage: node scripts/lib/bundle.mjs <entry dir>...
import fs from "node:fs";
import path from "node:path";
import { rolldown } from "rolldown";
import { minify } from "terser";

const dirs = process.argv.slice(2);
const bundled = new Set();
const outputs = [];
for (const dir of dirs) {
  const input = path.resolve(dir, "index.js");
  const bundle = await rolldown({ input, logLevel: "warn" });
  const { output } = await bundle.generate({ format: "esm" });
  await bundle.close();
  if (output.length !== 1 || output[0].type !== "chunk") throw new Error(`${dir}: expected one chunk, got ${output.length} files`);
  for (const id of output[0].moduleIds) bundled.add(id);
  const { code } = await minify(output[0].code, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    keep_classnames: true,
    format: { comments: false },
  });
  if (!code || !code.includes("import.meta.url")) throw new Error(`${dir}: the bundle lost its wasm URL`);
  outputs.push([input, code]);
}
for (const id of bundled) if (fs.existsSync(id)) fs.rmSync(id);
for (const dir of dirs) {
  const snippets = path.join(dir, "snippets");
  if (fs.existsSync(snippets)) fs.rmSync(snippets, { recursive: true });
}
for (const [file, code] of outputs) fs.writeFileSync(file, code + "\n");
