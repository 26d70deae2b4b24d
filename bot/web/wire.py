"""The shopper API's wire models and documented answers (pydantic lives only at the HTTP edge)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from bot.types import WEB_SESSION_ID_PATTERN

#: A shopper message must say something: at least one character that is not a space.
MESSAGE_PATTERN = r"\S"


class ChatRequest(BaseModel):
    """One shopper message."""

    session_id: str | None = Field(
        None, pattern=WEB_SESSION_ID_PATTERN,
        description="A conversation the service issued (with its token); absent: the service "
                    "starts one and returns its id and token.")
    message: str = Field(..., min_length=1, pattern=MESSAGE_PATTERN,
                         description="What the shopper wrote (refused with 400 when it is "
                                     "longer than the service's limit, 2,000 by default).")
    channel: Literal["web"] = Field("web", description="Always web: messaging apps and Rasa "
                                                       "have their own authenticated routes.")
    metadata: dict[str, Any] | None = Field(
        None, description="Page URL, locale...: the session keeps at most 16 keys with scalar "
                          "values (strings cut to 256 characters); objects and lists are dropped.")


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
    """The `responses=` of a route: each status it can answer besides 200, with the error body."""
    return {status: {"model": ErrorBody, "description": _WHY[status]} for status in statuses}


#: What every body-taking route can answer before it runs (request_limits, validation).
BODY_ERRORS = (400, 411, 413, 422)
