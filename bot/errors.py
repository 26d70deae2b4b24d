"""The one table that turns domain errors into HTTP statuses and CLI messages.

Libraries raise their own exceptions (kb/errors.py, retrieval/errors.py, models/errors.py,
the session store's in bot/sessions/errors.py);
only the edges (HTTP app, CLI) translate them.
"""

from __future__ import annotations

from kb.errors import (KbError, OrderActionRefused, OrderNotFound, OrderSystemUnavailable,
                       StoreDataError, UnknownProduct)
from models.errors import ModelAssetError
from models.generation.errors import (GenerationBusy, GeneratorNotLoaded, GeneratorUnavailable,
                                      MalformedChat, PromptTooLong)
from retrieval.errors import IndexNotBuilt, InvalidQuery, RetrievalError, UnknownFilter

from bot.panel.agents import AgentAccountError
from bot.channels.errors import (BadHandshake, ChannelBusy, ChannelDisabled, HandshakeRefused,
                                 SignatureInvalid, SignatureMissing)
from bot.dialogue.errors import InvalidChatMessage, Overloaded, RateLimited
from bot.sessions.errors import InvalidSessionId, SessionBusy, SessionStoreUnavailable, UnknownSession
from bot.settings import SettingsError

#: Most specific first: the first matching class decides the status.
HTTP_STATUS: tuple[tuple[type[Exception], int], ...] = (
    # turns (bot/dialogue/errors.py, models/generation/errors.py)
    (InvalidChatMessage, 400),
    (RateLimited, 429),
    (Overloaded, 503),  # every generation slot busy: retry after `retry_after_s`
    (MalformedChat, 400),
    (PromptTooLong, 413),
    (GenerationBusy, 409),  # e.g. two agents asking for one conversation's suggestion at once
    (GeneratorNotLoaded, 503),
    (GeneratorUnavailable, 503),  # the LLM server is down (turns fall back instead; tools say so)
    # sessions (bot/sessions/errors.py)
    (InvalidSessionId, 400),
    (UnknownSession, 404),
    (SessionBusy, 409),
    (SessionStoreUnavailable, 503),
    # messaging-app webhooks (bot/channels/errors.py)
    (ChannelDisabled, 404),
    (SignatureMissing, 401),
    (SignatureInvalid, 403),
    (HandshakeRefused, 403),
    (BadHandshake, 400),
    (ChannelBusy, 503),
    (InvalidQuery, 400),
    (UnknownFilter, 400),
    (UnknownProduct, 404),
    (OrderNotFound, 404),
    (OrderActionRefused, 409),
    (OrderSystemUnavailable, 503),  # the store's order platform is down or refuses our key
    (IndexNotBuilt, 503),
    (StoreDataError, 500),
    (ModelAssetError, 500),
    (SettingsError, 500),
    (AgentAccountError, 500),  # a bad agents file (start-up) or name (`shopdesk agents add`)
    (RetrievalError, 400),
    (KbError, 400),
)


def http_status(exc: BaseException) -> int | None:
    """The status for a domain error, or None for an unexpected exception (a 500 to log)."""
    for cls, status in HTTP_STATUS:
        if isinstance(exc, cls):
            return status
    return None


def retry_after(exc: BaseException) -> int | None:
    """Seconds a client should wait before sending the same request again, for errors that
    pass (503s: overload, Redis away; 429: rate limit); None for the others."""
    if isinstance(exc, Overloaded):
        return exc.retry_after_s
    if isinstance(exc, RateLimited):
        return 60
    return 1 if http_status(exc) == 503 else None


def user_message(exc: BaseException) -> str | None:
    """A one-line message for a domain error, or None when the traceback is what helps."""
    return str(exc) if http_status(exc) is not None else None
