"""Stream framing: a turn's events as JSON dicts, as server-sent events, or for a WebSocket.

Errors become one final ``error`` event: ``{"status", "error"}``, plus ``retry_after`` (seconds)
when sending the same message again later will work (503 busy or Redis away, 429).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing

from bot.dialogue import Token, TurnResult
from bot.errors import http_status, retry_after
from bot.types import ChannelMessage
from bot.web.turn_runner import TurnRunner

log = logging.getLogger(__name__)


async def turn_events(runner: TurnRunner, message: ChannelMessage) -> AsyncIterator[dict]:
    """A turn as JSON-able events; errors become one error event. Closing this iterator (the
    client went away) cancels the turn, which saves what the shopper saw."""
    try:
        async with aclosing(runner.events(message)) as events:
            async for event in events:
                if isinstance(event, Token):
                    yield {"type": "token", "text": event.text}
                elif isinstance(event, TurnResult):
                    yield {"type": "reply", **event.to_dict()}
    except Exception as error:  # noqa: BLE001 - reported to the client, the service goes on
        runner.dialogue.metrics.error(type(error).__name__, http_status(error) or 500)
        yield error_event(error, message.session_id)


def error_event(error: Exception, session_id: str) -> dict:
    """The error event for a failed turn (a generic 500 for the unexpected, logged)."""
    status = http_status(error)
    if status is None:
        log.error("turn of session %s failed", session_id, exc_info=error)
        return {"type": "error", "status": 500, "error": "internal error"}
    event = {"type": "error", "status": status, "error": str(error)}
    wait = retry_after(error)
    if wait is not None:
        event["retry_after"] = wait
    return event


async def sse_frames(runner: TurnRunner, message: ChannelMessage,
                     reply_extra: dict | None = None) -> AsyncIterator[str]:
    """The turn as server-sent events: `token`..., then `reply` (plus ``reply_extra``, e.g. the
    token of a conversation it started) or `error`."""
    async with aclosing(turn_events(runner, message)) as events:
        async for event in events:
            kind = event.pop("type")
            if kind == "reply":
                event.update(reply_extra or {})
            yield f"event: {kind}\ndata: {json.dumps(event)}\n\n"
