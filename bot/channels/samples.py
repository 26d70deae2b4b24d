"""Webhook bodies shaped as each platform sends them, for tests, ``bench/webhooks.py`` and
trying the webhooks by hand::

    body, headers = signed(whatsapp_text("15551230001", "hi"), app_secret)
    # POST body to /webhooks/whatsapp with headers
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from bot.channels.signatures import META_SIGNATURE_HEADER, TELEGRAM_SECRET_HEADER, sign

_ids = itertools.count(1)


def next_id(prefix: str) -> str:
    """A message id unique in this process ("wamid.7")."""
    return f"{prefix}{next(_ids)}"


def signed(body: Any, app_secret: str) -> tuple[bytes, dict[str, str]]:
    """The raw JSON body and the headers Meta sends with it (X-Hub-Signature-256)."""
    raw = json.dumps(body).encode()
    return raw, {"content-type": "application/json", META_SIGNATURE_HEADER: sign(raw, app_secret)}


def telegram_headers(secret_token: str) -> dict[str, str]:
    return {"content-type": "application/json", TELEGRAM_SECRET_HEADER: secret_token}


# --- WhatsApp ------------------------------------------------------------------------------------


def whatsapp_message(user: str, message: dict[str, Any], message_id: str | None = None,
                     phone_number_id: str = "1234567890") -> dict[str, Any]:
    """A notification carrying one message; ``message`` gives its type fields
    ({"type": "text", "text": {"body": "hi"}})."""
    return whatsapp_value({
        "contacts": [{"profile": {"name": "Shopper"}, "wa_id": user}],
        "messages": [{"from": user, "id": message_id or next_id("wamid."),
                      "timestamp": str(int(time.time())), **message}],
    }, phone_number_id)


def whatsapp_text(user: str, text: str, message_id: str | None = None) -> dict[str, Any]:
    return whatsapp_message(user, {"type": "text", "text": {"body": text}}, message_id)


def whatsapp_status(user: str, status: str = "delivered") -> dict[str, Any]:
    """A status callback (sent, delivered, read) for one of our messages."""
    return whatsapp_value({"statuses": [{"id": next_id("wamid."), "status": status,
                                         "recipient_id": user,
                                         "timestamp": str(int(time.time()))}]})


def whatsapp_value(value: dict[str, Any], phone_number_id: str = "1234567890") -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{"id": "WABA_ID", "changes": [{
        "field": "messages",
        "value": {"messaging_product": "whatsapp",
                  "metadata": {"display_phone_number": "15550000000",
                               "phone_number_id": phone_number_id}, **value}}]}]}


# --- Telegram ------------------------------------------------------------------------------------


def telegram_message(chat_id: int, fields: dict[str, Any],
                     update_id: int | None = None) -> dict[str, Any]:
    """An Update carrying one private-chat message; ``fields`` gives its content
    ({"text": "hi"}, {"sticker": {...}})."""
    return {"update_id": update_id or next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "from": {"id": chat_id, "is_bot": False, "first_name": "Shopper"},
        "chat": {"id": chat_id, "type": "private", "first_name": "Shopper"}, **fields}}


def telegram_text(chat_id: int, text: str, update_id: int | None = None) -> dict[str, Any]:
    return telegram_message(chat_id, {"text": text}, update_id)


# --- Messenger -----------------------------------------------------------------------------------


def messenger_event(psid: str, event: dict[str, Any]) -> dict[str, Any]:
    """A page notification carrying one messaging event ({"message": {...}}, {"read": ...})."""
    now = int(time.time() * 1000)
    return {"object": "page", "entry": [{"id": "PAGE_ID", "time": now, "messaging": [{
        "sender": {"id": psid}, "recipient": {"id": "PAGE_ID"}, "timestamp": now, **event}]}]}


def messenger_text(psid: str, text: str, mid: str | None = None) -> dict[str, Any]:
    return messenger_event(psid, {"message": {"mid": mid or next_id("m_"), "text": text}})
