"""A Rasa-compatible REST channel, so existing Rasa chat front-ends talk to ShopDesk unchanged.

``POST /webhooks/rest/webhook`` takes what Rasa's ``rest`` channel takes, ``{"sender", "message",
"metadata"?}``, and answers as it does: a list of bot messages, each ``{"recipient_id", "text",
"buttons"?, "custom"?}``. Quick replies become Rasa buttons (``{"title", "payload"}``, the payload
being the text to send back); product cards, citations and the handoff flag travel in ``custom``.
The list is empty when the bot stays quiet because a human agent owns the conversation.
``GET /webhooks/rest/`` answers ``{"status": "ok"}`` as Rasa's channel does.

Each sender is its own ShopDesk session, ``rest:<sender>``. Unlike Rasa, a missing sender is
refused instead of falling back to a shared "default" conversation: an order verified in one
shopper's conversation must never be visible in another's.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.dialogue import DialogueService
from bot.types import ChannelMessage, Reply, SESSION_ID_MAX, session_id_pattern

CHANNEL = "rasa-rest"
SESSION_PREFIX = "rest:"

router = APIRouter(prefix="/webhooks/rest", tags=["rasa"])


class RestMessage(BaseModel):
    """One user message, as Rasa's REST channel receives it."""

    # The session id is "rest:" + sender and must fit the session-id grammar.
    sender: str = Field(..., pattern=session_id_pattern(SESSION_ID_MAX - len(SESSION_PREFIX)),
                        description="The conversation (a user or device id chosen by the client).")
    message: str = Field(..., description="What the shopper wrote.")
    metadata: dict[str, Any] | None = Field(None, description="Passed along with the session.")


@router.get("/")
def rest_health() -> dict:
    """Rasa's channel health check."""
    return {"status": "ok"}


@router.post("/webhook")
async def rest_webhook(request: Request, body: RestMessage) -> list[dict]:
    """Send a shopper message; returns the bot's messages in Rasa's REST format."""
    dialogue: DialogueService = request.app.state.dialogue
    message = ChannelMessage(SESSION_PREFIX + body.sender, body.message, CHANNEL,
                             body.metadata or {})
    result = await run_in_threadpool(dialogue.reply, message)
    return rest_messages(body.sender, result.reply)


def rest_messages(recipient_id: str, reply: Reply) -> list[dict]:
    """A reply as Rasa REST channel messages: none when the bot stays quiet, else one.

    Args:
        recipient_id: The sender the messages go back to.
        reply: The dialogue service's reply.

    Returns:
        ``[]`` or ``[{"recipient_id", "text", "buttons"?, "custom"?}]``.
    """
    if not reply.text:
        return []
    message: dict[str, Any] = {"recipient_id": recipient_id, "text": reply.text}
    if reply.quick_replies:
        message["buttons"] = [{"title": q, "payload": q} for q in reply.quick_replies]
    if reply.products or reply.citations or reply.handoff:
        data = reply.to_dict()
        message["custom"] = {"products": data["products"], "citations": data["citations"],
                             "handoff": reply.handoff}
    return [message]
