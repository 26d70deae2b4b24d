"""Turn latency of the dialogue service over the conversation suite (bench/data/conversations.json).

    .venv/bin/python bench/turns.py [--threads 1] [--repeat 1] [--languages]

Plays every conversation through the real `DialogueService` (demo store, real models, in-memory
sessions) in one process and reports, per kind of turn, p50/p95 of:
- first streamed token: from the call until the first `Token` (generated replies), or until the
  reply (replies written by code: order flows, quotes, product cards arrive whole);
- full turn;
- the split: NLU, retrieval (+ fact selection), prefill (time to first token inside the
  generator), decode, and the pipeline overhead outside generation (turn - generation).

"Warm" generated turns are those of a session that already has a KV cache from an earlier
generated turn: the suite is played a second time with every session opened by one generated
question, which is what a live chat sees after its first answer. Targets
(issue 5): warm first-token p95 <= 1 s on 2 CPU cores, overhead outside generation <= 50 ms.
With --languages, the conversations of bench/data/shoppers.json that use another language are
played too and reported per language (the language the session was read in; issue #14:
code-written turns p95 <= 100 ms, generated first token p95 <= 1 s).

With --clock cpu, a turn's first token and whole turn are timed by this process's CPU clock
(`time.process_time`: every thread, the generator's scheduler thread included) instead of the
wall clock: CPU used, not time waited, so other processes on a shared machine barely move it.
It needs --threads 1 (with more, threads working at once would add up past the wall time); on a
quiet core, one turn at a time, a turn's wall time is about its CPU time. The other columns
(NLU, retrieval, prefill, decode, overhead) stay the service's own wall-clock timings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from collections import Counter
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from bench.expectations import problems  # noqa: E402  (the suites' one checker)

CONVERSATIONS = ROOT / "bench" / "data" / "conversations.json"
SHOPPERS = ROOT / "bench" / "data" / "shoppers.json"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


#: Asked first in a session to give it a KV cache, for the warm measurements (not recorded).
#: It must be generated (the warm pass counts the sessions whose opening was): "How long does it
#: take to process my return?" was, until code answered it (issue #15), and from then on the
#: "warm" pass measured sessions without a cache of their own.
OPENING_QUESTION = "Do you share my personal information with other companies?"


def play(service, conversations: list[dict], repeat: int, *, warm: bool = False,
         clock=time.perf_counter) -> list[dict]:
    """One row per turn; ``first`` and ``total`` by ``clock`` (the wall clock or the CPU's)."""
    from bot.dialogue.service import TurnResult
    from bot.types import ChannelMessage

    rows = []
    for _ in range(repeat):
        for conversation in conversations:
            session_id = f"bench-{uuid.uuid4().hex[:8]}"
            opened = False
            if warm:
                opened = service.reply(ChannelMessage(session_id, OPENING_QUESTION)).timings.stream.generation_s > 0
            for number, turn in enumerate(conversation["turns"], start=1 + warm):
                started, wall_started = clock(), time.perf_counter()
                first = None
                for event in service.turn(ChannelMessage(session_id, turn["user"])):
                    if first is None:
                        first = clock() - started
                        first_wall = time.perf_counter() - wall_started
                    if isinstance(event, TurnResult):
                        result = event
                ended = clock()
                t, g = result.timings, result.timings.stream
                rows.append({
                    "turn": number, "generated": g.generation_s > 0, "first": first, "opened": opened,
                    # the first token's wall time, split: before the generator was called (NLU,
                    # decision, facts), the generator's own first token (queue, prefill), then
                    # held back (an opening "[1]", a sentence with a number) until shown
                    "before": max(0.0, first_wall - g.shown_s) if g.shown_s else 0.0,
                    "model_first": g.model_first_s,
                    "held": max(0.0, g.shown_s - g.model_first_s) if g.shown_s else 0.0,
                    "total": t.total_s if clock is time.perf_counter else ended - started, "nlu": t.nlu_s, "retrieval": t.retrieval_s,
                    "prefill": g.first_token_s, "decode": max(0.0, g.generation_s - g.first_token_s),
                    "overhead": t.total_s - g.generation_s, "prefill_tokens": g.prefill_tokens,
                    "reused_tokens": g.reused_tokens, "decode_tokens": g.decode_tokens,
                    "guard": result.guard,
                    "language": (service.session(session_id).state or {}).get("language", "en"),
                    # a reply sent as written that says what the turn forbids ("text_not")
                    "forbidden": result.guard == "passed" and any(
                        p.startswith("text has ") for p in problems(result.reply, turn["expect"])),
                })
    return rows


#: The kinds of reason the guard gives (bot/dialogue/guard.py, bot/dialogue/service.py), without their details.
REASON_KINDS = ("unsupported number", "unsupported size", "unsupported colour",
                "unsupported sentence", "no citation", "cites", "restates the question",
                "said it doesn't know", "empty reply", "contradicts the facts", "denies what no fact denies",
                "leaves out the condition", "says the opposite of the facts", "unsupported price")


def _reason_kind(verdict: str) -> str:
    """"replaced: unsupported number 60" -> "unsupported number": the kind, not the detail."""
    reason = verdict.split(":", 1)[1].strip()
    return next((kind for kind in REASON_KINDS if reason.startswith(kind)), reason)


def summarise(name: str, rows: list[dict]) -> dict:
    out = {"turns": len(rows)}
    for key in ("first", "total", "nlu", "retrieval", "prefill", "decode", "overhead"):
        values = [r[key] * 1000 for r in rows]
        out[key] = (round(percentile(values, 50), 1), round(percentile(values, 95), 1))
    print(f"{name:28} n={len(rows):3}  " + "  ".join(
        f"{key} {value[0]:.0f}/{value[1]:.0f}" for key, value in out.items() if key != "turns"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="plays of the whole suite")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--languages", action="store_true",
                        help="also play shoppers.json's conversations in other languages, per language")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="first token and whole turn by the wall clock, or by this process's CPU "
                             "time (needs --threads 1)")
    args = parser.parse_args(argv)
    if args.clock == "cpu" and args.threads != 1:
        parser.error("--clock cpu adds up every thread's CPU: use --threads 1")
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    import torch

    torch.set_num_threads(args.threads)
    from bot.service import build_dialogue_service
    from bot.settings import Settings

    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0,
                       generator_threads=args.threads)
    loaded = time.perf_counter()
    service = build_dialogue_service(settings)
    print(f"service loaded in {time.perf_counter() - loaded:.1f} s; torch threads {args.threads}; "
          f"load average {os.getloadavg()[0]:.2f}")
    conversations = json.loads(CONVERSATIONS.read_text())["conversations"]
    play(service, conversations[:2], 1)  # warm-up: first-call costs and the shared system prefix
    rows = play(service, conversations, args.repeat, clock=clock)
    warm_rows = play(service, conversations, args.repeat, warm=True, clock=clock)
    languages = [c for c in json.loads(SHOPPERS.read_text())["conversations"] if "language" in c["skills"]]
    language_rows = play(service, languages, args.repeat, clock=clock) if args.languages else []
    service.close()

    print(f"milliseconds, p50/p95; first and total by the {args.clock} clock")
    results = {
        "all turns": summarise("all turns", rows),
        "code-written replies": summarise("code-written replies", [r for r in rows if not r["generated"]]),
        "generated, first turn": summarise("generated, first turn",
                                           [r for r in rows if r["generated"] and r["turn"] == 1]),
        "generated, warm session": summarise(
            "generated, warm session", [r for r in rows + warm_rows if r["generated"] and r["turn"] >= 2]),
    }
    for language in sorted({r["language"] for r in language_rows}):
        own = [r for r in language_rows if r["language"] == language]
        results[f"code-written, {language}"] = summarise(f"code-written, {language}",
                                                         [r for r in own if not r["generated"]])
        if any(r["generated"] for r in own):
            results[f"generated, {language}"] = summarise(f"generated, {language}",
                                                          [r for r in own if r["generated"]])
    split = [r for r in rows + warm_rows + language_rows if r["generated"] and r["model_first"]]
    if split:
        print("generated turns' first token split, wall ms p50/p95: " + ", ".join(
            f"{name} {percentile([r[key] * 1000 for r in split], 50):.0f}/"
            f"{percentile([r[key] * 1000 for r in split], 95):.0f}"
            for name, key in (("before the generator", "before"), ("generator's first token", "model_first"),
                              ("held back", "held")))
            + f"; new prompt tokens {percentile([r['prefill_tokens'] for r in split], 50):.0f}/"
            f"{percentile([r['prefill_tokens'] for r in split], 95):.0f}, "
            f"reused {percentile([r['reused_tokens'] for r in split], 50):.0f}/"
            f"{percentile([r['reused_tokens'] for r in split], 95):.0f}")
    if warm_rows:
        print(f"warm pass: {sum(r['opened'] for r in warm_rows if r['turn'] == 2)} of "
              f"{sum(r['turn'] == 2 for r in warm_rows)} sessions opened by a generated reply")
    overhead = [r["overhead"] * 1000 for r in rows + warm_rows]
    print(f"pipeline overhead outside generation, all turns: p50 {percentile(overhead, 50):.0f} ms, "
          f"p95 {percentile(overhead, 95):.0f} ms")
    generated = [r for r in rows if r["generated"]]
    if generated:
        print(f"generated turns: prefill tokens mean {statistics.mean(r['prefill_tokens'] for r in generated):.0f}, "
              f"reused mean {statistics.mean(r['reused_tokens'] for r in generated):.0f}, "
              f"decode tokens mean {statistics.mean(r['decode_tokens'] for r in generated):.0f}")
    verdicts = [r["guard"] for r in rows + warm_rows if r["generated"]]
    outcomes = Counter(v.split(":")[0] for v in verdicts)
    print(f"guard on the {len(verdicts)} generated replies (both passes): "
          + ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
          + " (replaced = an extractive answer was sent instead); passed as written "
          + f"{outcomes.get('passed', 0) / max(1, len(verdicts)):.0%}")
    print(f"  passed replies saying what a turn forbids: {sum(r['forbidden'] for r in rows + warm_rows)}")
    reasons = Counter(_reason_kind(v) for v in verdicts if v.startswith("replaced"))
    if reasons:
        print("  replaced because: " + ", ".join(f"{k} {v}" for k, v in reasons.most_common()))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
