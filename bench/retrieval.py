"""Retrieval benchmark: build rate, query latency, ANN recall, and hybrid vs BM25 vs dense.

Run: .venv/bin/python bench/retrieval.py [--sizes 1000 10000 100000] [--queries 200]

1. Quality on the demo store: MRR and recall@5 of hybrid, dense-only and BM25-only search over
   bench/data/shopper_questions.jsonl (labelled shopper questions).
2. Scale: corpora of 1k / 10k / 100k documents of real public text (the demo store, its reviews,
   Bitext, CLINC150, BANKING77 and ABCD; beyond the ~36k unique texts, documents are new
   combinations of 2-3 of them, never verbatim copies). For each size: build docs/s (embedding
   included), single-query latency p50/p95 (embedding included, one query at a time), and for
   the approximate (HNSW) index recall@10 against exact search on the same vectors.
All numbers of one table come from one run on one machine, so their ratios are comparable.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# `retrieval` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from kb import Document, KnowledgeBase  # noqa: E402
from retrieval import Embedder, Retriever  # noqa: E402

SHARED = HERE.parent.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="latency queries per size")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (1 is steadier for one query at a time on 2 cores)")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    print(f"torch threads: {args.threads}; load average at start: "
          f"{open('/proc/loadavg').read().split()[:3]}")

    embedder = Embedder(device=args.device)
    embedder.load()
    kb = KnowledgeBase.demo()
    quality(kb, embedder)
    pool = text_pool(kb)
    queries = latency_queries(args.queries)
    print(f"\n== scale (text pool: {len(pool)} unique real texts; {len(queries)} queries) ==")
    print(f"{'docs':>8} {'words/doc':>9} {'index':>6} {'build docs/s':>13} {'p50 ms':>7} "
          f"{'p95 ms':>7} {'recall@10':>9}")
    for size in args.sizes:
        scale_row(corpus(pool, size), queries, embedder)


# ---- quality ---------------------------------------------------------------------------------

def quality(kb: KnowledgeBase, embedder: Embedder) -> None:
    questions = [json.loads(line) for line in
                 (HERE / "data" / "shopper_questions.jsonl").read_text().splitlines() if line]
    retriever = Retriever.from_documents(kb.documents(), embedder)
    print(f"== quality: {len(questions)} labelled shopper questions over the demo store "
          f"({len(retriever)} documents) ==")
    print(f"{'method':>8} {'MRR':>6} {'recall@5':>9} {'hit@1':>6}")
    for name, search in (("hybrid", retriever.search), ("dense", retriever.search_dense),
                         ("bm25", retriever.search_bm25)):
        mrr = recall5 = hit1 = 0.0
        for q in questions:
            ids = [hit.id for hit in search(q["query"], k=10)]
            relevant = set(q["relevant"])
            rank = next((i for i, doc_id in enumerate(ids, 1) if doc_id in relevant), None)
            mrr += 1 / rank if rank else 0.0
            hit1 += rank == 1
            recall5 += len(relevant & set(ids[:5])) / min(len(relevant), 5)
        n = len(questions)
        print(f"{name:>8} {mrr / n:6.3f} {recall5 / n:9.3f} {hit1 / n:6.3f}")


# ---- scale -----------------------------------------------------------------------------------

def text_pool(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(title, text) pairs of real public text, deduplicated."""
    pool = [(d.title, d.text) for d in kb.documents()]
    pool += [(r.title or "Review", r.text) for r in kb.reviews]
    with open(SHARED / "bitext_support" / "train.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pool.append((row["intent"].replace("_", " "), row["instruction"]))
            pool.append((row["intent"].replace("_", " ") + " answer", row["response"]))
    clinc = json.loads((SHARED / "clinc150" / "data_full_trainval.json").read_text())
    for split in ("train", "val", "oos_train", "oos_val"):
        pool += [(intent.replace("_", " "), text) for text, intent in clinc.get(split, [])]
    with open(SHARED / "banking77" / "train.csv", newline="", encoding="utf-8") as handle:
        pool += [(row["category"].replace("_", " "), row["text"]) for row in csv.DictReader(handle)]
    seen, unique = set(), []
    for title, text in pool:
        if text and text not in seen:
            seen.add(text)
            unique.append((title, text))
    return unique


def corpus(pool: list[tuple[str, str]], size: int) -> list[Document]:
    """``size`` documents: a random sample of the pool, then new 2-3 text combinations."""
    rng = random.Random(size)
    sample = rng.sample(pool, min(size, len(pool)))
    docs = [Document(f"doc:{i}", "faq", title, text) for i, (title, text) in enumerate(sample)]
    while len(docs) < size:
        parts = rng.sample(pool, rng.choice((2, 3)))
        docs.append(Document(f"doc:{len(docs)}", "faq", parts[0][0],
                             " ".join(text for _, text in parts)))
    rng.shuffle(docs)
    return docs


def latency_queries(n: int) -> list[str]:
    """Real shopper-style queries: the labelled questions, then CLINC150 test-like val queries."""
    questions = [json.loads(line)["query"] for line in
                 (HERE / "data" / "shopper_questions.jsonl").read_text().splitlines() if line]
    clinc = json.loads((SHARED / "clinc150" / "data_full_trainval.json").read_text())
    extra = [text for text, _ in clinc["val"]]
    random.Random(0).shuffle(extra)
    return (questions + extra)[:n]


def scale_row(docs: list[Document], queries: list[str], embedder: Embedder) -> None:
    exact_threshold = len(docs) + 1
    modes = [("exact", exact_threshold)] + ([("hnsw", 0)] if len(docs) >= 10_000 else [])
    exact = None
    for mode, threshold in modes:
        start = time.perf_counter()
        if exact is None:
            retriever = Retriever.from_documents(docs, embedder, ann_threshold=threshold)
        else:  # same vectors, other index: time only the index build, report the embed rate
            retriever = exact.with_ann_threshold(threshold)
        build_s = time.perf_counter() - start
        for q in queries[:5]:  # warm-up
            retriever.search(q, k=10)
        times = []
        for q in queries:
            t0 = time.perf_counter()
            retriever.search(q, k=10)
            times.append((time.perf_counter() - t0) * 1000)
        recall = "-" if exact is None else f"{ann_recall(exact, retriever, queries):.3f}"
        rate = f"{len(docs) / build_s:13.0f}" if exact is None else f"{'(index ' + format(build_s, '.1f') + ' s)':>13}"
        words = sum(len(d.text.split()) for d in docs) / len(docs)
        print(f"{len(docs):>8} {words:9.1f} {mode:>6} {rate} {percentile(times, 50):7.1f} "
              f"{percentile(times, 95):7.1f} {recall:>9}", flush=True)
        exact = exact or retriever


def ann_recall(exact: Retriever, approx: Retriever, queries: list[str]) -> float:
    hits = total = 0
    for q in queries:
        truth = {h.id for h in exact.search_dense(q, k=10)}
        found = {h.id for h in approx.search_dense(q, k=10)}
        hits += len(truth & found)
        total += len(truth)
    return hits / total


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


if __name__ == "__main__":
    sys.exit(main())
