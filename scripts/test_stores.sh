#!/usr/bin/env bash
# The token stores against real servers (scripts/lib/with-stores.sh starts a Redis and a
# PostgreSQL for the run and stops them after): tests/stores/.
#   scripts/test_stores.sh [node --test arguments...]    (default: every file in tests/stores/)
# MARKETSPLIT_NODE_BUILD=path/to/marketsplit.js runs the tests against another node build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${MARKETSPLIT_NODE_BUILD:-} ]]; then
  wasm=pkg-build/node/marketsplit_bg.wasm
  if [[ ! -f $wasm || -n $(find src Cargo.toml Cargo.lock -newer "$wasm" -print -quit) ]]; then
    echo "[test_stores] building node" >&2
    scripts/build.sh node
  fi
fi
if (($# == 0)); then set -- tests/stores/; fi
# One file at a time: each starts several Node processes of its own.
exec scripts/lib/with-stores.sh node --test --test-concurrency=1 "$@"
