"""The session stores' errors; ``bot.errors`` maps them to HTTP statuses."""

from __future__ import annotations


class SessionError(Exception):
    """Base of the session store's errors."""


class InvalidSessionId(SessionError, ValueError):
    """A session id that is empty, too long or has characters outside ``[A-Za-z0-9_.:-]``."""


class UnknownSession(SessionError, KeyError):
    """No session has that id (it never existed, expired or was deleted)."""

    def __str__(self) -> str:  # KeyError would print the repr of the key only
        return f"no session with id {self.args[0]!r}"


class SessionBusy(SessionError):
    """Another turn of the same session holds its lock for too long (or took it over)."""


class SessionStoreUnavailable(SessionError):
    """The session store's backend (Redis) cannot be reached."""
