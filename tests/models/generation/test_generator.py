"""Generator behaviour on a tiny real model: cache reuse is invisible in the output.

Every equality here is on greedy token ids of the same fp32 model: the session-cached generator,
the same model with caching off (full re-prefill each turn), and the uncached nanoGPT-style
reference loop must agree turn after turn, after eviction, after a crop, batched or alone.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from models.generation import prompts
from models.generation.errors import GeneratorNotLoaded, MalformedChat, PromptTooLong, GenerationBusy
from models.generation.generator import Generator
from models.generation.reference import greedy_reference
from models.generation.types import ChatMessage, Fact, GeneratorOptions

RETURNS = Fact("policy:returns-and-replacements#1",
               "Items can be returned within 30 days of delivery for a full refund.")
SHIPPING = Fact("policy:shipping-and-delivery#2",
                "Standard shipping takes 3 to 5 business days and costs $5.")
HOODIE = Fact("product:MH01", "Chaz Kangeroo Hoodie, wool, sizes XS to XL, price $52.00.")

SCRIPT = [
    ("Can I return a hoodie I bought last week?", (RETURNS, HOODIE)),
    ("How long does shipping take?", (SHIPPING,)),
    ("And what sizes does the Chaz hoodie come in?", (HOODIE,)),
]
ABROAD = ("Do you ship abroad?", (SHIPPING,))  # SmolLM2 rambles on this one: a long reply
NEW_TOKENS = 12
CONTEXT_TOKENS = 2048  # as in conftest.TEST_OPTIONS


def conversation(turn: int, replies: list[str], questions=SCRIPT) -> tuple[list[ChatMessage], tuple]:
    """Messages up to `turn` (0-based; earlier replies given) and the newest turn's facts."""
    messages = []
    for index in range(turn):
        question, facts = questions[index]
        messages.append(ChatMessage("user", question, facts))
        messages.append(ChatMessage("assistant", replies[index]))
    question, facts = questions[turn]
    messages.append(ChatMessage("user", question))
    return messages, facts


def reference_tokens(generator: Generator, reference_model, messages, facts, n: int) -> list[int]:
    prompt = generator.encode_prompt(messages, facts, max_new_tokens=NEW_TOKENS)
    end_ids = {generator.tokenizer.convert_tokens_to_ids("<|im_end|>"),
               generator.tokenizer.eos_token_id}
    return greedy_reference(reference_model, prompt, n, end_ids)


# --- the cache never changes a reply ---------------------------------------------------------------


@pytest.fixture(scope="module")
def three_turns(generator: Generator, uncached_generator: Generator):
    """A three-turn conversation run with the session cache and with full re-prefill."""
    replies: list[str] = []
    turns = []
    for turn in range(len(SCRIPT)):
        messages, facts = conversation(turn, replies)
        cached = generator.generate("multi-turn", messages, facts, max_new_tokens=NEW_TOKENS)
        full = uncached_generator.generate("multi-turn", messages, facts,
                                           max_new_tokens=NEW_TOKENS)
        turns.append((messages, facts, cached, full))
        replies.append(cached.text)
    return turns


def test_cached_turns_equal_full_recompute(three_turns, uncached_generator: Generator) -> None:
    for turn, (_, _, cached, full) in enumerate(three_turns):
        assert cached.token_ids == full.token_ids
        assert full.timings.reused_tokens == 0
        if turn > 0:
            # Everything up to the previous reply was cached; only the new turn ran.
            assert cached.timings.reused_tokens > cached.timings.prefill_tokens
    assert uncached_generator.stats().sessions == 0


def test_a_first_turn_borrows_the_rules_prefix_kept_at_load(
    generator_factory, uncached_generator: Generator
) -> None:
    g = generator_factory()  # nothing ran yet: only the rules' prefix, run at load, is cached
    try:
        messages, facts = conversation(0, [])
        got = g.generate("first", messages, facts, max_new_tokens=NEW_TOKENS)
        want = uncached_generator.generate("first", messages, facts, max_new_tokens=NEW_TOKENS)
        rules = g._engine.encode(prompts.ChatMLTemplate().turn("system", prompts.render_system()))
        assert got.timings.reused_tokens == len(rules)
        assert got.token_ids == want.token_ids
        assert g.stats().sessions == 1  # the kept prefix is no session
    finally:
        g.close()


