"""The shared session store: sessions in Redis, for several service processes."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.sessions.base import (SessionStore, check_count, check_limit, check_mark, minute_of,
                               session_from_json, session_to_json, validate_session_id)
from bot.sessions.errors import SessionBusy, SessionStoreUnavailable
from bot.sessions.redis_connection import connect
from bot.sessions.redis_lock import Lease, LeaseKeeper
from bot.types import Session

log = logging.getLogger(__name__)


#: Write a session only while its lock holds the turn's token. KEYS: lock, session, index;
#: ARGV: token, session JSON, time to live (ms), updated, session id, oldest score kept.
_FENCED_SAVE = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('zadd', KEYS[3], ARGV[4], ARGV[5])
redis.call('zremrangebyscore', KEYS[3], '-inf', ARGV[6])
return 1
"""


class RedisSessionStore(SessionStore):
    """Sessions in Redis, shared by every service process that uses the same URL.

    Keys, after ``key_prefix``: ``session:{id}`` holds the session's JSON and its time to live,
    ``lock:{id}`` the turn lock, ``rate:{id}:{minute}`` a rate counter, ``once:{key}`` a
    `mark_once` mark, ``count:{key}`` a `count` in its window, and the sorted set ``sessions`` maps ids to their last update time
    (expired ids are trimmed lazily).

    Args:
        url: ``redis://[[user]:password@]host:port/db``, ``rediss://...`` or ``unix://...``.
        ttl_seconds: A session untouched this long is forgotten.
        key_prefix: Put before every key, so that several deployments can share a Redis.
        lock_timeout: How long a lock outlives a turn whose process died (kill -9): the next
            turn of that session waits this long at most. A live turn renews its lock every
            quarter of it (`LeaseKeeper`), so turns of any length stay exclusive.
        blocking_timeout: How long a turn waits for its session's lock before ``SessionBusy``.
        socket_timeout: Seconds to wait for a connection or a reply before
            ``SessionStoreUnavailable`` (a frozen Redis fails a request this fast).

    Raises:
        ValueError: the URL is malformed or a timeout is not positive.
    """

    def __init__(self, url: str, *, ttl_seconds: float = 7 * 24 * 3600,
                 key_prefix: str = "shopdesk:", lock_timeout: float = 4.0,
                 blocking_timeout: float = 10.0, socket_timeout: float = 5.0) -> None:
        super().__init__(ttl_seconds=ttl_seconds, blocking_timeout=blocking_timeout)
        if lock_timeout <= 0:
            raise ValueError(f"lock_timeout must be > 0, got {lock_timeout}")
        self.url = _mask_password(url)
        self.key_prefix = key_prefix
        self.lock_timeout = lock_timeout
        self._index = f"{key_prefix}sessions"
        try:  # connects lazily, on the first command
            self._client = connect(url, socket_timeout=socket_timeout)
        except ValueError as exc:
            raise ValueError(f"invalid Redis URL {self.url!r}: {exc}") from None
        self._leases = LeaseKeeper(self._client, lock_timeout)
        self._fenced_save = self._client.register_script(_FENCED_SAVE)

    def get(self, session_id: str) -> Session | None:
        validate_session_id(session_id)
        return self._load(session_id)

    def list_sessions(self, limit: int = 100) -> list[Session]:
        check_limit(limit)
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
                sessions += [session_from_json(raw) for raw in raws if raw is not None]
                start += len(ids) - len(gone)
        return sessions[:limit]

    def allow(self, session_id: str, limit_per_minute: int) -> bool:
        validate_session_id(session_id)
        if limit_per_minute <= 0:
            return True
        key = f"{self.key_prefix}rate:{session_id}:{minute_of(time.time())}"
        with self._reachable(), self._client.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, 120)  # outlives its minute, whatever the skew between clocks
            count, _ = pipe.execute()
        return count <= limit_per_minute

    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        check_mark(key, ttl_seconds)
        with self._reachable():
            return bool(self._client.set(f"{self.key_prefix}once:{key}", 1, nx=True,
                                         ex=ttl_seconds))

    def count(self, key: str, window_seconds: int) -> int:
        check_count(key, window_seconds)
        name = f"{self.key_prefix}count:{key}"
        with self._reachable(), self._client.pipeline() as pipe:
            pipe.set(name, 0, ex=window_seconds, nx=True)  # the window opens at the first event
            pipe.incr(name)
            _, count = pipe.execute()
        return int(count)

    def counted(self, key: str) -> int:
        with self._reachable():
            return int(self._client.get(f"{self.key_prefix}count:{key}") or 0)

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self._leases.close()
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
    def _locked(self, session_id: str) -> Iterator[Lease]:
        started = time.perf_counter()
        with self._reachable():
            lease = self._leases.acquire(f"{self.key_prefix}lock:{session_id}",
                                         self.blocking_timeout)
        if lease is None:
            raise SessionBusy(f"session {session_id!r} is busy with another turn "
                              f"(waited {self.blocking_timeout:g} s)")
        log.debug("session %s: locked in %.1f ms", session_id,
                  (time.perf_counter() - started) * 1000)
        try:
            yield lease
        finally:
            self._release(lease, session_id)

    def _release(self, lease: Lease, session_id: str) -> None:
        # Raising here would hide the block's own outcome; an unreleased lock expires anyway.
        try:
            if not self._leases.release(lease):
                log.warning("session %s: lock was no longer ours at release", session_id)
        except redis.RedisError as exc:
            log.warning("session %s: lock not released, it expires in %g s: %s",
                        session_id, self.lock_timeout, exc)

    def _load(self, session_id: str) -> Session | None:
        with self._reachable():
            raw = self._client.get(self._key(session_id))
        return None if raw is None else session_from_json(raw)

    def _save(self, session: Session, lock: Lease) -> None:
        raw = session_to_json(session)
        # Fencing: the write is void unless the lock is still this turn's. One script checks
        # the token and writes atomically, in one round trip (WATCH, GET, MULTI..EXEC took
        # three, and a renewal of the turn's own lock aborted the WATCH).
        with self._reachable():
            written = not lock.lost and self._fenced_save(
                keys=[lock.name, self._key(session.id), self._index],
                args=[lock.token, raw, max(1, round(self.ttl_seconds * 1000)),
                      repr(session.updated), session.id,
                      repr(session.updated - self.ttl_seconds)])
        if not written:
            lock.lost = True
            raise SessionBusy(f"session {session.id!r}: the turn outlived its lock "
                              "(another turn took it) and was not saved")

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
