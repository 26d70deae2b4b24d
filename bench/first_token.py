"""A session's first generated reply: time to its first token, and where that time goes.

    .venv/bin/python bench/first_token.py [--threads 1] [--repeat 1] [--limit N] [--versus main]

The openers of the dev conversation suites (the first message of every conversation in
bench/data/conversations.json and bench/data/shoppers.json, once each) are each sent to a new
session of the real `DialogueService` (demo store, real models, in-memory sessions); the ones
the service answers with the generator are that suite's first generated turns (most openers are
answered by code: bench/turns.py sees only 3 first generated turns, this bench ~17). After each
turn the session's KV cache is released, so every opener borrows only the rules' prefix kept at
load (`Engine.keep_rules_prefix`), never an earlier opener's facts: each is a first turn with
nothing similar before it, the slow case. Idle-time prefill is off (nothing precedes a first
turn to prefill).

First token: from the call to the first streamed `Token`, by this process's CPU clock
(`time.process_time`, every thread), with --threads 1 (so a shared machine's other load barely
moves it; the load average is printed). Split of that CPU time:
- before the generator: this thread's CPU until `Generator.stream` is called (language, NLU,
  the decision and its searches, retrieval, fact selection);
- prompt: the request's rendering and tokenizing (`Engine.prepare`, caller's thread);
- prefill: the generator thread's CPU in model passes until the first token (the new prompt
  tokens through the model; with the pieces of the first decode steps when text was held);
- the rest (thread hand-offs, streaming, the guard's holding of a number).
Rows are printed per language (the session's language after the turn).

--busy: then each opener the generator answered arrives again while the generator runs another session's idle-time prefill (a
long history, `Generator.prefill`), a seeded random moment into it, as in a live service where
every reply queues one: the opener's first token then also waits for that prefill to give way,
and the CPU clock counts what the prefill ran meanwhile (its pass in flight counts whole in
"prefill", so "rest" may be negative).

--versus main: each opener is played twice, alternating which goes first: as served, and with
the generator's first-token path as main had it (see `main_setups`); the replies must be
byte-identical, and the two modes' first-token p50/p95 and their ratio are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

SUITES = (ROOT / "bench" / "data" / "conversations.json", ROOT / "bench" / "data" / "shoppers.json")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def openers() -> list[str]:
    """The first message of every dev conversation, once each, in suite order."""
    seen: dict[str, None] = {}
    for suite in SUITES:
        for conversation in json.loads(suite.read_text())["conversations"]:
            seen.setdefault(conversation["turns"][0]["user"], None)
    return list(seen)


@dataclass
class Watch:
    """CPU marks set by the wrapped generator calls during one turn."""

    stream_called: float = 0.0  # this thread's CPU when `Generator.stream` was called
    prompt_s: float = 0.0  # this thread's CPU in `Engine.prepare`
    passes: list[float] = field(default_factory=list)  # generator thread's CPU per model pass
    first_passes: int = 0  # passes run before the first token was streamed


def instrument(service, watch: Watch) -> None:
    """Wrap the generator's stream call, request preparation and model passes to time them."""
    generator = service.generator
    engine = generator._engine
    stream, prepare, forward = generator.stream, engine.prepare, engine.runner.forward

    def timed_stream(*args, **kwargs):
        watch.stream_called = time.thread_time()
        return stream(*args, **kwargs)

    def timed_prepare(*args, **kwargs):
        started = time.thread_time()
        try:
            return prepare(*args, **kwargs)
        finally:
            watch.prompt_s += time.thread_time() - started

    def timed_forward(segments, **kwargs):
        started = time.thread_time()
        try:
            return forward(segments, **kwargs)
        finally:
            watch.passes.append(time.thread_time() - started)

    generator.stream, engine.prepare, engine.runner.forward = timed_stream, timed_prepare, timed_forward


