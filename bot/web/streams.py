"""Stream framing: a turn's events as JSON dicts, as server-sent events, or for a WebSocket."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator

from starlette.concurrency import iterate_in_threadpool

from bot.dialogue import DialogueService, Token, TurnResult
from bot.errors import http_status
from bot.types import ChannelMessage

log = logging.getLogger(__name__)


def turn_events(dialogue: DialogueService, message: ChannelMessage) -> Iterator[dict]:
    """A turn as JSON-able events; domain errors become one error event."""
    try:
        for event in dialogue.turn(message):
            if isinstance(event, Token):
                yield {"type": "token", "text": event.text}
            elif isinstance(event, TurnResult):
                yield {"type": "reply", **event.to_dict()}
    except Exception as error:  # noqa: BLE001 - reported to the client, the service goes on
        status = http_status(error)
        if status is None:
            log.exception("turn of session %s failed", message.session_id)
            yield {"type": "error", "status": 500, "error": "internal error"}
        else:
            yield {"type": "error", "status": status, "error": str(error)}


def sse_frames(dialogue: DialogueService, message: ChannelMessage,
               reply_extra: dict | None = None) -> Iterator[str]:
    """The turn as server-sent events: `token`..., then `reply` (plus ``reply_extra``) or
    `error`."""
    for event in turn_events(dialogue, message):
        kind = event.pop("type")
        if kind == "reply":
            event.update(reply_extra or {})
        yield f"event: {kind}\ndata: {json.dumps(event)}\n\n"


async def socket_events(dialogue: DialogueService, message: ChannelMessage) -> AsyncIterator[dict]:
    """The turn's events for a WebSocket, run in a worker thread."""
    async for event in iterate_in_threadpool(turn_events(dialogue, message)):
        yield event
        await asyncio.sleep(0)
