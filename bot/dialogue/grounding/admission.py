"""The admission gate in front of the generator: a few replies at once, a short queue, then no.

Generated replies are the slow part of a turn (seconds of CPU each); code-written ones take
milliseconds. Without a bound, turns waiting on the model pile up, hold the worker threads the
quick turns need, and finish long after their shoppers gave up. The gate lets ``capacity``
generations run (the generator's batch), lets ``queue`` more wait up to ``max_wait_s``, and
refuses the rest at once with `Overloaded`, which edges answer as 503 + Retry-After.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bot.dialogue.errors import Overloaded


class AdmissionGate:
    """Bounded concurrency with a bounded, time-limited queue.

    Args:
        capacity: Generations running at once.
        queue: Generations that may wait for a slot; more are refused at once.
        max_wait_s: Longest wait for a slot before `Overloaded`.

    Raises:
        ValueError: ``capacity`` below 1, ``queue`` below 0 or ``max_wait_s`` negative.
    """

    def __init__(self, capacity: int, queue: int, max_wait_s: float) -> None:
        if capacity < 1 or queue < 0 or max_wait_s < 0:
            raise ValueError(f"need capacity >= 1, queue >= 0, max_wait_s >= 0; got {capacity}, "
                             f"{queue}, {max_wait_s}")
        self.capacity, self.queue, self.max_wait_s = capacity, queue, max_wait_s
        self._cond = threading.Condition()
        self.running = 0
        self.waiting = 0
        self.refused = 0

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Hold a generation slot for the block.

        Raises:
            Overloaded: no slot within ``max_wait_s``, or the queue is full.
        """
        self._enter()
        try:
            yield
        finally:
            with self._cond:
                self.running -= 1
                self._cond.notify()

    def _enter(self) -> None:
        with self._cond:
            if self.running < self.capacity and not self.waiting:
                self.running += 1
                return
            if self.waiting >= self.queue:
                self.refused += 1
                raise Overloaded(f"the assistant is busy: {self.running} replies are being "
                                 f"written and {self.waiting} wait; try again shortly",
                                 self._retry_after())
            self.waiting += 1
            deadline = time.monotonic() + self.max_wait_s
            try:
                while self.running >= self.capacity:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        self.refused += 1
                        raise Overloaded(f"the assistant is busy: no reply slot within "
                                         f"{self.max_wait_s:g} s; try again shortly",
                                         self._retry_after())
                    self._cond.wait(left)
            finally:
                self.waiting -= 1
            self.running += 1

    def _retry_after(self) -> int:
        return max(1, round(self.max_wait_s)) if self.max_wait_s else 2

    def stats(self) -> dict[str, int]:
        """Running, waiting and refused-so-far counts (for /readyz and benchmarks)."""
        with self._cond:
            return {"running": self.running, "waiting": self.waiting, "refused": self.refused}
