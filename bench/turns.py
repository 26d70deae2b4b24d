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

Idle-time prefill (`SHOPDESK_IDLE_PREFILL`, `Generator.prefill`): after each reply the service
queues the conversation so far for the generator's idle time. A shopper reads and types for some
seconds before the next message; here the next message waits until that prefill is done, at most
--think-s seconds (the wait is printed: it is the idle time used, never counted in a turn).
--idle-prefill both plays each conversation with it on and off, alternating, in one process,
and prints the generated turns' first token both ways.
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


class IdleTime:
    """Wraps the generator's `prefill` to let the next message wait (at most ``think_s``) until
    the prefills queued after the last reply are done, as a shopper's reading and typing would."""

    def __init__(self, generator, think_s: float) -> None:
        self.think_s, self.pending, self.waits = think_s, [], []
        original = generator.prefill

        def prefill(*args, **kwargs):
            done = original(*args, **kwargs)
            self.pending.append(done)
            return done

        generator.prefill = prefill

    def think(self) -> None:
        started = time.perf_counter()
        for done in self.pending:
            done.wait(max(0.0, self.think_s - (time.perf_counter() - started)))
        if self.pending:
            self.waits.append(time.perf_counter() - started)
        self.pending = []


def play(service, conversations: list[dict], repeat: int, *, warm: bool = False,
         clock=time.perf_counter, modes: tuple[str, ...] = ("on",),
         idle: IdleTime | None = None) -> list[dict]:
    """One row per turn; ``first`` and ``total`` by ``clock`` (the wall clock or the CPU's).
    Conversations take ``modes`` (idle-time prefill on/off) in turn."""
    from bot.dialogue.service import TurnResult
    from bot.types import ChannelMessage

    rows = []
    for round_ in range(repeat):
        for index, conversation in enumerate(conversations):
            mode = modes[(index + round_ + warm) % len(modes)]
            service.idle_prefill = mode == "on"
            session_id = f"bench-{uuid.uuid4().hex[:8]}"
            opened = False
            if warm:
                opened = service.reply(ChannelMessage(session_id, OPENING_QUESTION)).timings.stream.generation_s > 0
            for number, turn in enumerate(conversation["turns"], start=1 + warm):
                if idle is not None:
                    idle.think()
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
                    "mode": mode, "turn": number, "generated": g.generation_s > 0, "first": first, "opened": opened,
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


#: The kinds of reason the guard gives (bot/dialogue/grounding/guard.py, bot/dialogue/service.py), without their details.
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


def settings_chunk() -> int:
    from models import GeneratorOptions

    return GeneratorOptions().background_chunk


def compare_modes(rows: list[dict], clock: str) -> None:
    """The generated turns' first token with idle-time prefill on and off (same run)."""
    print(f"idle-time prefill on vs off (conversations alternating), generated turns, first token "
          f"by the {clock} clock, ms p50/p95, and new prompt tokens p50/p95:")
    for mode in ("on", "off"):
        for name, keep in (("first turn", lambda r: r["turn"] == 1), ("later turns", lambda r: r["turn"] >= 2),
                           ("all", lambda r: True)):
            own = [r for r in rows if r["mode"] == mode and r["generated"] and keep(r)]
            if own:
                print(f"  {mode:3} {name:12} n={len(own):3}  first {percentile([r['first'] * 1000 for r in own], 50):.0f}/"
                      f"{percentile([r['first'] * 1000 for r in own], 95):.0f}  new tokens "
                      f"{percentile([r['prefill_tokens'] for r in own], 50):.0f}/"
                      f"{percentile([r['prefill_tokens'] for r in own], 95):.0f}  generator's first "
                      f"(wall) {percentile([r['model_first'] * 1000 for r in own], 50):.0f}/"
                      f"{percentile([r['model_first'] * 1000 for r in own], 95):.0f}")


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
    parser.add_argument("--idle-prefill", choices=("on", "off", "both"), default="on",
                        help="idle-time prefill after each reply; both: alternate by conversation")
    parser.add_argument("--think-s", type=float, default=10.0,
                        help="most seconds the next message waits for the idle-time prefill")
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
    modes = ("on", "off") if args.idle_prefill == "both" else (args.idle_prefill,)
    idle = IdleTime(service.generator, args.think_s)
    play(service, conversations[:2], 1, idle=idle)  # warm-up: first-call costs and the shared system prefix
    rows = play(service, conversations, args.repeat, clock=clock, modes=modes, idle=idle)
    warm_rows = play(service, conversations, args.repeat, warm=True, clock=clock, modes=modes, idle=idle)
    languages = [c for c in json.loads(SHOPPERS.read_text())["conversations"] if "language" in c["skills"]]
    language_rows = (play(service, languages, args.repeat, clock=clock, modes=modes, idle=idle)
                     if args.languages else [])
    service.close()
    if len(modes) > 1:
        compare_modes(rows + warm_rows + language_rows, args.clock)
    if idle.waits:
        print(f"idle time waited for the prefill before a message (wall ms, p50/p95/max): "
              f"{percentile([w * 1000 for w in idle.waits], 50):.0f}/"
              f"{percentile([w * 1000 for w in idle.waits], 95):.0f}/{max(idle.waits) * 1000:.0f} "
              f"over {len(idle.waits)} messages (at most {args.think_s:g} s each)")
        tokens, chunk = service.generator.stats().idle_prefill_tokens, settings_chunk()
        if tokens:
            per_token = sum(idle.waits) / tokens
            print(f"idle-time prefill ran {tokens} tokens in {sum(idle.waits):.1f} s of waiting: "
                  f"~{per_token * 1000:.1f} ms a token (wall), so a reply arriving mid-step waits "
                  f"up to ~{per_token * chunk * 1000:.0f} ms (one {chunk}-token step)")

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
