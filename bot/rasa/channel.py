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

Rasa's own REST channel has no authentication at all: whoever names a sender id speaks in that
conversation. Here the channel is off (404) until ``SHOPDESK_RASA_REST_TOKEN`` is set, and then
answers only ``Authorization: Bearer <token>``. The token belongs in the chat front-end's
server, which vouches for its senders (it must never let one user send as another); it is not a
secret a public web page can hold.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.channels.errors import ChannelDisabled, SignatureInvalid, SignatureMissing
from bot.dialogue import DialogueService
from bot.settings import Settings
from bot.types import ChannelMessage, Reply, SESSION_ID_MAX, session_id_pattern
from bot.web.wire import MESSAGE_PATTERN, error_responses

CHANNEL = "rasa-rest"
SESSION_PREFIX = "rest:"


class RestMessage(BaseModel):
    """One user message, as Rasa's REST channel receives it."""

    # The session id is "rest:" + sender and must fit the session-id grammar.
    sender: str = Field(..., pattern=session_id_pattern(SESSION_ID_MAX - len(SESSION_PREFIX)),
                        description="The conversation (a user or device id chosen by the client).")
    message: str = Field(..., min_length=1, max_length=2000, pattern=MESSAGE_PATTERN,
                         description="What the shopper wrote.")
    metadata: dict[str, Any] | None = Field(None, description="Passed along with the session.")


def router(settings: Settings) -> APIRouter:
    """Rasa's REST channel, behind ``settings.rasa_rest_token`` (off without one)."""
    api = APIRouter(prefix="/webhooks/rest", tags=["rasa"])
    token = settings.rasa_rest_token

    def check_token(request: Request) -> None:
        if not token:
            raise ChannelDisabled("the Rasa REST channel is off: set SHOPDESK_RASA_REST_TOKEN")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise SignatureMissing("send Authorization: Bearer <the Rasa REST token>")
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise SignatureInvalid("the Rasa REST token does not match")

    @api.get("/", responses=error_responses(404))
    def rest_health() -> dict:
        """Rasa's channel health check (404 while the channel is off)."""
        if not token:
            raise ChannelDisabled("the Rasa REST channel is off: set SHOPDESK_RASA_REST_TOKEN")
        return {"status": "ok"}

    @api.post("/webhook", dependencies=[Depends(check_token)], responses=error_responses(
        400, 401, 403, 404, 409, 411, 413, 422, 429, 503))
    async def rest_webhook(request: Request, body: RestMessage) -> list[dict]:
        """Send a shopper message; returns the bot's messages in Rasa's REST format."""
        dialogue: DialogueService = request.app.state.dialogue
        message = ChannelMessage(SESSION_PREFIX + body.sender, body.message, CHANNEL,
                                 body.metadata or {})
        result = await run_in_threadpool(dialogue.reply, message)
        return rest_messages(body.sender, result.reply)

    return api


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
