"""Does sentiment hand off the right messages? False handoffs on neutral questions, missed
frustration, for each store's own sentiment model and the demo's.

    .venv/bin/python bench/sentiment_handoff.py [--model DIR ...] [--show]

Reads bench/data/sentiment_handoff.jsonl: chat messages labelled by hand as ``neutral`` (product
and store questions in several catalogs' words, banking77/CLINC150/ABCD requests: a handoff here
is false), ``frustrated`` (angry or fed-up messages: they must be handed off) or ``complaint``
(a polite report of a problem: the bot may serve it; counted as read negative or not). Every
third message (index 2, 5, 8, ...) is held out: set aside before the first run and never tuned
to; ``--show`` prints the per-message lines of the dev part only.

Without ``--model`` it measures the demo's model (<data dir>/models/sentiment) and every store
model cached by bench/any_store.py (~/.cache/shopdesk/any_store/<store>-<hash>/own/...). A message
is handed off when `bot.dialogue.frustration.frustrated` says so, the rule the policy applies to a
request the bot can't serve itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DATA = ROOT / "bench" / "data" / "sentiment_handoff.jsonl"
CACHE = Path("~/.cache/shopdesk/any_store").expanduser()


def load_rows(path: Path = DATA) -> list[dict]:
    """The labelled messages, each with its index and split ("dev"/"heldout")."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [row | {"index": i, "split": "heldout" if i % 3 == 2 else "dev"}
            for i, row in enumerate(rows)]


def default_models() -> list[tuple[str, Path]]:
    """(name, folder) of the demo's sentiment model and each cached store's own."""
    from bot.settings import Settings

    found = [("demo", Settings.from_env().sentiment_model_dir)]
    for folder in sorted(CACHE.glob("*/own/models/sentiment")):
        found.append((folder.parents[2].name, folder))
    return [(name, folder) for name, folder in found if (folder / "manifest.json").exists()]


def score(rows: list[dict], folder: Path) -> list[dict]:
    """Each row with the model's sentiment and whether the policy would hand it off."""
    from bot.dialogue.frustration import frustrated
    from models import SentimentClassifier

    model = SentimentClassifier.load(folder)
    results = model.predict_batch([r["text"] for r in rows])
    return [r | {"sentiment": s, "handoff": frustrated(r["text"], s)} for r, s in zip(rows, results)]


def summary(scored: list[dict], split: str) -> str:
    """False handoffs on neutral, missed frustration, complaints read negative, for one split."""
    part = [r for r in scored if r["split"] == split]
    neutral = [r for r in part if r["label"] == "neutral"]
    angry = [r for r in part if r["label"] == "frustrated"]
    polite = [r for r in part if r["label"] == "complaint"]
    false = sum(r["handoff"] for r in neutral)
    missed = sum(not r["handoff"] for r in angry)
    negative = sum(r["sentiment"].label == "negative" for r in polite)
    right = len(neutral) - false + len(angry) - missed
    return (f"{split:8s} false handoffs {false}/{len(neutral)} neutral, missed {missed}/{len(angry)} "
            f"frustrated, complaints read negative {negative}/{len(polite)}; "
            f"right {right}/{len(neutral) + len(angry)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, action="append", help="a sentiment model folder")
    parser.add_argument("--show", action="store_true", help="per-message lines (dev part only)")
    args = parser.parse_args()
    rows = load_rows()
    models = [(m.name, m) for m in args.model] if args.model else default_models()
    for name, folder in models:
        scored = score(rows, folder)
        print(f"== {name} ({folder})")
        for split in ("dev", "heldout"):
            print("  " + summary(scored, split))
        if args.show:
            for r in scored:
                if r["split"] != "dev":
                    continue
                wrong = (r["label"] == "neutral") == r["handoff"] and r["label"] != "complaint"
                print(f"    [dev] {'WRONG' if wrong else 'ok   '} {r['label']:10s} "
                      f"{r['sentiment'].label[:3]} {r['sentiment'].score:.2f} "
                      f"{'HANDOFF' if r['handoff'] else '-':7s} {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
