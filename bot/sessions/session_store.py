"""Session stores: where conversations live between turns, one turn of a session at a time.

A turn runs inside ``store.transaction(session_id)``: the store takes the session's lock, loads
the session (or starts one), hands it over for mutation and saves it atomically on normal exit.
Two stores share that contract: ``MemorySessionStore`` (embedded, one process) and
``RedisSessionStore`` (several service processes share one Redis).

Example::

    store = open_session_store(settings.redis_url, settings.session_ttl_seconds)
    with store.transaction("abc123") as session:
        session.transcript.append(TranscriptEntry("user", "where is my order?"))
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import LockError, WatchError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from bot.types import Session

log = logging.getLogger(__name__)

_SESSION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


# --- errors ------------------------------------------------------------------------------------

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


def validate_session_id(session_id: str) -> str:
    """Return ``session_id`` unchanged when it is usable as a key.

    Raises:
        InvalidSessionId: not 1..128 characters of ``[A-Za-z0-9_.:-]``.
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
            yield session
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


def _dump(session: Session) -> str:
    return json.dumps(session.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _load_json(raw: str | bytes) -> Session:
    return Session.from_dict(json.loads(raw))


def _check_limit(limit: int) -> None:
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")


def _check_mark(key: str, ttl_seconds: int) -> None:
    if not key:
        raise ValueError("mark_once needs a non-empty key")
    if ttl_seconds <= 0:
        raise ValueError(f"ttl_seconds must be > 0, got {ttl_seconds}")


def _minute(now: float) -> int:
    return int(now // 60)


# --- embedded ----------------------------------------------------------------------------------

class MemorySessionStore(SessionStore):
    """Sessions in this process's memory, as JSON (so a failed turn cannot leak its edits).

    Thread-safe. Expired sessions are dropped when read and swept at most once a minute.

    Args:
        ttl_seconds: A session untouched this long is forgotten.
        blocking_timeout: How long a turn waits for its session's lock before ``SessionBusy``.
    """

    def __init__(self, *, ttl_seconds: float = 7 * 24 * 3600,
                 blocking_timeout: float = 10.0) -> None:
        super().__init__(ttl_seconds=ttl_seconds, blocking_timeout=blocking_timeout)
        self._guard = threading.Lock()  # guards the three dicts below
        # id -> (json, expires at), least recently saved first
        self._data: dict[str, tuple[str, float]] = {}
        self._locks: dict[str, list[Any]] = {}  # id -> [lock, holders and waiters]
        self._rates: dict[str, tuple[int, int]] = {}  # id -> (minute, count)
        self._marks: dict[str, float] = {}  # mark_once key -> expires at
        self._swept = 0.0

    def get(self, session_id: str) -> Session | None:
        validate_session_id(session_id)
        return self._load(session_id)

    def list_sessions(self, limit: int = 100) -> list[Session]:
        _check_limit(limit)
        with self._guard:
            self._sweep(time.time(), force=True)
            entries = list(reversed(self._data.values()))[:limit]
        return [_load_json(raw) for raw, _ in entries]

    def allow(self, session_id: str, limit_per_minute: int) -> bool:
        validate_session_id(session_id)
        if limit_per_minute <= 0:
            return True
        minute = _minute(time.time())
        with self._guard:
            if len(self._rates) > 10_000:  # forget windows that have passed
                self._rates = {k: v for k, v in self._rates.items() if v[0] == minute}
            seen, count = self._rates.get(session_id, (minute, 0))
            count = count + 1 if seen == minute else 1
            self._rates[session_id] = (minute, count)
        return count <= limit_per_minute

    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        _check_mark(key, ttl_seconds)
        now = time.time()
        with self._guard:
            if len(self._marks) > 10_000:  # forget expired marks
                self._marks = {k: t for k, t in self._marks.items() if t > now}
            if self._marks.get(key, 0.0) > now:
                return False
            self._marks[key] = now + ttl_seconds
        return True

    def close(self) -> None:
        with self._guard:
            self._data.clear()
            self._rates.clear()
            self._marks.clear()

    @contextmanager
    def _locked(self, session_id: str) -> Iterator[None]:
        with self._guard:
            entry = self._locks.setdefault(session_id, [threading.Lock(), 0])
            entry[1] += 1
        try:
            if not entry[0].acquire(timeout=self.blocking_timeout):
                raise SessionBusy(f"session {session_id!r} is busy with another turn "
                                  f"(waited {self.blocking_timeout:g} s)")
            try:
                yield None
            finally:
                entry[0].release()
        finally:
            with self._guard:  # drop the lock once nobody holds or awaits it
                entry[1] -= 1
                if entry[1] == 0:
                    del self._locks[session_id]

    def _load(self, session_id: str) -> Session | None:
        now = time.time()
        with self._guard:
            entry = self._data.get(session_id)
            if entry is not None and entry[1] <= now:
                del self._data[session_id]
                entry = None
        return None if entry is None else _load_json(entry[0])

    def _save(self, session: Session, lock: None) -> None:
        raw = _dump(session)
        now = time.time()
        with self._guard:
            self._data.pop(session.id, None)  # re-insert: the dict's order is save order
            self._data[session.id] = (raw, now + self.ttl_seconds)
            self._sweep(now)

    def _remove(self, session_id: str) -> bool:
        now = time.time()
        with self._guard:
            entry = self._data.pop(session_id, None)
        return entry is not None and entry[1] > now

    def _sweep(self, now: float, force: bool = False) -> None:
        """Drop expired sessions; the caller holds ``_guard``."""
        if not force and now - self._swept < 60:
            return
        self._swept = now
        for session_id in [k for k, (_, expires) in self._data.items() if expires <= now]:
            del self._data[session_id]


# --- Redis -------------------------------------------------------------------------------------

class RedisSessionStore(SessionStore):
    """Sessions in Redis, shared by every service process that uses the same URL.

    Keys, after ``key_prefix``: ``session:{id}`` holds the session's JSON and its time to live,
    ``lock:{id}`` the turn lock, ``rate:{id}:{minute}`` a rate counter, ``once:{key}`` a
    `mark_once` mark, and the sorted set ``sessions`` maps ids to their last update time
    (expired ids are trimmed lazily).

    Args:
        url: ``redis://[[user]:password@]host:port/db``, ``rediss://...`` or ``unix://...``.
        ttl_seconds: A session untouched this long is forgotten.
        key_prefix: Put before every key, so that several deployments can share a Redis.
        lock_timeout: How long a lock outlives a turn whose process died. A turn that holds it
            longer may lose it to another turn; its save then fails with SessionBusy.
        blocking_timeout: How long a turn waits for its session's lock before ``SessionBusy``.
        socket_timeout: Seconds to wait for a connection or a reply before
            ``SessionStoreUnavailable``.

    Raises:
        ValueError: the URL is malformed or a timeout is not positive.
    """

    def __init__(self, url: str, *, ttl_seconds: float = 7 * 24 * 3600,
                 key_prefix: str = "shopdesk:", lock_timeout: float = 60.0,
                 blocking_timeout: float = 10.0, socket_timeout: float = 5.0) -> None:
        super().__init__(ttl_seconds=ttl_seconds, blocking_timeout=blocking_timeout)
        if lock_timeout <= 0:
            raise ValueError(f"lock_timeout must be > 0, got {lock_timeout}")
        self.url = _mask_password(url)
        self.key_prefix = key_prefix
        self.lock_timeout = lock_timeout
        self._index = f"{key_prefix}sessions"
        try:  # connects lazily, on the first command
            self._client = redis.Redis.from_url(
                url, socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout,
                # a short retry rides out a blip; the default backs off for seconds
                retry=Retry(ExponentialBackoff(cap=0.2, base=0.02), retries=2))
        except ValueError as exc:
            raise ValueError(f"invalid Redis URL {self.url!r}: {exc}") from None

    def get(self, session_id: str) -> Session | None:
        validate_session_id(session_id)
        return self._load(session_id)

    def list_sessions(self, limit: int = 100) -> list[Session]:
        _check_limit(limit)
        sessions: list[Session] = []
        start = 0
        with self._reachable():
            self._client.zremrangebyscore(self._index, "-inf", time.time() - self.ttl_seconds)
            while len(sessions) < limit:
                ids = self._client.zrevrange(self._index, start, start + limit - 1)
                if not ids:
                    break
                raws = self._client.mget([self._key(i.decode()) for i in ids])
                gone = [i for i, raw in zip(ids, raws) if raw is None]
                if gone:  # expired (or deleted elsewhere) since they were indexed
                    self._client.zrem(self._index, *gone)
                sessions += [_load_json(raw) for raw in raws if raw is not None]
                start += len(ids) - len(gone)
        return sessions[:limit]

    def allow(self, session_id: str, limit_per_minute: int) -> bool:
        validate_session_id(session_id)
        if limit_per_minute <= 0:
            return True
        key = f"{self.key_prefix}rate:{session_id}:{_minute(time.time())}"
        with self._reachable(), self._client.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, 120)  # outlives its minute, whatever the skew between clocks
            count, _ = pipe.execute()
        return count <= limit_per_minute

    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        _check_mark(key, ttl_seconds)
        with self._reachable():
            return bool(self._client.set(f"{self.key_prefix}once:{key}", 1, nx=True,
                                         ex=ttl_seconds))

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self._client.close()

    def _key(self, session_id: str) -> str:
        return f"{self.key_prefix}session:{session_id}"

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        try:
            yield
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise SessionStoreUnavailable(
                f"session store unavailable: cannot reach Redis at {self.url} ({exc})") from exc

    @contextmanager
    def _locked(self, session_id: str) -> Iterator[Any]:
        lock = self._client.lock(f"{self.key_prefix}lock:{session_id}", timeout=self.lock_timeout,
                                 sleep=0.01, blocking_timeout=self.blocking_timeout)
        started = time.perf_counter()
        with self._reachable():
            acquired = lock.acquire()
        if not acquired:
            raise SessionBusy(f"session {session_id!r} is busy with another turn "
                              f"(waited {self.blocking_timeout:g} s)")
        log.debug("session %s: locked in %.1f ms", session_id,
                  (time.perf_counter() - started) * 1000)
        try:
            yield lock
        finally:
            self._release(lock, session_id)

    def _release(self, lock: Any, session_id: str) -> None:
        # Raising here would hide the block's own outcome; an unreleased lock expires anyway.
        try:
            lock.release()
        except LockError:
            log.warning("session %s: lock expired before release (turn over %g s)",
                        session_id, self.lock_timeout)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            log.warning("session %s: lock not released, it expires in %g s: %s",
                        session_id, self.lock_timeout, exc)

    def _load(self, session_id: str) -> Session | None:
        with self._reachable():
            raw = self._client.get(self._key(session_id))
        return None if raw is None else _load_json(raw)

    def _save(self, session: Session, lock: Any) -> None:
        raw = _dump(session)
        with self._reachable(), self._client.pipeline() as pipe:
            try:
                pipe.watch(lock.name)  # the write is void if the lock changes hands meanwhile
                if pipe.get(lock.name) != lock.local.token:
                    raise WatchError
                pipe.multi()
                pipe.set(self._key(session.id), raw, px=max(1, round(self.ttl_seconds * 1000)))
                pipe.zadd(self._index, {session.id: session.updated})
                pipe.zremrangebyscore(self._index, "-inf", session.updated - self.ttl_seconds)
                pipe.execute()
            except WatchError:
                raise SessionBusy(f"session {session.id!r}: the turn outlived its lock "
                                  f"({self.lock_timeout:g} s) and was not saved") from None

    def _remove(self, session_id: str) -> bool:
        with self._reachable(), self._client.pipeline() as pipe:
            pipe.delete(self._key(session_id))
            pipe.zrem(self._index, session_id)
            deleted, _ = pipe.execute()
        return deleted > 0


def _mask_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def open_session_store(redis_url: str, ttl_seconds: float) -> SessionStore:
    """The Redis store when ``redis_url`` is set, else the embedded in-memory one.

    Args:
        redis_url: ``Settings.redis_url``; empty for the in-memory store.
        ttl_seconds: ``Settings.session_ttl_seconds``.

    Returns:
        A store; a Redis one connects on first use.

    Raises:
        ValueError: a malformed URL or a non-positive TTL.
    """
    if redis_url:
        return RedisSessionStore(redis_url, ttl_seconds=ttl_seconds)
    return MemorySessionStore(ttl_seconds=ttl_seconds)
