#!/usr/bin/env bash
# The demo page's end-to-end tests (tests/e2e/: the workbench and `make demo`'s start, the buyer
# checkout and tamper control, the back office), each in headless Chromium. They need pkg/, which
# scripts/test_pkg.sh (run before this by `make test`) or `make pkg` builds; built here when missing.
# One file at a time: each starts its own Chromium and demo server.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f pkg/package.json || ! -f pkg/node/server.cjs ]]; then
  scripts/pkg.sh
fi
mkdir -p tests/out
node --test --test-concurrency=1 tests/e2e/
