"""NLU + state update latency per language (issue #14: within 30 ms p95 on 2 CPU cores).

    .venv/bin/python bench/understanding.py [--repeat 3] [--threads 2]

Plays the shopper suites (bench/data/shoppers.json and shoppers_heldout.json) through the real
`DialogueService` (demo store, real models, in-memory sessions) and times, per shopper turn, the
understanding part of the turn: reading the message (language detection, glossary, spelling),
the three NLU models, the conversation's decision (its rules, the policy, and the store search
that overrules an "out of scope") and the state update after the reply. Generation and actions
are not counted. Prints p50/p95/max per language (the language the turn was read in) and each
part's p50/p95 (the decision's store search runs only on "out of scope" turns).

With --clock cpu the same parts are timed by the calling thread's CPU clock (`time.thread_time`)
instead of the wall clock: CPU used, not time waited, so other processes on a shared machine
barely move it. It needs --threads 1 (torch's other threads would go uncounted); on a quiet
core, a turn's wall time is about its CPU time.

With --profile the same turns are played once more under cProfile (timed by the thread's CPU
clock) and the cumulative CPU of each stage of the understanding is printed per turn (encoder
passes, the classifiers, tokenizing, language detection, spelling, regular expressions, the
store search), then the top functions by own time. The profiler's own overhead inflates
Python-heavy stages: read the shares and the calls per turn, not the absolute values.

With --graph both each conversation is played twice in one process, once with the embedder's
TorchScript graph for lone queries (`retrieval.query_graph`) and once with sentence-transformers,
in alternating order, the embedder's remembered queries cleared before each play; a table is
printed per mode (on: the served code). --graph off plays with sentence-transformers only.

With --versus main each conversation is played twice in one process, alternating which goes
first: as served, and as main ran it before session 18 (the classifiers' and the embedder's
graphs traced with the attention mask given to the encoder; a message of several questions read
whole first and each part only as it is answered). Each mode keeps its own classifier caches. A
table is printed per mode, then the turns whose reply, decision, NLU or dialogue state differ
between the two plays (0 expected: the changes are meant to change no number).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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

PARTS = ("read", "nlu", "decide", "after")
#: Model passes inside those parts, timed for the p95 tail's breakdown (`report_tail`).
INSIDE = ("classifier pass", "MiniLM encode")
#: Stages of the understanding found in a profile: (label, file path fragment, function name).
STAGES = (
    ("whole turn (with actions)", "bot/dialogue/service.py", "turn"),
    ("read", "bot/dialogue/understanding.py", "read"),
    ("  language detection", "bot/dialogue/language/languages.py", "detect"),
    ("  to English", "bot/dialogue/language/languages.py", "to_english"),
    ("  spelling", "bot/dialogue/language/spelling.py", "correct"),
    ("NLU understand", "bot/dialogue/understanding.py", "understand"),
    ("  intent", "models/nlu/intent.py", "predict"),
    ("  sentiment", "models/nlu/sentiment.py", "predict"),
    ("  entities", "models/nlu/entities.py", "extract"),
    ("  classifier pass (int8 graph)", "models/nlu/classifier_net.py", "_one"),
    ("decide", "bot/dialogue/conversation.py", "decide"),
    ("after (state update)", "bot/dialogue/conversation.py", "after"),
    ("MiniLM encode (float32)", "retrieval/embedder.py", "encode"),
    ("  sentence-transformers encode", "sentence_transformers/SentenceTransformer.py", "encode"),
    ("  BERT forward", "transformers/models/bert/modeling_bert.py", "forward"),
    ("tokenizer calls", "transformers/tokenization_utils_base.py", "__call__"),
    ("retrieval search", "retrieval/retriever.py", "search"),
    ("  BM25", "retrieval/bm25.py", "search"),
    ("regex search", "re/__init__.py", "search"),
    ("regex compile", "re/__init__.py", "_compile"),
)
SUITES = (ROOT / "bench" / "data" / "shoppers.json", ROOT / "bench" / "data" / "shoppers_heldout.json")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Stopwatch:
    """Adds up the time spent in the wrapped methods during one turn.

    A part wrapped ``inside`` another (a model pass within the NLU or the decision) is timed
    and counted in `inside` and `calls` instead of `parts`, so a turn's total (the sum of
    `parts`) never counts it twice.
    """

    def __init__(self, clock=time.perf_counter) -> None:
        self.parts: dict[str, float] = defaultdict(float)
        self.inside: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.clock = clock

    def wrap(self, owner, name: str, part: str, inside: bool = False) -> None:
        original = getattr(owner, name)
        into = self.inside if inside else self.parts

        def timed(*args, **kwargs):
            started = self.clock()
            try:
                return original(*args, **kwargs)
            finally:
                into[part] += self.clock() - started
                self.calls[part] += 1
        setattr(owner, name, timed)

    def clear(self) -> None:
        self.parts.clear()
        self.inside.clear()
        self.calls.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="plays of each conversation")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall: elapsed time; cpu: the calling thread's CPU time (needs --threads 1)")
    parser.add_argument("--profile", action="store_true",
                        help="then play the turns once more under cProfile, by stage")
    parser.add_argument("--graph", choices=("on", "off", "both"), default="on",
                        help="the embedder's TorchScript graph for lone queries (both: A/B in one run)")
    parser.add_argument("--versus", choices=("main",),
                        help="main: A/B in one run against main before session 18, differences counted")
    args = parser.parse_args(argv)
    if args.clock == "cpu" and args.threads != 1:
        parser.error("--clock cpu counts the calling thread only: use --threads 1")
    import torch

    from bot.service import build_dialogue_service
    from bot.settings import Settings
    from bot.types import ChannelMessage

    torch.set_num_threads(args.threads)
    service = build_dialogue_service(replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0))
    watch = Stopwatch(time.thread_time if args.clock == "cpu" else time.perf_counter)
    watch.wrap(service.understander, "read", "read")
    watch.wrap(service.understander, "understand", "nlu")
    watch.wrap(service.understander, "understand_all", "nlu")
    watch.wrap(service.conversation, "decide", "decide")
    watch.wrap(service.conversation, "after", "after")
    from models.nlu.classifier_net import Predictor

    watch.wrap(Predictor, "_one", "classifier pass", inside=True)  # a text not cached
    watch.wrap(service.retriever.embedder, "encode", "MiniLM encode", inside=True)
    conversations = [c for path in SUITES for c in json.loads(path.read_text())["conversations"]]
    for text in ("hi", "how much is shipping for $30", "where is my order"):  # warm-up, not timed
        service.reply(ChannelMessage("understanding-warmup", text))
    graph = service.retriever.embedder._graph
    setups = mode_setups(service, args.versus)
    modes = (("served", "main") if args.versus else
             {"on": ("on",), "off": ("off",), "both": ("on", "off")}[args.graph])
    totals = {mode: defaultdict(list) for mode in modes}
    parts = {mode: defaultdict(list) for mode in modes}
    turns = {mode: [] for mode in modes}
    outcomes = {mode: [] for mode in modes}
    try:
        for _ in range(args.repeat):
            for i, conversation in enumerate(conversations):
                for mode in (modes if i % 2 == 0 else modes[::-1]):
                    setups[mode]()
                    play(service, watch, conversation, totals[mode], parts[mode], turns[mode],
                         outcomes[mode])
        setups[modes[0]]()
        if args.profile:
            profile_turns(service, conversations)
    finally:
        service.close()
    for mode in modes:
        report(args, mode if args.versus else f"graph {mode}" + (
            "" if graph is not None or mode == "off" else " (not built)"), totals[mode], parts[mode])
        report_tail(turns[mode])
    if args.versus:
        report_differences(modes, outcomes, totals)
    return 0


def mode_setups(service, versus: str | None) -> dict:
    """What each mode sets before a conversation is played: the embedder's graph (its
    remembered queries cleared), the classifiers' graphs and kept texts (one cache per mode, as
    in separate processes), and how a message of several questions is read."""
    embedder, understander = service.retriever.embedder, service.understander
    predictors = (understander.intents._predictor, understander.sentiment._predictor)

    def setup(query_graph, graphs, caches, understand_all):
        def apply() -> None:
            embedder._graph = query_graph
            embedder._queries.clear()
            for predictor, graph, cache in zip(predictors, graphs, caches):
                predictor._graph, predictor._cache = graph, cache
            understander.understand_all = understand_all
        return apply

    served = setup(embedder._graph, [p._graph for p in predictors], [p._cache for p in predictors],
                   understander.understand_all)
    if versus != "main":
        return {"on": served, "off": setup(None, [p._graph for p in predictors],
                                           [p._cache for p in predictors], understander.understand_all)}
    query_graph, graphs = main_graphs(embedder, predictors)
    caches = [type(p._cache)(p._cache.size) for p in predictors]
    # main read a message of several questions whole; each part when it was answered
    return {"served": served,
            "main": setup(query_graph, graphs, caches, lambda texts: [understander.understand(texts[0])])}


def main_graphs(embedder, predictors) -> tuple:
    """The graphs main served before session 18: the encoders traced with an attention mask."""
    import warnings

    import torch

    from models.nlu.classifier_net import _quiet_transformers
    from retrieval.query_graph import QueryGraph

    query_graph = None if embedder._graph is None else QueryGraph.trace(
        embedder._model, ("input_ids", "attention_mask", "token_type_ids"))
    graphs = []
    for predictor in predictors:
        if predictor._graph is None:  # the eager network serves here: so it did in main
            graphs.append(None)
            continue
        ids = predictor.tokenizer("a message to trace", return_tensors="pt")["input_ids"]
        with warnings.catch_warnings(), torch.inference_mode(), _quiet_transformers():
            warnings.simplefilter("ignore")
            traced = torch.jit.trace(predictor.network, (ids, torch.ones_like(ids)), check_trace=False)
            graphs.append(torch.jit.freeze(traced.eval(), optimize_numerics=False))
    return query_graph, graphs


def report_differences(modes: tuple[str, str], outcomes: dict, totals: dict) -> None:
    """How many turns played both ways differ, by what; and the two modes' p50/p95 ratios."""
    pairs = list(zip(*(outcomes[mode] for mode in modes)))
    print(f"turns played both ways: {len(pairs)}; differing: " + ", ".join(
        f"{key} {sum(a[key] != b[key] for a, b in pairs)}" for key in ("reply", "decision", "nlu", "state")))
    every = {mode: [v for values in totals[mode].values() for v in values] for mode in modes}
    print(f"{modes[0]} / {modes[1]}: " + ", ".join(
        f"p{round(q * 100)} {percentile(every[modes[0]], q) / percentile(every[modes[1]], q):.2f}"
        for q in (0.5, 0.95)))


