#!/usr/bin/env bash
# Node and browser tests of the server half: the gateway simulator, the clients' wire format,
# the proxy handler, faults, signatures, and ProxyClient end to end in Node and headless Chromium.
# Builds pkg-build/node and pkg-build/web first unless they are newer than every source file.
set -euo pipefail
cd "$(dirname "$0")/.."

# A build is fresh when no crate source changed after its .wasm was written.
stale() {
  local wasm="pkg-build/$1/marketsplit_bg.wasm"
  [[ ! -f $wasm || ! -f pkg-build/$1/marketsplit.js ]] && return 0
  [[ -n $(find src Cargo.toml Cargo.lock -newer "$wasm" -print -quit) ]]
}

for target in node web; do
  if stale "$target"; then
    echo "[test_node] building $target" >&2
    scripts/build.sh "$target"
  fi
done

# Two cores: two test files at a time (each file is its own process with its own simulator).
exec node --test --test-concurrency=2 tests/node/ tests/browser/
