#!/usr/bin/env bash
# The token stores against real servers: starts a Redis (Debian's redis-server) and a PostgreSQL
# (initdb/pg_ctl, as an unprivileged user when run as root, since PostgreSQL refuses root) on free
# loopback ports, each with its own data, socket and log folders under one temp dir, runs
# tests/stores/ against them, and stops both at the end, whatever happened.
#   scripts/test_stores.sh [node --test arguments...]    (default: every file in tests/stores/)
# MARKETSPLIT_NODE_BUILD=path/to/marketsplit.js runs the tests against another node build.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test_stores] %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null || { say "$1 is missing: run scripts/setup.sh"; exit 1; }; }
need redis-server
need initdb
need pg_ctl

if [[ -z ${MARKETSPLIT_NODE_BUILD:-} ]]; then
  wasm=pkg-build/node/marketsplit_bg.wasm
  if [[ ! -f $wasm || -n $(find src Cargo.toml Cargo.lock -newer "$wasm" -print -quit) ]]; then
    say "building node"
    scripts/build.sh node
  fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/marketsplit-stores.XXXXXX")
redis_pid=
pg_user=$(id -un)
as_pg() { if [[ $pg_user == "$(id -un)" ]]; then "$@"; else runuser -u "$pg_user" -- "$@"; fi; }
cleanup() {
  local status=$?
  if [[ -n $redis_pid ]]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  if [[ -f $tmp/pg/data/postmaster.pid ]]; then as_pg pg_ctl -D "$tmp/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if ((status != 0)); then
    for log in "$tmp/redis.log" "$tmp/pg/log/postgres.log"; do
      [[ -f $log ]] && { say "last lines of $log:"; tail -n 20 "$log" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two distinct free ports on 127.0.0.1, held open together while they are chosen.
read -r redis_port pg_port < <(node -e '
  const net = require("net");
  const open = () => new Promise((r) => { const s = net.createServer().listen(0, "127.0.0.1", () => r(s)); });
  Promise.all([open(), open()]).then((ss) => { console.log(ss.map((s) => s.address().port).join(" ")); ss.forEach((s) => s.close()); });')

redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$tmp" --save "" --appendonly no \
  --logfile "$tmp/redis.log" --daemonize no &
redis_pid=$!

# PostgreSQL: as root, a user of its own (created when missing) owns the data.
if ((EUID == 0)); then
  pg_user=marketsplit_pg
  id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
fi
mkdir -p "$tmp/pg/data" "$tmp/pg/socket" "$tmp/pg/log"
chmod 755 "$tmp"
chown -R "$pg_user" "$tmp/pg"
as_pg initdb -D "$tmp/pg/data" -U postgres -A trust --no-sync -E UTF8 >"$tmp/pg/log/initdb.log" 2>&1 \
  || { cat "$tmp/pg/log/initdb.log" >&2; exit 1; }
as_pg pg_ctl -D "$tmp/pg/data" -l "$tmp/pg/log/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $tmp/pg/socket -c fsync=off -c max_connections=100" start >/dev/null

# Redis answers PING once it is up.
for _ in $(seq 100); do
  node -e '
    const s = require("net").connect(+process.argv[1], "127.0.0.1", () => s.write("PING\r\n"));
    s.on("data", (d) => process.exit(String(d).startsWith("+PONG") ? 0 : 1)); s.on("error", () => process.exit(1));' "$redis_port" && break
  sleep 0.1
done

export MARKETSPLIT_REDIS_URL="redis://127.0.0.1:$redis_port"
export MARKETSPLIT_PG="postgres://postgres@127.0.0.1:$pg_port/postgres"
say "redis on $redis_port, postgresql on $pg_port"
if (($# == 0)); then set -- tests/stores/; fi
# One file at a time: each starts several Node processes of its own.
node --test --test-concurrency=1 "$@"
