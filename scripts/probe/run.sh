#!/usr/bin/env bash
# Builds the idiomatic probe (serde + serde-wasm-bindgen + rust_decimal) the way scripts/build.sh
# builds marketsplit (release, the wasm-bindgen CLI pinned in Cargo.toml, wasm-opt from the npm
# `binaryen`), prints its gzip size, then measures it against the built package
# (scripts/probe/compare.mjs). Needs the package built first (`make built`).
#   bash scripts/probe/run.sh           build + compare (7 interleaved runs per case)
#   bash scripts/probe/run.sh --quick   build + a short compare, to check the scripts
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="$here/target"
out="$here/target/pkg"
opt="$root/node_modules/binaryen/bin/wasm-opt"
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue)

(cd "$here" && cargo build --quiet --release --target wasm32-unknown-unknown)
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/marketsplit_probe.wasm"
rm -rf "$out"
for target in web nodejs; do
  wasm-bindgen --target "$target" --out-dir "$out/$target" --out-name probe "$raw"
  "$opt" -Os --converge "${features[@]}" --strip-debug --strip-producers --strip-target-features \
    "$out/$target/probe_bg.wasm" -o "$out/$target/probe_bg.wasm.opt"
  mv "$out/$target/probe_bg.wasm.opt" "$out/$target/probe_bg.wasm"
done
# cjs: the nodejs glue is CommonJS; package.json of the probe's build says so.
echo '{"type":"commonjs"}' >"$out/nodejs/package.json"
for file in web/probe_bg.wasm web/probe.js; do
  printf 'probe %-18s %8d bytes raw %8d bytes gzip\n' "$file" "$(wc -c <"$out/$file")" "$(gzip -9c "$out/$file" | wc -c)"
done
node "$here/compare.mjs" "$@"
