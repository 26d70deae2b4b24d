"""`Metrics`: what an operator graphs, in one place, exposed at ``/metrics`` (Prometheus text).

The dialogue service calls `record_turn` once per turn; edges call `error`, `webhook` and
`feedback`. Generator and cache figures are read from `stats()` at scrape time, so they are never
stale and cost nothing between scrapes. Each `Metrics` has its own registry (two services in one
test process never share counters); each replica exports its own figures and Prometheus sums them.

Names follow Prometheus conventions: ``shopdesk_<what>_<unit>`` and ``_total`` for counters.
Every turn also writes one log line ("turn done") with the session, channel, action and timings;
with SHOPDESK_LOG_FORMAT=json it is a JSON object (see `bot.log_format`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

#: A session counts as active this long after its last turn.
ACTIVE_WINDOW_S = 15 * 60
_STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_RATE_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
#: Guard outcomes as labelled: "replaced: <reason>" folds into "replaced" (bounded labels).
GUARD_OUTCOMES = ("passed", "replaced", "dont_know", "unavailable")


class Metrics:
    """The service's counters, histograms and gauges.

    Args:
        registry: Where they register; a fresh one by default.
        clock: Seconds (tests may pass their own).
    """

    def __init__(self, registry: CollectorRegistry | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.registry = registry or CollectorRegistry()
        self._clock = clock
        self._seen: dict[str, float] = {}  # session id -> last turn, for the active gauge
        self._lock = threading.Lock()
        r = self.registry
        self.turns = Counter("shopdesk_turns", "Shopper turns answered.", ["channel", "action"],
                             registry=r)
        self.stage_seconds = Histogram(
            "shopdesk_turn_stage_seconds", "Time per turn stage (nlu, retrieval, generation, "
            "total) by the reply's action.", ["stage", "action"], buckets=_STAGE_BUCKETS,
            registry=r)
        self.turn_cpu = Counter("shopdesk_turn_cpu_seconds", "CPU seconds the turns' own "
                                "threads used, by the reply's action.", ["action"], registry=r)
        self.first_token = Histogram("shopdesk_first_token_seconds",
                                     "From the generator call to its first piece.",
                                     buckets=_STAGE_BUCKETS, registry=r)
        self.decode_rate = Histogram("shopdesk_decode_tokens_per_second",
                                     "Decode speed of each generated reply.",
                                     buckets=_RATE_BUCKETS, registry=r)
        self.guard = Counter("shopdesk_guard_outcomes", "Guard verdicts on generated replies.",
                             ["outcome"], registry=r)
        self.handoffs = Counter("shopdesk_handoffs", "Conversations handed to a person.",
                                ["reason"], registry=r)
        self.webhooks = Counter("shopdesk_webhook_deliveries",
                                "Messaging-app messages received, by outcome (queued, duplicate).",
                                ["platform", "outcome"], registry=r)
        self.errors = Counter("shopdesk_errors", "Failed requests by kind (exception class).",
                              ["kind", "status"], registry=r)
        self.feedbacks = Counter("shopdesk_feedback", "Shoppers' thumbs on replies.", ["rating"],
                                 registry=r)
        Gauge("shopdesk_sessions_active", f"Sessions with a turn in the last {ACTIVE_WINDOW_S} s "
              "on this replica.", registry=r).set_function(self._active_sessions)

    # --- recording --------------------------------------------------------------------------------

    def record_turn(self, *, session_id: str, channel: str, action: str, guard: str,
                    handoff_reason: str, nlu_s: float, retrieval_s: float, total_s: float,
                    cpu_s: float = 0.0, first_token_s: float = 0.0, generation_s: float = 0.0,
                    decode_tokens: int = 0) -> None:
        """One finished turn; also logs it ("turn done")."""
        self.turns.labels(channel, action).inc()
        if cpu_s > 0:
            self.turn_cpu.labels(action).inc(cpu_s)
        for stage, seconds in (("nlu", nlu_s), ("retrieval", retrieval_s),
                               ("generation", generation_s), ("total", total_s)):
            if seconds > 0:
                self.stage_seconds.labels(stage, action).observe(seconds)
        if first_token_s > 0:
            self.first_token.observe(first_token_s)
        decode_s = generation_s - first_token_s
        if decode_tokens > 1 and decode_s > 0:
            self.decode_rate.observe((decode_tokens - 1) / decode_s)
        outcome = guard.split(":")[0]
        if outcome in GUARD_OUTCOMES:
            self.guard.labels(outcome).inc()
        if handoff_reason:
            self.handoffs.labels(handoff_reason).inc()
        with self._lock:
            self._seen[session_id] = self._clock()
        log.info("turn done", extra={"session_id": session_id, "channel": channel,
                                     "action": action, "guard": guard,
                                     "timings_ms": {"nlu": round(nlu_s * 1000, 1),
                                                    "retrieval": round(retrieval_s * 1000, 1),
                                                    "first_token": round(first_token_s * 1000, 1),
                                                    "total": round(total_s * 1000, 1)}})

    def error(self, kind: str, status: int) -> None:
        self.errors.labels(kind, str(status)).inc()

    def webhook(self, platform: str, duplicate: bool) -> None:
        self.webhooks.labels(platform, "duplicate" if duplicate else "queued").inc()

    def feedback(self, rating: str) -> None:
        self.feedbacks.labels(rating).inc()

    def watch_generator(self, stats: Callable[[], Any], server: Any = None) -> None:
        """Export a generator's `stats()` (and a server backend's breaker) at each scrape."""
        self.registry.register(_GeneratorCollector(stats, server))

    # --- exposing ---------------------------------------------------------------------------------

    def render(self) -> tuple[bytes, str]:
        """The Prometheus text exposition and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def _active_sessions(self) -> int:
        cutoff = self._clock() - ACTIVE_WINDOW_S
        with self._lock:
            for session_id in [s for s, at in self._seen.items() if at < cutoff]:
                del self._seen[session_id]
            return len(self._seen)


