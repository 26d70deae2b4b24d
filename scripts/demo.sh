#!/usr/bin/env bash
# Installs everything, prepares the model assets and index, and runs the service on the demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/shopdesk setup
echo "==> ShopDesk on http://${SHOPDESK_HOST:-127.0.0.1}:${SHOPDESK_PORT:-8000}  (Ctrl-C to stop)"
exec .venv/bin/shopdesk serve
