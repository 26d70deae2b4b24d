"""Conversations that outlive a service process: real `shopdesk serve` processes sharing a real
redis-server.

The services start once for the module (model loading takes a while on a busy CPU): two at once,
and the restart test replaces one of them with a fresh process. Every turn used here is an order
flow or a fixed reply, so the generator is loaded but never run.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Iterator

import pytest

pytestmark = pytest.mark.integration

REQUEST_S = 60


@pytest.fixture(scope="module")
def services(redis_server, tmp_path_factory, service_process) -> Iterator[tuple]:
    """Two services on one Redis, started together; every process is stopped at the end."""
    logdir = tmp_path_factory.mktemp("serve-redis")
    env = {"SHOPDESK_REDIS_URL": redis_server, "SHOPDESK_RATE_LIMIT_PER_MINUTE": "0",
           "SHOPDESK_GENERATOR_THREADS": "1"}  # never generates here; spare the shared CPU
    pair = (service_process("a", env, logdir), service_process("b", env, logdir))
    try:
        for service in pair:
            service.start()
        for service in pair:
            service.wait_ready()
        yield pair
    finally:
        for service in pair:
            service.stop()


def _assert_order_status_flow(first: dict, second: dict) -> None:
    assert first["reply"]["action"] == "order_status" and "email" in first["reply"]["text"]
    text = second["reply"]["text"]
    assert "000000111" in text and "on its way" in text, text


def test_a_restarted_service_continues_the_order_flow(services):
    a, _ = services
    first = a.open("where is my order 000000111?")
    session_id = first["session_id"]

    a.stop()
    a.start()  # a fresh process: nothing of the conversation is left in memory
    a.wait_ready()
    second = a.chat(session_id, "priya.patel@example.com")

    _assert_order_status_flow(first, second)
    transcript = a.session(session_id)["transcript"]
    assert [e["role"] for e in transcript] == ["user", "assistant", "user", "assistant"]
    assert [e["text"] for e in transcript[::2]] == ["where is my order 000000111?",
                                                    "priya.patel@example.com"]


def test_two_services_share_one_conversation(services):
    a, b = services
    first = a.open("where is my order 000000111?")
    session_id = first["session_id"]
    second = b.chat(session_id, "priya.patel@example.com")

    _assert_order_status_flow(first, second)
    assert a.session(session_id) == b.session(session_id)
    assert len(a.session(session_id)["transcript"]) == 4


def test_simultaneous_turns_on_two_services_lose_no_update(services):
    a, b = services
    session_id = a.open("hi")["session_id"]
    sent: Counter[str] = Counter(["hi"])
    for _ in range(3):  # several rounds, so that the two turns surely meet at the lock
        start = threading.Barrier(2)
        results: dict[str, dict | BaseException] = {}

        def send(service, message: str) -> None:
            try:
                start.wait(timeout=REQUEST_S)
                results[service.name] = service.chat(session_id, message)
            except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
                results[service.name] = error

        threads = [threading.Thread(target=send, args=(a, "hello")),
                   threading.Thread(target=send, args=(b, "thank you"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=REQUEST_S + 5)
        for outcome in results.values():
            if isinstance(outcome, BaseException):
                raise outcome
        assert results.keys() == {"a", "b"}
        sent.update(["hello", "thank you"])

    transcript = b.session(session_id)["transcript"]
    assert [e["role"] for e in transcript] == ["user", "assistant"] * 7
    assert Counter(e["text"] for e in transcript[::2]) == sent
    assert all(e["text"] for e in transcript[1::2])
