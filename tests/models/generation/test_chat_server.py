"""The generator's own OpenAI-compatible server (models/generation/chat_server.py) on a real
socket with the tiny real model, driven by `ServerGenerator` as the service drives it: the same
greedy reply as in process, the session's KV cache kept by ``user``, plain and streamed
completions, 400s for bad requests, and a client that hangs up cancelling its generation."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import pytest
import uvicorn

from models.generation.chat_server import chat_app
from models.generation.errors import GeneratorUnavailable
from models.generation.openai_server import ServerGenerator, ServerOptions
from models.generation.types import ChatMessage, Fact

FACTS = [Fact("policy:returns#1", "Items can be returned within 30 days of delivery."),
         Fact("policy:shipping#1", "Standard shipping takes 3 to 5 business days.")]
QUESTION = [ChatMessage("user", "How long do I have to return an item?")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


KEY = "a-test-key-not-a-secret"


@contextmanager
def _serving(app) -> Iterator[str]:
    """``app`` on a loopback port, in a thread; yields its /v1 URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the chat server did not start"
        time.sleep(0.02)  # polling for the server to come up, not waiting out time
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(generator) -> Iterator[str]:
    """The shared SmolLM2 generator behind the chat server on a loopback port; yields /v1."""
    with _serving(chat_app(generator, "smollm2")) as url:
        yield url


@pytest.fixture(scope="module")
def keyed(generator) -> Iterator[str]:
    """The same behind a server that wants the bearer token ``KEY``."""
    with _serving(chat_app(generator, "smollm2", api_key=KEY)) as url:
        yield url


@pytest.fixture
def client(served) -> Iterator[ServerGenerator]:
    remote = ServerGenerator(served, ServerOptions(retries=0, read_timeout_s=60)).load()
    yield remote
    remote.close()


def _wait_idle(generator, timeout_s: float = 20.0) -> float:
    """Seconds until the generator has no request in flight (fails past ``timeout_s``)."""
    started = time.monotonic()
    while generator.stats().active_requests:
        assert time.monotonic() - started < timeout_s, "the generation was not cancelled"
        time.sleep(0.01)  # polling the scheduler's state, not waiting out time
    return time.monotonic() - started


def test_the_served_reply_is_the_in_process_reply(generator, client):
    local = generator.generate("cs-local", QUESTION, FACTS, max_new_tokens=40)
    remote = client.generate("cs-remote", QUESTION, FACTS, max_new_tokens=40)
    # Same prompt text, same greedy decode; the client maps [n] back to fact ids.
    assert remote.text == local.text
    assert remote.timings.prompt_tokens == local.timings.prompt_tokens
    assert remote.timings.decode_tokens == len(local.token_ids)


def test_a_conversation_keeps_its_cache_between_turns(generator, client):
    first = client.generate("cs-cache", QUESTION, FACTS, max_new_tokens=24)
    follow = QUESTION + [ChatMessage("assistant", first.text),
                         ChatMessage("user", "And how long does shipping take?")]
    second = client.generate("cs-cache", follow, FACTS, max_new_tokens=24)
    assert second.timings.reused_tokens > 0  # the first turn's prompt was not run again
    assert second.timings.prefill_tokens < second.timings.prompt_tokens
    assert client.stats().cache_hits >= 1


def test_plain_completion_models_and_health(served):
    body = {"messages": [{"role": "user", "content": "Say yes."}], "max_tokens": 5}
    answer = httpx2.post(f"{served}/chat/completions", json=body, timeout=60).json()
    assert answer["object"] == "chat.completion" and answer["model"] == "smollm2"
    assert answer["choices"][0]["message"]["role"] == "assistant"
    assert answer["choices"][0]["finish_reason"] in ("stop", "length")
    assert 0 < answer["usage"]["completion_tokens"] <= 5
    assert httpx2.get(f"{served}/models").json()["data"][0]["id"] == "smollm2"
    assert httpx2.get(served.removesuffix("/v1") + "/health").json()["status"] == "ok"


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"},
                                     {"authorization": KEY}, {"authorization": f"Basic {KEY}"},
                                     {"authorization": f"Bearer {KEY}x"}])
def test_with_a_key_every_route_but_health_is_a_401_without_it(keyed, headers):
    body = {"messages": [{"role": "user", "content": "Say yes."}], "max_tokens": 3}
    for response in (httpx2.post(f"{keyed}/chat/completions", json=body, headers=headers,
                                 timeout=60),
                     httpx2.get(f"{keyed}/models", headers=headers, timeout=10)):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["type"] == "authentication_error"
    # liveness answers anyone, and says nothing of the work in progress
    assert httpx2.get(keyed.removesuffix("/v1") + "/health", headers=headers).json() == {
        "status": "ok"}


