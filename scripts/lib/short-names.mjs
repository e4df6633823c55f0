// Gives the wasm module's imports and exports short names, in the .wasm and in wasm-bindgen's glue
// alike: wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` under the module
// "./marketsplit_bg.js", and that text, written twice (once in each file) and made of hashes that
// do not compress, was a kilobyte of the browser entry. Only the glue ever uses these names.
// Usage: node scripts/lib/short-names.mjs <dir with marketsplit.js and marketsplit_bg.wasm>
// Run on the glue as wasm-bindgen wrote it (before minifying): it finds the names as
// `NAME: function` keys of the imports object and as `wasm.NAME`, and stops at anything else.
import fs from "node:fs";
import path from "node:path";

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

// --- reading and writing the binary format -------------------------------------------------
let at = 0;
const leb = () => {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const text = () => {
  const n = leb();
  const s = bytes.toString("utf8", at, at + n);
  at += n;
  return s;
};
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

/** Skips one import's description (after its names), returning its bytes. */
function importDescription() {
  const start = at;
  const kind = bytes[at++];
  if (kind === 0) leb(); // function: type index
  else if (kind === 1) { at++; const flags = leb(); leb(); if (flags & 1) leb(); } // table
  else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); } // memory
  else if (kind === 3) at += 2; // global: type, mutability
  else if (kind === 4) { at++; leb(); } // tag
  else fail(`unknown import kind ${kind}`);
  return bytes.subarray(start, at);
}

if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${wasmFile} is not a wasm module`);
at = 8;
const sections = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  sections.push({ id, start: at, end: at + size });
  at += size;
}

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
  at = section.start;
  if (section.id === 2) {
    const parts = [];
    const count = leb();
    for (let i = 0; i < count; i++) {
      const module = text();
      const name = text();
      const description = importDescription();
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
      const kind = bytes[at++];
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
