// Gives the wasm module's imports and exports short names, in the .wasm and in wasm-bindgen's glue
// alike: wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` under the module
// "./marketsplit_bg.js", and that text, written twice (once in each file) and made of hashes that
// do not compress, was a kilobyte of the browser entry. Only the glue ever uses these names.
// Usage: node scripts/lib/short-names.mjs <dir with marketsplit.js and marketsplit_bg.wasm>
// Run on the glue as wasm-bindgen wrote it (before minifying): it finds the names as
// `NAME: function` keys of the imports object and as `wasm.NAME`, and stops at anything else.
import fs from "node:fs";
import path from "node:path";
import { WasmReader } from "./wasm-reader.mjs";

const dir = process.argv[2];
const wasmFile = path.join(dir, "marketsplit_bg.wasm");
const glueFile = path.join(dir, "marketsplit.js");
const bytes = fs.readFileSync(wasmFile);
let glue = fs.readFileSync(glueFile, "utf8");
const MODULE = "./marketsplit_bg.js";

const fail = (why) => {
  console.error(`short-names: ${why}`);
  process.exit(1);
};

const reader = new WasmReader(bytes);
const leb = () => reader.leb();
const text = () => reader.text();
const encodeLeb = (n) => {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
};
const encodeText = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([encodeLeb(b.length), b]);
};
const sections = reader.sections();

// --- short names --------------------------------------------------------------------------
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
let counter = 0;
const nextName = () => {
  let n = counter++, name = "";
  do {
    name = ALPHABET[n % 52] + name;
    n = Math.floor(n / 52) - 1;
  } while (n >= 0);
  return "_" + name; // never a JS keyword, and never one of the original names (none is this short)
};
const escape = (s) => s.replace(/[$]/g, "\\$");

const rebuilt = new Map();
for (const section of sections) {
  reader.at = section.start;
  if (section.id === 2) {
    const parts = [];
    const count = leb();
    for (let i = 0; i < count; i++) {
      const module = text();
      const name = text();
      const description = reader.importDescription();
      // An import wasm-bindgen takes straight from a snippet module keeps its names.
      if (module !== MODULE) {
        parts.push(encodeText(module), encodeText(name), description);
        continue;
      }
      const key = new RegExp(`(?<=[{,\\s])${escape(name)}(?=: function\\b)`, "g");
      const found = glue.match(key)?.length ?? 0;
      if (found !== 1) fail(`import ${name} appears ${found} times as a key of the glue's imports`);
      const short = nextName();
      glue = glue.replace(key, short);
      parts.push(encodeText("m"), encodeText(short), description);
    }
    rebuilt.set(section, Buffer.concat([encodeLeb(count), ...parts]));
  }
  if (section.id === 7) {
    const parts = [];
    const count = leb();
    for (let i = 0; i < count; i++) {
      const name = text();
      const kind = bytes[reader.at++];
      const index = leb();
      const use = new RegExp(`\\bwasm\\.${escape(name)}\\b`, "g");
      let exported = name;
      if (use.test(glue)) {
        exported = nextName();
        glue = glue.replace(use, `wasm.${exported}`);
      }
      parts.push(encodeText(exported), Buffer.from([kind]), encodeLeb(index));
    }
    rebuilt.set(section, Buffer.concat([encodeLeb(count), ...parts]));
  }
}

const modules = glue.split(JSON.stringify(MODULE)).length - 1;
if (modules !== 1) fail(`"${MODULE}" appears ${modules} times in the glue`);
glue = glue.replace(JSON.stringify(MODULE), "m");
const leftover = glue.match(/\b__wbg_\w+_[0-9a-f]{16}\b/);
if (leftover) fail(`the glue still names ${leftover[0]}`);

const out = [bytes.subarray(0, 8)];
for (const section of sections) {
  const body = rebuilt.get(section) ?? bytes.subarray(section.start, section.end);
  out.push(Buffer.from([section.id]), encodeLeb(body.length), body);
}
fs.writeFileSync(wasmFile, Buffer.concat(out));
fs.writeFileSync(glueFile, glue);
