// Turns each web entry of pkg/ (the browser's `web/` and the fetch-API server's `server-web/`) into
// one minified ES module: the entry, wasm-bindgen's glue, its inline_js snippets, the init guard
// and ProxyClient. One file compresses better than six (1.5 KB gzip less for the browser entry)
// and is one request fewer. The `.d.ts` files stay as they are; the JS files bundled in are
// removed. Class names are kept (`constructor.name`); `new URL("./marketsplit_bg.wasm",
// import.meta.url)` stays literal, which is what bundlers look for to ship the .wasm.
// For the first entry (the browser's), it prints what each part weighs: every module minified
// and gzipped alone (the parts together compress better than their sum), so that a change to the
// browser entry's size can be traced to the code that made it.
// Usage: node scripts/lib/bundle.mjs <entry dir>...
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { rolldown } from "rolldown";
import { minify } from "terser";

const TERSER = {
  module: true,
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  keep_classnames: true,
  format: { comments: false },
};

/** A module's name in the report: the crate's JS by its path in the crate. */
const partName = (dir, id) => {
  const rel = path.relative(dir, id).split(path.sep).join("/");
  const snippet = rel.match(/snippets\/[^/]+\/(.*)$/);
  return snippet ? `crate ${snippet[1].startsWith("inline") ? `inline_js ${snippet[1]}` : snippet[1]}` : rel;
};

async function reportParts(dir, chunk) {
  const rows = [];
  for (const [id, module] of Object.entries(chunk.modules)) {
    if (!module.code?.trim()) continue;
    // As a script, so that its top-level names stay (alone, a module's declarations look unused);
    // a script cannot say `import.meta`, which stands for a name of the same length here.
    const { code } = await minify(module.code.replaceAll("import.meta", "_import_meta"), { ...TERSER, module: false });
    rows.push([partName(dir, id), code.length, gzipSync(code, { level: 9 }).length]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  console.error(`  ${dir}/index.js by part, each minified and gzipped alone (bytes raw, gzip):`);
  for (const [name, raw, gz] of rows) console.error(`    ${name.padEnd(44)} ${String(raw).padStart(7)} ${String(gz).padStart(7)}`);
}

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
  if (dir === dirs[0]) await reportParts(dir, output[0]);
  const { code } = await minify(output[0].code, TERSER);
  if (!code || !code.includes("import.meta.url")) throw new Error(`${dir}: the bundle lost its wasm URL`);
  outputs.push([input, code]);
}
for (const id of bundled) if (fs.existsSync(id)) fs.rmSync(id);
for (const dir of dirs) {
  const snippets = path.join(dir, "snippets");
  if (fs.existsSync(snippets)) fs.rmSync(snippets, { recursive: true });
}
for (const [file, code] of outputs) fs.writeFileSync(file, code + "\n");
