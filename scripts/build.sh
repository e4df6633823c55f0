#!/usr/bin/env bash
# Builds the wasm module for one target into pkg-build/<name>/ and optimises it with the wasm-opt
# of the npm package `binaryen` (wasm-pack's own would be downloaded, which cannot happen here).
#   scripts/build.sh web          browser entry: --target web, no server code, no std (feature browser)
#   scripts/build.sh node         Node entry:    --target nodejs --features server
#   scripts/build.sh server-web   fetch-API runtimes: --target web --features server
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
name=${1:?usage: build.sh web|node|server-web}
case "$name" in
  web) args=(--target web -- --features browser) ;;
  node) args=(--target nodejs -- --features server) ;;
  server-web) args=(--target web -- --features server) ;;
  *) echo "unknown build $name" >&2; exit 2 ;;
esac
out="pkg-build/$name"
# wasm-pack leaves files of an earlier build (an inline_js snippet since removed) in place.
rm -rf "$out"
wasm-pack --quiet build --release --no-pack --out-dir "$out" --out-name marketsplit "${args[@]}" >&2
wasm="$out/marketsplit_bg.wasm"
opt=node_modules/binaryen/bin/wasm-opt
if [[ -x $opt ]]; then
  # What current rustc output uses; the npm `binaryen` wants each named.
  features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
    --enable-reference-types --enable-multivalue)
  # The browser build keeps a copy with function names for `make size` (scripts/size/report.mjs).
  if [[ $name == web ]]; then
    "$opt" -g -Os "${features[@]}" "$wasm" -o "$out/marketsplit_bg.names.wasm"
  fi
  # -Os keeps speed close to -O3 at a smaller size; --converge repeats it while the module shrinks.
  # Names and the target-features section are dropped here, after optimising (strip stays off in
  # Cargo.toml so that wasm-opt sees the features).
  "$opt" -Os --converge "${features[@]}" --strip-debug --strip-producers --strip-target-features \
    "$wasm" -o "$wasm.opt" && mv "$wasm.opt" "$wasm"
else
  echo "warning: $opt missing (run scripts/setup.sh); the .wasm is not optimised" >&2
fi
# The `web` glue's imports and exports get short names (scripts/lib/short-names.mjs).
if [[ $name != node ]]; then
  node scripts/lib/short-names.mjs "$out"
fi
printf '%s: %s bytes raw, %s bytes gzip\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)" >&2
