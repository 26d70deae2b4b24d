#!/usr/bin/env bash
# Reproduce the NLU numbers: every step is a `shopdesk` command or a bench/ script.
# Long steps run under `nice -n 10` (the machines are shared); the load average is printed
# with every step because the timings depend on it. About 1 h on a busy 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1
B=${1:-/tmp/nlu-bench}
S=".venv/bin/shopdesk"
step() { echo "=== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) :: $*"; nice -n 10 "$@"; }

step .venv/bin/python bench/nlu_datasets.py --out "$B"
# The default model (Bitext + shop intents + oos) and the sentiment model, as `setup` trains them.
step $S train-intent --threads 1
step $S eval-intent --test "$B/bitext_heldout.csv" --threads 1
step $S eval-intent --test "$B/shop_heldout.csv" --threads 1
step $S train-sentiment --threads 1
# The same recipe on public benchmarks.
step $S train-intent --train "$B/clinc_train.csv" --out "$B/clinc" --threads 1
step $S eval-intent --model "$B/clinc" --test "$B/clinc_val.csv" --threads 1
step $S train-intent --train "$B/banking77_train.csv" --out "$B/banking77" --threads 1
step $S eval-intent --model "$B/banking77" --test "$B/banking77_test.csv" --threads 1
# The frozen-embedding + logistic-regression baseline on the same splits.
step $S train-intent --baseline --out "$B/shop_baseline" --threads 1
step $S eval-intent --model "$B/shop_baseline" --test "$B/bitext_heldout.csv" --latency-queries 0
step $S train-intent --baseline --train "$B/clinc_train.csv" --out "$B/clinc_baseline" --threads 1
step $S eval-intent --model "$B/clinc_baseline" --test "$B/clinc_val.csv" --latency-queries 0
step $S train-intent --baseline --train "$B/banking77_train.csv" --out "$B/banking77_baseline" --threads 1
step $S eval-intent --model "$B/banking77_baseline" --test "$B/banking77_test.csv" --latency-queries 0
# Single-query latency (batch of one, after warm-up).
step .venv/bin/python bench/nlu.py --threads 1,2