def play(service, watch: Stopwatch, conversation: dict, totals: dict, parts: dict,
         turns: list[dict], outcomes: list[dict]) -> None:
    """Play one conversation in a new session, adding each turn's understanding time (ms), and
    each turn's parts, model passes and their counts to ``turns``, and what it answered, decided,
    understood and left in the state to ``outcomes``."""
    from bench.shoppers import seeded_orders
    from bot.types import ChannelMessage

    session_id = f"understanding-{uuid.uuid4().hex[:8]}"
    # each play on the demo orders as seeded (a play before must not have cancelled them)
    service.orders = seeded_orders(service, service.orders)
    for turn in conversation["turns"]:
        watch.clear()
        result = service.reply(ChannelMessage(session_id, turn["user"]))
        state = service.session(session_id).state or {}
        outcomes.append({"reply": result.reply.to_dict(), "decision": (result.reason, result.guard),
                         "nlu": result.nlu, "state": json.dumps(state, sort_keys=True, default=str)})
        language = state.get("language", "en")
        # a two-questions message is understood once per part too: all counted
        totals[language].append(sum(watch.parts.values()) * 1000)
        for part in PARTS:
            parts[part].append(watch.parts[part] * 1000)
        turns.append({"total": totals[language][-1],
                      **{part: watch.parts[part] * 1000 for part in PARTS},
                      **{part: watch.inside[part] * 1000 for part in INSIDE},
                      **{f"{part} calls": watch.calls[part] for part in INSIDE}})


