#!/usr/bin/env bash
# Installs everything, prepares the model assets and index, and runs the test suite.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m slow`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/shopdesk setup
.venv/bin/python -m pytest "$@"
