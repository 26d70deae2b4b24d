"""The embedded session store: sessions in this process's memory (one service process)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.sessions.base import (SessionStore, check_count, check_limit, check_mark, minute_of,
                               session_from_json, session_to_json, validate_session_id)
from bot.sessions.errors import SessionBusy
from bot.sessions.window_counts import WindowCounts
from bot.types import Session


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
        self._counts = WindowCounts()
        self._swept = 0.0

    def get(self, session_id: str) -> Session | None:
        validate_session_id(session_id)
        return self._load(session_id)

    def list_sessions(self, limit: int = 100) -> list[Session]:
        check_limit(limit)
        with self._guard:
            self._sweep(time.time(), force=True)
            entries = list(reversed(self._data.values()))[:limit]
        return [session_from_json(raw) for raw, _ in entries]

    def allow(self, session_id: str, limit_per_minute: int) -> bool:
        validate_session_id(session_id)
        if limit_per_minute <= 0:
            return True
        minute = minute_of(time.time())
        with self._guard:
            if len(self._rates) > 10_000:  # forget windows that have passed
                self._rates = {k: v for k, v in self._rates.items() if v[0] == minute}
            seen, count = self._rates.get(session_id, (minute, 0))
            count = count + 1 if seen == minute else 1
            self._rates[session_id] = (minute, count)
        return count <= limit_per_minute

    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        check_mark(key, ttl_seconds)
        now = time.time()
        with self._guard:
            if len(self._marks) > 10_000:  # forget expired marks
                self._marks = {k: t for k, t in self._marks.items() if t > now}
            if self._marks.get(key, 0.0) > now:
                return False
            self._marks[key] = now + ttl_seconds
        return True

    def count(self, key: str, window_seconds: int) -> int:
        check_count(key, window_seconds)
        return self._counts.add(key, window_seconds)

    def counted(self, key: str) -> int:
        return self._counts.get(key)

    def close(self) -> None:
        with self._guard:
            self._data.clear()
            self._rates.clear()
            self._marks.clear()
            self._counts.clear()

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
        return None if entry is None else session_from_json(entry[0])

    def _save(self, session: Session, lock: None) -> None:
        raw = session_to_json(session)
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

