"""Domain exceptions of the turn pipeline (mapped to HTTP statuses in `bot.errors`)."""

from __future__ import annotations


class InvalidChatMessage(ValueError):
    """The shopper's message is empty, too long, or not text."""


class RateLimited(RuntimeError):
    """Too many messages in this session in the last minute."""


class Overloaded(RuntimeError):
    """Every generation slot is busy and the queue for them is full (or waited too long).

    Nothing of the turn was saved: the shopper may send the same message again after
    ``retry_after_s`` seconds (edges send it as ``Retry-After``).
    """

    def __init__(self, message: str, retry_after_s: int = 2) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
