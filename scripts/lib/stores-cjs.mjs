// The token stores (pkg-template/stores/, ES modules: the fetch-API entry bundles them) as
// CommonJS for the Node entry, which must load in Node 18 where require() cannot load an ES
// module: pkg/stores/<name>.js becomes pkg/node/stores/<name>.cjs, and their types index.d.cts.
// The stores use only `export function`, named `import { … } from "./x.js"` and
// `export { … } from "./x.js"`; anything else stops the build rather than break at run time.
// Usage: node scripts/lib/stores-cjs.mjs <pkg dir>
import fs from "node:fs";
import path from "node:path";

const pkg = process.argv[2];
const from = path.join(pkg, "stores");
const to = path.join(pkg, "node", "stores");
fs.mkdirSync(to, { recursive: true });
const local = (spec) => {
  if (!/^\.\/[\w-]+\.js$/.test(spec)) throw new Error(`${spec}: the stores may import only their own files`);
  return spec.replace(/\.js$/, ".cjs");
};
for (const file of fs.readdirSync(from).filter((f) => f.endsWith(".js"))) {
  const exported = [];
  let code = fs.readFileSync(path.join(from, file), "utf8")
    .replace(/^import \{([^}]*)\} from "([^"]+)";$/gm, (_, names, spec) => `const {${names}} = require("${local(spec)}");`)
    .replace(/^export \{([^}]*)\} from "([^"]+)";$/gm, (_, names, spec) => {
      const list = names.split(",").map((n) => n.trim()).filter(Boolean);
      exported.push(...list);
      return `const {${names}} = require("${local(spec)}");`;
    })
    .replace(/^export (async function|function) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
      exported.push(name);
      return `${kind} ${name}`;
    });
  if (/^\s*(export|import)\b/m.test(code)) throw new Error(`${file}: only \`export function\` and named imports can be made CommonJS`);
  code = `"use strict";\n${code.trimEnd()}\nmodule.exports = { ${exported.join(", ")} };\n`;
  fs.writeFileSync(path.join(to, file.replace(/\.js$/, ".cjs")), code);
}
fs.copyFileSync(path.join(from, "index.d.ts"), path.join(to, "index.d.cts"));
