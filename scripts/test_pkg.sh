#!/usr/bin/env bash
# Packaging tests: builds pkg/ (scripts/pkg.sh, which also measures the browser size budget),
# packs it, installs the tarball in a fresh temp project (offline), and runs tests/pkg/ against
# that install: Node ESM/CJS, one instance, TypeScript --strict, Vite + Chromium, README examples.
set -euo pipefail
cd "$(dirname "$0")/.."
# An oversized browser entry (exit 3) fails the run, after the tests have had their say.
over_budget=0
scripts/pkg.sh || { status=$?; ((status == 3)) || exit "$status"; over_budget=1; }
consumer=$(node tests/pkg/consumer.mjs)
export MARKETSPLIT_CONSUMER MARKETSPLIT_TARBALL
MARKETSPLIT_CONSUMER=$(node -p 'JSON.parse(process.argv[1]).project' "$consumer")
MARKETSPLIT_TARBALL=$(node -p 'JSON.parse(process.argv[1]).tarball' "$consumer")
trap 'rm -rf "$(dirname "$MARKETSPLIT_CONSUMER")"' EXIT
node --test --test-concurrency=2 tests/pkg/
if ((over_budget)); then
  echo "test_pkg: FAILED: the browser entry is over its 48 KB gzip budget (see the sizes above)" >&2
  exit 1
fi
