"""Does the fine-tuned fact encoder pick the answering sentence better than MiniLM?

    .venv/bin/python bench/rerank.py [--stores oro_sample,woo_sample] [--top 20] [--show-dev]

For each sample store of bench/data/stores and each labelled question whose expectation names
the text an answer must state (text_any / text_has) and whose store has an article sentence
holding that text (`bot.nlu.rerank_pairs.answers`), the candidates are what a fact question
gets today (`StoreSearch.passages` + `StoreSearch.closest`), ranked by `FactSelector.rank`
(MiniLM similarity + the question's words + the kind asked). Top-1 is right when the first
sentence holds the expected text. The fact encoder (bench/fact_encoder.py) re-orders the
first ``--top`` of them by its cosine alone, and by its cosine in `FactSelector.rank`'s formula
(what the service would do with it as its fact embedder).

Leave-one-store-out: the encoder that scores a store is trained on the shipped pairs
(models/data/rerank/pairs.jsonl, built from the DEV rows of the other stores' question files)
without any row of that store. Dev rows print per store; held-out rows (index 2, 5, 8, ...)
print as summary numbers only. woo_sample_questions.jsonl (held out whole) is never read.
Scoring time per question is measured with ``--threads`` torch threads (2: the CI machine).
A cross-encoder trained from MiniLM the same way was measured here too, and dropped (README).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

STORES = ROOT / "bench" / "data" / "stores"
CACHE = Path("~/.cache/shopdesk/rerank").expanduser()


def store_search(store: Path, cache: Path):
    """The store's `StoreSearch` as the service builds it (index cached under ``cache``)."""
    from bot.dialogue.grounding.facts import FactSelector
    from bot.dialogue.products.search import StoreSearch
    from kb import KnowledgeBase
    from models import Fact
    from retrieval import Embedder, Retriever

    kb = KnowledgeBase.load(str(store))
    retriever = Retriever.build_or_load(cache / f"index-{store.name}", kb.documents(),
                                        embedder=Embedder().load())
    facts = FactSelector(retriever.embedder)
    facts.warm([Fact(p.id, p.text) for a in kb.articles if a.audience == "shopper"
                for p in a.passages])
    return kb, StoreSearch(kb, retriever, facts)


def questions_of(store: str) -> list[dict]:
    """The store's labelled questions with an expected text, each with file, index and split."""
    from bot.nlu.rerank_pairs import HELD_OUT_FILES, SOURCES, is_dev

    out = []
    for name, file in SOURCES:
        if name != store or file in HELD_OUT_FILES:
            continue
        lines = [l for l in (STORES / file).read_text().splitlines() if l.strip()]
        for index, line in enumerate(lines):
            row = json.loads(line)
            if row.get("expect", {}).get("text_any") or row.get("expect", {}).get("text_has"):
                out.append(row | {"file": file, "index": index,
                                  "split": "dev" if is_dev(index) else "heldout"})
    return out


def with_rules(similarity: float, sentence: str, question: str) -> float:
    """`FactSelector.rank`'s ordering score for a sentence of the given similarity."""
    from bot.dialogue.grounding import answer_kinds, relevance
    from bot.dialogue.grounding.facts import KIND_WEIGHT, WORD_WEIGHT

    return (similarity + WORD_WEIGHT * min(3, relevance.shared_words(sentence, question))
            + KIND_WEIGHT * answer_kinds.states(sentence, answer_kinds.asked(question)))


