#!/usr/bin/env bash
# Runs the fuzz harness (tests/fuzz.rs) in release for the given number of seconds (default 60),
# with a fresh seed unless FUZZ_SEED is set, and prints how many inputs it tried.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS=${1:-${FUZZ_SECONDS:-60}}
export FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}
cargo test --release --locked --test fuzz -- --nocapture
