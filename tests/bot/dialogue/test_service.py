"""DialogueService behaviour beyond single replies: cancelled streams, the cache-friendly
transcript, published events, handoff ownership."""

import time
import uuid

import pytest

from bot.dialogue.service import InvalidChatMessage, Token, TurnResult
from bot.types import ChannelMessage


def _sid() -> str:
    return f"dlg-{uuid.uuid4().hex[:8]}"


def test_a_cancelled_stream_keeps_the_message_and_the_partial_reply(dialogue_service):
    session_id = _sid()
    stream = dialogue_service.turn(ChannelMessage(session_id, "Do you deliver on weekends?"))
    first = next(event for event in stream if isinstance(event, Token))
    stream.close()  # the shopper closed the page
    transcript = dialogue_service.session(session_id).transcript
    assert [e.role for e in transcript] == ["user", "assistant"]
    assert transcript[0].text == "Do you deliver on weekends?"
    assert transcript[1].reply["action"] == "cancelled" and first.text.strip()[:3] in transcript[1].text
    # The conversation goes on.
    assert dialogue_service.reply(ChannelMessage(session_id, "thanks")).reply.action == "thanks"


def test_a_turn_that_waited_past_its_deadline_for_a_worker_answers_from_the_facts(
        dialogue_service):
    """The reply deadline counts from when the edge got the message, so a turn that queued for
    a worker under load is answered without the model rather than late."""
    session_id = _sid()
    waited = time.perf_counter() - 2 * dialogue_service.reply_deadline_s
    started = time.perf_counter()
    result = dialogue_service.reply(ChannelMessage(
        session_id, "how soon must merchandise be returned?", received_at=waited))
    assert result.reply.action in ("extractive", "unavailable"), result.reply
    assert time.perf_counter() - started < dialogue_service.reply_deadline_s
    on_time = dialogue_service.reply(ChannelMessage(_sid(), "how soon must merchandise be returned?"))
    assert on_time.reply.action == "answer"  # the same question in time: the model's reply


def test_generated_turns_store_their_facts_and_the_next_turn_reuses_the_cache(dialogue_service):
    session_id = _sid()
    dialogue_service.reply(ChannelMessage(session_id, "Can I return a gift?"))
    # A second generated question (the return window is now quoted by code, not generated).
    second = dialogue_service.reply(ChannelMessage(session_id, "Do you deliver on weekends?"))
    user = dialogue_service.session(session_id).transcript[0]
    assert user.facts and user.facts[0][0].startswith("policy:returns-and-replacements")
    assert second.timings.stream.reused_tokens > second.timings.stream.prefill_tokens > 0


def test_every_message_and_the_handoff_are_published(dialogue_service):
    subscription = dialogue_service.events.subscribe()
    try:
        session_id = _sid()
        dialogue_service.reply(ChannelMessage(session_id, "I want to talk to a human"))
        events = [subscription.get(timeout=5) for _ in range(3)]
    finally:
        subscription.close()
    assert [(e.kind, e.role) for e in events] == [("message", "user"), ("message", "assistant"),
                                                  ("handoff", "system")]
    assert events[0].data["nlu"]["intent"] and all(e.session_id == session_id for e in events)


def test_a_bad_message_is_refused_before_the_session_is_touched(dialogue_service):
    session_id = _sid()
    with pytest.raises(InvalidChatMessage):
        list(dialogue_service.turn(ChannelMessage(session_id, "   ")))
    assert dialogue_service.sessions.get(session_id) is None


def test_the_last_event_of_a_turn_is_its_result(dialogue_service):
    events = list(dialogue_service.turn(ChannelMessage(_sid(), "hello")))
    assert isinstance(events[-1], TurnResult) and events[-1].reply.action == "greeting"
