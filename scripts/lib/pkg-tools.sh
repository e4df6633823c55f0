#!/usr/bin/env bash
# Installs the tools of the packaging tests (tests/pkg/tools/package-lock.json: Next.js, wrangler,
# esbuild, webpack, Rollup, Jest, Vitest, Hono, Bun, Deno) with `npm ci`, once per lock file, into a folder outside the
# work tree that later runs on this machine reuse (any clone, any worktree), and prints its path.
# The tests make their consumer projects inside that folder, so every tool resolves from them.
#   MARKETSPLIT_TOOLS_CACHE   where the installs are kept (default ~/.cache/marketsplit/pkg-tools)
set -euo pipefail
cd "$(dirname "$0")/../.."
spec=tests/pkg/tools
key=$(cat "$spec/package.json" "$spec/package-lock.json" | sha256sum | cut -c1-16)
root=${MARKETSPLIT_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/marketsplit/pkg-tools}
dir=$root/$key
if [[ ! -f $dir/.installed ]]; then
  mkdir -p "$root"
  tmp=$(mktemp -d "$root/.install-XXXXXX")
  cp "$spec/package.json" "$spec/package-lock.json" "$tmp/"
  echo "[pkg-tools] npm ci of $spec/package-lock.json into $dir (once per lock file)" >&2
  # Install scripts are not needed (Bun's and Deno's binaries are found in their platform
  # packages) and would only make the install depend on what they download.
  (cd "$tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
  touch "$tmp/.installed"
  # Another run may have finished the same install meanwhile: keep the first.
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
fi
# Marks this install as used; installs of other lock files unused for two weeks go.
touch "$dir/.installed"
find "$root" -mindepth 2 -maxdepth 2 -name .installed -mtime +14 -printf '%h\n' | while read -r old; do rm -rf "$old"; done
echo "$dir"
