"""The shopper API's wire models (pydantic lives only at the HTTP edge)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from bot.types import session_id_pattern

SESSION_ID_PATTERN = session_id_pattern()


class ChatRequest(BaseModel):
    """One shopper message."""

    session_id: str | None = Field(None, pattern=SESSION_ID_PATTERN,
                                   description="The conversation; a new one is started when absent.")
    message: str = Field(..., description="What the shopper wrote.")
    channel: str = Field("web", max_length=32)
    metadata: dict[str, Any] | None = Field(None, description="Page URL, locale... (kept with the session).")


class FeedbackRequest(BaseModel):
    """A shopper's thumbs up or down on the newest reply of a conversation."""

    session_id: str = Field(..., pattern=SESSION_ID_PATTERN)
    rating: Literal["up", "down"]
