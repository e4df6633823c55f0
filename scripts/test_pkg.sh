#!/usr/bin/env bash
# Packaging tests: builds pkg/ (scripts/pkg.sh, which also measures the browser size budget),
# installs the pinned tools once per lock file (scripts/lib/pkg-tools.sh: Next.js, wrangler,
# esbuild, webpack, Rollup, Jest, Vitest, Hono, Bun, Deno), packs pkg/, installs the tarball in a fresh project beside
# those tools, and runs tests/pkg/ against that install: Node ESM/CJS, one instance, the crate's
# own exports, TypeScript --strict, Vite, webpack and esbuild in Chromium, Next.js (Turbopack and
# webpack) with `next start` and Chromium, `wrangler dev`, a server bundled by esbuild or Rollup run alone,
# Jest with jsdom, Vitest, Hono on Node, Bun and Deno, README examples.
set -euo pipefail
cd "$(dirname "$0")/.."
# An oversized browser entry (exit 3) fails the run, after the tests have had their say.
over_budget=0
scripts/pkg.sh || { status=$?; ((status == 3)) || exit "$status"; over_budget=1; }
export MARKETSPLIT_TOOLS MARKETSPLIT_CONSUMER MARKETSPLIT_TARBALL
MARKETSPLIT_TOOLS=$(scripts/lib/pkg-tools.sh)
consumer=$(node tests/pkg/consumer.mjs)
MARKETSPLIT_CONSUMER=$(node -p 'JSON.parse(process.argv[1]).project' "$consumer")
MARKETSPLIT_TARBALL=$(node -p 'JSON.parse(process.argv[1]).tarball' "$consumer")
trap 'rm -rf "$(dirname "$MARKETSPLIT_CONSUMER")"' EXIT
# Two at a time: two cores. The Next.js file (two production builds) is the longest; it starts first.
node --test --test-concurrency=2 tests/pkg/next.test.mjs $(ls tests/pkg/*.test.mjs | grep -v '/next\.test\.mjs$')
if ((over_budget)); then
  echo "test_pkg: FAILED: the browser entry is over its 50 KiB (51,200 bytes) gzip budget (see the sizes above)" >&2
  exit 1
fi
