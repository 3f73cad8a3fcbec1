#!/usr/bin/env bash
# Installs the Debian packages the test suites and `npm start` need, skipping what is already installed:
# Chromium (editor and UI tests drive VS Code in it), Neovim (the second LSP editor), libkrb5-dev (code-server's
# kerberos module builds against it) and unzip (reading the .vsix).
set -euo pipefail

needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v nvim >/dev/null 2>&1 || needed+=(neovim)
command -v unzip >/dev/null 2>&1 || needed+=(unzip)
dpkg -s libkrb5-dev >/dev/null 2>&1 || needed+=(libkrb5-dev)
[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Secretome Writer's tests need these packages: ${needed[*]}. Install them (e.g. sudo apt-get install ${needed[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${needed[*]} (first run only)…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
