"""The shopper chat API: a turn by POST, streamed as server-sent events or over a WebSocket,
and a conversation so far. Each route builds a `ChannelMessage` and hands it to the service."""

from __future__ import annotations

import asyncio
import uuid
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from bot.dialogue import DialogueService

from bot.types import ChannelMessage
from bot.web.error_handlers import error_json, first_problem
from bot.web.streams import sse_frames, turn_events
from bot.web.turn_runner import TurnRunner
from bot.web.wire import SESSION_ID_PATTERN, ChatRequest, FeedbackRequest

router = APIRouter(tags=["chat"])


@router.post("/v1/chat", response_model=None)
async def chat(request: Request, body: ChatRequest) -> dict | JSONResponse:
    """Send a shopper message; returns the whole reply (see /v1/chat/stream for streaming).

    A client that hangs up before the reply cancels the turn (its message and the reply so far
    are kept, marked cut); 503 with Retry-After when every reply slot is busy."""
    runner: TurnRunner = request.app.state.turns
    session_id = body.session_id or new_session_id()
    message = ChannelMessage(session_id, body.message, body.channel, body.metadata or {})
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
    return turn.result().to_dict()


async def _disconnected(request: Request) -> None:
    """Return when the client hangs up (the body is read already: only that can arrive)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


@router.get("/v1/chat/stream")
async def chat_stream(request: Request,
                message: str,
                session_id: Annotated[str | None, Query(pattern=SESSION_ID_PATTERN)] = None,
                channel: Annotated[str, Query(max_length=32)] = "web") -> StreamingResponse:
    """Send a shopper message; the reply streams as server-sent events: `token` events
    ({"text"}), then one `reply` event (the /v1/chat response), or one `error` event."""
    runner: TurnRunner = request.app.state.turns
    events = sse_frames(runner, ChannelMessage(session_id or new_session_id(), message, channel))
    return StreamingResponse(events, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.websocket("/v1/ws")
async def chat_socket(socket: WebSocket) -> None:
    """Send {"session_id"?, "message"} frames; receive {"type": "token", "text"} frames, then
    {"type": "reply", ...} or {"type": "error", "error", "status"}. The socket stays open for
    the next message."""
    runner: TurnRunner = socket.app.state.turns
    await socket.accept()
    try:
        while True:
            raw = await socket.receive_text()
            try:
                frame = ChatRequest.model_validate_json(raw)
            except ValueError as error:
                await socket.send_json({"type": "error", "status": 400,
                                        "error": first_problem(error)})
                continue
            message = ChannelMessage(frame.session_id or new_session_id(), frame.message,
                                     frame.channel, frame.metadata or {})
            # Closed on a send that fails (the shopper left): the turn saves what was shown.
            async with aclosing(turn_events(runner, message)) as events:
                async for event in events:
                    await socket.send_json(event)
    except WebSocketDisconnect:
        return


@router.post("/v1/feedback", status_code=204)
async def feedback(request: Request, body: FeedbackRequest) -> Response:
    """Thumbs up or down on the conversation's newest reply (counted in the panel's CSAT)."""
    dialogue: DialogueService = request.app.state.dialogue
    await run_in_threadpool(dialogue.feedback, body.session_id, body.rating)
    return Response(status_code=204)


@router.get("/v1/sessions/{session_id}")
def get_session(request: Request, session_id: str) -> dict:
    """The conversation so far (what the widget shows after a page reload)."""
    session = request.app.state.dialogue.session(session_id)
    return {"id": session.id, "channel": session.channel,
            "handoff_owner": session.handoff_owner,
            "transcript": [{"role": e.role, "text": e.shown_text, "at": e.at, "reply": e.reply}
                           for e in session.transcript]}


def new_session_id() -> str:
    return uuid.uuid4().hex
