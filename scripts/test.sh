#!/usr/bin/env bash
# Runs every test suite in turn (what `make test` runs), keeps going past a failing suite so one run
# shows every failure, and ends with one summary line counting the tests of all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p tests/out
log=tests/out/test.log
: >"$log"
failed_suites=()
start=$(date +%s)

suite() {
  local name=$1; shift
  printf '\n=== %s: %s\n' "$name" "$*" | tee -a "$log"
  local t0=$(date +%s)
  if "$@" 2>&1 | tee -a "$log"; then
    printf '=== %s: ok (%ss)\n' "$name" "$(( $(date +%s) - t0 ))" | tee -a "$log"
  else
    printf '=== %s: FAILED (%ss)\n' "$name" "$(( $(date +%s) - t0 ))" | tee -a "$log"
    failed_suites+=("$name")
  fi
}

suite "imports: one direction (scripts/check/imports.mjs)" node scripts/check/imports.mjs
suite "rust: browser build has no server code" cargo check --locked --quiet --lib
# Lints of every build: fmt, then clippy with warnings as errors, natively (all targets) and for
# both wasm32 builds (`src/js/` is compiled only there). `#![warn(missing_docs)]` in src/lib.rs
# makes an undocumented public item one of those errors. Each runs even when one before failed.
lint() {
  local rc=0
  cargo fmt --check || rc=1
  cargo clippy --locked --quiet --features server,serde,rust_decimal --all-targets -- -D warnings || rc=1
  for build in server browser; do
    cargo clippy --locked --quiet --target wasm32-unknown-unknown --features "$build" --lib -- -D warnings || rc=1
  done
  return "$rc"
}
suite "rust: cargo fmt --check, clippy -D warnings (missing_docs) natively and for both wasm32 builds" lint
suite "rust: native tests" cargo test --locked --features server,serde,rust_decimal
for s in scripts/test_wasm.sh scripts/test_node.sh scripts/test_stores.sh scripts/test_pkg.sh scripts/test_demo.sh; do
  if [[ -f $s ]]; then suite "${s#scripts/}" bash "$s"; else suite "${s#scripts/}" bash -c "echo missing $s; exit 1"; fi
done

# cargo: "test result: ok. 11 passed; 0 failed"; node --test: "# pass 5" / "# fail 0";
# wasm-bindgen-test: "test result: ok. 3 passed; 0 failed".
passed=$(( $(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}') \
         + $(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ))
failed=$(( $(grep -oE '; [0-9]+ failed' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}') \
         + $(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ))
# A suite that failed without a failing test (a build error) still fails the run.
if (( ${#failed_suites[@]} > 0 && failed == 0 )); then failed=${#failed_suites[@]}; fi
printf '\nsuites failed: %s\n' "${failed_suites[*]:-none}"
printf 'total time: %ss\n' "$(( $(date +%s) - start ))"
printf '%s passed, %s failed\n' "$passed" "$failed"
(( ${#failed_suites[@]} == 0 ))
