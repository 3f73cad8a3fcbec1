#!/usr/bin/env bash
# Installs the Debian packages the test suites and `npm start` need, skipping what is already installed:
# Chromium (editor and UI tests drive VS Code in it), Neovim (the second LSP editor), libkrb5-dev (code-server's
# kerberos module builds against it) and unzip (reading the .vsix). With package names as arguments, only those
# (scripts/codeServer.mjs asks for libkrb5-dev alone).
#
# One line per step; apt's and dpkg's output goes to .cache/logs/apt.log and is shown only if a step fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log_dir="$root/.cache/logs"

wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium neovim unzip libkrb5-dev)

installed() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 ;;
    neovim) command -v nvim >/dev/null 2>&1 ;;
    unzip) command -v unzip >/dev/null 2>&1 ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

needed=()
for package in "${wanted[@]}"; do installed "$package" || needed+=("$package"); done
[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Secretome Writer needs these packages: ${needed[*]}. Install them (e.g. sudo apt-get install ${needed[*]}) and run again." >&2
  exit 1
fi

mkdir -p "$log_dir"
log="$log_dir/apt.log"
: >"$log"

# Runs one step with its output in the log: a line when it starts, one every 30 s, one when it ends.
step() {
  local label="$1"
  shift
  local started=$SECONDS
  echo "[system packages] $label…" >&2
  "$@" >>"$log" 2>&1 &
  local pid=$!
  while ! wait_for "$pid" 30; do
    echo "[system packages]   still running, $((SECONDS - started)) s so far" >&2
  done
  if ! wait "$pid"; then
    echo "[system packages] $label failed; the last lines of $log:" >&2
    tail -n 30 "$log" | sed 's/^/    /' >&2
    exit 1
  fi
  echo "[system packages]   done in $((SECONDS - started)) s" >&2
}

# True once the process has ended, false if it is still running after the given seconds.
wait_for() {
  local pid="$1" seconds="$2"
  for _ in $(seq "$seconds"); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  ! kill -0 "$pid" 2>/dev/null
}

echo "[system packages] first run: installing ${needed[*]} with apt-get (once only; output in .cache/logs/apt.log)" >&2
# The package lists of a fresh machine or container are empty: install cannot find anything before an update.
step "1/2 apt-get update (the package lists)" apt-get update
step "2/2 apt-get install ${needed[*]} (about 15 s on a 2-core machine)" \
  env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${needed[@]}"
