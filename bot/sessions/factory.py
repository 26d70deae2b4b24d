"""Opening the session store that the settings ask for."""

from __future__ import annotations

from bot.sessions.base import SessionStore
from bot.sessions.memory_store import MemorySessionStore
from bot.sessions.redis_store import RedisSessionStore


def open_session_store(redis_url: str, ttl_seconds: float, *, socket_timeout: float = 2.0,
                       lock_timeout: float = 4.0) -> SessionStore:
    """The Redis store when ``redis_url`` is set, else the embedded in-memory one.

    Args:
        redis_url: ``Settings.redis_url``; empty for the in-memory store.
        ttl_seconds: ``Settings.session_ttl_seconds``.
        socket_timeout: ``Settings.redis_timeout_ms`` in seconds (Redis only).
        lock_timeout: ``Settings.session_lock_ms`` in seconds (Redis only).

    Returns:
        A store; a Redis one connects on first use.

    Raises:
        ValueError: a malformed URL or a non-positive TTL.
    """
    if redis_url:
        return RedisSessionStore(redis_url, ttl_seconds=ttl_seconds,
                                 socket_timeout=socket_timeout, lock_timeout=lock_timeout)
    return MemorySessionStore(ttl_seconds=ttl_seconds)
