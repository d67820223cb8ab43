#!/usr/bin/env bash
# Shared set-up for serve.sh and test.sh: Debian packages, then a virtual environment (.venv) holding the
# project and its Python dependencies. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_get() {
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# require COMMAND PACKAGE...: install the Debian PACKAGEs unless COMMAND is already on the PATH.
require() { local command="$1"; shift; command -v "$command" >/dev/null 2>&1 || apt_get "$@"; }

node_env() {
  require node nodejs
  require npm npm
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
}

python_env() {
  require python3 python3
  python3 -c "import ensurepip" >/dev/null 2>&1 || apt_get python3-venv
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[$1]"
}
