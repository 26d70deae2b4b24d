"""DialogueService and idle-time prefill: after a reply code wrote, the conversation so far is
queued for the generator's idle time, so the next generated reply runs only its own turn."""

import time
import uuid

from models.generation import prompts

from bot.dialogue.grounding.streaming import history
from bot.types import ChannelMessage


def _cached_history(service, session_id: str, timeout_s: float = 300.0) -> int:
    """Tokens of the session's conversation so far once the generator's cache holds them all."""
    engine = service.generator._engine
    transcript = service.session(session_id).transcript
    want = engine.encode(prompts.render_history(history(transcript), engine.template))
    deadline = time.monotonic() + timeout_s
    while engine.pool.tokens_of(session_id)[: len(want)] != want:
        assert time.monotonic() < deadline, "the idle-time prefill never filled the cache"
        time.sleep(0.05)  # polling the cache the generator thread fills, not waiting out time
    return len(want)


QUESTION = "Do you share my personal information with other companies?"


def _greeted_then_asked(service, session_id: str, *, prefilled: bool):
    service.reply(ChannelMessage(session_id, "hi there"))
    cached = _cached_history(service, session_id) if prefilled else 0
    return service.reply(ChannelMessage(session_id, QUESTION)), cached


def test_a_code_written_exchange_is_prefilled_and_the_reply_is_the_same(dialogue_service):
    deadline, dialogue_service.reply_deadline_s = dialogue_service.reply_deadline_s, 0.0
    try:  # no deadline: a reply cut on a busy machine would differ for that reason alone
        # without first: its cache would otherwise lend it the prefilled exchange
        dialogue_service.idle_prefill = False
        plain, _ = _greeted_then_asked(dialogue_service, f"idle-off-{uuid.uuid4().hex[:8]}",
                                       prefilled=False)
        dialogue_service.idle_prefill = True
        result, cached = _greeted_then_asked(dialogue_service, f"idle-{uuid.uuid4().hex[:8]}",
                                             prefilled=True)
    finally:
        dialogue_service.reply_deadline_s, dialogue_service.idle_prefill = deadline, True
    stream = result.timings.stream
    assert stream.generation_s > 0
    assert stream.reused_tokens >= cached  # the greeting exchange did not run again
    assert stream.prefill_tokens < plain.timings.stream.prefill_tokens
    assert result.reply.text == plain.reply.text  # the cache's split never changes a reply


def test_with_idle_prefill_off_nothing_is_queued(dialogue_service):
    session_id = f"idle-off-{uuid.uuid4().hex[:8]}"
    dialogue_service.idle_prefill = False
    try:
        dialogue_service.reply(ChannelMessage(session_id, "hi there"))
        assert session_id not in dialogue_service.generator._engine.pool
    finally:
        dialogue_service.idle_prefill = True
