"""Generator benchmark: session cache vs re-prefill, decode speed, speculation, batching, llama.cpp.

Run: .venv/bin/python bench/generation.py [--model DIR] [--device cpu|cuda] [--turns 10]
                                          [--cuda-graphs auto|on|off] [--kv-cache-gib 1]
                                          [--sessions 1 2 4 8] [--quick]

1. A 10-turn support conversation over the demo store (facts from its real policies and
   products; ~1.5k tokens of history by turn 5). Per turn: time to first token (TTFT) with the
   session cache, and with full re-prefill (same model, caching off), their ratio, and decode
   tokens/s. TTFT flatness from turn 1 to the last turn (warm engine: turn 1 borrows the shared
   rules prefix from an earlier session).
2. The uncached nanoGPT-style reference loop: ms per token at turn 5, against the cached decode.
3. Prompt-lookup speculative decoding on the same conversation: decode tokens/s and whether the
   greedy tokens are unchanged.
4. Continuous batching: aggregate tokens/s with 1, 2, 4, 8 sessions generating at once.
5. llama.cpp (llama-cpp-python) on the same GGUF, prompts and threads, when it is installed.
All ratios are computed within this run. The load average is printed before and after: these
CPUs may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from models.generation import prompts  # noqa: E402
from models.assets import prepare_assets  # noqa: E402
from models.generation.generator import Generator  # noqa: E402
from models.generation.reference import greedy_reference  # noqa: E402
from models.generation.types import ChatMessage, Fact, GeneratorOptions  # noqa: E402

FACT_CHARS = 420  # a retrieved passage, clipped as a retrieval snippet; products come whole

# (question, fact ids): the shopper's turns, each with the facts retrieval would attach.
CONVERSATION = [
    ("Hi! What is your return policy?", ["policy:returns-and-replacements#1",
                                         "policy:returns-and-replacements#3"]),
    ("How much does standard shipping cost for a $120 order?", ["policy:shipping-and-delivery#2",
                                                                "policy:shipping-and-delivery#1"]),
    ("Is shipping free if I spend more than $50?", ["promotion:spend-50-or-more-shipping-is-free#1",
                                                    "policy:shipping-and-delivery#1"]),
    ("Do you have the Chaz Kangeroo Hoodie in XL?", ["product:MH01", "product:MH02"]),
    ("What is it made of, and can I machine wash it?", ["product:MH01",
                                                        "policy:returns-and-replacements#1"]),
    ("Are there any discounts on pants right now?", ["promotion:20-off-all-womens-and-mens-pants#1",
                                                     "promotion:20-off-ever-200-plus-purchase#1"]),
    ("Can I return a gift I received?", ["policy:returns-and-replacements#2",
                                         "policy:returns-and-replacements#1"]),
    ("Is it safe to pay with my credit card on your website?", ["policy:privacy-policy#2",
                                                                "policy:privacy-policy#3"]),
    ("How do I stop getting your promotional emails?", ["policy:privacy-policy#23",
                                                        "policy:privacy-policy#13"]),
    ("Thanks. Can I talk to a person about a bulk order?", ["page:about-us#1",
                                                            "policy:luma-delivery-and-returns#1"]),
]


def facts_for(kb: KnowledgeBase, ids: list[str]) -> tuple[Fact, ...]:
    documents = {d.id: d for d in kb.documents()}
    facts = []
    for fact_id in ids:
        text = " ".join(documents[fact_id].text.split())
        facts.append(Fact(fact_id, text if fact_id.startswith("product:") else text[:FACT_CHARS]))
    return tuple(facts)


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "n/a"


def build(args: argparse.Namespace, **overrides) -> Generator:
    options = GeneratorOptions(
        context_tokens=args.context, num_threads=args.threads,
        speculative_draft=overrides.pop("speculative_draft", 0),  # plain greedy unless asked
        max_batch=max(args.sessions), exact_attention=args.exact_attention == "on",
        cuda_graphs={"auto": None, "on": True, "off": False}[args.cuda_graphs],
    )
    overrides.setdefault("kv_cache_bytes", int(args.kv_cache_gib * (1 << 30)))
    return Generator(args.model, device=args.device, dtype=args.dtype, quantize=args.quantize,
                     options=options, **overrides).load()


# --- 1-3: one conversation ---------------------------------------------------------------------


WARM_UP = [("Hello, are you open on Sundays?", ["page:about-us#1"])]


def run_conversation(g: Generator, kb: KnowledgeBase, turns: int, new_tokens: int, session: str,
                     script=CONVERSATION):
    """Play the conversation; returns per-turn (messages, facts, result)."""
    history: list[ChatMessage] = []
    rows = []
    for question, ids in script[:turns]:
        facts = facts_for(kb, ids)
        messages = [*history, ChatMessage("user", question)]
        result = g.generate(session, messages, facts, max_new_tokens=new_tokens)
        rows.append((messages, facts, result))
        history = [*history, ChatMessage("user", question, facts),
                   ChatMessage("assistant", result.text)]
    return rows


def bench_turns(args, g: Generator, kb: KnowledgeBase) -> list:
    # Another conversation warms the engine and leaves the shared rules prefix cached.
    run_conversation(g, kb, 1, 8, "warm-up", WARM_UP)
    rows = run_conversation(g, kb, args.turns, args.new_tokens, "bench")
    cold = build(args, kv_cache_bytes=0)
    print(f"\n== 1. Time to first token per turn ({args.new_tokens} new tokens, greedy) ==")
    print("turn  prompt  reused  new   TTFT cached  ms/new token  TTFT re-prefill  speed-up"
          "  decode tok/s  same reply")
    ttfts, same = [], 0
    for turn, (messages, facts, result) in enumerate(rows, start=1):
        t = result.timings
        full = cold.generate(f"cold-{turn}", messages, facts, max_new_tokens=args.new_tokens)
        ttfts.append(t.ttft_s)
        same += full.token_ids == result.token_ids
        print(f"{turn:>4}  {t.prompt_tokens:>6}  {t.reused_tokens:>6}  {t.prefill_tokens:>4}  "
              f"{t.ttft_s * 1e3:>9.0f} ms  {t.ttft_s * 1e3 / t.prefill_tokens:>12.1f}  "
              f"{full.timings.ttft_s * 1e3:>12.0f} ms  "
              f"{full.timings.ttft_s / t.ttft_s:>7.1f}x  {t.decode_tokens_per_s:>11.1f}  "
              f"{full.token_ids == result.token_ids!s:>10}")
    cold.close()
    print(f"cached and re-prefilled replies identical on {same}/{len(rows)} turns")
    decode = statistics.median(r.timings.decode_tokens_per_s for *_, r in rows)
    per_token = [r.timings.ttft_s / r.timings.prefill_tokens for *_, r in rows]
    print(f"TTFT last turn / turn 1 (warm): {ttfts[-1] / ttfts[0]:.2f}x;  per new token: "
          f"{per_token[-1] / per_token[0]:.2f}x;  median decode: {decode:.1f} tok/s")
    return rows


def bench_reference(g: Generator, rows, turn: int, tokens: int = 3) -> None:
    messages, facts, result = rows[min(turn, len(rows)) - 1]
    prompt = g.encode_prompt(messages, facts, max_new_tokens=64)
    start = time.perf_counter()
    ref = greedy_reference(g.model, prompt, tokens, g.end_ids)
    per_token = (time.perf_counter() - start) / len(ref)
    cached = 1.0 / max(result.timings.decode_tokens_per_s, 1e-9)
    print(f"\n== 2. Uncached reference loop at turn {turn} ({len(prompt)}-token prompt) ==")
    print(f"reference: {per_token * 1e3:.0f} ms/token   cached decode: {cached * 1e3:.0f} ms/token"
          f"   cached is {per_token / cached:.0f}x faster;   same first tokens: "
          f"{list(result.token_ids[: len(ref)]) == ref}")


def bench_speculation(args, kb: KnowledgeBase, rows) -> None:
    spec = build(args, speculative_draft=args.draft)
    run_conversation(spec, kb, 1, 8, "warm-up", WARM_UP)
    fast = run_conversation(spec, kb, args.turns, args.new_tokens, "bench")
    spec.close()
    same = all(a[2].token_ids == b[2].token_ids for a, b in zip(rows, fast))
    plain = statistics.median(r.timings.decode_tokens_per_s for *_, r in rows)
    speedy = statistics.median(r.timings.decode_tokens_per_s for *_, r in fast)
    drafted = sum(r.timings.drafted_tokens for *_, r in fast)
    accepted = sum(r.timings.accepted_tokens for *_, r in fast)
    print(f"\n== 3. Prompt-lookup speculation (up to {args.draft} draft tokens) ==")
    print(f"decode: {speedy:.1f} tok/s vs {plain:.1f} plain ({speedy / plain:.2f}x);  "
          f"drafts accepted {accepted}/{drafted};  greedy tokens unchanged: {same}")


# --- 4: concurrency ---------------------------------------------------------------------------


def bench_batching(args, g: Generator, kb: KnowledgeBase) -> None:
    print(f"\n== 4. Continuous batching: sessions generating at once ({args.batch_tokens} "
          "tokens each) ==")
    print("sessions  wall s  tokens  aggregate tok/s  vs 1 session  max batch seen")
    base = None
    for count in args.sessions:
        jobs = []
        for index in range(count):
            question, ids = CONVERSATION[index % len(CONVERSATION)]
            jobs.append((f"batch-{count}-{index}", [ChatMessage("user", question)],
                         facts_for(kb, ids)))
        for session, messages, facts in jobs:  # prompts cached: measure decode, not prefill
            g.generate(session, messages, facts, max_new_tokens=1)
        results = [None] * count
        barrier = threading.Barrier(count)

        def run(index: int) -> None:
            session, messages, facts = jobs[index]
            barrier.wait()
            # Fixed-length replies: throughput, not how soon each reply happens to end.
            results[index] = g.generate(session, messages, facts,
                                        max_new_tokens=args.batch_tokens, ignore_eos=True)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        before = g.stats().max_batch
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        tokens = sum(len(r.token_ids) for r in results)
        rate = tokens / wall
        base = base or rate
        print(f"{count:>8}  {wall:>6.1f}  {tokens:>6}  {rate:>15.1f}  {rate / base:>11.2f}x  "
              f"{max(before, g.stats().max_batch):>14}")


# --- 5: llama.cpp ----------------------------------------------------------------------------


def bench_llama_cpp(args, g: Generator, rows) -> None:
    try:
        from llama_cpp import Llama
    except ImportError:
        print("\n== 5. llama.cpp: llama-cpp-python is not installed; skipped ==")
        return
    if args.gguf is None:
        print("\n== 5. llama.cpp: no --gguf given; skipped ==")
        return
    threads = args.threads or torch.get_num_threads()
    llm = Llama(str(args.gguf), n_ctx=args.context, n_threads=threads, n_batch=512, verbose=False)
    print(f"\n== 5. llama.cpp on {args.gguf.name} ({threads} threads, its own prefix cache) ==")
    print("turn  TTFT llama.cpp  TTFT ours  decode llama.cpp  decode ours")
    for turn, (messages, facts, result) in enumerate(rows, start=1):
        text = g.tokenizer.decode(g.encode_prompt(messages, facts, max_new_tokens=64))
        start = time.perf_counter()
        first, count = None, 0
        for _ in llm(text, max_tokens=args.new_tokens, temperature=0.0, stream=True):
            count += 1
            first = first or time.perf_counter()
        end = time.perf_counter()
        rate = (count - 1) / (end - first) if count > 1 else 0.0
        t = result.timings
        print(f"{turn:>4}  {(first - start) * 1e3:>11.0f} ms  {t.ttft_s * 1e3:>6.0f} ms  "
              f"{rate:>13.1f}  {t.decode_tokens_per_s:>11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the Qwen generator)")
    parser.add_argument("--gguf", type=Path, help="GGUF for llama.cpp (default: the Qwen GGUF)")
    parser.add_argument("--data-dir", type=Path, default=Path(".shopdesk"))
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--dtype", default=None)
    parser.add_argument("--quantize", default="auto", choices=["auto", "int8", "none"])
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--batch-tokens", type=int, default=48)
    parser.add_argument("--draft", type=int, default=8, help="speculative draft tokens")
    parser.add_argument("--context", type=int, default=4096)
    parser.add_argument("--cuda-graphs", choices=["auto", "on", "off"], default="auto",
                        help="static decode steps as CUDA graphs (auto: on for CUDA)")
    parser.add_argument("--exact-attention", choices=["on", "off"], default="on",
                        help="one query at a time on CPU (replies independent of caching)")
    parser.add_argument("--kv-cache-gib", type=float, default=1.0, help="session cache budget")
    parser.add_argument("--quick", action="store_true", help="5 turns, 1 and 4 sessions, no llama.cpp")
    args = parser.parse_args()
    if args.quick:
        args.turns, args.sessions, args.new_tokens, args.batch_tokens = 5, [1, 4], 32, 24
    if args.model is None:  # the default Qwen, and its GGUF for llama.cpp
        assets = prepare_assets(args.data_dir)
        args.model = assets.generator_dir
        args.gguf = args.gguf or assets.generator_gguf
    args.turns = min(args.turns, len(CONVERSATION))
    kb = KnowledgeBase.demo()
    print(f"model {args.model}  device {args.device}  quantize {args.quantize}  "
          f"threads {args.threads or torch.get_num_threads()}  load average {load_average()}")
    g = build(args)
    print(f"loaded on {g.device}; rules prompt {len(g.tokenizer(prompts.SYSTEM_RULES)['input_ids'])}"
          " tokens")
    rows = bench_turns(args, g, kb)
    bench_reference(g, rows, turn=5)
    bench_speculation(args, kb, rows)
    bench_batching(args, g, kb)
    if not args.quick:
        bench_llama_cpp(args, g, rows)
    g.close()
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
