"""WhatsApp Cloud API: ``GET/POST /webhooks/whatsapp``; replies through
``{api_base}/{phone_number_id}/messages``.

A reply becomes text messages (product cards as text lines, 4096 characters each); its quick
replies become reply buttons (up to 3 titles of at most 20 characters) or else a list (up to 10
rows). A tapped button comes back with its id, which carries the quick reply's full text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter

from bot.settings import Settings
from bot.types import Reply

from bot.channels.platform import Platform, Unreadable, field, sent_time, shorten, user_id
from bot.channels.types import TEXT, Inbound, Outgoing
from bot.channels.webhook import meta_router


MAX_BUTTONS, BUTTON_TITLE = 3, 20
MAX_ROWS, ROW_TITLE, ROW_DESCRIPTION = 10, 24, 72
INTERACTIVE_BODY = 1024
#: A quick reply's id: this prefix and its full text (WhatsApp allows 256 characters).
QUICK_REPLY_ID = "qr:"


class WhatsApp(Platform):
    """WhatsApp Cloud API formats.

    Args:
        access_token: Sent as ``Authorization: Bearer``.
        phone_number_id: The business number replies are sent from.
        api_base: The Graph API base ("https://graph.facebook.com/v20.0").
        verify_token, app_secret: Only to tell whether the channel is configured.
        store_url: The storefront's public address, for product links.
    """

    name = "whatsapp"
    text_limit = 4096
    settings_names = ("whatsapp_verify_token", "whatsapp_app_secret", "whatsapp_access_token",
                      "whatsapp_phone_number_id")

    def __init__(self, *, access_token: str, phone_number_id: str, api_base: str,
                 verify_token: str = "", app_secret: str = "", store_url: str = "") -> None:
        super().__init__(store_url=store_url)
        self._values = (verify_token, app_secret, access_token, phone_number_id)
        self.url = f"{api_base.rstrip('/')}/{phone_number_id}/messages"
        self.headers = {"Authorization": f"Bearer {access_token}"}

    @property
    def missing(self) -> list[str]:
        return [name for name, value in zip(self.settings_names, self._values) if not value]

    # --- webhook ---------------------------------------------------------------------------------

    def parse(self, body: Any) -> list[Inbound]:
        """Messages of a ``whatsapp_business_account`` notification; ``statuses`` (sent,
        delivered, read) and other fields are skipped."""
        if field(body, "object", str, "body") != "whatsapp_business_account":
            raise Unreadable(f"object is {body['object'][:40]!r}, not whatsapp_business_account")
        return self.read_each(_messages(body), self._message)

    def _message(self, message: Any, where: str) -> Inbound | None:
        sender = user_id(field(message, "from", str, where), f"{where}.from")
        message_id = field(message, "id", str, where)
        kind = field(message, "type", str, where)
        if kind == "system":  # "the customer changed their number": nothing to answer
            return None
        text = ""
        if kind == "text":
            text = field(field(message, "text", dict, where), "body", str, f"{where}.text")
        elif kind == "interactive":
            text = _tapped(field(message, "interactive", dict, where), f"{where}.interactive")
        elif kind == "button":  # a template's quick-reply button
            text = field(field(message, "button", dict, where), "text", str, f"{where}.button")
        return Inbound(self.name, sender, message_id, text, TEXT if text else kind,
                       sent_time(message.get("timestamp")))

    # --- replies ---------------------------------------------------------------------------------

    def render(self, user_id: str, reply: Reply) -> list[Outgoing]:
        pieces = self.pieces(reply)
        choices = reply.quick_replies[:MAX_ROWS]
        if not choices:
            return [self._request(user_id, _text(piece)) for piece in pieces]
        body = "Suggestions:"
        if pieces and len(pieces[-1]) <= INTERACTIVE_BODY:
            body = pieces.pop()
        requests = [self._request(user_id, _text(piece)) for piece in pieces]
        return requests + [self._request(user_id, _interactive(body, choices))]

    def _request(self, to: str, message: dict[str, Any]) -> Outgoing:
        payload = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                   **message}
        return Outgoing(self.url, payload, "whatsapp messages", headers=self.headers)


def _messages(body: dict) -> Iterator[tuple[Any, str]]:
    """(message, where) of every ``messages`` change of a notification."""
    for i, entry in enumerate(field(body, "entry", list, "body")):
        for j, change in enumerate(field(entry, "changes", list, f"entry[{i}]")):
            where = f"entry[{i}].changes[{j}]"
            if not isinstance(change, dict) or change.get("field") != "messages":
                continue
            value = field(change, "value", dict, where)
            for k, message in enumerate(value.get("messages") or ()):
                yield message, f"{where}.value.messages[{k}]"


def _tapped(interactive: dict, where: str) -> str:
    """The text of a tapped reply button or list row: the full text its id carries."""
    for kind in ("button_reply", "list_reply"):
        if isinstance(interactive.get(kind), dict):
            choice = interactive[kind]
            choice_id = choice.get("id")
            if isinstance(choice_id, str) and choice_id.startswith(QUICK_REPLY_ID):
                return choice_id[len(QUICK_REPLY_ID):]
            return field(choice, "title", str, f"{where}.{kind}")
    return ""  # an interactive kind we never send (flows, orders): answered as unsupported


def _text(text: str) -> dict[str, Any]:
    return {"type": "text", "text": {"preview_url": False, "body": text}}


def _interactive(body: str, choices: tuple[str, ...]) -> dict[str, Any]:
    """Reply buttons when all choices fit, else a list whose rows show the full text below."""
    ids = [(QUICK_REPLY_ID + choice)[:256] for choice in choices]
    if len(choices) <= MAX_BUTTONS and all(len(c) <= BUTTON_TITLE for c in choices):
        action = {"buttons": [{"type": "reply", "reply": {"id": i, "title": c}}
                              for i, c in zip(ids, choices)]}
        return {"type": "interactive", "interactive": {"type": "button", "body": {"text": body},
                                                       "action": action}}
    rows = []
    for choice_id, choice in zip(ids, choices):
        row = {"id": choice_id, "title": shorten(choice, ROW_TITLE)}
        if len(choice) > ROW_TITLE:
            row["description"] = shorten(choice, ROW_DESCRIPTION)
        rows.append(row)
    action = {"button": "Options", "sections": [{"title": "Suggestions", "rows": rows}]}
    return {"type": "interactive", "interactive": {"type": "list", "body": {"text": body},
                                                   "action": action}}


def router(settings: Settings) -> APIRouter:
    """``/webhooks/whatsapp`` configured from the ``whatsapp_*`` settings."""
    platform = WhatsApp(access_token=settings.whatsapp_access_token,
                        phone_number_id=settings.whatsapp_phone_number_id,
                        api_base=settings.whatsapp_api_base,
                        verify_token=settings.whatsapp_verify_token,
                        app_secret=settings.whatsapp_app_secret, store_url=settings.store_url)
    return meta_router(platform, path="/webhooks/whatsapp",
                       verify_token=settings.whatsapp_verify_token,
                       app_secret=settings.whatsapp_app_secret)