def test_with_the_key_a_client_gets_its_answer(generator, keyed):
    good = {"authorization": f"Bearer {KEY}"}
    assert httpx2.get(keyed.removesuffix("/v1") + "/health", headers=good).json()["active"] == 0
    remote = ServerGenerator(keyed, ServerOptions(retries=0, read_timeout_s=60,
                                                  api_key=KEY)).load()
    try:
        local = generator.generate("cs-key-local", QUESTION, FACTS, max_new_tokens=12)
        assert remote.generate("cs-keyed", QUESTION, FACTS, max_new_tokens=12).text == local.text
    finally:
        remote.close()


@pytest.mark.parametrize("body", [
    {"messages": []},
    {"messages": [{"role": "wizard", "content": "hi"}]},
    {"messages": [{"role": "user", "content": 3}]},
    {"messages": [{"role": "user", "content": "hi"}], "max_tokens": "many"},
    {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 0},
    {"messages": [{"role": "user", "content": "hi"}], "stop": [""]},
    {"messages": [{"role": "user", "content": "hi"}], "user": ""},
    {"messages": [{"role": "user", "content": "word " * 3000}]},  # over the context budget
    [1, 2],
])
def test_a_bad_request_is_a_400_that_says_why(served, body):
    response = httpx2.post(f"{served}/chat/completions", json=body, timeout=60)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_a_client_that_hangs_up_cancels_the_generation(generator, client):
    stream = client.stream("cs-gone", QUESTION, FACTS, max_new_tokens=1500, ignore_eos=True)
    next(stream)
    assert generator.stats().active_requests == 1
    stream.close()  # closes the HTTP response, as a turn whose shopper left does
    assert _wait_idle(generator) < 15  # a step or two on a busy CPU, not ~1500 tokens
    again = client.generate("cs-gone", QUESTION, FACTS, max_new_tokens=8)
    assert again.text  # the session is free for its next turn


def test_a_plain_request_whose_client_hangs_up_is_cancelled(generator, served):
    body = {"messages": [{"role": "user", "content": "Tell me a long story."}],
            "max_tokens": 1500, "ignore_eos": True, "user": "cs-plain-gone"}
    with pytest.raises(httpx2.ReadTimeout):
        httpx2.post(f"{served}/chat/completions", json=body, timeout=httpx2.Timeout(0.5))
    assert _wait_idle(generator) < 15


def test_a_deadline_ends_a_reply_that_does_not_come_in_time(generator, client):
    started = time.perf_counter()
    with pytest.raises(GeneratorUnavailable, match="deadline"):
        # A prompt too long to prefill in 5 ms: nothing arrives before the deadline.
        client.generate("cs-late", [ChatMessage("user", "word " * 100)], FACTS,
                        max_new_tokens=8, deadline=started + 0.005)
    assert time.perf_counter() - started < 2
    # The server saw the hang-up and cancelled it (at the end of the prefill step it was in).
    assert _wait_idle(generator, 60) < 60


def test_in_process_a_deadline_cancels_a_reply_that_does_not_come_in_time(generator):
    stream = generator.stream("cs-late-local", [ChatMessage("user", "word " * 100)], FACTS,
                              max_new_tokens=8, deadline=time.perf_counter() + 0.005)
    with pytest.raises(GeneratorUnavailable, match="deadline"):
        next(stream)
    assert _wait_idle(generator, 60) < 60
    assert generator.generate("cs-late-local", QUESTION, FACTS, max_new_tokens=4).text


def test_a_posted_idle_prefill_fills_the_sessions_cache(generator, served):
    history = [ChatMessage("user", "hi, where is my order?"),
               ChatMessage("assistant", "Your order was shipped on May 2.")]
    own = ServerGenerator(served, ServerOptions(retries=0, read_timeout_s=60, idle_prefill=True)).load()
    other = ServerGenerator(served, ServerOptions(retries=0, read_timeout_s=60)).load()
    try:
        assert other.prefill("cs-other", history).is_set()  # another server's: nothing posted
        own.prefill("cs-prefill", history)
        deadline = time.monotonic() + 300
        while len(generator._engine.pool.tokens_of("cs-prefill")) == 0:
            assert time.monotonic() < deadline, "the posted prefill never ran"
            time.sleep(0.05)  # polling the cache the server's generator fills, not waiting out time
        assert "cs-other" not in generator._engine.pool
        follow = history + [ChatMessage("user", "How long do I have to return an item?")]
        reply = own.generate("cs-prefill", follow, FACTS, max_new_tokens=8)
        assert reply.timings.reused_tokens > 0
    finally:
        own.close()
        other.close()


def test_a_bad_prefill_request_is_a_400(served):
    with httpx2.Client() as http:
        response = http.post(f"{served}/shopdesk/prefill",
                             json={"messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 400
    assert "user" in response.json()["error"]["message"]
