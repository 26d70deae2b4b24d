"""Agent panel logins: random tokens with an expiry, and a count of failed logins.

A login gets a random token (the panel's cookie); the store keeps only its SHA-256, so a copy
of Redis or of memory holds no usable cookie. Failed logins are counted per key (the panel
counts per client address and per address and name) in a fixed window, so that guessing
passwords is refused long before it gets anywhere. With Redis (the sessions' URL) every service
process shares logins and counts; without it they live in this process.

    logins = open_login_store(settings.redis_url)
    token = logins.create("alice", ttl_seconds=43200)
    logins.agent(token)        # "alice", until it expires or `revoke(token)`
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from abc import ABC, abstractmethod

import redis

from bot.sessions.errors import SessionStoreUnavailable
from bot.sessions.redis_connection import connect
from bot.sessions.window_counts import WindowCounts

_TOKEN_BYTES = 32


class LoginStore(ABC):
    """Login tokens -> agent names, and failure counters; both expire."""

    def create(self, agent: str, ttl_seconds: int) -> str:
        """A new random token for `agent`, valid `ttl_seconds`."""
        token = secrets.token_urlsafe(_TOKEN_BYTES)
        self._put(_digest(token), agent, ttl_seconds)
        return token

    def agent(self, token: str) -> str | None:
        """The agent a token belongs to; None when unknown, expired or revoked."""
        return self._get(_digest(token)) if token else None

    def revoke(self, token: str) -> None:
        """Forget a token (logout); unknown tokens are fine."""
        if token:
            self._delete(_digest(token))

    @abstractmethod
    def failures(self, key: str) -> int:
        """Failed logins counted under `key` in its current window."""

    @abstractmethod
    def fail(self, key: str, window_seconds: int) -> int:
        """Count one failed login under `key`; the count restarts `window_seconds` after the
        first failure. Returns the new count."""

    def close(self) -> None:
        """Release connections."""

    @abstractmethod
    def _put(self, digest: str, agent: str, ttl_seconds: int) -> None: ...

    @abstractmethod
    def _get(self, digest: str) -> str | None: ...

    @abstractmethod
    def _delete(self, digest: str) -> None: ...


class MemoryLoginStore(LoginStore):
    """Logins in this process (lost on restart: agents log in again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}  # digest -> (agent, expires at)
        self._failures = WindowCounts()

    def failures(self, key: str) -> int:
        return self._failures.get(key)

    def fail(self, key: str, window_seconds: int) -> int:
        return self._failures.add(key, window_seconds)

    def _put(self, digest: str, agent: str, ttl_seconds: int) -> None:
        now = time.time()
        with self._lock:
            self._tokens = {k: v for k, v in self._tokens.items() if v[1] > now}
            self._tokens[digest] = (agent, now + ttl_seconds)

    def _get(self, digest: str) -> str | None:
        with self._lock:
            agent, expires = self._tokens.get(digest, ("", 0.0))
        return agent if expires > time.time() else None

    def _delete(self, digest: str) -> None:
        with self._lock:
            self._tokens.pop(digest, None)


class RedisLoginStore(LoginStore):
    """Logins in Redis: ``{prefix}login:{sha256}`` -> agent, ``{prefix}login-failures:{key}``
    -> count, each with its expiry.

    Raises:
        SessionStoreUnavailable: (from each call) Redis cannot be reached.
    """

    def __init__(self, url: str, *, key_prefix: str = "shopdesk:") -> None:
        self._client = connect(url)
        self.key_prefix = key_prefix

    def failures(self, key: str) -> int:
        raw = self._call(self._client.get, f"{self.key_prefix}login-failures:{key}")
        return int(raw or 0)

    def fail(self, key: str, window_seconds: int) -> int:
        name = f"{self.key_prefix}login-failures:{key}"
        with self._client.pipeline() as pipe:
            pipe.set(name, 0, ex=window_seconds, nx=True)  # the window starts at the first failure
            pipe.incr(name)
            _, count = self._call(pipe.execute)
        return int(count)

    def close(self) -> None:
        self._client.close()

    def _put(self, digest: str, agent: str, ttl_seconds: int) -> None:
        self._call(self._client.set, f"{self.key_prefix}login:{digest}", agent, ex=ttl_seconds)

    def _get(self, digest: str) -> str | None:
        raw = self._call(self._client.get, f"{self.key_prefix}login:{digest}")
        return None if raw is None else raw.decode("utf-8")

    def _delete(self, digest: str) -> None:
        self._call(self._client.delete, f"{self.key_prefix}login:{digest}")

    @staticmethod
    def _call(function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise SessionStoreUnavailable(f"login store unavailable: cannot reach Redis ({exc})") from exc


def open_login_store(redis_url: str) -> LoginStore:
    """Redis when a URL is set (the sessions' own), else in-process."""
    return RedisLoginStore(redis_url) if redis_url else MemoryLoginStore()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
