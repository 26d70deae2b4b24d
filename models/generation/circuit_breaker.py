"""`CircuitBreaker`: stop calling a failing server for a while, then try one request.

    closed --(failure_threshold failures in a row)--> open --(reset_after_s)--> half-open
    half-open --(the one trial request succeeds)--> closed;  --(it fails)--> open again

While open, requests fail at once instead of each waiting out its timeouts and retries: a down
LLM server then costs a shopper milliseconds (the dialogue answers without the model), not
seconds, and the server is not hammered while it restarts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    """Counts consecutive failures of one dependency; thread-safe.

    Args:
        failure_threshold: Failures in a row that open the circuit.
        reset_after_s: How long it stays open before one trial request is let through.
        clock: Monotonic seconds (tests pass a fake one instead of sleeping).

    Raises:
        ValueError: A threshold below 1 or a negative pause.
    """

    def __init__(self, failure_threshold: int = 3, reset_after_s: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if failure_threshold < 1 or reset_after_s < 0:
            raise ValueError(f"bad circuit breaker: threshold {failure_threshold}, "
                             f"reset after {reset_after_s} s")
        self.failure_threshold = failure_threshold
        self.reset_after_s = reset_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False
        self.opened = 0  # times the circuit opened (a counter for metrics)

    @property
    def state(self) -> str:
        with self._lock:
            if self._state == OPEN and self._clock() - self._opened_at >= self.reset_after_s:
                return HALF_OPEN
            return self._state

    def allow(self) -> bool:
        """May a request go out now? In half-open state only one trial at a time may."""
        with self._lock:
            if self._state == CLOSED:
                return True
            if self._state == OPEN:
                if self._clock() - self._opened_at < self.reset_after_s:
                    return False
                self._state = HALF_OPEN
            if self._trial_running:
                return False
            self._trial_running = True
            return True

    def seconds_until_retry(self) -> float:
        with self._lock:
            return max(0.0, self.reset_after_s - (self._clock() - self._opened_at))

    def success(self) -> None:
        with self._lock:
            self._state, self._failures, self._trial_running = CLOSED, 0, False

    def abandon(self) -> None:
        """A request ended with no verdict (the caller cancelled it): let another trial go."""
        with self._lock:
            self._trial_running = False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._state == HALF_OPEN or self._failures >= self.failure_threshold:
                if self._state != OPEN:
                    self.opened += 1
                self._state, self._opened_at, self._trial_running = OPEN, self._clock(), False