def test_cached_turns_equal_the_uncached_reference_loop(
    three_turns, generator: Generator, reference_model
) -> None:
    # Greedy output is prefix-stable, so the reference's first tokens must be the cached reply's.
    # First turn (no cache) and last turn (two turns cached): the reference is slow.
    n = 5
    for messages, facts, cached, _ in (three_turns[0], three_turns[-1]):
        want = reference_tokens(generator, reference_model, messages, facts, n)
        assert list(cached.token_ids[: len(want)]) == want


def test_reuse_after_eviction_matches_recompute(generator_factory, three_turns) -> None:
    # Room for about one session's cache: alternating sessions evict each other.
    small = generator_factory(kv_cache_bytes=20 << 20)
    try:
        for messages, facts, _, full in three_turns[:2]:
            for session in ("a", "b"):
                got = small.generate(session, messages, facts, max_new_tokens=NEW_TOKENS)
                assert got.token_ids == full.token_ids
        stats = small.stats()
        assert stats.evictions > 0
        assert stats.cache_bytes <= stats.budget_bytes
    finally:
        small.close()


def test_editing_a_past_turn_crops_the_cache(
    generator: Generator, uncached_generator: Generator
) -> None:
    messages, facts = conversation(0, [])
    first = generator.generate("crop", messages, facts, max_new_tokens=NEW_TOKENS)
    history, facts = conversation(1, [first.text])
    # The shopper's first message was edited (as a channel may do): the cache holds the old one.
    edited = [ChatMessage("user", "Can I return a jacket I bought last week?", SCRIPT[0][1]),
              *history[1:]]
    got = generator.generate("crop", edited, facts, max_new_tokens=NEW_TOKENS)
    want = uncached_generator.generate("crop", edited, facts, max_new_tokens=NEW_TOKENS)
    assert got.token_ids == want.token_ids
    full_prompt = len(generator.encode_prompt(edited, facts, max_new_tokens=NEW_TOKENS))
    assert 0 < got.timings.reused_tokens < first.timings.prompt_tokens
    assert got.timings.reused_tokens + got.timings.prefill_tokens == full_prompt


def test_concurrent_sessions_batch_and_match_solo(generator: Generator) -> None:
    questions = [*SCRIPT, ABROAD]
    solo = {}
    for index, (question, facts) in enumerate(questions):
        messages = [ChatMessage("user", question)]
        solo[index] = generator.generate(f"solo-{index}", messages, facts, max_new_tokens=24).text
    before = generator.stats()
    results: dict[int, str] = {}
    barrier = threading.Barrier(len(questions))

    def run(index: int) -> None:
        question, facts = questions[index]
        barrier.wait()
        pieces = generator.stream(f"together-{index}", [ChatMessage("user", question)], facts,
                                  max_new_tokens=24)
        results[index] = "".join(pieces)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == solo
    after = generator.stats()
    assert after.batched_steps > before.batched_steps
    assert after.max_batch >= 2


def test_async_stream_gives_the_same_reply(generator: Generator) -> None:
    messages = [ChatMessage("user", SCRIPT[1][0])]
    want = generator.generate("async-a", messages, SCRIPT[1][1], max_new_tokens=16).text

    async def collect() -> str:
        return "".join([p async for p in generator.astream("async-b", messages, SCRIPT[1][1],
                                                           max_new_tokens=16)])

    assert asyncio.run(collect()) == want


def test_closing_an_async_stream_cancels_the_reply(generator: Generator) -> None:
    messages = [ChatMessage("user", ABROAD[0])]

    async def first_piece_then_leave() -> str:
        stream = generator.astream("async-cancel", messages, ABROAD[1], max_new_tokens=200)
        piece = await stream.__anext__()
        await stream.aclose()
        return piece

    assert asyncio.run(first_piece_then_leave())
    assert generator.stats().active_requests == 0
    assert generator.generate("async-cancel", messages, ABROAD[1], max_new_tokens=2).text


# --- stopping ------------------------------------------------------------------------------------


