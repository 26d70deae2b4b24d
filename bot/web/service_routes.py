"""Health and store routes: /healthz, /readyz, /api/search, /api/kb/stats."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from kb.types import DOCUMENT_TYPES

from bot.dialogue import DialogueService
from bot.web.wire import MESSAGE_PATTERN, error_responses

router = APIRouter()

#: The search's type filter: a document type, or "article" for every kind of article.
DocumentType = Literal[DOCUMENT_TYPES + ("article",)]  # type: ignore[valid-type]


@router.get("/healthz", tags=["service"])
def healthz() -> dict:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", tags=["service"], responses={503: {
    "description": "Not ready: the generator is not loaded or the session store does not answer",
    "content": {"application/json": {"schema": {"type": "object"}}}}})
def readyz(request: Request) -> JSONResponse:
    """Readiness: the models are loaded and the session store answers."""
    dialogue: DialogueService = request.app.state.dialogue
    checks = dialogue.health()
    ready = checks["generator"] and checks["sessions"]
    return JSONResponse({"status": "ready" if ready else "not ready", **checks},
                        status_code=200 if ready else 503)


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
