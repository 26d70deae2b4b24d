"""Plain data of the channels: a shopper's message as a webhook delivered it, a request to send."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: ``Inbound.kind`` of a message the dialogue service can read; any other kind gets a polite
#: "text only" answer.
TEXT = "text"


@dataclass(frozen=True, slots=True)
class Inbound:
    """One shopper message from a messaging app, parsed once at the webhook.

    Attributes:
        channel: The platform ("whatsapp", "telegram", "messenger").
        user_id: Whom to answer: the WhatsApp number, Telegram chat id or Messenger PSID.
        message_id: The platform's id of this delivery; retried deliveries repeat it.
        text: What the shopper wrote (or the full text of the quick reply they tapped).
        kind: TEXT, or what they sent instead ("sticker", "image", "location", "reaction"...).
        sent_at: When the shopper sent it, by the platform's clock (Unix seconds; 0: not
            told): a delivery older than the dedupe marks' memory could be a replay.
    """

    channel: str
    user_id: str
    message_id: str
    text: str = ""
    kind: str = TEXT
    sent_at: float = 0.0

    @property
    def session_id(self) -> str:
        return f"{self.channel}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One HTTP POST to a platform's send API.

    Attributes:
        url: Where to POST (Telegram's carries the bot token: never log it).
        payload: The JSON body.
        describe: What to log instead of the URL ("whatsapp messages").
        params: Query parameters (Messenger's access token: never log them).
        headers: Extra headers (WhatsApp's bearer token).
    """

    url: str
    payload: dict[str, Any]
    describe: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
