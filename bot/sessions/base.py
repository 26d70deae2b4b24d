"""The session store contract: where conversations live between turns, one turn of a session at a time.

A turn runs inside ``store.transaction(session_id)``: the store takes the session's lock, loads
the session (or starts one), hands it over for mutation and saves it atomically on normal exit.
Two stores share that contract: ``MemorySessionStore`` (embedded, one process; memory_store.py)
and ``RedisSessionStore`` (several service processes share one Redis; redis_store.py);
``open_session_store`` (factory.py) picks one from the settings.

Example::

    store = open_session_store(settings.redis_url, settings.session_ttl_seconds)
    with store.transaction("abc123") as session:
        session.transcript.append(TranscriptEntry("user", "where is my order?"))
"""

from __future__ import annotations

import json
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from bot.sessions.errors import InvalidSessionId, UnknownSession
from bot.types import Session, session_id_pattern

_SESSION_ID = re.compile(session_id_pattern())
_NONE = object()  # the memory store's lock handle is None


def validate_session_id(session_id: str) -> str:
    """Return ``session_id`` unchanged when it is usable as a key.

    Raises:
        InvalidSessionId: not 1..128 characters of ``[A-Za-z0-9_.:-]`` (`bot.types`' grammar).
    """
    if not isinstance(session_id, str) or not _SESSION_ID.fullmatch(session_id):
        raise InvalidSessionId(
            f"invalid session id {str(session_id)[:40]!r}: "
            "expected 1 to 128 characters of letters, digits, '_', '.', ':' or '-'")
    return session_id


# --- the contract ------------------------------------------------------------------------------

