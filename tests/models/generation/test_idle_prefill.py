"""Idle-time prefill (`Generator.prefill`) on a tiny real model: it moves work out of the next
reply's prefill, gives way to replies, can be cancelled, and never changes a reply.

Every equality is on greedy token ids of the same fp32 model, against the generator with caching
off (the whole prompt run every time).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.generation import prompts
from models.generation.errors import MalformedChat
from models.generation.generator import Generator
from models.generation.runner import GaveWay, Segment
from models.generation.types import ChatMessage, Fact, GeneratorOptions

RETURNS = Fact("policy:returns#1", "Items can be returned within 30 days of delivery for a full refund.")
SHIPPING = Fact("policy:shipping#2", "Standard shipping takes 3 to 5 business days and costs $5.")
HOODIE = Fact("product:MH01", "Chaz Kangeroo Hoodie, wool, sizes XS to XL, price $52.00.")
NEW_TOKENS = 8

#: Finished exchanges whose replies code wrote (they never ran through the model).
HISTORY = [
    ChatMessage("user", "hi, where is my order 000000123?", (SHIPPING,)),
    ChatMessage("assistant", "Your order 000000123 was shipped on May 2 by standard shipping."),
    ChatMessage("user", "and can I send the hoodie back if it does not fit?", (RETURNS, HOODIE)),
    ChatMessage("assistant", "Yes: items can be returned within 30 days of delivery."),
]
NEXT = ChatMessage("user", "How long does shipping take?")


def _background_options(chunk: int) -> GeneratorOptions:
    return GeneratorOptions(context_tokens=2048, max_batch=8, prefill_chunk=256,
                            speculative_draft=0, background_chunk=chunk)


def test_a_prefilled_history_leaves_only_the_new_turn(generator: Generator,
                                                      uncached_generator: Generator) -> None:
    assert generator.prefill("idle-1", HISTORY).wait(600)
    history_tokens = len(generator._engine.pool.tokens_of("idle-1"))
    got = generator.generate("idle-1", [*HISTORY, NEXT], [SHIPPING], max_new_tokens=NEW_TOKENS)
    want = uncached_generator.generate("idle-1", [*HISTORY, NEXT], [SHIPPING],
                                       max_new_tokens=NEW_TOKENS)
    assert got.token_ids == want.token_ids
    assert got.timings.reused_tokens == history_tokens
    assert got.timings.prefill_tokens < 40  # the new turn only: facts line, question, markers
    assert generator.stats().idle_prefill_tokens > 0


def test_a_stale_prefill_is_harmless(generator: Generator, uncached_generator: Generator) -> None:
    # Prefilled with a history the next turn does not continue (another process answered, or
    # a channel edited a message): the next reply crops the cache and equals the uncached one.
    real = [ChatMessage("user", "hello, where is my parcel 000000456?", (SHIPPING,)), *HISTORY[1:]]
    stale = [ChatMessage("user", "hello, do you sell gift cards?"), *HISTORY[1:]]
    assert generator.prefill("idle-stale", stale).wait(600)
    got = generator.generate("idle-stale", [*real, NEXT], [SHIPPING], max_new_tokens=NEW_TOKENS)
    want = uncached_generator.generate("idle-stale", [*real, NEXT], [SHIPPING],
                                       max_new_tokens=NEW_TOKENS)
    assert got.token_ids == want.token_ids
    assert got.timings.prefill_tokens > 40  # the history after the edit ran again


def test_a_reply_does_not_wait_for_a_prefill_and_the_prefill_resumes(
        generator_factory, uncached_generator: Generator) -> None:
    g = generator_factory(options=_background_options(chunk=1))  # one token a step: slow
    try:
        done = g.prefill("idle-long", HISTORY)
        other = [ChatMessage("user", "Can I return a hoodie?")]
        got = g.generate("someone-else", other, [RETURNS], max_new_tokens=NEW_TOKENS)
        assert not done.is_set()  # the reply ran in between the prefill's steps
        assert got.token_ids == uncached_generator.generate(
            "someone-else", other, [RETURNS], max_new_tokens=NEW_TOKENS).token_ids
        assert done.wait(600)  # resumed once the reply finished
        mine = [*HISTORY, NEXT]
        after = g.generate("idle-long", mine, [SHIPPING], max_new_tokens=NEW_TOKENS)
        assert after.timings.prefill_tokens < 40
    finally:
        g.close()


def test_the_sessions_own_reply_takes_over_its_prefill(
        generator_factory, uncached_generator: Generator) -> None:
    g = generator_factory(options=_background_options(chunk=1))
    try:
        done = g.prefill("idle-own", HISTORY)
        got = g.generate("idle-own", [*HISTORY, NEXT], [SHIPPING], max_new_tokens=NEW_TOKENS)
        assert done.is_set()  # dropped: the reply's prompt ran the rest
        want = uncached_generator.generate("idle-own", [*HISTORY, NEXT], [SHIPPING],
                                           max_new_tokens=NEW_TOKENS)
        assert got.token_ids == want.token_ids
    finally:
        g.close()


def test_release_cancels_a_prefill_and_forgets_the_cache(generator_factory) -> None:
    g = generator_factory(options=_background_options(chunk=1))
    try:
        done = g.prefill("idle-gone", HISTORY)
        g.release("idle-gone")
        assert done.wait(30)
        g.generate("other", [ChatMessage("user", "hi")], max_new_tokens=2)  # a step has passed
        assert "idle-gone" not in g._engine.pool
        whole = len(g._engine.encode(prompts.render_history(HISTORY, g._engine.template)))
        assert g.stats().idle_prefill_tokens < whole // 2  # stopped early
    finally:
        g.close()


def test_nothing_to_prefill_comes_back_done(generator: Generator, uncached_generator: Generator) -> None:
    assert uncached_generator.prefill("no-budget", HISTORY).is_set()  # caching off
    generator.generate("twice", [*HISTORY, NEXT], [SHIPPING], max_new_tokens=NEW_TOKENS)
    generator.prefill("twice", [*HISTORY, NEXT, ChatMessage("assistant", "x")]).wait(600)
    assert generator.prefill("twice", [*HISTORY, NEXT, ChatMessage("assistant", "x")]).is_set()


@pytest.mark.parametrize("history", [
    [ChatMessage("user", "a question with no reply yet")],
    [ChatMessage("user", "q"), ChatMessage("assistant", "a", (RETURNS,))],
    [ChatMessage("user", "q"), ChatMessage("system", "late"), ChatMessage("assistant", "a")],
])
def test_a_malformed_history_is_refused(generator: Generator, history) -> None:
    with pytest.raises(MalformedChat):
        generator.prefill("bad", history)


def test_an_idle_prefill_is_no_cache_hit_or_miss(generator: Generator) -> None:
    # the hit/miss counters (and the hit ratio the metrics show) measure what replies found
    before = generator.stats()
    assert generator.prefill("idle-count", HISTORY).wait(600)
    after = generator.stats()
    assert after.idle_prefill_tokens > before.idle_prefill_tokens
    assert (after.cache_hits, after.cache_misses) == (before.cache_hits, before.cache_misses)


class _ReplyArrives:
    """Stands in for the scheduler's reply-submitted flag: a reply "arrives" when the flag is
    asked for the ``at``-th time, i.e. while that many layers of an idle-time step have run."""

    def __init__(self, at: int) -> None:
        self.at, self.asked = at, 0

    def is_set(self) -> bool:
        self.asked += 1
        return self.asked == self.at

    def set(self) -> None:
        pass

    def clear(self) -> None:
        pass


def test_a_reply_stops_an_idle_prefill_step_at_a_layer_and_the_step_runs_again(
        generator_factory, uncached_generator: Generator) -> None:
    g = generator_factory(options=_background_options(chunk=512))  # the history in one step
    try:
        engine = g._engine
        assert engine.runner.layers_checked >= 2
        engine.scheduler._reply_submitted = _ReplyArrives(at=2)  # after the first layer
        assert g.prefill("idle-stopped", HISTORY).wait(600)
        assert engine.scheduler.gave_way == 1
        whole = engine.encode(prompts.render_history(HISTORY, engine.template))
        assert engine.pool.tokens_of("idle-stopped") == whole  # the step ran again, whole
        got = g.generate("idle-stopped", [*HISTORY, NEXT], [SHIPPING], max_new_tokens=NEW_TOKENS)
        want = uncached_generator.generate("idle-stopped", [*HISTORY, NEXT], [SHIPPING],
                                           max_new_tokens=NEW_TOKENS)
        assert got.token_ids == want.token_ids  # the stopped step's scratch writes were harmless
        assert got.timings.reused_tokens == len(whole)
    finally:
        g.close()


def test_without_giving_way_within_a_chunk_the_step_runs_whole(generator_factory) -> None:
    g = generator_factory(options=_background_options(chunk=512))
    try:
        scheduler = g._engine.scheduler
        scheduler.config = replace(scheduler.config, give_way_within_chunk=False)
        scheduler._reply_submitted = flag = _ReplyArrives(at=1)
        assert g.prefill("idle-whole", HISTORY).wait(600)
        assert (scheduler.gave_way, flag.asked) == (0, 0)
    finally:
        g.close()


def test_a_pass_that_gives_way_grows_no_cache(generator: Generator) -> None:
    engine = generator._engine
    prompt = engine.encode(prompts.render_history(HISTORY, engine.template))
    acquired = engine.pool.acquire("gives-way", prompt, len(prompt) + 8, counted=False)
    try:
        with pytest.raises(GaveWay):
            engine.runner.forward([Segment(acquired.cache, tuple(prompt[acquired.reused:]), 1)],
                                  give_way=lambda: True)
        assert acquired.cache.length == acquired.reused
    finally:
        engine.pool.unpin("gives-way")
        engine.pool.release("gives-way")


def test_a_submitted_reply_is_flagged_until_the_scheduler_takes_it_in(generator: Generator) -> None:
    scheduler = generator._engine.scheduler
    generator.generate("flagged", [ChatMessage("user", "hi")], max_new_tokens=1)
    assert not scheduler._reply_submitted.is_set()  # taken in: no idle step would stop for it
