#!/usr/bin/env bash
# Runs a command beside a real Redis (Debian's redis-server) and PostgreSQL (initdb/pg_ctl, as an
# unprivileged user when run as root, since PostgreSQL refuses root), each on a free loopback port
# with its own data, socket and log folders under one temp dir, and stops both when the command
# ends, however it ends. The command finds them in MARKETSPLIT_REDIS_URL and MARKETSPLIT_PG.
#   scripts/lib/with-stores.sh COMMAND [ARGS...]
set -euo pipefail

say() { printf '[with-stores] %s\n' "$*" >&2; }
if ! command -v initdb >/dev/null; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $pg_bin ]] && PATH="$pg_bin:$PATH"
fi
for tool in redis-server initdb pg_ctl; do
  command -v "$tool" >/dev/null || { say "$tool is missing: run scripts/setup.sh"; exit 1; }
done

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
"$@"