class SessionStore(ABC):
    """Sessions by id, with per-session locking, expiry and a per-session rate limit.

    Args:
        ttl_seconds: A session untouched this long is forgotten.
        blocking_timeout: How long a turn waits for another turn of its session to finish
            before ``SessionBusy``.
    """

    def __init__(self, *, ttl_seconds: float, blocking_timeout: float) -> None:
        if ttl_seconds <= 0:
            raise ValueError(f"ttl_seconds must be > 0, got {ttl_seconds}")
        if blocking_timeout <= 0:
            raise ValueError(f"blocking_timeout must be > 0, got {blocking_timeout}")
        self.ttl_seconds = ttl_seconds
        self.blocking_timeout = blocking_timeout
        self._held: dict[str, Any] = {}  # session id -> lock handle of the turn in progress

    @abstractmethod
    def get(self, session_id: str) -> Session | None:
        """A snapshot of the session, or None when there is none; takes no lock.

        Raises:
            InvalidSessionId: a malformed id.
            SessionStoreUnavailable: the backend cannot be reached.
        """

    @contextmanager
    def transaction(self, session_id: str, *, create: bool = True,
                    channel: str = "web") -> Iterator[Session]:
        """Lock a session, yield it for mutation and save it when the block exits normally.

        When the block raises, nothing is saved (the stored session stays as it was) and the
        lock is released. Turns of one session are serialised (across processes for Redis).

        Args:
            session_id: The session's id.
            create: Start a fresh session when there is none; otherwise raise UnknownSession.
            channel: The channel of a session created here.

        Yields:
            The session; the save stamps ``updated`` and restarts its time to live.

        Raises:
            InvalidSessionId: a malformed id.
            UnknownSession: no such session and ``create`` is false.
            SessionBusy: the lock was not free within ``blocking_timeout``, or (Redis) it
                expired during the block and another turn took it; nothing was saved.
            SessionStoreUnavailable: the backend cannot be reached.
        """
        validate_session_id(session_id)
        with self._locked(session_id) as lock:
            session = self._load(session_id)
            if session is None:
                if not create:
                    raise UnknownSession(session_id)
                session = Session(id=session_id, channel=channel)
            self._held[session_id] = lock
            try:
                yield session
                session.updated = time.time()
                self._save(session, lock)
            finally:
                self._held.pop(session_id, None)

    def checkpoint(self, session: Session) -> None:
        """Save a session now, inside its transaction, under the lock the transaction holds.

        A long turn checkpoints the shopper's message before generating, so that neither a
        dropped connection nor a crashed process loses it; the transaction's own save follows.

        Raises:
            RuntimeError: no transaction of this session is open in this store.
            SessionBusy: (Redis) the turn lost its lock; nothing was saved.
            SessionStoreUnavailable: the backend cannot be reached.
        """
        lock = self._held.get(session.id, _NONE)
        if lock is _NONE:
            raise RuntimeError(f"checkpoint outside a transaction of session {session.id!r}")
        session.updated = time.time()
        self._save(session, lock)

    def delete(self, session_id: str) -> bool:
        """Forget a session, after any turn of it in progress; True when there was one.

        Raises:
            InvalidSessionId: a malformed id.
            SessionBusy: a turn held the session's lock longer than ``blocking_timeout``.
            SessionStoreUnavailable: the backend cannot be reached.
        """
        validate_session_id(session_id)
        with self._locked(session_id):
            return self._remove(session_id)

    @abstractmethod
    def list_sessions(self, limit: int = 100) -> list[Session]:
        """Up to ``limit`` live sessions, most recently updated first.

        Raises:
            ValueError: a negative limit.
            SessionStoreUnavailable: the backend cannot be reached.
        """

    @abstractmethod
    def allow(self, session_id: str, limit_per_minute: int) -> bool:
        """Count one message of the session; False once it exceeds its limit this minute.

        The window is the calendar minute (a fixed window); 0 means unlimited.

        Raises:
            InvalidSessionId: a malformed id.
            SessionStoreUnavailable: the backend cannot be reached.
        """

    @abstractmethod
    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        """Remember ``key`` for ``ttl_seconds``; True only for the first caller in that time.

        Webhook deliveries that a platform retries carry the same message id; this lets one
        of them through, across service processes when the store is shared (Redis).

        Raises:
            ValueError: an empty key or a non-positive ``ttl_seconds``.
            SessionStoreUnavailable: the backend cannot be reached.
        """

    @abstractmethod
    def count(self, key: str, window_seconds: int) -> int:
        """Count one event under ``key``; returns the count in the window that the key's first
        event opened (a fixed window of ``window_seconds``, then it starts again).

        Wrong order/email pairs are counted so, across conversations and service processes
        (`bot.dialogue.orders.verification_attempts`).

        Raises:
            ValueError: an empty key or a non-positive ``window_seconds``.
            SessionStoreUnavailable: the backend cannot be reached.
        """

    @abstractmethod
    def counted(self, key: str) -> int:
        """The count `count` reached under ``key`` in its current window (0 after it).

        Raises:
            SessionStoreUnavailable: the backend cannot be reached.
        """

    def ping(self) -> bool:
        """True when the backend answers (for readiness checks); never raises."""
        return True

    def close(self) -> None:
        """Release connections; the store is not used afterwards."""

    @abstractmethod
    def _locked(self, session_id: str) -> AbstractContextManager[Any]:
        """Hold the session's lock; yields a handle that ``_save`` receives."""

    @abstractmethod
    def _load(self, session_id: str) -> Session | None: ...

    @abstractmethod
    def _save(self, session: Session, lock: Any) -> None: ...

    @abstractmethod
    def _remove(self, session_id: str) -> bool: ...


# --- helpers the stores share ------------------------------------------------------------------

def session_to_json(session: Session) -> str:
    """The session as compact JSON, the form both stores keep."""
    return json.dumps(session.to_dict(), ensure_ascii=False, separators=(",", ":"))


def session_from_json(raw: str | bytes) -> Session:
    """The session that ``session_to_json`` wrote."""
    return Session.from_dict(json.loads(raw))


def check_limit(limit: int) -> None:
    """Raises ValueError for a negative ``list_sessions`` limit."""
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")


def check_mark(key: str, ttl_seconds: int) -> None:
    """Raises ValueError for ``mark_once`` arguments that mark nothing."""
    if not key:
        raise ValueError("mark_once needs a non-empty key")
    if ttl_seconds <= 0:
        raise ValueError(f"ttl_seconds must be > 0, got {ttl_seconds}")


def check_count(key: str, window_seconds: int) -> None:
    """Raises ValueError for ``count`` arguments that count nothing."""
    if not key:
        raise ValueError("count needs a non-empty key")
    if window_seconds <= 0:
        raise ValueError(f"window_seconds must be > 0, got {window_seconds}")


def minute_of(now: float) -> int:
    """The calendar minute of a Unix time: the fixed window of ``allow``."""
    return int(now // 60)
