"""The shopper chat API: a turn by POST, streamed as server-sent events or over a WebSocket,
and a conversation so far. Each route builds a `ChannelMessage` and hands it to the service.

A conversation belongs to whoever holds its token. The service issues both: a request without
``session_id`` starts a conversation, and its answer carries the new id and token (the body's
``session_token`` for API clients; an HttpOnly, SameSite=Strict cookie for the widget). Every
later request names the id and proves the token (``Authorization: Bearer`` or the cookie).
Client-chosen ids, and ids of other channels (``whatsapp:...``), are refused. Messages travel
only in bodies, never in a URL, so no access log holds what a shopper wrote.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection

from bot.dialogue import DialogueService, SessionKey, new_web_key
from bot.settings import Settings
from bot.types import WEB_SESSION_ID_PATTERN, ChannelMessage
from bot.web.client_address import request_address
from bot.web.error_handlers import error_json, first_problem
from bot.web.origins import foreign_origin
from bot.web.request_limits import MAX_JSON_DEPTH, json_depth
from bot.web.streams import sse_frames, turn_events
from bot.web.turn_runner import TurnRunner
from bot.web.wire import BODY_ERRORS, SSE_EVENT_SCHEMA, ChatRequest, FeedbackRequest, error_responses

router = APIRouter(tags=["chat"])

#: The widget's cookie: the owner token of its conversation, sent only to /v1.
COOKIE = "shopdesk_session"
_TURN_ERRORS = error_responses(*BODY_ERRORS, 401, 404, 409, 415, 429, 503)
_STREAM_ERRORS = error_responses(*BODY_ERRORS, 401, 415)
# WebSocket close codes (RFC 6455): a frame kind we do not take, a frame too big. (Text that is
# not UTF-8 never reaches us: the server's protocol layer closes with 1007.)
_UNSUPPORTED_DATA, _TOO_BIG = 1003, 1009


@router.post("/v1/chat", responses=_TURN_ERRORS, response_model=None)
async def chat(request: Request, body: ChatRequest, response: Response) -> dict | JSONResponse:
    """Send a shopper message; returns the whole reply (see /v1/chat/stream for streaming).
    Without ``session_id`` a conversation starts: the answer adds ``session_token``.

    A client that hangs up before the reply cancels the turn (its message and the reply so far
    are kept, marked cut); 503 with Retry-After when every reply slot is busy."""
    runner: TurnRunner = request.app.state.turns
    message, key = turn_message(request, body)
    turn = asyncio.ensure_future(runner.reply(message))
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait((turn, gone), return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not turn.done():
            turn.cancel()  # closes the turn's events: the worker thread cuts it short
    if not turn.done() or turn.cancelled():  # nobody is left to read it; for the access log
        return error_json(499, "the client closed the request", "ClientClosedRequest")
    result = turn.result().to_dict()
    if key is not None:
        set_session_cookie(request, response, key)
        result["session_token"] = key.secret
    return result


@router.post("/v1/chat/stream", response_class=StreamingResponse, responses={
    200: {"description": "Server-sent events: `token` events ({\"text\"}), then one `reply` "
                         "event (the /v1/chat answer) or one `error` event ({\"status\", "
                         "\"error\"}: the turn's own 4xx/5xx)",
          "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}}},
    **_STREAM_ERRORS})
async def chat_stream(request: Request, body: ChatRequest) -> StreamingResponse:
    """Send a shopper message; the reply streams as server-sent events. A client that goes away
    cancels the turn, which keeps what the shopper saw."""
    runner: TurnRunner = request.app.state.turns
    message, key = turn_message(request, body)
    extra = {} if key is None else {"session_token": key.secret}
    response = StreamingResponse(sse_frames(runner, message, extra),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    if key is not None:
        set_session_cookie(request, response, key)
    return response


@router.websocket("/v1/ws")
async def chat_socket(socket: WebSocket) -> None:
    """Send {"session_id"?, "message"} text frames; receive {"type": "token", "text"} frames,
    then {"type": "reply", ...} (with ``session_token`` when it started a conversation) or
    {"type": "error", "error", "status"}. The socket stays open for the next message; a binary
    frame closes it with 1003, a frame over the body limit with 1009."""
    runner: TurnRunner = socket.app.state.turns
    settings: Settings = socket.app.state.settings
    await socket.accept()
    started: dict[str, str] = {}  # conversations this socket started -> their tokens
    try:
        while True:
            frame = await socket.receive()
            if frame["type"] == "websocket.disconnect":
                return
            if frame.get("text") is None:
                await socket.close(_UNSUPPORTED_DATA, "send JSON text frames")
                return
            raw: str = frame["text"]
            if len(raw) > settings.max_request_bytes:
                await socket.close(_TOO_BIG, f"frames are limited to {settings.max_request_bytes} "
                                             "bytes")
                return
            try:
                request = _frame_request(raw)
            except ValueError as error:
                await socket.send_json({"type": "error", "status": 400,
                                        "error": first_problem(error)})
                continue
            try:
                message, key = turn_message(socket, request, started.get(request.session_id or ""))
            except HTTPException as error:
                await socket.send_json({"type": "error", "status": error.status_code,
                                        "error": error.detail})
                continue
            if key is not None:
                started[key.session_id] = key.secret
            # Closed on a send that fails (the shopper left): the turn saves what was shown.
            async with aclosing(turn_events(runner, message)) as events:
                async for event in events:
                    if key is not None and event["type"] == "reply":
                        event["session_token"] = key.secret
                    await socket.send_json(event)
    except WebSocketDisconnect:
        return


async def _disconnected(request: Request) -> None:
    """Return when the client hangs up (the body is read already: only that can arrive)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