class Neighbour:
    """Another session whose idle-time prefill is running when an opener arrives (--busy)."""

    SESSION = "first-token-neighbour"

    def __init__(self, service, texts: list[str], seed: int = 0) -> None:
        from models import ChatMessage

        self.generator, self.random = service.generator, random.Random(seed)
        self.scheduler = service.generator._engine.scheduler
        self.history = [ChatMessage(role, text) for question in texts[:12]
                        for role, text in (("user", question), ("assistant", "I can help with that."))]
        self.done = None

    def start(self) -> None:
        """Drop the neighbour's cache, queue its whole history, and return a random moment
        (0-80 ms of wall time) after its first chunk started."""
        self.generator.release(self.SESSION)
        tokens = self.scheduler.background_tokens
        self.done = self.generator.prefill(self.SESSION, self.history)
        while self.scheduler._prefilling is None and self.scheduler.background_tokens == tokens \
                and not self.done.is_set():
            time.sleep(0.001)
        time.sleep(self.random.uniform(0.0, 0.08))

    def stop(self) -> None:
        self.generator.release(self.SESSION)
        if self.done is not None:
            self.done.wait(60)


def play(service, watch: Watch, text: str, mode: str, neighbour: Neighbour | None = None) -> dict:
    """One opener in a new session; its cache released afterwards."""
    from bot.dialogue.service import TurnResult
    from bot.types import ChannelMessage

    session_id = f"first-{uuid.uuid4().hex[:8]}"
    if neighbour is not None:
        neighbour.start()
    watch.__init__()
    started, thread_started = time.process_time(), time.thread_time()
    first = before = None
    for event in service.turn(ChannelMessage(session_id, text)):
        if first is None:
            first = time.process_time() - started
            watch.first_passes = len(watch.passes)
            before = (watch.stream_called - thread_started) if watch.stream_called else None
        if isinstance(event, TurnResult):
            result = event
    service.generator.release(session_id)
    if neighbour is not None:
        neighbour.stop()
    stream = result.timings.stream
    return {
        "mode": mode, "text": text, "generated": stream.generation_s > 0, "first": first,
        "before": before or 0.0, "prompt": watch.prompt_s,
        "prefill": sum(watch.passes[:watch.first_passes]), "passes": watch.first_passes,
        "new_tokens": stream.prefill_tokens, "reused": stream.reused_tokens,
        "reply": result.reply.text,
        "language": (service.session(session_id).state or {}).get("language", "en"),
    }


def main_setups(service) -> dict:
    """What each mode sets before an opener is played (--versus main): as served, and as main
    ran it before session 19, when a reply that arrived during an idle-time prefill's step
    waited for the whole step (`SchedulerConfig.give_way_within_chunk` off; it matters only
    with --busy: without a prefill running, both modes run the same code)."""
    scheduler = service.generator._engine.scheduler
    served = scheduler.config
    main = replace(served, give_way_within_chunk=False)
    return {"served": lambda: setattr(scheduler, "config", served),
            "main": lambda: setattr(scheduler, "config", main)}


def report(rows: list[dict], title: str) -> None:
    """First token and its split, ms p50/p95, over the generated openers, per language."""
    generated = [r for r in rows if r["generated"]]
    print(f"{title}: {len(generated)} of {len(rows)} openers generated; CPU ms p50/p95")
    groups = {"all": generated}
    for language in sorted({r["language"] for r in generated}):
        groups[language] = [r for r in generated if r["language"] == language]
    for name, own in groups.items():
        if not own:
            continue
        rest = [r["first"] - r["before"] - r["prefill"] for r in own]
        print(f"  {name:4} n={len(own):3}  first token {pct(own, 'first')}  before the generator "
              f"{pct(own, 'before')}  prompt {pct(own, 'prompt')}  prefill {pct(own, 'prefill')}  "
              f"rest {percentile(rest, 50) * 1e3:.0f}/{percentile(rest, 95) * 1e3:.0f}  new tokens "
              f"{pct(own, 'new_tokens', 1)}  reused {pct(own, 'reused', 1)}  passes "
              f"{pct(own, 'passes', 1)}")
    ranked = sorted(generated, key=lambda r: r["first"], reverse=True)[:3]
    if ranked:
        print("  slowest: " + "; ".join(f"{r['first'] * 1e3:.0f} ms ({r['new_tokens']} new tokens, "
                                        f"before {r['before'] * 1e3:.0f}, prefill {r['prefill'] * 1e3:.0f})"
                                        for r in ranked))