def evaluate(store: str, encoder, search, sentences, top: int, show_dev: bool) -> list[dict]:
    from bot.nlu.rerank_pairs import answers

    results = []
    for q in questions_of(store):
        if not any(answers(s, q["expect"]) for s in sentences):
            continue  # the answer is not in the store's articles (a product record, a code reply)
        candidates = search.passages(q["q"])
        candidates += search.closest(q["q"], {f.id for f in candidates})
        ranked = search.facts.rank(q["q"], candidates)[:top]
        texts = [row[3] for row in ranked]
        started = time.perf_counter()
        scores = encoder.encode(texts) @ encoder.encode_query(q["q"]) if texts else []
        ms = 1000 * (time.perf_counter() - started)
        ok = lambda i: bool(texts) and answers(texts[i], q["expect"])
        best = max(range(len(texts)), key=lambda i: scores[i]) if texts else 0
        rules = max(range(len(texts)), key=lambda i: with_rules(
            float(scores[i]), texts[i], q["q"])) if texts else 0
        row = {"split": q["split"], "current": ok(0), "reranked": ok(best), "rules": ok(rules),
               "within": any(ok(i) for i in range(len(texts))), "ms": ms, "n": len(texts)}
        results.append(row)
        if show_dev and q["split"] == "dev" and row["current"] != row["reranked"]:
            print(f"   {'+' if row['reranked'] else '-'} {q['q'][:60]!r}: today {texts[0][:70]!r}"
                  f" / reranked {texts[best][:70]!r}")
    return results


def report(label: str, rows: list[dict]) -> None:
    if not rows:
        print(f"{label:28} no questions")
        return
    count = lambda key: sum(r[key] for r in rows)
    print(f"{label:28} n={len(rows):3}  today {count('current'):3} ({100 * count('current') / len(rows):4.0f}%)"
          f"  encoder {count('reranked'):3} ({100 * count('reranked') / len(rows):4.0f}%)"
          f"  encoder+rules {count('rules'):3}  answer in top {count('within'):3}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", default="brightline,oro_sample,vendure_sample,woo_sample")
    parser.add_argument("--top", type=int, default=20, help="candidates the encoder re-orders")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--cache-dir", type=Path, default=CACHE)
    parser.add_argument("--show-dev", action="store_true",
                        help="print the dev questions whose top-1 changed (never held-out ones)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from bench.fact_encoder import FactEncoder, FactEncoderConfig, RankingExample, train_fact_encoder
    from bot.nlu.rerank_pairs import leaving_out, shipped_rows, store_sentences
    from models.assets import locate_minilm

    config = FactEncoderConfig(threads=args.threads)
    if args.epochs:
        config = replace(config, epochs=args.epochs)
    pairs = shipped_rows()
    totals: dict[str, list[dict]] = defaultdict(list)
    for store in args.stores.split(","):
        kb, search = store_search(STORES / store, args.cache_dir)
        sentences = store_sentences(kb)
        # without the store, and without rows of another store answered by the same sentence
        train = [RankingExample(r["q"], r["positive"], tuple(r["negatives"]))
                 for r in leaving_out(pairs, store, unseen=sentences)]
        report_ = train_fact_encoder(train, args.cache_dir / f"loso-encoder-{store}", locate_minilm(),
                                     config, progress=lambda line: print(line, file=sys.stderr, flush=True))
        print(f"{store}: encoder trained without {store} (nor its sentences) on {report_.examples} examples"
              + (" (cached)" if report_.skipped else f" in {report_.seconds:.0f} s"), flush=True)
        encoder = FactEncoder(report_.folder).load()
        rows = evaluate(store, encoder, search, sentences, args.top, args.show_dev)
        for split in ("dev", "heldout"):
            part = [r for r in rows if r["split"] == split]
            report(f"{store} {split}", part)
            totals[split] += part
        totals["ms"] += rows
    print()
    for split in ("dev", "heldout"):
        report(f"all stores {split}", totals[split])
    ms = sorted(r["ms"] for r in totals["ms"])
    if ms:
        print(f"encoder time per question ({args.threads} threads, up to {args.top} sentences): "
              f"median {statistics.median(ms):.0f} ms, p90 {ms[int(0.9 * (len(ms) - 1))]:.0f} ms, "
              f"max {ms[-1]:.0f} ms; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
