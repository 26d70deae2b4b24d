"""The shopper API's wire models and documented answers (pydantic lives only at the HTTP edge)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from bot.types import WEB_SESSION_ID_PATTERN

#: A text must say something: at least one character that is not a space, as Python's
#: str.strip() counts spaces (which also strips the separators \x1c-\x1f and \x85).
MESSAGE_PATTERN = r"[^\s\x1c-\x1f\x85]"
#: The longest message the schema admits: the service's default limit (a service configured
#: lower answers 400 above its own).
MESSAGE_MAX = 2000
#: What a session keeps of metadata: at most 16 keys, scalar values, strings of <= 256.
MetadataKey = Annotated[str, Field(max_length=64)]
MetadataValue = Annotated[str, Field(max_length=256)] | int | float | bool | None


class ChatRequest(BaseModel):
    """One shopper message."""

    session_id: str | None = Field(
        None, pattern=WEB_SESSION_ID_PATTERN,
        description="A conversation the service issued (with its token); absent: the service "
                    "starts one and returns its id and token.")
    message: str = Field(..., min_length=1, max_length=MESSAGE_MAX, pattern=MESSAGE_PATTERN,
                         description="What the shopper wrote.")
    channel: Literal["web"] = Field("web", description="Always web: messaging apps and Rasa "
                                                       "have their own authenticated routes.")
    metadata: dict[MetadataKey, MetadataValue] | None = Field(
        None, max_length=16,
        description="Page URL, locale...: kept with the session, at most 16 keys over the whole "
                    "conversation (later new keys are dropped).")


class FeedbackRequest(BaseModel):
    """A shopper's thumbs up or down on the newest reply of their conversation."""

    session_id: str = Field(..., pattern=WEB_SESSION_ID_PATTERN)
    rating: Literal["up", "down"]


class ErrorBody(BaseModel):
    """Every error answer: a readable message and the error's kind."""

    error: str
    kind: str


_WHY = {
    400: "Bad input: invalid JSON, an empty or over-long message, JSON nested too deep, a "
         "malformed session id",
    401: "No credential: a session's token (cookie or Authorization: Bearer) is needed",
    403: "A credential that is not the right one",
    404: "No such conversation for this credential (unknown and not-yours read the same)",
    409: "The conversation is busy with another turn",
    411: "A body without Content-Length",
    413: "The body is over the size limit",
    415: "The body is not application/json",
    422: "The body or a parameter does not match this schema",
    429: "Too many requests; try again in a minute",
    503: "A dependency (session store, index, models) is unavailable; try again",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: each status it can answer besides 200, with the error body
    (JSON, also on routes whose success is text)."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    return {status: {"model": ErrorBody, "description": _WHY[status], "content": body}
            for status in statuses}


#: Server-sent events as Schemathesis and readers see them: each event a name and JSON data.
SSE_EVENT_SCHEMA = {"type": "object", "required": ["event", "data"], "properties": {
    "event": {"type": "string", "enum": ["token", "reply", "error"]},
    "data": {"type": "string", "contentMediaType": "application/json"}}}


#: What every body-taking route can answer before it runs (request_limits, validation).
BODY_ERRORS = (400, 411, 413, 422)
