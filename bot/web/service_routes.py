"""Health, metrics and store routes: /healthz, /readyz, /metrics, /api/search, /api/kb/stats."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from bot.dialogue import DialogueService

router = APIRouter()


@router.get("/healthz", tags=["service"])
def healthz() -> dict:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", tags=["service"])
def readyz(request: Request) -> JSONResponse:
    """Readiness: the models are loaded and the session store answers."""
    dialogue: DialogueService = request.app.state.dialogue
    checks = dialogue.health()
    ready = checks["generator"] and checks["sessions"]
    return JSONResponse({"status": "ready" if ready else "not ready", **checks},
                        status_code=200 if ready else 503)


@router.get("/metrics", tags=["service"])
def metrics(request: Request) -> Response:
    """Prometheus metrics of this replica (bot/metrics.py lists them)."""
    body, content_type = request.app.state.dialogue.metrics.render()
    return Response(body, media_type=content_type)


@router.get("/api/search", tags=["store"])
def search(request: Request, q: str, k: Annotated[int, Query(ge=1, le=100)] = 10,
           type: Annotated[list[str] | None, Query()] = None, category: str | None = None,
           min_price: float | None = None, max_price: float | None = None,
           in_stock: bool | None = None) -> dict:
    """Hybrid search over the store's products and articles."""
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
