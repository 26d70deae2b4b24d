"""`ServerGenerator` against a local fake OpenAI-compatible server: the prompt it sends, streaming
with citations, retries, 429, timeouts, malformed events, a cut-off stream, cancellation, and
the circuit breaker opening and healing. (The real server: test_openai_server_llama.py.)"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from models.generation import prompts
from models.generation.circuit_breaker import CLOSED, HALF_OPEN, OPEN
from models.generation.errors import GenerationBusy, GeneratorUnavailable
from models.generation.openai_server import ServerGenerator, ServerOptions
from models.generation.types import ChatMessage, Fact

FACTS = [Fact("policy:returns-and-replacements#1", "Items can be returned within 30 days."),
         Fact("policy:shipping-and-delivery#1", "Standard shipping takes 3 to 5 days.")]
QUESTION = [ChatMessage("user", "How long do I have to return an item?")]
FAST = ServerOptions(connect_timeout_s=0.5, read_timeout_s=0.5, retries=2, backoff_s=0.01,
                     failure_threshold=3, reset_after_s=30.0)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make(fake_server):
    made = []

    def build(url: str | None = None, options: ServerOptions = FAST, **kwargs) -> ServerGenerator:
        generator = ServerGenerator(url or fake_server.url, options, **kwargs).load()
        made.append(generator)
        return generator

    yield build
    for generator in made:
        generator.close()


def test_sends_the_local_prompt_as_chat_messages_and_streams_cited_text(fake_server, make):
    fake_server.script = [fake_server.reply("You have 30 days", " to return it [", "1].")]
    generator = make()
    box = []
    pieces = list(generator.stream("s1", QUESTION, FACTS, result_box=box, max_new_tokens=40))

    assert "".join(pieces) == "You have 30 days to return it [policy:returns-and-replacements#1]."
    assert not any(piece.endswith("[") for piece in pieces)  # an open label is held back
    sent = fake_server.requests[0]
    assert sent["stream"] is True and sent["max_tokens"] == 40 and sent["model"] == "fake-model"
    local = prompts.build_prompt(QUESTION, FACTS, template=prompts.ChatMLTemplate(),
                                 count_tokens=len, budget_tokens=100_000, reserve_tokens=40)
    turns = [(m["role"], m["content"]) for m in sent["messages"]]
    # The server's ChatML layout of these messages is the local engine's prompt, byte for byte.
    assert prompts.ChatMLTemplate().render(turns) == local.text
    assert "[1] Items can be returned within 30 days." in turns[-1][1]
    result = box[0]
    assert result.finish_reason == "stop" and result.timings.prompt_tokens == 100
    assert result.timings.decode_tokens == 3 and 0 < result.timings.ttft_s <= result.timings.total_s


def test_a_second_turn_extends_the_first_turns_messages(fake_server, make):
    """The stable prefix the server's prefix cache needs: turn 2's messages start with turn 1's."""
    generator = make()
    fake_server.script = [fake_server.reply("Within 30 days [1]."),
                          fake_server.reply("3 to 5 days [2].", cached=90)]
    first = generator.generate("s1", QUESTION, FACTS[:1])
    history = [ChatMessage("user", QUESTION[0].content, tuple(FACTS[:1])),
               ChatMessage("assistant", first.text), ChatMessage("user", "And shipping?")]
    second = generator.generate("s1", history, FACTS[1:])
    one, two = (r["messages"] for r in fake_server.requests)
    assert two[:len(one)] == one
    assert second.timings.reused_tokens == 90
    stats = generator.stats()
    assert (stats.cache_hits, stats.cache_misses, stats.reused_tokens) == (1, 1, 90)


def test_a_5xx_is_retried_and_the_reply_arrives(fake_server, make):
    fake_server.script = [fake_server.status(503), fake_server.status(500),
                          fake_server.reply("Within 30 days [1].")]
    generator = make()
    assert generator.generate("s1", QUESTION, FACTS).text.startswith("Within 30 days")
    assert len(fake_server.requests) == 3 and generator.counters["retries"] == 2
    assert generator.breaker.state == CLOSED


