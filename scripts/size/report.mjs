// `make size`: what each part of the browser entry costs. Reads the function names that wasm-opt
// keeps with -g and the size of every function body, and sums them by crate (and by module of
// marketsplit); data segments and the remaining sections are listed apart. Raw bytes: gzip does
// not split by function, so the gzip total is given for the whole file only.
//   node scripts/size/report.mjs [pkg-build/web/marketsplit_bg.names.wasm]
import fs from "node:fs";
import zlib from "node:zlib";
import { WasmReader } from "../lib/wasm-reader.mjs";

const file = process.argv[2] ?? "pkg-build/web/marketsplit_bg.names.wasm";
const bytes = fs.readFileSync(file);

const reader = new WasmReader(bytes);
const leb = () => reader.leb();
const name = () => reader.text();

const SECTIONS = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];
const sections = [];
let importedFunctions = 0;
let bodies = [];
const names = new Map();
for (const { id, start, end } of reader.sections()) {
  reader.at = start;
  const section = { id, kind: SECTIONS[id] ?? `section ${id}`, size: end - start };
  if (id === 0) section.kind = `custom "${name()}"`;
  if (id === 2) {
    for (let i = 0, n = leb(); i < n; i++) {
      name();
      name();
      if (reader.importDescription().kind === 0) importedFunctions++;
    }
  }
  if (id === 10) {
    bodies = [];
    for (let i = 0, n = leb(); i < n; i++) {
      const length = leb();
      bodies.push(length + 1); // + its size field, about one byte
      reader.at += length;
    }
  }
  if (section.kind === 'custom "name"') {
    while (reader.at < end) {
      const sub = bytes[reader.at++];
      const subEnd = leb() + reader.at;
      if (sub === 1) {
        for (let i = 0, n = leb(); i < n; i++) {
          const index = leb();
          names.set(index, name());
        }
      }
      reader.at = subEnd;
    }
  }
  sections.push(section);
}

const CRATES = ["marketsplit", "core", "alloc", "std", "wasm_bindgen", "js_sys", "web_sys", "compiler_builtins"];
const MODULES_WITH_FILES = ["money", "split", "juspay", "instamojo", "js", "proxy"];

/** The group a function's name falls in: an export, its crate, or marketsplit's module. */
function group(fn) {
  // wasm-bindgen's shim of an export, with the logic LTO inlined into it.
  if (/ shim\b/.test(fn)) return `export ${fn.split(" ")[0]} (shim and inlined logic)`;
  if (/^(marketspliterror|settlementledger|proxyclient|proxyjuspay|proxyinstamojo)_\w+$/.test(fn)) return `export ${fn}`;
  if (/^__(rust|rdl|rg)_|::__rust_(alloc|dealloc|realloc)/.test(fn)) return "alloc";
  if (/^__wbindgen|^__wbg|^__externref/.test(fn)) return "wasm_bindgen";
  if (/^__\w+ti3$|^mem(cpy|set|cmp|move)$/.test(fn)) return "compiler_builtins";
  // The first crate named in the path: `<u32 as core[..]::fmt::Display>::fmt` is core's.
  const found = [...fn.matchAll(/([a-z_]+)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]).find((c) => CRATES.includes(c));
  const crate = found ?? (/^<(\[?&?(u|i)(8|16|32|64|128|size)\]?|char|f64|f32|str|\[u8\])>::/.test(fn) ? "core" : undefined);
  if (crate === "marketsplit") {
    const parts = fn.slice(fn.indexOf("marketsplit::")).split("::");
    const sub = MODULES_WITH_FILES.includes(parts[1]) && /^\w+$/.test(parts[2] ?? "") && parts.length > 3 ? `::${parts[2]}` : "";
    return `marketsplit::${parts[1]}${sub}`;
  }
  if (crate) return /fmt|panic/.test(fn) ? `${crate} (formatting and panics)` : crate;
  return `other: ${fn.slice(0, 60)}`;
}

const groups = new Map();
bodies.forEach((size, i) => {
  const fn = names.get(importedFunctions + i) ?? "";
  const key = group(fn);
  const g = groups.get(key) ?? { size: 0, count: 0 };
  g.size += size;
  g.count += 1;
  groups.set(key, g);
});

const stripped = file.replace(/\.names\.wasm$/, ".wasm");
const total = sections.filter((s) => s.kind !== 'custom "name"').reduce((sum, s) => sum + s.size, 0);
const rows = [...groups].sort((a, b) => b[1].size - a[1].size);
const pad = (v, n) => String(v).padStart(n);
console.log(`${file}: function bodies by crate (raw bytes; ${total} bytes without the name section)`);
for (const [key, { size, count }] of rows) {
  console.log(`${pad(size, 8)} ${pad(((100 * size) / total).toFixed(1), 5)}%  ${pad(count, 4)} fns  ${key}`);
}
console.log("other sections:");
for (const s of sections.filter((s) => s.kind !== "code" && s.kind !== 'custom "name"')) {
  console.log(`${pad(s.size, 8)} ${pad(((100 * s.size) / total).toFixed(1), 5)}%            ${s.kind}`);
}
if (fs.existsSync(stripped)) {
  const shipped = fs.readFileSync(stripped);
  console.log(`shipped ${stripped}: ${shipped.length} bytes raw, ${zlib.gzipSync(shipped, { level: 9 }).length} bytes gzip`);
}
