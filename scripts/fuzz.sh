#!/usr/bin/env bash
# Runs the fuzz harness (tests/fuzz.rs, tests/fuzz/hostile.rs) in release for the given number of
# seconds (default 60), with a fresh seed unless FUZZ_SEED is set, and prints how many inputs each
# target tried and the mean and longest time per input. `--features server` brings in the
# redaction target.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS=${1:-${FUZZ_SECONDS:-60}}
export FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}
cargo test --release --locked --features server --test fuzz -- --nocapture