def test_a_429_waits_as_asked_then_succeeds(fake_server, make):
    fake_server.script = [fake_server.status(429, {"Retry-After": "0"}), fake_server.reply("Ok.")]
    assert make().generate("s1", QUESTION, FACTS).text == "Ok."
    assert len(fake_server.requests) == 2


def test_a_hanging_server_times_out_and_says_so(fake_server, make):
    fake_server.script = [fake_server.hanging()]
    generator = make(options=ServerOptions(read_timeout_s=0.2, retries=1, backoff_s=0.01))
    started = time.perf_counter()
    with pytest.raises(GeneratorUnavailable, match="failed 2 attempts.*Timeout"):
        generator.generate("s1", QUESTION, FACTS)
    assert time.perf_counter() - started < 2.0  # two 0.2 s timeouts, not the server's 10 s


def test_a_turn_deadline_bounds_the_wait_and_does_not_open_the_circuit(fake_server, make):
    fake_server.script = [fake_server.hanging()]
    generator = make(options=ServerOptions(read_timeout_s=30, retries=2, failure_threshold=1))
    for _ in range(3):
        started = time.perf_counter()
        with pytest.raises(GeneratorUnavailable, match="deadline"):
            generator.generate("s1", QUESTION, FACTS, deadline=started + 0.3)
        assert time.perf_counter() - started < 1.5  # not the 30 s read timeout, no retries
    assert generator.breaker.state == CLOSED  # out of time is the turn's problem, not a failure
    assert len(fake_server.requests) == 3
    assert fake_server.requests[0]["user"] == "s1"  # a ShopDesk server keys its cache on it


def test_a_turn_deadline_ends_a_reply_that_keeps_trickling(fake_server, make):
    fake_server.script = [fake_server.endless()]  # a piece every few ms, never a finish
    generator = make(options=ServerOptions(read_timeout_s=30))
    started = time.perf_counter()
    pieces = []
    with pytest.raises(GeneratorUnavailable, match="deadline"):
        for piece in generator.stream("s1", QUESTION, FACTS, deadline=started + 0.5):
            pieces.append(piece)
    assert pieces and time.perf_counter() - started < 1.5
    assert fake_server.disconnected.wait(5), "the server kept streaming to nobody"
    assert generator.breaker.state == CLOSED


def test_malformed_events_are_a_failed_attempt_then_retried(fake_server, make):
    fake_server.script = [fake_server.raw_events("{not json"),
                          fake_server.raw_events('{"object": "chat.completion.chunk"}'),
                          fake_server.reply("Ok.")]
    assert make().generate("s1", QUESTION, FACTS).text == "Ok."
    assert len(fake_server.requests) == 3


def test_an_error_event_mid_stream_after_text_is_not_resent(fake_server, make):
    fake_server.script = [fake_server.raw_events(fake_server.chunk("Items can"),
                                                 '{"error": {"message": "engine died"}}')]
    generator = make()
    stream = generator.stream("s1", QUESTION, FACTS)
    assert next(stream) == "Items can"
    with pytest.raises(GeneratorUnavailable, match="mid-reply.*engine died"):
        next(stream)
    assert len(fake_server.requests) == 1  # re-sending would repeat what the shopper saw


def test_a_cut_off_stream_ends_the_reply_clearly(fake_server, make):
    fake_server.script = [fake_server.cut_off("Items can", " be returned")]
    with pytest.raises(GeneratorUnavailable, match="mid-reply"):
        list(make().stream("s1", QUESTION, FACTS))


def test_closing_the_stream_closes_the_http_response(fake_server, make):
    fake_server.script = [fake_server.endless()]
    generator = make()
    stream = generator.stream("s1", QUESTION, FACTS)
    assert next(stream) == "Yes"
    next(stream)
    stream.close()
    assert fake_server.disconnected.wait(5), "the server kept streaming to nobody"
    assert generator.stats().active_requests == 0
    fake_server.script = [fake_server.reply("Ok.")]
    assert generator.generate("s1", QUESTION, FACTS).text == "Ok."  # the session is free again


