"""Telegram Bot API: ``POST /webhooks/telegram``; replies through
``{api_base}/bot<token>/sendMessage``.

Telegram proves a call is its own by repeating the ``secret_token`` given to setWebhook in the
X-Telegram-Bot-Api-Secret-Token header. A reply becomes messages of at most 4096 characters
(product cards as text lines); its quick replies become a one-time reply keyboard, whose taps
arrive as ordinary text messages.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.settings import Settings
from bot.types import Reply

from bot.channels.platform import Platform, field, sent_time, user_id
from bot.channels.signatures import TELEGRAM_SECRET_HEADER, check_secret_token
from bot.channels.types import Inbound, Outgoing
from bot.channels.webhook import WEBHOOK_ERRORS, channel_lifespan, check_enabled, queue_body

log = logging.getLogger(__name__)

MAX_KEYBOARD = 10
#: Message fields that carry something other than text, in the order they are named.
CONTENT_KINDS = ("sticker", "photo", "voice", "audio", "video", "video_note", "animation",
                 "document", "location", "venue", "contact", "poll", "dice", "game", "story")
#: Commands mapped to what the bot understands; /start is what a new chat sends first.
COMMANDS = {"/start": "hello", "/help": "what can you do?"}


class Telegram(Platform):
    """Telegram Bot API formats.

    Args:
        bot_token: The bot's token (part of every API URL: never logged).
        api_base: "https://api.telegram.org", or a local fake in tests.
        secret_token: Only to tell whether the channel is configured.
        store_url: The storefront's public address, for product links.
    """

    name = "telegram"
    text_limit = 4096
    settings_names = ("telegram_bot_token", "telegram_secret_token")

    def __init__(self, *, bot_token: str, api_base: str, secret_token: str = "",
                 store_url: str = "") -> None:
        super().__init__(store_url=store_url)
        self._values = (bot_token, secret_token)
        self.url = f"{api_base.rstrip('/')}/bot{bot_token}/sendMessage"

    @property
    def missing(self) -> list[str]:
        return [name for name, value in zip(self.settings_names, self._values) if not value]

    def parse(self, body: Any) -> list[Inbound]:
        """The message of one Update; edits, channel posts, service messages and other update
        kinds are skipped. The update_id is the dedupe key: a redelivery repeats it."""
        update_id = field(body, "update_id", int, "update")
        message = body.get("message")
        if not isinstance(message, dict):
            return []  # edited_message, callback_query, my_chat_member...: nothing to answer
        chat = user_id(field(field(message, "chat", dict, "message"), "id", (int, str),
                             "message.chat"), "message.chat.id")
        text, sent_at = message.get("text"), sent_time(message.get("date"))
        if isinstance(text, str) and text.strip():
            command = text.strip().split("@")[0].lower()  # "/start@ShopBot" in groups
            return [Inbound(self.name, chat, str(update_id), COMMANDS.get(command, text),
                            sent_at=sent_at)]
        kind = next((k for k in CONTENT_KINDS if k in message), "")
        if not kind:
            return []  # a member joined, a message was pinned...
        return [Inbound(self.name, chat, str(update_id), "", kind, sent_at)]

    def render(self, user_id: str, reply: Reply) -> list[Outgoing]:
        pieces = self.pieces(reply)
        chat_id: int | str = int(user_id) if user_id.lstrip("-").isdigit() else user_id
        requests = [{"chat_id": chat_id, "text": piece} for piece in pieces]
        if requests and reply.quick_replies:
            requests[-1]["reply_markup"] = {
                "keyboard": [[{"text": choice}] for choice in reply.quick_replies[:MAX_KEYBOARD]],
                "resize_keyboard": True, "one_time_keyboard": True}
        return [Outgoing(self.url, payload, "telegram sendMessage") for payload in requests]


def router(settings: Settings) -> APIRouter:
    """``POST /webhooks/telegram`` configured from the ``telegram_*`` settings."""
    platform = Telegram(bot_token=settings.telegram_bot_token,
                        api_base=settings.telegram_api_base,
                        secret_token=settings.telegram_secret_token, store_url=settings.store_url)
    api = APIRouter(tags=["channels"], lifespan=channel_lifespan(platform))

    @api.post("/webhooks/telegram", summary="Telegram updates", responses=WEBHOOK_ERRORS)
    async def update(request: Request) -> JSONResponse:
        """An Update from Telegram, checked by its secret-token header; acknowledged at once and
        answered in the background."""
        check_enabled(platform)
        check_secret_token(request.headers.get(TELEGRAM_SECRET_HEADER),
                           settings.telegram_secret_token)
        return await queue_body(request, platform, await request.body())

    return api
