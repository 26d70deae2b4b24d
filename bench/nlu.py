"""Single-query NLU latency on CPU: intent (fp32 vs int8), entities, sentiment, the whole turn.

    .venv/bin/python bench/nlu.py                       # the default models in ./.shopdesk
    .venv/bin/python bench/nlu.py --threads 1,2 --queries 500

Batch of one, after warm-up, p50/p95 in milliseconds, for each torch thread count; the load
average is printed before and after, since these machines are shared and timings are noisy.
The budget is p95 <= 10 ms for the intent classifier on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import torch

from bot.nlu.training_data import catalog_items, default_intent_dataset
from bot.settings import Settings
from kb import KnowledgeBase
from models import EntityExtractor, IntentClassifier, SentimentClassifier
from models.nlu.intent_eval import measure_latency, percentile

BUDGET_P95_MS = 10.0


def main() -> None:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=settings.intent_model_dir)
    parser.add_argument("--sentiment", type=Path, default=settings.sentiment_model_dir)
    parser.add_argument("--threads", default="1,2", help="comma-separated torch thread counts")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    kb = KnowledgeBase.demo()
    texts = [e.text for e in default_intent_dataset(kb).heldout][::3]
    print(f"load average before: {_load()}  queries: {args.queries}  texts: {len(texts)}")
    models = {"fp32": IntentClassifier.load(args.model, quantize=False),
              "int8": IntentClassifier.load(args.model, quantize=True)}
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        timings = {name: measure_latency(m, texts, args.queries) for name, m in models.items()}
        for name, (p50, p95) in timings.items():
            verdict = "ok" if p95 <= BUDGET_P95_MS else "OVER BUDGET"
            print(f"intent {name} threads={threads}: p50 {p50:.2f} ms  p95 {p95:.2f} ms  [{verdict}]")
        ratio = timings["fp32"][1] / timings["int8"][1]
        print(f"  int8 speed-up at p95 (same run): {ratio:.2f}x")
        if threads == 1:
            # With one thread all the work is on this thread: its CPU time is what the query
            # costs on a core of its own, whatever else the shared machine is running.
            for name, model in models.items():
                p50, p95 = _cpu_time(model, texts, args.queries)
                print(f"intent {name} threads=1 CPU time: p50 {p50:.2f} ms  p95 {p95:.2f} ms")
    _bench_entities(kb, texts, args.queries)
    if (args.sentiment / "manifest.json").is_file():
        torch.set_num_threads(1)
        sentiment = SentimentClassifier.load(args.sentiment)
        p50, p95 = measure_latency(_AsIntent(sentiment), texts, args.queries)
        print(f"sentiment int8 threads={torch.get_num_threads()}: p50 {p50:.2f} ms  p95 {p95:.2f} ms")
    print(f"load average after: {_load()}")


class _AsIntent:
    """Lets measure_latency time anything with a predict(text)."""

    def __init__(self, model) -> None:
        self.predict = model.predict


def _cpu_time(model, texts: list[str], queries: int) -> tuple[float, float]:
    timings = []
    for i in range(queries):
        started = time.thread_time()
        model.predict(texts[i % len(texts)])
        timings.append((time.thread_time() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 95)


def _bench_entities(kb: KnowledgeBase, texts: list[str], queries: int) -> None:
    extractor = EntityExtractor(catalog_items(kb))
    timings = []
    for i in range(queries):
        started = time.perf_counter()
        extractor.extract(texts[i % len(texts)])
        timings.append((time.perf_counter() - started) * 1000)
    print(f"entities: p50 {percentile(timings, 50):.2f} ms  p95 {percentile(timings, 95):.2f} ms")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
