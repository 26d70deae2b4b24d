"""Counts per key within fixed time windows, in this process: the in-memory stores' counters
(wrong order/email pairs, failed panel logins). A key's window starts at its first count and
its count restarts once the window has passed."""

from __future__ import annotations

import threading
import time


class WindowCounts:
    """Thread-safe counts per key, each in a window of its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, float]] = {}  # key -> (count, window ends at)

    def add(self, key: str, window_seconds: int) -> int:
        """Count one more for ``key`` and return its count in the current window."""
        now = time.time()
        with self._lock:
            if len(self._counts) > 10_000:  # forget windows that have passed
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            count, ends = self._counts.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + window_seconds
            self._counts[key] = (count + 1, ends)
        return count + 1

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()

    def get(self, key: str) -> int:
        """The count for ``key`` in its current window (0 when it has passed)."""
        with self._lock:
            count, ends = self._counts.get(key, (0, 0.0))
        return count if ends > time.time() else 0
