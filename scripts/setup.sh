#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# The CLI must equal the wasm-bindgen crate pinned in Cargo.toml, or wasm-pack tries to download one.
WB_VERSION=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [[ -z $WB_VERSION ]]; then
  echo "[setup] Cargo.toml must pin wasm-bindgen with = (wasm-bindgen = { version = \"=X.Y.Z\", ... })" >&2
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  # --locked first; a lock entry missing from the registry index makes it fail, so fall back.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack"
  cargo install wasm-pack --locked || cargo install wasm-pack
fi

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  say "installing Debian chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The token-store tests run a real Redis and PostgreSQL (scripts/test_stores.sh). PostgreSQL 15's
# initdb, pg_ctl and postgres are looked for on PATH, then where Debian puts them.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}
if ! command -v redis-server >/dev/null; then
  say "installing Debian redis-server"
  apt_install redis-server
fi
if ! command -v initdb >/dev/null || ! command -v pg_ctl >/dev/null; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $pg_bin ]]; then
    say "installing Debian postgresql"
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  for tool in initdb pg_ctl postgres; do ln -sf "$pg_bin/$tool" "/usr/local/bin/$tool"; done
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