def pct(rows: list[dict], key: str, scale: float = 1e3) -> str:
    values = [r[key] * scale for r in rows]
    return f"{percentile(values, 50):.0f}/{percentile(values, 95):.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="plays of every opener")
    parser.add_argument("--limit", type=int, default=0, help="only the first N openers (0: all)")
    parser.add_argument("--versus", choices=("main",), help="also play each opener as main did")
    parser.add_argument("--busy", action="store_true",
                        help="each opener arrives during another session's idle-time prefill")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    from bot.service import build_dialogue_service
    from bot.settings import Settings

    # no reply deadline: a reply cut by the clock on a busy machine would differ between modes
    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0,
                       generator_threads=args.threads, idle_prefill=False, reply_deadline_ms=0)
    service = build_dialogue_service(settings)
    watch = Watch()
    instrument(service, watch)
    texts = openers()[: args.limit or None]
    setups = main_setups(service) if args.versus else {"served": lambda: None}
    neighbour = Neighbour(service, openers()) if args.busy else None
    print(f"{len(texts)} openers; torch threads {args.threads}; load average "
          f"{os.getloadavg()[0]:.2f}" + ("; each during another session's idle-time prefill"
                                          if neighbour else ""))
    for text in texts[:2]:  # warm-up: first-call costs
        play(service, watch, text, "warm-up")
    rows = play_all(service, watch, texts, setups, args.repeat)
    busy: list[dict] = []
    if neighbour is not None:  # only the openers the generator answered, each during a prefill
        generated = list(dict.fromkeys(r["text"] for r in rows if r["generated"]))
        busy = play_all(service, watch, generated, setups, args.repeat, neighbour)
    setups["served"]()
    scheduler = service.generator._engine.scheduler
    print(f"idle-time prefill: {scheduler.background_tokens} tokens run, {scheduler.gave_way} steps "
          f"stopped part-way for a reply")
    service.close()
    for title, played in (("quiet", rows), ("during another session's idle-time prefill", busy)):
        for mode in setups if played else ():
            report([r for r in played if r["mode"] == mode], f"{mode}, {title}")
        if args.versus and played:
            compare(played, tuple(setups))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


def play_all(service, watch: Watch, texts: list[str], setups: dict, repeat: int,
             neighbour: Neighbour | None = None) -> list[dict]:
    """Every text in every mode, the order of the modes alternating from text to text."""
    rows: list[dict] = []
    for round_ in range(repeat):
        for index, text in enumerate(texts):
            modes = list(setups)
            if (index + round_) % 2:
                modes.reverse()
            for mode in modes:
                setups[mode]()
                rows.append(play(service, watch, text, mode, neighbour))
    return rows


def compare(rows: list[dict], modes: tuple[str, str]) -> None:
    """Replies that differ between the modes (0 expected), and the first token's ratios."""
    pairs = list(zip(*([r for r in rows if r["mode"] == mode] for mode in modes)))
    differ = [a["text"] for a, b in pairs if a["reply"] != b["reply"]]
    both = [(a, b) for a, b in pairs if a["generated"] and b["generated"]]
    print(f"openers played both ways: {len(pairs)}; replies differing: {len(differ)}"
          + (f" ({'; '.join(differ[:3])})" if differ else ""))
    if both:
        firsts = {mode: [pair[i]["first"] for pair in both] for i, mode in enumerate(modes)}
        print(f"generated both ways: {len(both)}; first token {modes[0]} / {modes[1]}: " + ", ".join(
            f"p{q} {percentile(firsts[modes[0]], q) / percentile(firsts[modes[1]], q):.2f}"
            for q in (50, 95)))


if __name__ == "__main__":
    sys.exit(main())
