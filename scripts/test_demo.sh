#!/usr/bin/env bash
# The demo page's end-to-end test (tests/e2e/): needs pkg/, which scripts/test_pkg.sh (run before
# this by `make test`) or `make pkg` builds; builds it here when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f pkg/package.json || ! -f pkg/node/server.cjs ]]; then
  scripts/pkg.sh
fi
mkdir -p tests/out
node --test tests/e2e/
