"""The HTTP service: ``create_app(settings)`` builds the FastAPI app.

- ``/v1/chat`` (POST), ``/v1/chat/stream`` (server-sent events), ``/v1/ws`` (WebSocket): shopper
  turns through `bot.dialogue.service.DialogueService`; ``/v1/sessions/{id}``: a conversation so far.
- ``/api/search``, ``/api/kb/stats``: the store's search; ``/healthz``, ``/readyz``.
- ``/``, ``/widget.js``: the demo storefront and the chat widget (`bot.web.widget`).
- ``/panel``, ``/panel/api/*``: the agent-assist panel, behind a login (`bot.panel.routes`).
- ``/webhooks/whatsapp``, ``/webhooks/telegram``, ``/webhooks/messenger``: messaging apps,
  answered in the background (`bot.channels`); off until their settings are set.
- ``/webhooks/rest/webhook``: Rasa's REST channel, for Rasa chat front-ends (`bot.rasa.channel`).

Domain errors become 4xx through ``bot.errors``; anything else is logged and returned as a
generic 500, and the service keeps running. Bad input never touches a session: a turn is checked
before the session is loaded, and a failed turn saves nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Iterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request, WebSocket, WebSocketDisconnect
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException

from kb import KnowledgeBase

from bot.channels import messenger, telegram, whatsapp
from bot.dialogue import DialogueService, Token, TurnResult
from bot.errors import HTTP_STATUS, http_status
from bot.panel.routes import open_panel_access
from bot.panel.routes import router as panel_router
from bot.rasa.channel import router as rasa_router
from bot.settings import Settings
from bot.types import ChannelMessage, session_id_pattern
from bot.loading import load_retriever
from bot.web.widget import router as web_router

log = logging.getLogger(__name__)

_SESSION_ID = session_id_pattern()


class ChatRequest(BaseModel):
    """One shopper message."""

    session_id: str | None = Field(None, pattern=_SESSION_ID,
                                   description="The conversation; a new one is started when absent.")
    message: str = Field(..., description="What the shopper wrote.")
    channel: str = Field("web", max_length=32)
    metadata: dict[str, Any] | None = Field(None, description="Page URL, locale... (kept with the session).")


def create_app(settings: Settings, *, service: DialogueService | None = None) -> FastAPI:
    """The service app. The store, index and models load at start-up, not at import.

    Args:
        settings: Configuration.
        service: An already built dialogue service (tests share one); built from settings if None.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.panel_access = open_panel_access(settings)  # first: a bad agents file fails fast
        dialogue = service
        if dialogue is None:
            from bot.service import build_dialogue_service

            kb = KnowledgeBase.load(settings.store)
            dialogue = await run_in_threadpool(
                build_dialogue_service, settings, kb=kb, retriever=load_retriever(settings, kb=kb))
        app.state.dialogue = dialogue
        log.info("store %s ready: %s", settings.store, dialogue.store_stats())
        try:
            yield
        finally:
            app.state.panel_access.close()
            if service is None:
                dialogue.close()

    app = FastAPI(title="ShopDesk", version="0.1.0", lifespan=lifespan,
                  # The default docs page loads its assets from a CDN; /openapi.json is served.
                  docs_url=None, redoc_url=None,
                  description="Customer-service agent for online stores: chat turns, search.")
    for error_class, _ in HTTP_STATUS:
        app.add_exception_handler(error_class, _error_response)
    app.add_exception_handler(RequestValidationError, _validation_response)
    app.add_exception_handler(HTTPException, _http_error_response)  # 404, 405, unparsable body
    app.add_exception_handler(Exception, _error_response)  # anything else: logged, generic 500

    @app.middleware("http")
    async def limit_requests(request: Request, call_next):
        if request.method in ("POST", "PUT", "PATCH"):
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > settings.max_request_bytes:
                return _error(413, f"request body is {length} bytes; the limit is "
                              f"{settings.max_request_bytes}", "RequestTooLarge")
            if not length and request.headers.get("transfer-encoding"):
                # a chunked body would be read whole before anything could check its size
                return _error(411, "send the request body with a Content-Length header",
                              "LengthRequired")
            content_type = request.headers.get("content-type", "")
            if request.url.path.startswith("/v1/") and not content_type.startswith("application/json"):
                return _error(415, "send the request body as application/json", "UnsupportedMediaType")
        return await call_next(request)

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["service"])
    def readyz(request: Request) -> JSONResponse:
        """Readiness: the models are loaded and the session store answers."""
        dialogue: DialogueService = request.app.state.dialogue
        checks = dialogue.health()
        ready = checks["generator"] and checks["sessions"]
        return JSONResponse({"status": "ready" if ready else "not ready", **checks},
                            status_code=200 if ready else 503)

    @app.post("/v1/chat", tags=["chat"])
    async def chat(request: Request, body: ChatRequest) -> dict:
        """Send a shopper message; returns the whole reply (see /v1/chat/stream for streaming)."""
        dialogue: DialogueService = request.app.state.dialogue
        session_id = body.session_id or _new_session_id()
        message = ChannelMessage(session_id, body.message, body.channel, body.metadata or {})
        result = await run_in_threadpool(dialogue.reply, message)
        return result.to_dict()

    @app.get("/v1/chat/stream", tags=["chat"])
    def chat_stream(request: Request,
                    message: str,
                    session_id: Annotated[str | None, Query(pattern=_SESSION_ID)] = None,
                    channel: Annotated[str, Query(max_length=32)] = "web") -> StreamingResponse:
        """Send a shopper message; the reply streams as server-sent events: `token` events
        ({"text"}), then one `reply` event (the /v1/chat response), or one `error` event."""
        dialogue: DialogueService = request.app.state.dialogue
        events = _sse(dialogue, ChannelMessage(session_id or _new_session_id(), message, channel))
        return StreamingResponse(events, media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.websocket("/v1/ws")
    async def chat_socket(socket: WebSocket) -> None:
        """Send {"session_id"?, "message"} frames; receive {"type": "token", "text"} frames, then
        {"type": "reply", ...} or {"type": "error", "error", "status"}. The socket stays open for
        the next message."""
        dialogue: DialogueService = socket.app.state.dialogue
        await socket.accept()
        try:
            while True:
                raw = await socket.receive_text()
                try:
                    frame = ChatRequest.model_validate_json(raw)
                except ValueError as error:
                    await socket.send_json({"type": "error", "status": 400,
                                            "error": _first_problem(error)})
                    continue
                message = ChannelMessage(frame.session_id or _new_session_id(), frame.message,
                                         frame.channel, frame.metadata or {})
                async for event in _events(dialogue, message):
                    await socket.send_json(event)
        except WebSocketDisconnect:
            return

    @app.get("/v1/sessions/{session_id}", tags=["chat"])
    def get_session(request: Request, session_id: str) -> dict:
        """The conversation so far (what the widget shows after a page reload)."""
        session = request.app.state.dialogue.session(session_id)
        return {"id": session.id, "channel": session.channel,
                "handoff_owner": session.handoff_owner,
                "transcript": [{"role": e.role, "text": e.shown_text, "at": e.at, "reply": e.reply}
                               for e in session.transcript]}

    @app.get("/api/search", tags=["store"])
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

    @app.get("/api/kb/stats", tags=["store"])
    def kb_stats(request: Request) -> dict:
        """Counts of the store's products, articles and reviews."""
        return request.app.state.dialogue.store_stats()

    app.include_router(web_router)
    app.include_router(panel_router)  # /panel: the agent-assist panel, behind a login
    app.include_router(whatsapp.router(settings))  # /webhooks/whatsapp (bot/channels)
    app.include_router(telegram.router(settings))  # /webhooks/telegram
    app.include_router(messenger.router(settings))  # /webhooks/messenger
    app.include_router(rasa_router)  # Rasa's REST channel: /webhooks/rest/webhook
    return app


# --- streaming -----------------------------------------------------------------------------------


def _turn_events(dialogue: DialogueService, message: ChannelMessage) -> Iterator[dict]:
    """A turn as JSON-able events; domain errors become one error event."""
    try:
        for event in dialogue.turn(message):
            if isinstance(event, Token):
                yield {"type": "token", "text": event.text}
            elif isinstance(event, TurnResult):
                yield {"type": "reply", **event.to_dict()}
    except Exception as error:  # noqa: BLE001 - reported to the client, the service goes on
        status = http_status(error)
        if status is None:
            log.exception("turn of session %s failed", message.session_id)
            yield {"type": "error", "status": 500, "error": "internal error"}
        else:
            yield {"type": "error", "status": status, "error": str(error)}


def _sse(dialogue: DialogueService, message: ChannelMessage) -> Iterator[str]:
    for event in _turn_events(dialogue, message):
        kind = event.pop("type")
        yield f"event: {kind}\ndata: {json.dumps(event)}\n\n"


async def _events(dialogue: DialogueService, message: ChannelMessage):
    async for event in iterate_in_threadpool(_turn_events(dialogue, message)):
        yield event
        await asyncio.sleep(0)


# --- errors --------------------------------------------------------------------------------------


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse({"error": message, "kind": kind}, status_code=status)


async def _error_response(request: Request, exc: Exception) -> JSONResponse:
    status = http_status(exc)
    if status is None:
        log.exception("request %s %s failed", request.method, request.url.path)
        return _error(500, "internal error", "InternalError")
    return _error(status, str(exc), type(exc).__name__)


async def _http_error_response(request: Request, exc: HTTPException) -> JSONResponse:
    response = _error(exc.status_code, str(exc.detail),
                      HTTPStatus(exc.status_code).phrase.replace(" ", "").replace("-", ""))
    response.headers.update(exc.headers or {})
    return response


async def _validation_response(request: Request, exc: RequestValidationError) -> JSONResponse:
    return _error(422 if exc.errors() and exc.errors()[0].get("type") != "json_invalid" else 400,
                  _first_problem(exc), "InvalidRequest")


def _first_problem(error: Exception) -> str:
    """One readable line for a validation error: "message: field required"."""
    problems = error.errors() if hasattr(error, "errors") else []
    if not problems:
        return str(error)
    first = problems[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    if first.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    return f"{where}: {first.get('msg', 'invalid')}" if where else first.get("msg", "invalid")


def _new_session_id() -> str:
    return uuid.uuid4().hex