@router.post("/v1/feedback", status_code=204,
             responses=error_responses(*BODY_ERRORS, 401, 404, 415, 503))
async def feedback(request: Request, body: FeedbackRequest) -> Response:
    """Thumbs up or down on the newest reply of the caller's own conversation (the panel's
    CSAT)."""
    dialogue: DialogueService = request.app.state.dialogue
    secret = session_secret(request)
    if not secret:
        raise HTTPException(401, _NO_TOKEN)
    await run_in_threadpool(dialogue.owned_session, body.session_id, secret)
    await run_in_threadpool(dialogue.feedback, body.session_id, body.rating)
    return Response(status_code=204)


@router.get("/v1/sessions/{session_id}", responses=error_responses(401, 404, 422, 429, 503))
async def get_session(request: Request, session_id: Annotated[str, Path(
        pattern=WEB_SESSION_ID_PATTERN)]) -> dict:
    """The conversation so far (what the widget shows after a page reload), for the holder of
    its token. Reads are limited per client address."""
    dialogue: DialogueService = request.app.state.dialogue
    settings: Settings = request.app.state.settings
    address = request_address(request)
    if not await run_in_threadpool(dialogue.count_request, f"read:{address}",
                                   settings.read_rate_limit_per_minute):
        raise HTTPException(429, "too many conversation reads; try again in a minute",
                            headers={"Retry-After": "60"})
    secret = session_secret(request)
    if not secret:
        raise HTTPException(401, _NO_TOKEN)
    session = await run_in_threadpool(dialogue.owned_session, session_id, secret)
    return {"id": session.id, "channel": session.channel,
            "handoff_owner": session.handoff_owner,
            "transcript": [{"role": e.role, "text": e.shown_text, "at": e.at, "reply": e.reply}
                           for e in session.transcript]}


# --- who is asking -------------------------------------------------------------------------------

_NO_TOKEN = ("send the conversation's token: the cookie the service set, or "
             "Authorization: Bearer <session_token>")


def session_secret(connection: HTTPConnection) -> str:
    """The owner token a request carries: a bearer token, else the widget's cookie, which
    counts only from the service's own pages (a WebSocket opened by another site's page sends
    it too: `bot.web.origins`)."""
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return "" if foreign_origin(connection) else connection.cookies.get(COOKIE, "")


def turn_message(connection: HTTPConnection, body: ChatRequest,
                 known_secret: str | None = None) -> tuple[ChannelMessage, SessionKey | None]:
    """The turn a request asks for, and the key of the conversation it starts (if it does).

    Raises:
        HTTPException: 401 when it names a conversation without any token.
    """
    metadata = body.metadata or {}
    client = request_address(connection)  # wrong order/email pairs count against it
    if body.session_id is None:
        key = new_web_key()
        return ChannelMessage(key.session_id, body.message, "web", metadata, secret=key.secret,
                              new=True, received_at=time.perf_counter(), client=client), key
    secret = known_secret or session_secret(connection)
    if not secret:
        raise HTTPException(401, _NO_TOKEN)
    return ChannelMessage(body.session_id, body.message, "web", metadata, secret=secret,
                          received_at=time.perf_counter(), client=client), None


def set_session_cookie(request: Request, response: Response, key: SessionKey) -> None:
    """The widget's cookie for a conversation it started: script-proof (HttpOnly), never sent
    by another site's page (SameSite=Strict), only to the chat API (path /v1)."""
    settings: Settings = request.app.state.settings
    response.set_cookie(COOKIE, key.secret, max_age=settings.session_ttl_seconds, path="/v1",
                        httponly=True, samesite="strict", secure=request.url.scheme == "https")


def _frame_request(raw: str) -> ChatRequest:
    """A WebSocket frame as a chat request (ValueError: not one)."""
    if json_depth(raw.encode("utf-8", "surrogatepass")) > MAX_JSON_DEPTH:
        raise ValueError(f"the frame nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        return ChatRequest.model_validate_json(raw)
    except ValidationError:
        raise
    except (ValueError, UnicodeError) as error:
        raise ValueError(f"the frame is not a chat request: {error}") from None