def test_one_reply_at_a_time_per_session(fake_server, make):
    fake_server.script = [fake_server.endless()]
    generator = make()
    stream = generator.stream("s1", QUESTION, FACTS)
    next(stream)
    with pytest.raises(GenerationBusy):
        next(generator.stream("s1", QUESTION, FACTS))
    stream.close()


def test_a_4xx_is_not_retried_and_does_not_open_the_circuit(fake_server, make):
    fake_server.script = [fake_server.status(404)]
    generator = make()
    for _ in range(4):
        with pytest.raises(GeneratorUnavailable, match="refused the request .HTTP 404"):
            generator.generate("s1", QUESTION, FACTS)
    assert len(fake_server.requests) == 4 and generator.breaker.state == CLOSED


def test_a_down_server_opens_the_circuit_then_a_trial_heals_it(fake_server):
    clock = FakeClock()
    port = fake_server.port
    fake_server.stop()
    generator = ServerGenerator(fake_server.url, FAST, clock=clock).load()
    try:
        with pytest.raises(GeneratorUnavailable, match="ConnectError"):
            generator.generate("s1", QUESTION, FACTS)  # 3 refused attempts: the threshold
        assert generator.breaker.state == OPEN
        started = time.perf_counter()
        with pytest.raises(GeneratorUnavailable, match="next try in 30 s"):
            generator.generate("s1", QUESTION, FACTS)
        assert time.perf_counter() - started < 0.05  # fails fast: no connection tried

        revived = type(fake_server)(port=port)  # the server comes back on the same address
        try:
            revived.script = [revived.status(500), revived.reply("Ok.")]
            clock.now += 31
            assert generator.breaker.state == HALF_OPEN
            with pytest.raises(GeneratorUnavailable):  # the one trial fails: open again
                generator.generate("s1", QUESTION, FACTS)
            assert generator.breaker.state == OPEN and len(revived.requests) == 1
            clock.now += 31
            assert generator.generate("s1", QUESTION, FACTS).text == "Ok."
            assert generator.breaker.state == CLOSED and generator.breaker.opened == 2
        finally:
            revived.stop()
    finally:
        generator.close()


def test_only_one_trial_request_while_half_open(fake_server, make):
    clock = FakeClock()
    fake_server.script = [fake_server.status(500), fake_server.status(500),
                          fake_server.status(500), fake_server.endless()]
    generator = make(clock=clock)
    with pytest.raises(GeneratorUnavailable):
        generator.generate("s1", QUESTION, FACTS)
    clock.now += 31
    trial = generator.stream("s1", QUESTION, FACTS)
    assert next(trial) == "Yes"
    with pytest.raises(GeneratorUnavailable, match="failing"):
        generator.generate("s2", QUESTION, FACTS)  # the trial is still running
    trial.close()  # cancelled: no verdict, so another trial may go
    fake_server.script = [fake_server.reply("Ok.")]
    assert generator.generate("s2", QUESTION, FACTS).text == "Ok."


def test_an_idle_prefill_is_posted_only_to_shopdesks_own_server(fake_server, make):
    history = [ChatMessage("user", "hi"), ChatMessage("assistant", "Hello! How can I help?")]
    assert make().prefill("s1", history).is_set()
    assert fake_server.requests == []  # an OpenAI-compatible server has no such verb
    own = make(options=replace(FAST, idle_prefill=True))
    assert own.prefill("s1", history).is_set()
    posted = fake_server.requests[-1]
    assert posted["user"] == "s1"
    assert [m["role"] for m in posted["messages"]] == ["system", "user", "assistant"]
    assert posted["messages"][2]["content"] == "Hello! How can I help?"


def test_an_idle_prefill_the_server_does_not_take_is_harmless(fake_server, make):
    fake_server.script = [fake_server.status(500)]
    own = make(options=replace(FAST, idle_prefill=True))
    own.prefill("s1", [ChatMessage("user", "hi"), ChatMessage("assistant", "Hello!")])
    assert own.breaker.state == "closed"  # an optimisation's failure is no server failure