class _GeneratorCollector(Collector):
    """Reads the generator's counters when Prometheus scrapes."""

    def __init__(self, stats: Callable[[], Any], server: Any) -> None:
        self._stats, self._server = stats, server

    def collect(self):
        try:
            s = self._stats()
        except Exception:  # noqa: BLE001 - a closed generator has no figures; the scrape goes on
            return
        lookups = s.cache_hits + s.cache_misses
        yield _counter("shopdesk_generator_cache_hits", "Requests that reused a cached prefix.",
                       s.cache_hits)
        yield _counter("shopdesk_generator_cache_misses", "Requests that ran their whole prompt.",
                       s.cache_misses)
        yield _gauge("shopdesk_generator_cache_hit_ratio", "Cache hits over all requests so far.",
                     s.cache_hits / lookups if lookups else 0.0)
        yield _counter("shopdesk_generator_reused_tokens", "Prompt tokens served from caches.",
                       s.reused_tokens)
        yield _counter("shopdesk_generator_cache_evictions", "KV caches dropped for room.",
                       s.evictions)
        yield _gauge("shopdesk_generator_cache_bytes", "Bytes the KV caches hold.", s.cache_bytes)
        yield _gauge("shopdesk_generator_cached_sessions", "Sessions holding a KV cache.",
                     s.sessions)
        yield _gauge("shopdesk_generator_active_requests", "Replies queued or generating.",
                     s.active_requests)
        yield _gauge("shopdesk_generator_max_batch", "Most replies decoded in one step.",
                     s.max_batch)
        yield _counter("shopdesk_generator_steps", "Decode steps run.", s.steps)
        yield _counter("shopdesk_generator_batched_steps", "Steps that advanced several replies.",
                       s.batched_steps)
        if self._server is not None:
            counters = self._server.counters
            yield _counter("shopdesk_generator_server_retries", "Retried server requests.",
                           counters["retries"])
            yield _counter("shopdesk_generator_server_failures", "Failed server attempts.",
                           counters["failures"])
            yield _gauge("shopdesk_generator_server_circuit_open",
                         "1 while the server's circuit breaker stops calls.",
                         1.0 if self._server.breaker.state == "open" else 0.0)


def _counter(name: str, doc: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, doc, value=value)


def _gauge(name: str, doc: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, value=value)
