"""The guard's judgement on real generated replies, labelled by hand (issue #15 item 4).

    .venv/bin/python bench/guard_replies.py collect OUT.jsonl -- any_store.py --split dev ...
    .venv/bin/python bench/guard_replies.py collect OUT.jsonl -- shoppers.py --suite tuned
    .venv/bin/python bench/guard_replies.py collect --generated OUT.jsonl -- any_store.py ...
    .venv/bin/python bench/guard_replies.py score [--show]

``collect`` runs another bench (any_store.py or shoppers.py, with its own arguments) and writes
every reply the guard judged in it: the question, the facts the generator was given, the reply
as generated and the verdict. With ``--generated`` every product question is answered by the
generator (the code-written product answers are skipped, and a product search is asked as a
question about the product it names): the replies the generator writes from whole product
records, with their catalog pages, codes and model numbers, which code answers hide. Such replies, judged by hand against their facts, make
bench/data/guard_replies.jsonl; each row's ``label`` is one of
- ``answers``: every claim is supported by the facts and the reply answers the question;
- ``unsupported``: some claim is not in the facts, or says the opposite of them;
- ``not_answering``: supported, but it does not answer what is asked (an echo, a side fact).
``score`` judges each labelled reply with `bot.dialogue.grounding.guard.judge` as it stands now (no
model is loaded) and reports, dev and held-out apart (every third row is held out and was set
aside before any change was measured on it): false rejections (an ``answers`` reply refused)
and false passes (an ``unsupported`` or ``not_answering`` reply passed). A false pass of an
unsupported claim is the one error that must stay at zero.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

LABELLED = ROOT / "bench" / "data" / "guard_replies.jsonl"
LABELS = ("answers", "unsupported", "not_answering")


def load(path: Path = LABELLED) -> list[dict]:
    """The labelled replies, each with its split: every third row (index 2, 5, ...) held out."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [row | {"split": "heldout" if i % 3 == 2 else "dev"} for i, row in enumerate(rows)]


def collect(out: Path, bench: list[str], generated: bool = False) -> None:
    """Run a bench with `guard.check` recording the last verdict of each reply it judges."""
    from bot.dialogue import policy
    from bot.dialogue.conversation import Conversation
    from bot.dialogue.grounding import guard

    if generated:
        decide = Conversation.decide

        def deciding(self, *args, **kwargs):
            decision = decide(self, *args, **kwargs)
            if decision.action == policy.PRODUCT_SEARCH:
                return policy.Decision(policy.PRODUCT_QUESTION, f"{decision.reason} (asked as a question)")
            return decision

        Conversation.decide = deciding
        Conversation.product_answer = lambda self, turn, state: None

    judged: dict[tuple[str, str], dict] = {}
    original = guard.check

    def recording(reply, facts, question=""):
        verdict = original(reply, facts, question)
        # the reply judged again after its citation was added replaces the first judgement
        key = (question, reply.split(" [")[0])
        judged[key] = {"q": question, "reply": reply, "facts": [[f.id, f.text] for f in facts],
                       "ok": verdict.ok, "reason": verdict.reason, "dont_know": verdict.dont_know}
        return verdict

    guard.check = recording
    script, *args = bench
    sys.argv = [str(ROOT / "bench" / script), *args]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit:
        pass
    finally:
        with out.open("a") as handle:
            for row in judged.values():
                handle.write(json.dumps(row | {"bench": " ".join(bench)}) + "\n")


def judge(row: dict):
    from bot.dialogue.grounding import guard
    from models import Fact

    facts = [Fact(fact_id, text) for fact_id, text in row["facts"]]
    # as the service judges a reply: cited to the fact it was taken from when it cites none
    return guard.judge(row["reply"], facts, row["q"])[1]


def score(rows: list[dict], show: bool = False) -> dict[str, Counter]:
    """Per split: labels, passes, false rejections and false passes."""
    out: dict[str, Counter] = {}
    for row in rows:
        verdict = judge(row)
        counts = out.setdefault(row["split"], Counter())
        counts[row["label"]] += 1
        passed = verdict.ok and not verdict.dont_know
        counts["passed"] += passed
        wrong = ""
        if row["label"] == "answers" and not passed:
            counts["false rejections"] += 1
            wrong = f"REFUSED ({verdict.reason})"
        elif row["label"] != "answers" and passed:
            counts[f"false passes ({row['label']})"] += 1
            wrong = "PASSED"
        if show and wrong and row["split"] == "dev":  # held-out failures are never read
            print(f"{wrong}: {row['q']!r} -> {row['reply']!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    grab = sub.add_parser("collect", help="run a bench and record the replies the guard judged")
    grab.add_argument("--generated", action="store_true",
                      help="generate every product answer (code-written ones skipped)")
    grab.add_argument("out", type=Path)
    grab.add_argument("bench", nargs=argparse.REMAINDER)
    rate = sub.add_parser("score", help="score the guard on the labelled replies")
    rate.add_argument("--file", type=Path, default=LABELLED)
    rate.add_argument("--show", action="store_true", help="print the dev part's wrong verdicts")
    args = parser.parse_args()
    if args.command == "collect":
        collect(args.out, [a for a in args.bench if a != "--"], args.generated)
        return 0
    for split, counts in sorted(score(load(args.file), args.show).items()):
        total = sum(counts[label] for label in LABELS)
        print(f"{split:8} {total:3} replies (" + ", ".join(f"{label} {counts[label]}" for label in LABELS)
              + f"): passed {counts['passed']}, false rejections {counts['false rejections']}/"
              f"{counts['answers']}, false passes: unsupported {counts['false passes (unsupported)']}, "
              f"not answering {counts['false passes (not_answering)']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
