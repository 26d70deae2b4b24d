"""In-process generator vs the OpenAI-compatible server backend, in one run.

Run: .venv/bin/python bench/server_backend.py [--url http://host:port/v1] [--turns 4]
                                               [--sessions 8] [--new-tokens 48] [--threads 2]

Without --url it starts llama-cpp-python's server (`python -m llama_cpp.server`) on the shipped
Qwen2.5-Coder-0.5B Q4_K_M GGUF with the same threads. Both backends play the same support
conversation (facts from the demo store, bench/generation.py's script) and then 8 sessions at
once. Printed per backend: time to first token by turn (turn 2+ is where a prefix cache shows),
decode tokens/s, and with 8 concurrent sessions the aggregate tokens/s and the median first
token; then the server/in-process ratios. On a shared CPU the load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generation import CONVERSATION, facts_for, load_average  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from models import ChatMessage, Generator, GeneratorOptions, ServerGenerator, ServerOptions  # noqa: E402
from models.assets import GENERATOR_DIR_NAME, GENERATOR_GGUF_NAME  # noqa: E402


def start_llama_server(gguf: Path, threads: int, slots: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "qwen",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
         "--n_threads", str(threads), "--cache", "true",
         # By default a new request interrupts the one streaming (its stream just ends, which
         # ServerGenerator reports as a broken reply); queue them instead, as vLLM would batch.
         "--interrupt_requests", "false"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/models", timeout=2).close()
            return proc, url
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("llama_cpp.server exited; is llama-cpp-python[server] installed?")
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start in 300 s")


def conversation(g, kb: KnowledgeBase, session: str, turns: int, new_tokens: int) -> list:
    history, results = [], []
    for question, ids in CONVERSATION[:turns]:
        facts = facts_for(kb, ids)
        result = g.generate(session, [*history, ChatMessage("user", question)], facts,
                            max_new_tokens=new_tokens)
        results.append(result)
        history += [ChatMessage("user", question, facts), ChatMessage("assistant", result.text)]
    return results


def concurrent(g, kb: KnowledgeBase, sessions: int, new_tokens: int) -> tuple[float, float]:
    """(aggregate decode tokens/s, median first token s) with `sessions` replies at once."""
    results, errors = [None] * sessions, []
    question, ids = CONVERSATION[sessions % len(CONVERSATION)]

    def one(i: int) -> None:
        try:
            results[i] = g.generate(f"many-{i}", [ChatMessage("user", f"{question} (#{i})")],
                                    facts_for(kb, ids), max_new_tokens=new_tokens)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} concurrent requests failed: {errors[0]}")
    tokens = sum(r.timings.decode_tokens for r in results)
    return tokens / wall, statistics.median(r.timings.ttft_s for r in results)


def measure(name: str, g, kb: KnowledgeBase, args) -> dict:
    conversation(g, kb, f"{name}-warm", 1, 8)  # warm-up: loads, compiles, caches the rules
    results = conversation(g, kb, f"{name}-bench", args.turns, args.new_tokens)
    print(f"\n== {name} ==")
    for turn, r in enumerate(results, start=1):
        t = r.timings
        print(f"turn {turn}: prompt {t.prompt_tokens:>5} tok, reused {t.reused_tokens:>5}, "
              f"first token {t.ttft_s * 1e3:7.0f} ms, decode {t.decode_tokens_per_s:5.1f} tok/s")
    rate, ttft = concurrent(g, kb, args.sessions, args.new_tokens)
    print(f"{args.sessions} sessions at once: {rate:.1f} tok/s together, median first token "
          f"{ttft * 1e3:.0f} ms")
    return {"ttft1": results[0].timings.ttft_s,
            "ttft_later": statistics.median(r.timings.ttft_s for r in results[1:]),
            "decode": statistics.median(r.timings.decode_tokens_per_s for r in results),
            "many_rate": rate, "many_ttft": ttft}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="", help="an OpenAI-compatible server; else llama.cpp")
    parser.add_argument("--data-dir", default=".shopdesk")
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--new-tokens", type=int, default=48)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    models_dir = Path(args.data_dir) / "models"
    kb = KnowledgeBase.demo()
    print(f"load average before: {load_average()}")
    server_proc = None
    url = args.url
    if not url:
        server_proc, url = start_llama_server(models_dir / GENERATOR_GGUF_NAME, args.threads,
                                              args.sessions)
    try:
        remote = ServerGenerator(url, ServerOptions(read_timeout_s=600, retries=0)).load()
        server = measure("server (OpenAI-compatible)", remote, kb, args)
        remote.close()
    finally:
        if server_proc is not None:
            server_proc.kill()
    local = Generator(models_dir / GENERATOR_DIR_NAME, device="cpu",
                      options=GeneratorOptions(num_threads=args.threads, max_batch=args.sessions)).load()
    inproc = measure("in-process Generator", local, kb, args)
    local.close()
    print("\n== server / in-process (same run; >1 means the server is higher) ==")
    for key, label in (("ttft1", "first token, turn 1"), ("ttft_later", "first token, turns 2+"),
                       ("decode", "decode tok/s, one session"),
                       ("many_rate", f"tok/s, {args.sessions} sessions"),
                       ("many_ttft", f"first token, {args.sessions} sessions")):
        print(f"{label:<28} {server[key]:9.3f}  {inproc[key]:9.3f}  ratio {server[key] / inproc[key]:5.2f}")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