def test_max_new_tokens_and_stop_strings(generator: Generator) -> None:
    messages = [ChatMessage("user", ABROAD[0])]
    long = generator.generate("stop-a", messages, ABROAD[1], max_new_tokens=20)
    assert long.finish_reason == "length" and len(long.token_ids) == 20
    words = long.text.split()
    stop = words[3]
    cut = generator.generate("stop-b", messages, ABROAD[1], max_new_tokens=20, stop=[stop])
    assert cut.finish_reason == "stop"
    assert cut.text == long.text[: long.text.index(stop)]
    assert stop not in "".join(generator.stream("stop-c", messages, ABROAD[1],
                                                max_new_tokens=20, stop=[stop]))


def test_repetition_penalty_changes_greedy_output(generator: Generator) -> None:
    messages = [ChatMessage("user", ABROAD[0])]
    plain = generator.generate("rep-a", messages, ABROAD[1], max_new_tokens=24)
    penalized = generator.generate("rep-b", messages, ABROAD[1], max_new_tokens=24,
                                   repetition_penalty=1.5)
    assert penalized.token_ids != plain.token_ids


# --- cancellation and shutdown ---------------------------------------------------------------------


def test_closing_a_stream_cancels_and_unpins(generator: Generator) -> None:
    messages = [ChatMessage("user", SCRIPT[0][0])]
    stream = generator.stream("cancel", messages, SCRIPT[0][1], max_new_tokens=200)
    next(stream)
    stream.close()
    stats = generator.stats()
    assert stats.active_requests == 0
    assert stats.cache_bytes <= stats.budget_bytes
    # The session is free again, and what did run stays cached for the next turn.
    again = generator.generate("cancel", messages, SCRIPT[0][1], max_new_tokens=4)
    assert again.timings.reused_tokens == again.timings.prompt_tokens - 1


def test_closing_the_generator_mid_stream_fails_the_reply_and_frees_caches(
    generator_factory,
) -> None:
    g = generator_factory()
    engine = g._engine
    stream = g.stream("closing", [ChatMessage("user", SCRIPT[0][0])], SCRIPT[0][1],
                      max_new_tokens=200)
    next(stream)
    g.close()
    with pytest.raises(GeneratorNotLoaded):
        for _ in stream:
            pass
    assert engine.pool.nbytes == 0 and engine.pool.pinned == 0
    assert not engine.scheduler._thread.is_alive()
    with pytest.raises(GeneratorNotLoaded):
        g.stats()


def test_one_reply_per_session_at_a_time(generator: Generator) -> None:
    messages = [ChatMessage("user", SCRIPT[0][0])]
    first = generator.stream("busy", messages, SCRIPT[0][1], max_new_tokens=50)
    next(first)
    with pytest.raises(GenerationBusy):
        next(generator.stream("busy", messages, SCRIPT[0][1], max_new_tokens=5))
    first.close()


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "messages, facts, match",
    [
        ([], (), "empty"),
        ([ChatMessage("user", "   ")], (), "empty"),
        ([ChatMessage("assistant", "Hello!")], (), "end with"),
        ([ChatMessage("robot", "hi"), ChatMessage("user", "hi")], (), "unknown role"),
        ([ChatMessage("user", "a"), ChatMessage("system", "b"), ChatMessage("user", "c")], (),
         "system"),
        ([ChatMessage("user", "hi", (RETURNS,))], (SHIPPING,), "twice"),
        (["just a string"], (), "not ChatMessage"),
    ],
)
def test_malformed_conversations_are_refused(generator: Generator, messages, facts, match) -> None:
    with pytest.raises(MalformedChat, match=match):
        generator.stream("bad", messages, facts)


def test_bad_session_and_sampling_values_are_refused(generator: Generator) -> None:
    messages = [ChatMessage("user", "hi")]
    with pytest.raises(MalformedChat):
        generator.generate("", messages)
    with pytest.raises(ValueError, match="max_new_tokens"):
        generator.generate("x", messages, max_new_tokens=0)
    with pytest.raises(ValueError, match="unknown sampling option"):
        generator.generate("x", messages, beams=4)


def test_unknown_session_release_is_harmless(generator: Generator) -> None:
    assert generator.release("never-seen") is False
    generator.generate("released", [ChatMessage("user", "hi")], max_new_tokens=2)
    assert generator.release("released") is True
    assert generator.release("released") is False


def test_unloaded_generator_says_so(smollm2_dir: Path) -> None:
    with pytest.raises(GeneratorNotLoaded):
        Generator(smollm2_dir).stream("s", [ChatMessage("user", "hi")])


