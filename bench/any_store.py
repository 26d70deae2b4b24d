"""How well the assistant answers shoppers of a store other than the demo.

    .venv/bin/python bench/any_store.py --data-dir /tmp/brightline-data [--split heldout]
    .venv/bin/python bench/any_store.py --data-dir /tmp/woo-data \
        --store bench/data/stores/woo_sample --questions bench/data/stores/woo_sample_questions.jsonl

Serves the second store in bench/data/stores/brightline (office lighting, furniture and POS
hardware in euro; no variants, reviews or promotions) through the real `DialogueService`
(real intent, sentiment and generator models, in-memory sessions) and asks each question of
bench/data/stores/brightline_questions.jsonl in a new session. A reply is right when it meets
every expectation written next to its question from the store's own files: the action, the
facts it must state (text_any/text_has), what it must not say (text_not: a dollar sign, "yes"
to a price match, a promotion the store does not run), the passage or product it cites, the
products it shows. Every third question (index 2, 5, 8, ...) is held out: it was written with
the others but never looked at while changing the code; the split is reported apart.

``--data-dir`` is the data folder (`SHOPDESK_DATA_DIR`) whose models/ holds the intent model
to use: the demo's (before `shopdesk setup` for this store) or the store's own (after). Its
index/ is built for the store when missing. Prints one line per question and the shares.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

STORE = ROOT / "bench" / "data" / "stores" / "brightline"
QUESTIONS = ROOT / "bench" / "data" / "stores" / "brightline_questions.jsonl"


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The questions, each with its index, kind, expectations and split ("dev"/"heldout")."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [row | {"index": i, "split": "heldout" if i % 3 == 2 else "dev"}
            for i, row in enumerate(rows)]


def problems(reply, expect: dict) -> list[str]:
    """What a reply gets wrong against its expectations (empty: answered right)."""
    text = reply.text.lower()
    cited = [c.id for c in reply.citations]
    skus = [p.sku for p in reply.products]
    found = []
    if "action" in expect and reply.action not in expect["action"]:
        found.append(f"action {reply.action}")
    found += [f"lacks {s!r}" for s in expect.get("text_has", ()) if s.lower() not in text]
    if expect.get("text_any") and not any(s.lower() in text for s in expect["text_any"]):
        found.append(f"none of {expect['text_any']}")
    found += [f"says {s!r}" for s in expect.get("text_not", ()) if _says(text, s.lower())]
    if "luma" in text:  # no answer may come from the demo store
        found.append("says 'luma'")
    found += [f"no citation of {p}" for p in expect.get("cites", ())
              if not any(c.startswith(p) for c in cited)]
    if expect.get("products_any") and not set(expect["products_any"]) & set(skus):
        found.append(f"shows {skus or 'no products'}")
    if "max_price" in expect:
        found += [f"{p.sku} over {expect['max_price']}" for p in reply.products
                  if (p.special_price or p.price) > expect["max_price"]]
    return found


def _says(text: str, phrase: str) -> bool:
    if phrase.isalpha():  # a word: "yes" must not match "yesterday"
        return phrase in text.replace(",", " ").replace(".", " ").replace("!", " ").split()
    return phrase in text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--store", type=Path, default=STORE)
    parser.add_argument("--questions", type=Path, default=QUESTIONS,
                        help="the store's questions (jsonl; every third one is held out)")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from bot.service import build_dialogue_service
    from bot.settings import Settings
    from bot.types import ChannelMessage

    settings = replace(Settings.from_env(), store=str(args.store.resolve()),
                       data_dir=args.data_dir, redis_url="", rate_limit_per_minute=0,
                       generator_threads=args.threads)
    started = time.perf_counter()
    service = build_dialogue_service(settings)
    manifest = json.loads((settings.intent_model_dir / "manifest.json").read_text())
    print(f"loaded in {time.perf_counter() - started:.0f} s; intent model "
          f"{settings.intent_model_dir} trained on {manifest.get('data', '?')}", file=sys.stderr)
    rows = []
    for q in load_questions(args.questions):
        if args.split != "all" and q["split"] != args.split:
            continue
        try:
            reply = service.reply(ChannelMessage(f"bench-{uuid.uuid4().hex[:8]}", q["q"])).reply
            text, action, wrong = reply.text, reply.action, problems(reply, q["expect"])
        except Exception as exc:  # a crash is a wrong answer (the service sends a 500)
            text, action, wrong = "", "crash", [f"{type(exc).__name__}: {exc}"]
        rows.append({"index": q["index"], "kind": q["kind"], "split": q["split"], "q": q["q"],
                     "reply": text, "action": action, "right": not wrong, "problems": wrong})
        print(f"{'ok ' if not wrong else 'BAD'} [{q['split'][:4]}] {q['kind']:10} {q['q'][:60]!r}"
              f" -> {action}: {text[:110]!r}" + (f"  ({'; '.join(wrong)})" if wrong else ""),
              flush=True)
    service.close()
    _report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


def _report(rows: list[dict]) -> None:
    groups: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        for key in ("all", f"split:{row['split']}", f"kind:{row['kind']}"):
            groups[key].append(row["right"])
    print()
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        right = groups[key]
        print(f"{key:18} {sum(right):3}/{len(right):<3} {100 * sum(right) / len(right):5.1f}%")


if __name__ == "__main__":
    sys.exit(main())
