"""Training data for a fact encoder (bench/rerank.py, bench/fact_encoder.py): questions with the
store sentence that answers them and sentences of the same store that do not.

Built, by `build`, from the labelled shopper questions of the sample stores in
bench/data/stores: for each DEV row (never index 2, 5, 8, ... of a file, which are held out,
and never any row of woo_sample_questions.jsonl, held out whole) whose expectation names the
text an answer must state (``text_any`` / ``text_has``), the positive is the store's article
sentence holding that text, and the negatives are the store's other article sentences: first
those sharing most of the question's words (the look-alikes a ranking by words or meaning
confuses with the answer), then a few drawn at random. The rows are written once to the shipped
file models/data/rerank/pairs.jsonl (SOURCE.md beside it), so training needs no store and no
question file; each row names its store, so a measurement can leave a store out
(bench/rerank.py).

    python -m bot.nlu.rerank_pairs    # rewrites models/data/rerank/pairs.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Collection, Iterator, Sequence
from importlib import resources
from pathlib import Path

from bot.dialogue.grounding.facts import split_sentences
from kb import KnowledgeBase

#: The article types a shopper's fact answer reads (bot.dialogue.products.search.ARTICLE_TYPES).
ARTICLE_TYPES = ("policy", "faq", "page", "promotion")
#: (store folder, question file) under bench/data/stores.
SOURCES = (("brightline", "brightline_questions.jsonl"),
           ("oro_sample", "oro_sample_questions.jsonl"),
           ("vendure_sample", "vendure_sample_questions.jsonl"),
           ("woo_sample", "woo_sample_policy_questions.jsonl"),
           ("woo_sample", "woo_sample_product_questions.jsonl"))
#: Held out whole: never a source of training rows.
HELD_OUT_FILES = frozenset({"woo_sample_questions.jsonl"})
LOOK_ALIKES = 8
RANDOM_NEGATIVES = 4
SEED = 7
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the i you we my your our me it its is are was be do does did can could will would "
    "to of in on for with at by from and or if how what when where who which why this that "
    "there any some have has get got about u".split())


def is_dev(index: int) -> bool:
    """Rows 2, 5, 8, ... of every question file are held out."""
    return index % 3 != 2


def store_sentences(kb: KnowledgeBase) -> list[str]:
    """The sentences of the store's shopper articles, as fact selection splits them, once each."""
    seen: dict[str, None] = {}
    for article in kb.articles:
        if article.audience == "shopper" and article.type in ARTICLE_TYPES:
            for passage in article.passages:
                seen.update((s, None) for s in split_sentences(passage.text))
    return list(seen)


def answers(sentence: str, expect: dict) -> bool:
    """The sentence states the text the row's answer must state."""
    text = sentence.lower()
    has = [s.lower() for s in expect.get("text_has", ())]
    any_ = [s.lower() for s in expect.get("text_any", ())]
    return all(s in text for s in has) and (not any_ or any(s in text for s in any_))


def words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in _STOP}


def rows_for(store: str, questions: Path, sentences: Sequence[str]) -> Iterator[dict]:
    """The training rows of one question file's dev rows (one per answering sentence)."""
    if questions.name in HELD_OUT_FILES:
        raise ValueError(f"{questions.name} is held out whole")
    rng = random.Random(f"{SEED}:{questions.name}")
    lines = [line for line in questions.read_text().splitlines() if line.strip()]
    for index, line in enumerate(lines):
        row = json.loads(line)
        expect = row.get("expect", {})
        if not is_dev(index) or not (expect.get("text_any") or expect.get("text_has")):
            continue
        positives = [s for s in sentences if answers(s, expect)]
        others = [s for s in sentences if s not in positives]
        if not positives or not others:
            continue
        asked = words(row["q"])
        alike = sorted(others, key=lambda s: -len(asked & words(s)))[:LOOK_ALIKES]
        rest = [s for s in others if s not in alike]
        negatives = alike + rng.sample(rest, min(RANDOM_NEGATIVES, len(rest)))
        for positive in positives:
            yield {"store": store, "file": questions.name, "index": index, "q": row["q"],
                   "positive": positive, "negatives": negatives}


def build(stores_dir: Path) -> list[dict]:
    """Every training row of the SOURCES under ``stores_dir``."""
    rows: list[dict] = []
    loaded: dict[str, list[str]] = {}
    for store, questions in SOURCES:
        if store not in loaded:
            loaded[store] = store_sentences(KnowledgeBase.load(str(stores_dir / store)))
        rows += rows_for(store, stores_dir / questions, loaded[store])
    return rows


def shipped_path() -> Path:
    return Path(str(resources.files("models") / "data" / "rerank" / "pairs.jsonl"))


def shipped_rows(path: Path | None = None) -> list[dict]:
    """The rows of the shipped file."""
    path = path or shipped_path()
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def leaving_out(rows: Sequence[dict], store: str = "", unseen: Collection[str] = ()) -> list[dict]:
    """The rows without those of ``store`` and those whose answering sentence is one of
    ``unseen`` (another store with the same pages: oro_sample's policy pages are woo_sample's)."""
    unseen = set(unseen)
    return [r for r in rows if r["store"] != store and r["positive"] not in unseen]


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    rows = build(root / "bench" / "data" / "stores")
    out = shipped_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    questions = {(r["file"], r["index"]) for r in rows}
    print(f"{len(rows)} rows from {len(questions)} dev questions -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
