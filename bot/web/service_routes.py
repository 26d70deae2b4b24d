"""Health, metrics and store routes: /healthz, /readyz, /metrics, /api/search, /api/kb/stats.

The health routes run on the event loop (async, no worker thread) and read what
`HealthMonitor` found last, so they answer in milliseconds however busy the turns are.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from kb.types import DOCUMENT_TYPES

from bot.dialogue import DialogueService
from bot.web.wire import MESSAGE_PATTERN, error_responses

log = logging.getLogger(__name__)
router = APIRouter()

#: The search's type filter: a document type, or "article" for every kind of article.
DocumentType = Literal[DOCUMENT_TYPES + ("article",)]  # type: ignore[valid-type]


class HealthMonitor:
    """Checks the dialogue service's dependencies every ``interval_s`` in a thread of its own.

    Args:
        dialogue: Whose `health()` is asked.
        interval_s: Pause between checks.
        timeout_s: A check that takes longer counts as the session store being away.
    """

    def __init__(self, dialogue: DialogueService, interval_s: float = 1.0,
                 timeout_s: float = 3.0) -> None:
        self.dialogue, self.interval_s, self.timeout_s = dialogue, interval_s, timeout_s
        self.checks: dict[str, Any] = {"generator": False, "sessions": False, "documents": 0}
        self.checked_at = 0.0
        self._task: asyncio.Task | None = None

    async def check(self) -> None:
        """Ask once, now."""
        try:
            self.checks = await asyncio.wait_for(asyncio.to_thread(self.dialogue.health),
                                                 self.timeout_s)
        except Exception as error:  # noqa: BLE001 - a failed check is the answer
            log.warning("health check failed: %s", error)
            self.checks = {**self.checks, "sessions": False}
        self.checked_at = time.time()

    def start(self) -> None:
        async def loop() -> None:
            while True:
                await asyncio.sleep(self.interval_s)
                await self.check()

        self._task = asyncio.create_task(loop(), name="health-monitor")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def readiness(app: FastAPI) -> tuple[bool, dict]:
    """Whether the service is ready, and the checks behind it (cached; never blocks)."""
    monitor: HealthMonitor = app.state.health
    dialogue: DialogueService = app.state.dialogue
    relays = {name: worker.relay_health() for name, worker
              in getattr(app.state, "channels", {}).items()}
    checks = {**monitor.checks, "checked_at": monitor.checked_at,
              "generation": dialogue.gate.stats(), "relays": relays}
    ready = (bool(checks["generator"]) and bool(checks["sessions"])
             and all(r["connected"] for r in relays.values()))
    return ready, checks


@router.get("/healthz", tags=["service"])
async def healthz() -> dict:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", tags=["service"], responses={503: {
    "description": "Not ready: the generator is not loaded, the session store does not answer, "
                   "or an agent-message relay is disconnected",
    "content": {"application/json": {"schema": {"type": "object"}}}}})
async def readyz(request: Request) -> JSONResponse:
    """Readiness: the models are loaded, the session store answers and every agent-message relay
    is connected (as of the last check, at most a second old); 503 + Retry-After otherwise."""
    ready, checks = readiness(request.app)
    return JSONResponse({"status": "ready" if ready else "not ready", **checks},
                        status_code=200 if ready else 503,
                        headers=None if ready else {"Retry-After": "1"})


@router.get("/metrics", tags=["service"], response_class=Response, responses={200: {
    "description": "Prometheus text exposition format",
    "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics(request: Request) -> Response:
    """Prometheus metrics of this replica (bot/metrics.py lists them)."""
    body, content_type = request.app.state.dialogue.metrics.render()
    return Response(body, media_type=content_type)


@router.get("/api/search", tags=["store"], responses=error_responses(400, 422, 503))
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=500, pattern=MESSAGE_PATTERN)],
           k: Annotated[int, Query(ge=1, le=100)] = 10,
           type: Annotated[list[DocumentType] | None, Query()] = None,
           category: Annotated[str | None, Query(min_length=1, pattern=r"[^\s/]")] = None,
           min_price: Annotated[float | None, Query(ge=0)] = None,
           max_price: Annotated[float | None, Query(ge=0)] = None,
           in_stock: bool | None = None) -> dict:
    """Hybrid search over the store's products and articles."""
    if min_price is not None and max_price is not None and min_price > max_price:
        return {"query": q, "hits": []}  # an empty price range holds nothing
    filters = {name: value for name, value in (
        ("types", type), ("category", category), ("min_price", min_price),
        ("max_price", max_price), ("in_stock", in_stock)) if value is not None}
    hits = request.app.state.dialogue.search_documents(q, k, filters or None)
    return {"query": q, "hits": [
        {"id": h.id, "type": h.type, "title": h.title, "text": h.text,
         "score": h.score, "metadata": dict(h.metadata)} for h in hits]}


@router.get("/api/kb/stats", tags=["store"])
def kb_stats(request: Request) -> dict:
    """Counts of the store's products, articles and reviews."""
    return request.app.state.dialogue.store_stats()
