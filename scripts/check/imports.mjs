#!/usr/bin/env node
// The import graph of src/ points one way (README.md, "Layout"). Reads every path of every file
// (`use` trees, `crate::`/`super::`/`self::` paths, and paths through a child module the file
// declares), resolves each to the file that defines the item (following `use` re-exports, so
// `crate::Paise` counts as money/amount.rs), and fails on:
//   - a cycle between files,
//   - a cycle between areas (an area is the top folder or file under src/: money, split, js, ...),
//   - an import from a lower layer to a higher one (LAYERS below).
// src/lib.rs is left out: the crate root only declares the modules, re-exports the public API and
// holds the alloc prelude, so every file "uses" it without depending on anything in it.
// Usage: node scripts/check/imports.mjs [--graph] [--src DIR]
//   --graph also prints every file edge; --src checks another tree (the checker's own tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcArg = process.argv.indexOf('--src');
const root = srcArg > 0 ? join(process.argv[srcArg + 1], '..') : join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const src = srcArg > 0 ? process.argv[srcArg + 1] : join(root, 'src');

// Lowest first: a file may import its own layer and the layers before it, never a later one.
export const LAYERS = [
  ['core', ['error', 'float', 'json', 'money', 'juspay', 'split', 'instamojo']],
  ['contract', ['contract']],
  ['server', ['proxy', 'server']],
  ['binding', ['js', 'wasm_alloc']],
];

function listRs(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listRs(p));
    else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out.sort();
}

