#!/usr/bin/env bash
# Runs test/nvim/check.lua in a headless Neovim against the built server. Installs nothing: Neovim comes from the
# system (scripts/ensure-system-packages.sh installs it for `npm test`), the server from `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "nvim: $1" >&2
  echo "nvim: 0 passed, 1 failed"
  exit 1
}

command -v nvim >/dev/null 2>&1 || fail "Neovim is not installed: install it (Debian: apt-get install neovim) and run again."
[ -f dist/server.js ] || fail "dist/server.js is missing: run npm run build first."

echo "$(nvim --version | head -n 1), $(node --version)"
# --clean: no user configuration or plugins; -n and -i NONE: no swap or shada files. The timeout guards a hang.
exec timeout 180 nvim --headless --clean -n -i NONE -c "luafile test/nvim/check.lua"
