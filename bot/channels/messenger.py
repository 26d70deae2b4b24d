"""Facebook Messenger: ``GET/POST /webhooks/messenger``; replies through the Send API
``{api_base}/me/messages?access_token=<page token>``.

A reply becomes text messages of at most 2000 characters, its product cards a generic template
(up to 10 elements), and its quick replies Messenger quick replies (up to 13, titles of at most
20 characters) on the last message; a tapped one comes back with a payload that carries its full
text. Replies go out as messaging_type RESPONSE, which Messenger accepts within 24 hours of the
shopper's last message.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter

from bot.settings import Settings
from bot.types import ProductCard, Reply

from bot.channels.platform import (Platform, Unreadable, field, price_text, sent_time, shorten,
                                    user_id)
from bot.channels.types import TEXT, Inbound, Outgoing
from bot.channels.webhook import meta_router


MAX_QUICK_REPLIES, QUICK_REPLY_TITLE = 13, 20
MAX_ELEMENTS, ELEMENT_TITLE, ELEMENT_SUBTITLE = 10, 80, 80
QUICK_REPLY_PAYLOAD = "qr:"
#: Messaging events that report on our own messages: acknowledged, nothing to answer.
STATUS_EVENTS = ("delivery", "read", "optin", "account_linking", "referral")


class Messenger(Platform):
    """Messenger Send API formats.

    Args:
        page_token: The page access token (a query parameter: never logged).
        api_base: The Graph API base ("https://graph.facebook.com/v20.0").
        verify_token, app_secret: Only to tell whether the channel is configured.
        store_url: The storefront's public address, for product links and images.
    """

    name = "messenger"
    text_limit = 2000
    settings_names = ("messenger_verify_token", "messenger_app_secret", "messenger_page_token")

    def __init__(self, *, page_token: str, api_base: str, verify_token: str = "",
                 app_secret: str = "", store_url: str = "") -> None:
        super().__init__(store_url=store_url)
        self._values = (verify_token, app_secret, page_token)
        self.url = f"{api_base.rstrip('/')}/me/messages"
        self.params = {"access_token": page_token}

    @property
    def missing(self) -> list[str]:
        return [name for name, value in zip(self.settings_names, self._values) if not value]

    # --- webhook ---------------------------------------------------------------------------------

    def parse(self, body: Any) -> list[Inbound]:
        """Messages and postbacks of a ``page`` notification; echoes of our own messages and
        delivery/read receipts are skipped."""
        if field(body, "object", str, "body") != "page":
            raise Unreadable(f"object is {body['object'][:40]!r}, not page")
        events = ((event, f"entry[{i}].messaging[{j}]")
                  for i, entry in enumerate(field(body, "entry", list, "body"))
                  for j, event in enumerate(field(entry, "messaging", list, f"entry[{i}]")))
        return self.read_each(events, self._event)

    def _event(self, event: Any, where: str) -> Inbound | None:
        inbound = self._read_event(event, where)
        if inbound is None:
            return None
        return replace(inbound, sent_at=sent_time(event.get("timestamp"), per_second=1000))

    def _read_event(self, event: Any, where: str) -> Inbound | None:
        if not isinstance(event, dict) or any(kind in event for kind in STATUS_EVENTS):
            return None
        sender = user_id(field(field(event, "sender", dict, where), "id", (str, int),
                               f"{where}.sender"), f"{where}.sender.id")
        if isinstance(event.get("message"), dict):
            message = event["message"]
            if message.get("is_echo"):
                return None  # the page's own message, sent by us or a person in Meta's inbox
            mid = field(message, "mid", str, f"{where}.message")
            return Inbound(self.name, sender, mid, *_message_text(message))
        if isinstance(event.get("postback"), dict):
            postback = event["postback"]
            payload = postback.get("payload")
            text = (payload[len(QUICK_REPLY_PAYLOAD):] if isinstance(payload, str)
                    and payload.startswith(QUICK_REPLY_PAYLOAD) else postback.get("title"))
            mid = postback.get("mid") or f"postback:{sender}:{event.get('timestamp')}"
            return Inbound(self.name, sender, str(mid), text or "", TEXT if text else "postback")
        if isinstance(event.get("reaction"), dict):
            stamp = f"reaction:{sender}:{event.get('timestamp')}"
            return Inbound(self.name, sender, stamp, "", "reaction")
        return None

    # --- replies ---------------------------------------------------------------------------------

    def render(self, user_id: str, reply: Reply) -> list[Outgoing]:
        pieces = self.pieces(reply, cards_as_text=False)
        messages: list[dict[str, Any]] = [{"text": piece} for piece in pieces]
        if reply.products:
            messages.append(self._cards(reply.products[:MAX_ELEMENTS]))
        if messages and reply.quick_replies:
            messages[-1]["quick_replies"] = [
                {"content_type": "text", "title": shorten(choice, QUICK_REPLY_TITLE),
                 "payload": (QUICK_REPLY_PAYLOAD + choice)[:1000]}
                for choice in reply.quick_replies[:MAX_QUICK_REPLIES]]
        return [Outgoing(self.url, {"recipient": {"id": user_id}, "messaging_type": "RESPONSE",
                                    "message": message}, "messenger me/messages",
                         params=self.params)
                for message in messages]

    def _cards(self, cards: tuple[ProductCard, ...]) -> dict[str, Any]:
        """A generic template: one element per card, with a link button when there is a URL."""
        elements = []
        for card in cards:
            element: dict[str, Any] = {"title": shorten(card.name, ELEMENT_TITLE),
                                       "subtitle": shorten(price_text(card), ELEMENT_SUBTITLE)}
            if image := self.image(card):
                element["image_url"] = image
            if link := self.link(card):
                element["default_action"] = {"type": "web_url", "url": link}
                element["buttons"] = [{"type": "web_url", "url": link, "title": "View"}]
            elements.append(element)
        return {"attachment": {"type": "template", "payload": {"template_type": "generic",
                                                               "elements": elements}}}


def _message_text(message: dict) -> tuple[str, str]:
    """(text, kind) of a message: a tapped quick reply's full text, typed text, or ("", kind)
    for attachments (image, audio, video, file, location, sticker...)."""
    quick = message.get("quick_reply")
    if isinstance(quick, dict) and isinstance(quick.get("payload"), str) \
            and quick["payload"].startswith(QUICK_REPLY_PAYLOAD):
        return quick["payload"][len(QUICK_REPLY_PAYLOAD):], TEXT
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        return text, TEXT
    if "sticker_id" in message:
        return "", "sticker"
    attachments = message.get("attachments")
    if isinstance(attachments, list) and attachments and isinstance(attachments[0], dict):
        return "", str(attachments[0].get("type") or "attachment")
    return "", "unknown"


def router(settings: Settings) -> APIRouter:
    """``/webhooks/messenger`` configured from the ``messenger_*`` settings."""
    platform = Messenger(page_token=settings.messenger_page_token,
                         api_base=settings.messenger_api_base,
                         verify_token=settings.messenger_verify_token,
                         app_secret=settings.messenger_app_secret, store_url=settings.store_url)
    return meta_router(platform, path="/webhooks/messenger",
                       verify_token=settings.messenger_verify_token,
                       app_secret=settings.messenger_app_secret)
