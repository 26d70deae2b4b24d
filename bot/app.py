"""The HTTP service: ``create_app(settings)`` builds the FastAPI app.

Today it serves the store's search; the dialogue endpoints, widget and panel join it here.
Domain errors become 4xx through ``bot.errors``; anything else is logged and returned as a
generic 500, and the service keeps running.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse

from kb import KnowledgeBase

from bot.errors import HTTP_STATUS, http_status
from bot.settings import Settings
from bot.store import load_retriever

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    """The service app; the store and its index load at start-up, not at import."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        kb = KnowledgeBase.load(settings.store)
        app.state.kb = kb
        app.state.retriever = load_retriever(settings, kb=kb)
        log.info("store %s ready: %s", settings.store, kb.stats())
        yield

    # The OpenAPI page's assets come from a CDN, which this product must not depend on.
    app = FastAPI(title="ShopDesk", lifespan=lifespan, docs_url=None, redoc_url=None)
    for error_class, _ in HTTP_STATUS:
        app.add_exception_handler(error_class, _error_response)
    app.add_exception_handler(Exception, _error_response)  # anything else: logged, generic 500

    @app.get("/health")
    def health(request: Request) -> dict:
        return {"status": "ok", "documents": len(request.app.state.retriever)}

    @app.get("/api/search")
    def search(request: Request, q: str, k: Annotated[int, Query(ge=1, le=100)] = 10,
               type: Annotated[list[str] | None, Query()] = None, category: str | None = None,
               min_price: float | None = None, max_price: float | None = None,
               in_stock: bool | None = None) -> dict:
        filters = {name: value for name, value in (
            ("types", type), ("category", category), ("min_price", min_price),
            ("max_price", max_price), ("in_stock", in_stock)) if value is not None}
        hits = request.app.state.retriever.search(q, k=k, filters=filters or None)
        return {"query": q, "hits": [
            {"id": h.id, "type": h.type, "title": h.title, "text": h.text,
             "score": h.score, "metadata": dict(h.metadata)} for h in hits]}

    @app.get("/api/kb/stats")
    def kb_stats(request: Request) -> dict:
        return request.app.state.kb.stats()

    return app


async def _error_response(request: Request, exc: Exception) -> JSONResponse:
    status = http_status(exc)
    if status is None:
        log.exception("request %s %s failed", request.method, request.url.path)
        return JSONResponse({"error": "internal error"}, status_code=500)
    return JSONResponse({"error": str(exc), "kind": type(exc).__name__}, status_code=status)
