// Minifies the JavaScript a browser downloads (the wasm-bindgen glue, its snippets and the entry
// files) in place. Class names are kept (`constructor.name` and `instanceof` messages read them);
// nothing reads a function's name. Usage: node scripts/lib/minify.mjs <dir>...
import fs from "node:fs";
import path from "node:path";
import { minify } from "terser";

const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith(".js")) files.push(file);
  }
};
for (const dir of process.argv.slice(2)) walk(dir);

for (const file of files) {
  const source = fs.readFileSync(file, "utf8");
  const { code } = await minify(source, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    keep_classnames: true,
    format: { comments: false },
  });
  if (typeof code !== "string" || code.length === 0) throw new Error(`${file}: terser gave no output`);
  fs.writeFileSync(file, code + "\n");
}