// Blanks comments, strings and char literals (keeping newlines so line numbers hold).
export function strip(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = text[i];
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '/' && d === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') (depth++, (j += 2));
        else if (text[j] === '*' && text[j + 1] === '/') (depth--, (j += 2));
        else j++;
      }
      out += blank(text.slice(i, j));
      i = j;
    } else if ((c === 'r' || (c === 'b' && d === 'r')) && /^b?r#*"/.test(text.slice(i, i + 40)) && !/\w/.test(text[i - 1] ?? '')) {
      const m = /^b?r(#*)"/.exec(text.slice(i, i + 40));
      const close = '"' + m[1];
      let j = text.indexOf(close, i + m[0].length);
      j = j < 0 ? n : j + close.length;
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === "'") {
      // A char literal ('x', '\n', '\u{..}', '{'), or a lifetime ('a), which stays.
      let j = -1;
      if (d === '\\') {
        j = text.indexOf("'", i + 2);
        if (text[i + 2] === "'") j = text.indexOf("'", i + 3);
      } else {
        const cp = text.codePointAt(i + 1);
        const w = cp > 0xffff ? 2 : 1;
        if (text[i + 1 + w] === "'") j = i + 1 + w;
      }
      if (j > 0) {
        out += blank(text.slice(i, j + 1));
        i = j + 1;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const KEYWORDS = new Set(['crate', 'super', 'self']);

// Parses a use tree into flat paths: [{ segs, alias, glob }].
function parseUseTree(s) {
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const ident = () => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  function tree(prefix) {
    ws();
    const segs = [...prefix];
    if (s.startsWith('::', i)) i += 2;
    for (;;) {
      ws();
      if (s[i] === '{') {
        i++;
        const out = [];
        for (;;) {
          ws();
          if (s[i] === '}') {
            i++;
            break;
          }
          out.push(...tree(segs));
          ws();
          if (s[i] === ',') i++;
        }
        return out;
      }
      if (s[i] === '*') {
        i++;
        return [{ segs, glob: true }];
      }
      const id = ident();
      if (id === null) return [];
      if (id === 'self' && segs.length > 0) {
        ws();
        let alias = segs[segs.length - 1];
        if (s.startsWith('as', i) && /\s/.test(s[i + 2] ?? '')) {
          i += 2;
          alias = ident();
        }
        return [{ segs, alias }];
      }
      segs.push(id);
      ws();
      if (s.startsWith('::', i)) {
        i += 2;
        continue;
      }
      let alias = id;
      if (s.startsWith('as', i) && /\s/.test(s[i + 2] ?? '')) {
        i += 2;
        alias = ident();
      }
      return [{ segs, alias }];
    }
  }
  return tree([]);
}

function modulePathOf(file) {
  const rel = relative(src, file).replace(/\\/g, '/').replace(/\.rs$/, '');
  const parts = rel.split('/');
  if (parts[parts.length - 1] === 'mod' || rel === 'lib') parts.pop();
  return parts;
}

export function analyse() {
  const files = listRs(src);
  const modules = new Map(); // "a::b" -> { file, path, imports: Map, children: Set }
  const occurrences = []; // { file, line, mod, segs, glob, inUse }
  const key = (p) => p.join('::');
  const ensure = (path, file) => {
    const k = key(path);
    if (!modules.has(k)) modules.set(k, { file, path, imports: new Map(), children: new Set() });
    return modules.get(k);
  };

  for (const file of files) {
    const text = strip(readFileSync(file, 'utf8'));
    const filePath = modulePathOf(file);
    ensure(filePath, file);
    const lineAt = (idx) => text.slice(0, idx).split('\n').length;
    // Stack of [module path, brace depth of its body].
    const stack = [[filePath, 0]];
    let depth = 0;
    const tokenRe = /\{|\}|\bmod\s+([A-Za-z_]\w*)\s*([;{])|\buse\s+([^;]*);|\b([A-Za-z_]\w*)((?:\s*::\s*[A-Za-z_]\w*)+)/g;
    let m;
    while ((m = tokenRe.exec(text))) {
      const [cur, curDepth] = stack[stack.length - 1];
      if (m[0] === '{') {
        depth++;
      } else if (m[0] === '}') {
        if (depth === curDepth && stack.length > 1) stack.pop();
        depth--;
      } else if (m[1]) {
        const child = [...cur, m[1]];
        ensure(cur, file).children.add(m[1]);
        if (m[2] === '{') {
          depth++;
          ensure(child, file);
          stack.push([child, depth]);
        }
      } else if (m[3] !== undefined) {
        const line = lineAt(m.index);
        for (const u of parseUseTree(m[3])) {
          occurrences.push({ file, line, mod: cur, segs: u.segs, glob: !!u.glob, inUse: true });
          if (!u.glob && depth === curDepth) modules.get(key(cur)).imports.set(u.alias, { mod: cur, segs: u.segs });
        }
      } else if (m[4]) {
        // A path outside `use`; `$crate::` of a macro counts as `crate::`.
        const segs = [m[4], ...m[5].split('::').map((x) => x.trim()).filter(Boolean)];
        occurrences.push({ file, line: lineAt(m.index), mod: cur, segs, glob: false, inUse: false });
      }
    }
  }

  // A path as written in module `mod` -> absolute segments, or null when it is not the crate's.
  function absolute(mod, segs, inUse) {
    const [first, ...rest] = segs;
    if (first === 'crate') return rest;
    if (first === 'self') return [...mod, ...rest];
    if (first === 'super') {
      let base = [...mod];
      let k = 0;
      while (segs[k] === 'super') {
        base = base.slice(0, -1);
        k++;
      }
      if (segs[k] === 'self') k++;
      return [...base, ...segs.slice(k)];
    }
    const here = modules.get(key(mod));
    if (here && here.children.has(first)) return [...mod, ...segs];
    // A name a `use` of this module brought in (a path through an imported module, e.g. `details::x`
    // after `use crate::juspay::details;`), outside `use` trees only to avoid counting twice.
    if (!inUse && here && here.imports.has(first)) {
      const imp = here.imports.get(first);
      const base = absolute(imp.mod, imp.segs, true);
      return base && [...base, ...rest];
    }
    return null;
  }

  // Absolute segments -> the file defining the item, following re-exports.
  function resolve(segs, glob, seen = 0) {
    if (!segs || seen > 20) return null;
    let i = segs.length;
    while (i > 0 && !modules.has(key(segs.slice(0, i)))) i--;
    if (i === 0 && !modules.has('')) return null;
    const mod = modules.get(key(segs.slice(0, i)));
    if (i === 0 && segs.length > 0 && !mod.imports.has(segs[0]) && !mod.children.has(segs[0])) {
      // crate::Name where lib.rs neither declares nor re-exports Name: lib.rs itself.
      return mod.file;
    }
    if (i === segs.length || glob) return mod.file;
    const imp = mod.imports.get(segs[i]);
    if (imp) {
      const target = absolute(imp.mod, imp.segs, true);
      if (target) return resolve([...target, ...segs.slice(i + 1)], glob, seen + 1);
      return mod.file;
    }
    return mod.file;
  }

  const libFile = join(src, 'lib.rs');
  const edges = new Map(); // from -> Map(to -> [lines])
  for (const o of occurrences) {
    if (o.file === libFile) continue;
    const abs = absolute(o.mod, o.segs, o.inUse);
    if (!abs) continue;
    const to = resolve(abs, o.glob);
    if (!to || to === o.file || to === libFile) continue;
    if (!edges.has(o.file)) edges.set(o.file, new Map());
    const m = edges.get(o.file);
    if (!m.has(to)) m.set(to, []);
    if (!m.get(to).includes(o.line)) m.get(to).push(o.line);
  }
  return { files: files.filter((f) => f !== libFile), edges };
}

// Tarjan's strongly connected components; returns those with more than one node.
function cycles(nodes, next) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

export function areaOf(file) {
  return relative(src, file).replace(/\\/g, '/').split('/')[0].replace(/\.rs$/, '');
}

export function layerOf(area) {
  const i = LAYERS.findIndex(([, areas]) => areas.includes(area));
  return i;
}

function main() {
  const { files, edges } = analyse();
  const rel = (f) => relative(root, f).replace(/\\/g, '/');
  const edgeText = (from, to) => `${rel(from)}:${edges.get(from).get(to).join(',')} -> ${rel(to)}`;
  const problems = [];

  if (process.argv.includes('--graph')) {
    for (const [from, m] of edges) for (const to of m.keys()) console.log(edgeText(from, to));
  }

  for (const f of files) {
    if (layerOf(areaOf(f)) < 0) problems.push(`${rel(f)}: area "${areaOf(f)}" has no layer (scripts/check/imports.mjs LAYERS)`);
  }

  for (const scc of cycles(files, (v) => [...(edges.get(v)?.keys() ?? [])])) {
    const inside = new Set(scc);
    problems.push(`file cycle: ${scc.map(rel).join(' <-> ')}`);
    for (const from of scc) for (const to of edges.get(from)?.keys() ?? []) if (inside.has(to)) problems.push(`    ${edgeText(from, to)}`);
  }

  const areaEdges = new Map();
  for (const [from, m] of edges) {
    for (const to of m.keys()) {
      const a = areaOf(from);
      const b = areaOf(to);
      if (a === b) continue;
      if (!areaEdges.has(a)) areaEdges.set(a, new Map());
      if (!areaEdges.get(a).has(b)) areaEdges.get(a).set(b, []);
      areaEdges.get(a).get(b).push([from, to]);
    }
  }
  const areas = [...new Set(files.map(areaOf))].sort();
  for (const scc of cycles(areas, (a) => [...(areaEdges.get(a)?.keys() ?? [])])) {
    const inside = new Set(scc);
    problems.push(`area cycle: ${scc.join(' <-> ')}`);
    for (const a of scc) {
      for (const [b, list] of areaEdges.get(a) ?? []) {
        if (!inside.has(b)) continue;
        for (const [from, to] of list) problems.push(`    ${edgeText(from, to)}`);
      }
    }
  }

  for (const [from, m] of edges) {
    for (const to of m.keys()) {
      const lf = layerOf(areaOf(from));
      const lt = layerOf(areaOf(to));
      if (lf >= 0 && lt > lf) {
        problems.push(`upward import (${LAYERS[lf][0]} -> ${LAYERS[lt][0]}): ${edgeText(from, to)}`);
      }
    }
  }

  const edgeCount = [...edges.values()].reduce((s, m) => s + m.size, 0);
  if (problems.length) {
    console.log(problems.join('\n'));
    console.log(`imports: ${problems.filter((p) => !p.startsWith(' ')).length} problem(s) in ${files.length} files, ${edgeCount} edges`);
    process.exit(1);
  }
  console.log(`imports: ok, ${files.length} files, ${edgeCount} edges, no cycle, layers ${LAYERS.map(([n]) => n).join(' -> ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
