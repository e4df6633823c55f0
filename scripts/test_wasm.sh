#!/usr/bin/env bash
# The wasm binding's tests: the wasm-bindgen-test files tests/wasm_*.rs (those of the proxy client
# aside, which their own script runs) in Node and in headless Chromium, then the generated
# TypeScript types checked with `tsc --strict` against tests/types/example.ts, which is also run.
# Prints one PASS/FAIL line per step and exits non-zero if any step fails.
#
# The test files are built with `cargo test --target wasm32-unknown-unknown --test NAME` and the
# wasm-bindgen-test-runner, which is what `wasm-pack test` runs, minus its `--tests` flag: that
# flag would also build every native test file for wasm32.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

tests=()
for f in tests/wasm_*.rs; do
  name=$(basename "$f" .rs)
  [[ $name == wasm_proxy* ]] && continue
  tests+=(--test "$name")
done

failed=()
step() {
  local name=$1; shift
  echo "--- $name"
  if "$@"; then echo "PASS $name"; else echo "FAIL $name"; failed+=("$name"); fi
}

step "wasm tests in Node" env CARGO_PROFILE_DEV_DEBUG=0 cargo test --locked --target wasm32-unknown-unknown --features reference-walker "${tests[@]}"

if [[ -x ${CHROMEDRIVER:-/usr/bin/chromedriver} ]]; then
  # webdriver.json at the crate root gives Chromium its flags (--no-sandbox, since we run as root).
  step "wasm tests in headless Chromium" env CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$PWD/scripts/wasm-browser-runner.sh" \
    CARGO_PROFILE_DEV_DEBUG=0 \
    cargo test --locked --target wasm32-unknown-unknown --features reference-walker "${tests[@]}"
else
  echo "FAIL wasm tests in headless Chromium: no chromedriver (run scripts/setup.sh)"
  failed+=("chromium")
fi

types_check() {
  local out=target/types-check
  local pkg=$out/node_modules/marketsplit
  rm -rf "$out" && mkdir -p "$pkg" || return 1
  wasm-pack --quiet build --dev --no-pack --target nodejs --out-dir "$pkg" --out-name marketsplit >&2 || return 1
  # The crate's own output, as is: it exports the whole browser-safe API by itself (API.md), the
  # JS-written MarketsplitError and ProxyClient included.
  printf '{ "name": "marketsplit", "main": "marketsplit.js", "types": "marketsplit.d.ts" }\n' >"$pkg/package.json"
  node tests/pkg/crate-exports.mjs browser "$pkg/marketsplit.js" || return 1
  # The published types hold no `any`.
  if grep -nE '(:|<|\||,|\()\s*any\b|\bany\s*(\[\]|>|\||,|;|\))' "$pkg/marketsplit.d.ts"; then echo "marketsplit.d.ts contains any" >&2; return 1; fi
  node_modules/.bin/tsc -p tests/types --strict --noEmit || return 1
  node_modules/.bin/tsc -p tests/types --strict --noEmit false --outDir "$out/out" || return 1
  node "$out/out/example.js"
}
step "TypeScript types (tsc --strict) and typed example" types_check

if (( ${#failed[@]} > 0 )); then
  echo "test_wasm: FAILED: ${failed[*]}"
  exit 1
fi
echo "test_wasm: all steps passed"
