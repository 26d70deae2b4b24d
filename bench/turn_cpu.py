"""CPU per code-answered turn, in process: where a turn's CPU goes, robust to a shared machine.

    .venv/bin/python bench/turn_cpu.py [--rounds 30] [--profile] [--no-redis] [--generated]

Builds the real `DialogueService` as `shopdesk serve` does (demo store, real NLU models, one
torch thread, sessions on a private redis-server with an append-only file) with the generator
pointed at a closed port: only code-answered turns are measured, so the model is not loaded.
Plays bench/load.py's code-answered messages, each round one conversation of the messages in
order, ``--rounds`` times, and prints the CPU seconds of the turn's thread (`time.thread_time`:
CPU used, not time waited, so other processes on the cores barely move it) per message and in
all. ``--profile`` runs the same turns again under cProfile (timed by the thread's CPU clock)
and prints the cumulative CPU of each stage of a turn per turn (the profiler's own overhead
inflates Python-heavy stages; read the shares, not the absolute values) and the top functions
by own time. ``--generated`` plays
the generated questions instead, with the model in its child process as `shopdesk serve` runs
it: the service's side of a generated turn (retrieval, facts, the stream from the child, guard).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bench.load import CODE, GENERATED  # noqa: E402  (the load bench's messages)

#: Stages of a turn: (label, file path fragment, function name) found in the profile.
STAGES = (
    ("whole turn", "bot/dialogue/service.py", "turn"),
    ("session lock (Redis)", "bot/sessions/redis_store.py", "_locked"),
    ("session load (Redis+JSON)", "bot/sessions/redis_store.py", "_load"),
    ("session save (Redis+JSON)", "bot/sessions/redis_store.py", "_save"),
    ("rate limit (Redis)", "bot/sessions/redis_store.py", "allow"),
    ("language detection", "bot/dialogue/language/languages.py", "detect"),
    ("reading (spelling etc.)", "bot/dialogue/understanding.py", "read"),
    ("  spelling", "bot/dialogue/language/spelling.py", "correct"),
    ("context expansion", "bot/dialogue/conversation.py", "expand"),
    ("NLU understand", "bot/dialogue/understanding.py", "understand"),
    ("  intent", "models/nlu/intent.py", "predict"),
    ("  sentiment", "models/nlu/sentiment.py", "predict"),
    ("  entities", "models/nlu/entities.py", "extract"),
    ("  tokenizer", "transformers/tokenization_utils_base.py", "__call__"),
    ("  encoder forward", "torch/nn/modules/module.py", "_call_impl"),
    ("decide (policy)", "bot/dialogue/conversation.py", "decide"),
    ("injection check", "bot/dialogue/grounding/guard.py", "looks_like_injection"),
    ("retrieval search", "retrieval/retriever.py", "search"),
    ("  query embedding", "retrieval/embedder.py", "encode"),
    ("  BM25", "retrieval/bm25.py", "search"),
    ("  FAISS", "retrieval/dense.py", "search"),
    ("grounded start (search, facts)", "bot/dialogue/grounding/grounded.py", "start"),
    ("  fact ranking", "bot/dialogue/grounding/facts.py", "rank"),
    ("stream from the child (HTTP)", "models/generation/openai_server.py", "_request"),
    ("  SSE chunks parsed", "models/generation/server_stream.py", "chunks"),
    ("grounded finish (guard)", "bot/dialogue/grounding/grounded.py", "finish"),
    ("  guard check", "bot/dialogue/grounding/guard.py", "check"),
    ("checkpoint (Redis)", "bot/sessions/base.py", "checkpoint"),
    ("events publish (Redis)", "bot/sessions/events.py", "publish_all"),
    ("metrics", "bot/metrics.py", "record_turn"),
    ("JSON dumps", "json/__init__.py", "dumps"),
    ("JSON loads", "json/__init__.py", "loads"),
    ("logging", "logging/__init__.py", "_log"),
)


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "yes", "--appendfsync", "everysec", "--dir",
                             str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("redis-server did not start")


def play(service, rounds: int, messages: list[str]) -> dict[str, list[float]]:
    """Thread CPU seconds of each turn, by message."""
    from bot.dialogue import new_web_key
    from bot.types import ChannelMessage

    spent: dict[str, list[float]] = {text: [] for text in messages}
    for _ in range(rounds):
        key = new_web_key()
        for number, text in enumerate(messages):
            message = ChannelMessage(key.session_id, text, "web", secret=key.secret,
                                     new=number == 0)
            started = time.thread_time()
            service.reply(message)
            spent[text].append(time.thread_time() - started)
    return spent


def stage_report(profile: cProfile.Profile, turns: int, stages=STAGES, top: int = 25) -> None:
    """Cumulative CPU per turn of each (label, file path fragment, function name) stage, then
    the top functions by own time."""
    stats = pstats.Stats(profile)
    # {(file, line, name): (cc, nc, tt, ct, callers)}
    entries = stats.stats  # type: ignore[attr-defined]
    print(f"\nstages under cProfile, cumulative CPU ms per turn ({turns} turns):")
    for label, path, name in stages:
        cumulative = calls = 0.0
        for (file, _, function), (_, ncalls, _, ct, callers) in entries.items():
            if function == name and file.replace(os.sep, "/").endswith(path):
                # only outermost calls: a recursive or nested call would be counted twice
                outer = {c: v for c, v in callers.items() if c[2] != name or not
                         c[0].replace(os.sep, "/").endswith(path)}
                cumulative += sum(v[3] for v in outer.values()) if outer else ct
                calls += ncalls
        print(f"  {label:28} {cumulative / turns * 1000:8.2f} ms  ({calls / turns:.1f} calls)")
    print("\ntop functions by own CPU:")
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="conversations of the messages")
    parser.add_argument("--profile", action="store_true", help="then again under cProfile")
    parser.add_argument("--no-redis", action="store_true", help="in-memory sessions")
    parser.add_argument("--generated", action="store_true",
                        help="the generated questions, with the model in its child process")
    args = parser.parse_args()
    messages = GENERATED if args.generated else CODE
    import torch

    from bot.service import build_dialogue_service
    from bot.settings import Settings

    workdir = Path(tempfile.mkdtemp(prefix="shopdesk-turn-cpu-"))
    redis_proc, redis_url = (None, "") if args.no_redis else start_redis(workdir)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: the generator is refused at once
    settings = replace(Settings.from_env(), redis_url=redis_url, rate_limit_per_minute=0)
    if not args.generated:
        settings = replace(settings, generator_url=f"http://127.0.0.1:{closed.getsockname()[1]}/v1",
                           generator_model="none", generator_retries=0)
    torch.set_num_threads(settings.nlu_threads or 1)  # as `serve` runs its small models
    service = build_dialogue_service(settings, separate_generator=args.generated)
    try:
        if args.generated and not service.generator.process.wait_healthy(600):
            sys.exit("the generator child did not come up")
        play(service, 2, messages)  # warm: first calls build caches and pay lazy imports
        process_started, wall_started = time.process_time(), time.perf_counter()
        spent = play(service, args.rounds, messages)
        process_s = time.process_time() - process_started
        wall_s = time.perf_counter() - wall_started
        turns = sum(len(v) for v in spent.values())
        kind = "generated" if args.generated else "code-answered"
        print(f"{turns} {kind} turns ({args.rounds} conversations of {len(messages)}), "
              f"sessions in {'memory' if args.no_redis else 'Redis'}, torch threads "
              f"{torch.get_num_threads()}")
        print(f"{'message':38} {'CPU ms/turn':>12} {'min':>7}")
        for text, values in spent.items():
            print(f"  {text:36} {sum(values) / len(values) * 1000:12.2f} "
                  f"{min(values) * 1000:7.2f}")
        total = sum(sum(v) for v in spent.values())
        print(f"all: turn-thread CPU {total / turns * 1000:.2f} ms/turn; this process's CPU "
              f"{process_s / turns * 1000:.2f} ms/turn (all threads); wall "
              f"{wall_s / turns * 1000:.2f} ms/turn")
        if args.profile:
            profile = cProfile.Profile(time.thread_time)  # CPU, not time spent waiting
            profile.enable()
            play(service, args.rounds, messages)
            profile.disable()
            stage_report(profile, turns)
    finally:
        service.close()
        closed.close()
        if redis_proc is not None:
            redis_proc.terminate()
            redis_proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