def report(args, title: str, totals: dict, parts: dict) -> None:
    print(f"NLU + state update per shopper turn, ms of {args.clock} clock "
          f"({args.repeat} plays, {args.threads} threads, {title})")
    print(f"{'language':9s} {'turns':>5s} {'p50':>7s} {'p95':>7s} {'max':>7s}")
    for language in sorted(totals, key=lambda lang: (lang != "en", lang)):
        values = totals[language]
        print(f"{language:9s} {len(values):5d} {percentile(values, 0.5):7.1f} {percentile(values, 0.95):7.1f} "
              f"{max(values):7.1f}")
    every = [v for values in totals.values() for v in values]
    print(f"{'all':9s} {len(every):5d} {percentile(every, 0.5):7.1f} {percentile(every, 0.95):7.1f} "
          f"{max(every):7.1f}")
    print("parts, all languages: " + ", ".join(
        f"{part} p50 {percentile(parts[part], 0.5):.1f} / p95 {percentile(parts[part], 0.95):.1f}"
        for part in PARTS))
    return 0


def tail_rows(turns: list[dict]) -> dict[str, dict[str, float]]:
    """Median ms (and passes) of each part over all turns and over the turns at or above the
    p95 (medians: one slow outlier must not stand for the tail)."""
    if not turns:
        return {}
    bar = percentile([t["total"] for t in turns], 0.95)
    groups = {"all turns": turns, "p95 tail": [t for t in turns if t["total"] >= bar]}
    keys = ("total", *PARTS, *INSIDE, *(f"{part} calls" for part in INSIDE))
    rows = {name: {"turns": float(len(group)),
                   **{key: statistics.median(t[key] for t in group) for key in keys},
                   "searched share": sum(t["MiniLM encode calls"] > 0 for t in group) / len(group)}
            for name, group in groups.items()}
    return rows


def report_tail(turns: list[dict]) -> None:
    """What the turns at or above the p95 spend their time on, against all turns."""
    rows = tail_rows(turns)
    if not rows:
        return
    keys = list(next(iter(rows.values())))
    print("the p95 tail, medians per turn (ms; calls: passes not cached; searched: a MiniLM pass):")
    print(f"{'':10s} " + " ".join(f"{k[:18]:>18s}" for k in keys))
    for name, row in rows.items():
        print(f"{name:10s} " + " ".join(f"{row[k]:18.2f}" for k in keys))


def profile_turns(service, conversations: list[dict]) -> None:
    """Play every turn once more under cProfile (the thread's CPU clock) and print its stages."""
    import cProfile

    from bench.turn_cpu import stage_report
    from bot.types import ChannelMessage

    profile = cProfile.Profile(time.thread_time)
    turns = 0
    profile.enable()
    for conversation in conversations:
        session_id = f"understanding-{uuid.uuid4().hex[:8]}"
        for turn in conversation["turns"]:
            service.reply(ChannelMessage(session_id, turn["user"]))
            turns += 1
    profile.disable()
    stage_report(profile, turns, STAGES, top=30)


if __name__ == "__main__":
    raise SystemExit(main())
