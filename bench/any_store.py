"""How well the assistant answers shoppers of a store other than the demo.

    .venv/bin/python bench/any_store.py [--models own|demo] [--split heldout]
    .venv/bin/python bench/any_store.py \
        --store bench/data/stores/woo_sample --questions bench/data/stores/woo_sample_questions.jsonl

Serves the second store in bench/data/stores/brightline (office lighting, furniture and POS
hardware in euro; no variants, reviews or promotions) through the real `DialogueService`
(real intent, sentiment and generator models, in-memory sessions) and asks each question of
bench/data/stores/brightline_questions.jsonl in a new session. A reply is right when it meets
every expectation written next to its question from the store's own files: the action, the
facts it must state (text_any/text_has), a person offered (offers_human), what it must not say (text_not: a dollar sign, "yes"
to a price match, a promotion the store does not run), the passage or product it cites, the
products it shows (products_within: none outside that list). A row may carry ``"before": ["msg", ...]``: shopper messages sent first
in the same session (a conversation on the store; their replies are not scored, and a wrong
dev row prints them), then ``q`` is scored as any other. Every third question (index 2, 5,
8, ...) is held out: it was written with the others but never looked at while changing the
code; the split is reported apart.

``--models own`` (the default) serves the store with the intent and sentiment models that
`shopdesk setup` trains for it (`bot.cli.nlu.ensure_intent_model` / `ensure_sentiment_model`,
from its own catalog and pages); ``--models demo`` with the demo's, as a store that never ran
setup. Each store gets a data folder under ``--cache-dir`` named by the hash of its files, so
a rerun on unchanged data reuses its index and trained models (a changed store, or changed
training data, trains again); the generator's weights are linked from ``--data-dir``. Prints
the training time, one line per question and the shares.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from bench.english_left import english_left, store_names  # noqa: E402  (the language benches' one check)

STORE = ROOT / "bench" / "data" / "stores" / "brightline"
QUESTIONS = ROOT / "bench" / "data" / "stores" / "brightline_questions.jsonl"
CACHE = Path("~/.cache/shopdesk/any_store").expanduser()


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The questions, each with its index, kind, expectations and split ("dev"/"heldout")."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [row | {"index": i, "split": "heldout" if i % 3 == 2 else "dev"}
            for i, row in enumerate(rows)]


def ask(service, message_type, question: dict):
    """Sends the row's ``before`` messages (replies not scored) and then ``q`` in one new
    session; the result of ``q``."""
    session = f"bench-{uuid.uuid4().hex[:8]}"
    for text in question.get("before", ()):
        service.reply(message_type(session, text))
    return service.reply(message_type(session, question["q"]))


def _before_note(question: dict, wrong: list[str]) -> str:
    """The messages sent before a wrong dev row (held-out rows keep theirs unread)."""
    if not wrong or question["split"] != "dev" or not question.get("before"):
        return ""
    return "  [after " + " | ".join(repr(m[:50]) for m in question["before"]) + "]"


def problems(reply, expect: dict, names: tuple[str, ...] = ()) -> list[str]:
    """What a reply gets wrong against its expectations (empty: answered right); with
    ``expect["language"]``, English words left in a reply to that language (`english_left`)."""
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
    if expect.get("offers_human") and not _offers_human(reply):
        found.append("no person offered")
    if expect.get("language"):
        found += [f"english {w!r}" for w in english_left(reply.text, expect["language"], names)]
    if "products_within" in expect:  # a kind asked for: no goods of another kind shown
        found += [f"shows {p.sku} (not of the kind)" for p in reply.products
                  if p.sku not in expect["products_within"]]
    if "max_price" in expect:
        found += [f"{p.sku} over {expect['max_price']}" for p in reply.products
                  if (p.special_price or p.price) > expect["max_price"]]
    return found


def _offers_human(reply) -> bool:
    """A person is offered: in the text or as a quick reply (bench/expectations.py's rule)."""
    from bench.expectations import _HUMAN_WORDS

    text = reply.text.lower()
    return (any(w in text for w in _HUMAN_WORDS)
            or any("human" in q.lower() or "person" in q.lower() for q in reply.quick_replies))


def _says(text: str, phrase: str) -> bool:
    if phrase.isalpha():  # a word: "yes" must not match "yesterday"
        return phrase in text.replace(",", " ").replace(".", " ").replace("!", " ").split()
    return phrase in text


def store_hash(store: Path) -> str:
    """A digest of every file of a store folder (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in store.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(store)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def data_dir_for(store: Path, base: Path, cache: Path, models: str) -> Path:
    """The store's data folder for this run: its own index, the chosen NLU models, and the
    generator's weights linked from ``base`` (the demo's data folder)."""
    folder = cache / f"{store.name}-{store_hash(store)[:12]}"
    data_dir = folder / models
    (data_dir / "models").mkdir(parents=True, exist_ok=True)
    (folder / "index").mkdir(exist_ok=True)
    if not (data_dir / "index").exists():  # one index per store, whichever models serve it
        (data_dir / "index").symlink_to(folder / "index")
    for item in (base / "models").iterdir():
        link = data_dir / "models" / item.name
        if models == "own" and item.name in ("intent", "sentiment"):
            continue
        if not link.exists() and not link.is_symlink():
            link.symlink_to(item.resolve())
    return data_dir


def train_own_models(settings) -> float:
    """What `shopdesk setup` trains for the store (skipped when up to date); the seconds."""
    from bot.cli.nlu import ensure_intent_model, ensure_sentiment_model

    print(f"own models for {Path(settings.store).name}: trained unless up to date (a training "
          "takes minutes on a CPU)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    intent = ensure_intent_model(settings, show_progress=False)
    sentiment = ensure_sentiment_model(settings, show_progress=False)
    seconds = time.perf_counter() - started
    for name, report in (("intent", intent), ("sentiment", sentiment)):
        print(f"{name} model: " + ("up to date (cached)" if report.skipped else
              f"trained on {report.train_size} examples in {report.seconds:.0f} s, "
              f"validation accuracy {100 * report.val_accuracy:.1f}%") +
              f"; load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", choices=("own", "demo"), default="own",
                        help="the store's own NLU models (trained when missing) or the demo's")
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".shopdesk",
                        help="the demo's data folder: the generator's weights and its models")
    parser.add_argument("--cache-dir", type=Path, default=CACHE,
                        help="where each store's index and own models are kept")
    parser.add_argument("--store", type=Path, default=STORE)
    parser.add_argument("--questions", type=Path, nargs="+", default=[QUESTIONS],
                        help="the store's questions (jsonl; every third one is held out); several "
                             "files are asked in one process, each reported on its own")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from bot.service import build_dialogue_service
    from bot.settings import Settings
    from bot.types import ChannelMessage

    data_dir = data_dir_for(args.store.resolve(), args.data_dir, args.cache_dir, args.models)
    settings = replace(Settings.from_env(), store=str(args.store.resolve()),
                       data_dir=data_dir, redis_url="", rate_limit_per_minute=0,
                       # one client plays every question: the guessing limit is not measured here
                       verification_wrong_pairs_per_hour=0, generator_threads=args.threads)
    if args.models == "own":
        print(f"own models for {args.store.name} in {data_dir}: ready in "
              f"{train_own_models(settings):.0f} s", file=sys.stderr, flush=True)
    started = time.perf_counter()
    service = build_dialogue_service(settings)
    manifest = json.loads((settings.intent_model_dir / "manifest.json").read_text())
    print(f"loaded in {time.perf_counter() - started:.0f} s; intent model "
          f"{settings.intent_model_dir} trained on {manifest.get('data', '?')}", file=sys.stderr)
    names = store_names(service.kb)
    rows = []
    for questions in args.questions:
        if len(args.questions) > 1:
            print(f"\n== {questions.stem}", flush=True)
        asked = _ask_all(service, ChannelMessage, questions, args.split, names)
        _report(asked)
        rows += [{**row, "file": questions.name} for row in asked]
    service.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


def _ask_all(service, message_type, questions: Path, split: str, names) -> list[dict]:
    """Every question of one file (of the split) asked, each row printed as it is scored."""
    rows = []
    for q in load_questions(questions):
        if split != "all" and q["split"] != split:
            continue
        try:
            result = ask(service, message_type, q)
            reply, verdict = result.reply, result.guard
            text, action, wrong = reply.text, reply.action, problems(reply, q["expect"], names)
        except Exception as exc:  # a crash is a wrong answer (the service sends a 500)
            text, action, wrong, verdict = "", "crash", [f"{type(exc).__name__}: {exc}"], ""
        rows.append({"index": q["index"], "kind": q["kind"], "split": q["split"], "q": q["q"],
                     "language": q["expect"].get("language", ""), "reply": text, "action": action,
                     "right": not wrong, "problems": wrong,
                     "guard": verdict, "english": bool(q["expect"].get("language")) and any(
                         p.startswith("english ") for p in wrong)})
        print(f"{'ok ' if not wrong else 'BAD'} [{q['split'][:4]}] {q['kind']:10} {q['q'][:60]!r}"
              f" -> {action}: {text[:110]!r}" + (f"  ({'; '.join(wrong)})" if wrong else "")
              + _before_note(q, wrong), flush=True)
    return rows


def _report(rows: list[dict]) -> None:
    groups: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        for key in ("all", f"split:{row['split']}", f"kind:{row['kind']}"):
            groups[key].append(row["right"])
    print()
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        right = groups[key]
        print(f"{key:18} {sum(right):3}/{len(right):<3} {100 * sum(right) / len(right):5.1f}%")
    asked = [row for row in rows if row["language"]]
    if asked:  # replies to another language with English words left (bench/english_left.py)
        print(f"english left: {sum(row['english'] for row in asked)}/{len(asked)} language rows")
    for split in sorted({row["split"] for row in rows}):
        # generated replies only: "passed" is sent as written, "replaced" by a fact sentence
        outcomes = Counter(row["guard"].split(":")[0] for row in rows
                           if row["split"] == split and row["guard"])
        if outcomes:
            print(f"guard, {split}: " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
                  + f" (passed as written {outcomes['passed'] / sum(outcomes.values()):.0%})")


if __name__ == "__main__":
    sys.exit(main())
