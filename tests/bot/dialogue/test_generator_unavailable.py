"""Turns when the generation server is down: the shopper gets the closest fact sentence or an
honest "can't answer right now", never an error; the session is kept and the circuit breaker
makes later turns fail fast. (The real server going down mid-stream: the llama.cpp test.)"""

from __future__ import annotations

import socket
import time
import uuid
from dataclasses import replace

import pytest

from bot.dialogue.grounding.grounded import UNAVAILABLE_TEXT
from bot.settings import Settings
from bot.types import ChannelMessage


def _closed_port() -> int:
    with socket.socket() as probe:  # bound then released: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server_backed(demo_kb, demo_retriever):
    """The real dialogue service generating on a server that is not there."""
    from bot.service import build_dialogue_service

    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0,
                       generator_url=f"http://127.0.0.1:{_closed_port()}/v1",
                       generator_retries=1, generator_breaker_failures=2,
                       generator_breaker_reset=600.0)
    service = build_dialogue_service(settings, kb=demo_kb, retriever=demo_retriever)
    yield service
    service.close()


def test_a_down_server_gives_the_closest_fact_and_keeps_the_session(server_backed):
    session_id = f"down-{uuid.uuid4().hex[:8]}"
    result = server_backed.reply(ChannelMessage(session_id, "How soon must merchandise be returned?"))
    assert result.guard == "unavailable" and result.reply.action == "extractive"
    assert "30 days" in result.reply.text
    assert result.reply.citations[0].id.startswith("policy:returns-and-replacements")
    # The circuit is open now: the next generated turn does not wait for the server at all.
    # (Gift returns and refund processing are answered by code from the return conditions.)
    started = time.perf_counter()
    again = server_backed.reply(ChannelMessage(session_id, "What payment methods do you accept?"))
    assert again.guard == "unavailable" and time.perf_counter() - started < 2.0
    assert server_backed.reply(ChannelMessage(session_id, "hi")).reply.action == "greeting"
    transcript = server_backed.session(session_id).transcript
    assert [e.role for e in transcript] == ["user", "assistant"] * 3
    assert server_backed.health()["generator"]  # the service itself stays ready


def test_without_a_close_fact_the_shopper_is_told_plainly(server_backed):
    from bot.dialogue.turn import Turn
    from bot.types import Session

    text = "Do you price match other stores?"
    turn = Turn(Session("down-parts"), text, server_backed.understander.understand(text))
    reply = server_backed.grounded.finish(turn, "", [], unavailable="ConnectError")  # no facts
    assert reply.text == UNAVAILABLE_TEXT and reply.action == "unavailable"
    assert "Talk to a human" in reply.quick_replies and turn.guard == "unavailable"


@pytest.mark.parametrize("text", ["what if my package arrives damaged", "my item stopped working what do i do",
                                  "do you deliver on weekends", "can i return used leggings?"])
def test_a_down_server_quotes_what_the_guard_would_quote_for_a_failed_reply(server_backed, text):
    """A busy server times out often: the shopper gets the same sentence as when the model's
    reply fails the guard (rare words of the question, a "no", the answering lead), not a
    poorer one."""
    from bot.dialogue.turn import Turn
    from bot.types import Session

    def turn() -> Turn:
        made = Turn(Session(f"down-{uuid.uuid4().hex[:8]}"), text, server_backed.understander.understand(text))
        made.facts = server_backed.search.knowledge(text)
        return made

    refused = server_backed.grounded.finish(turn(), "Our unicorn brings it by rocket. [policy:none#1]", [])
    down = server_backed.grounded.finish(turn(), "", [], unavailable="ReadTimeout")
    assert refused.action == down.action == "extractive"
    assert down.text == refused.text and down.citations == refused.citations