def test_a_20k_token_history_keeps_rules_and_newest_turn(generator: Generator) -> None:
    filler = "My order has not arrived yet and I am waiting for an update on it. " * 30
    messages = []
    for index in range(60):  # ~20k tokens of history
        messages.append(ChatMessage("user", f"{index}: {filler}", (SHIPPING,)))
        messages.append(ChatMessage("assistant", "I understand, let me check that for you."))
    messages.append(ChatMessage("user", "So where is my parcel?"))
    tokenizer = generator.tokenizer
    total = sum(len(tokenizer(m.content)["input_ids"]) for m in messages)
    assert total > 20_000
    result = generator.generate("long", messages, (SHIPPING,), max_new_tokens=8)
    assert result.timings.dropped_messages > 0
    assert result.timings.prompt_tokens + 8 <= CONTEXT_TOKENS
    prompt = tokenizer.decode(generator.encode_prompt(messages, (SHIPPING,), max_new_tokens=8))
    assert prompt.startswith("<|im_start|>system\n" + prompts.SYSTEM_RULES)
    assert prompt.rstrip().endswith("So where is my parcel?<|im_end|>\n<|im_start|>assistant")
    assert generator.stats().cache_bytes <= generator.stats().budget_bytes


def test_a_newest_turn_over_budget_is_a_clear_error(generator: Generator) -> None:
    huge = ChatMessage("user", "Please help. " * 2000)
    with pytest.raises(PromptTooLong, match="context budget"):
        generator.stream("huge", [huge], (RETURNS,))


# --- speculative decoding ------------------------------------------------------------------------


def test_prompt_lookup_speculation_keeps_greedy_output(
    generator_factory, generator: Generator
) -> None:
    speculative = generator_factory(options=GeneratorOptions(
        context_tokens=CONTEXT_TOKENS, speculative_draft=6))
    try:
        drafted = accepted = 0
        for index, (question, facts) in enumerate([SCRIPT[0], ABROAD]):
            messages = [ChatMessage("user", question)]
            plain = generator.generate(f"plain-{index}", messages, facts, max_new_tokens=32)
            fast = speculative.generate(f"spec-{index}", messages, facts, max_new_tokens=32)
            assert fast.token_ids == plain.token_ids
            drafted += fast.timings.drafted_tokens
            accepted += fast.timings.accepted_tokens
        assert drafted > 0 and accepted > 0
    finally:
        speculative.close()


def test_static_slot_decoding_matches_the_segmented_path(
    generator_factory, generator: Generator
) -> None:
    # The CUDA-graph path's caches and masks, run eagerly on the CPU.
    static = generator_factory(options=GeneratorOptions(
        context_tokens=1024, max_batch=4, cuda_graphs=True, speculative_draft=0), kv_cache_bytes=0)
    try:
        replies = []
        for turn in range(2):
            messages, facts = conversation(turn, replies)
            want = generator.generate("slots-plain", messages, facts, max_new_tokens=NEW_TOKENS)
            got = static.generate("slots", messages, facts, max_new_tokens=NEW_TOKENS)
            assert got.token_ids == want.token_ids
            replies.append(got.text)
        assert got.timings.reused_tokens > 0
    finally:
        static.close()


def test_int8_replies_do_not_depend_on_cache_or_speculation(generator_factory) -> None:
    # Exact attention makes even int8 (whose activation rounding amplifies last-bit noise)
    # give the same tokens with a session cache, with full re-prefill and with drafts.
    options = GeneratorOptions(context_tokens=CONTEXT_TOKENS, speculative_draft=0)
    cached = generator_factory(quantize="int8", options=options)
    cold = generator_factory(quantize="int8", options=options, kv_cache_bytes=0)
    drafted = generator_factory(quantize="int8", options=GeneratorOptions(
        context_tokens=CONTEXT_TOKENS, speculative_draft=6))
    try:
        replies: list[str] = []
        for turn in range(2):
            messages, facts = conversation(turn, replies)
            want = cold.generate("int8", messages, facts, max_new_tokens=16)
            assert cached.generate("int8", messages, facts, max_new_tokens=16).token_ids == \
                want.token_ids
            assert drafted.generate("int8", messages, facts, max_new_tokens=16).token_ids == \
                want.token_ids
            replies.append(want.text)
    finally:
        for g in (cached, cold, drafted):
            g.close()
