#!/usr/bin/env bash
# Installs everything, prepares the model assets and index, and runs the test suite.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m slow`).
set -euo pipefail
cd "$(dirname "$0")/.."

# System programs the tests start themselves (never as services): one apt package per entry,
# checked by its binary; write "package:binary" where the two names differ.
APT_PACKAGES="redis-server chromium"
missing=""
for entry in $APT_PACKAGES; do
  command -v "${entry#*:}" >/dev/null 2>&1 || missing="$missing ${entry%%:*}"
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing programs:$missing; install them (the tests need them)" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  echo "==> installing$missing"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi

bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/shopdesk setup
.venv/bin/python -m pytest "$@"
