"""Domain exceptions of the turn pipeline (mapped to HTTP statuses in `bot.errors`)."""

from __future__ import annotations


class InvalidChatMessage(ValueError):
    """The shopper's message is empty, too long, or not text."""


class RateLimited(RuntimeError):
    """Too many messages in this session in the last minute."""
