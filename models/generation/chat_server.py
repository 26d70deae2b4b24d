"""An OpenAI-compatible chat server around the in-process `Generator`, so that generation can
run in a process of its own (`shopdesk generator`, which `shopdesk serve` starts at a lower CPU
priority) and the service talks to it with `ServerGenerator`, as to vLLM or llama.cpp.

    POST /v1/chat/completions   {"messages": [...], "stream": true, "user": "web:..."}
    GET  /v1/models             the one served model
    GET  /health                {"status": "ok", "active": <replies being written>}

With ``api_key`` every route but ``/health`` wants ``Authorization: Bearer <api_key>`` (401
otherwise, compared in constant time): on a shared host or network namespace, anyone who can
reach the port could otherwise drive the model. ``/health`` without the key says only "ok".

The messages are the turns `models.generation.prompts` rendered on the client side; they go
through the model's template as they are, and the reply's [n] labels come back unmapped (the
client maps them). ``user`` names the conversation, whose KV cache is kept between its turns;
without it the request's cache is dropped when it ends. A client that hangs up (before the
first token or after) cancels its generation at the next step.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from models.generation.errors import GenerationBusy, GeneratorError
from models.generation.generator import Generator
from models.generation.types import GenerationResult

logger = logging.getLogger(__name__)

_ROLES = ("system", "user", "assistant")
#: Request fields passed to the generator, with the types they must have.
_SAMPLING = {"max_tokens": ("max_new_tokens", int), "temperature": ("temperature", float),
             "top_p": ("top_p", float), "seed": ("seed", int),
             "repetition_penalty": ("repetition_penalty", float),
             "ignore_eos": ("ignore_eos", bool)}


class BadRequest(ValueError):
    """The request body is not a chat completion request this server can run."""


def chat_app(generator: Generator, model_name: str, api_key: str = "") -> Starlette:
    """The server's ASGI app.

    Args:
        generator: A loaded generator (the app never closes it).
        model_name: The id `/v1/models` reports and responses carry.
        api_key: The bearer token clients must send (every route but `/health`); "" lets
            anyone in.
    """

    async def health(request: Request) -> JSONResponse:
        if api_key and not _bearer_is(request.headers.get("authorization", ""), api_key):
            return JSONResponse({"status": "ok"})  # liveness only, nothing about the work
        return JSONResponse({"status": "ok", "active": generator.stats().active_requests})

    async def models(request: Request) -> JSONResponse:
        return JSONResponse({"object": "list", "data": [
            {"id": model_name, "object": "model", "created": 0, "owned_by": "shopdesk"}]})

    async def completions(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
            turns, sampling, session_id, stream = parse_request(body)
        except (ValueError, BadRequest) as error:
            return _error(400, str(error))
        one_off = session_id is None
        session_id = session_id or f"anon:{uuid.uuid4().hex}"
        box: list[GenerationResult] = []
        try:
            pieces = generator.astream_turns(session_id, turns, result_box=box, **sampling)
        except (ValueError, GeneratorError) as error:  # malformed turns, too long, bad params
            return _error(400, str(error))
        reply = _Reply(model_name, bool((body.get("stream_options") or {}).get("include_usage")))
        if stream:
            return StreamingResponse(_events(pieces, box, reply, generator, session_id, one_off),
                                     media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        whole = asyncio.ensure_future(_collect(pieces))
        gone = asyncio.ensure_future(_disconnected(request))
        try:  # a client that hangs up cancels its generation (the request's task is not)
            await asyncio.wait((whole, gone), return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not whole.done():
                whole.cancel()  # closes its pieces: the generation is cancelled
                await asyncio.gather(whole, return_exceptions=True)
            if one_off:
                generator.release(session_id)
        if whole.cancelled():
            return Response(status_code=499)
        if isinstance(whole.exception(), GenerationBusy):
            return _error(429, str(whole.exception()))
        return JSONResponse(reply.whole("".join(whole.result()), box))

    async def prefill(request: Request) -> JSONResponse:
        # ShopDesk's own verb, no OpenAI one: `Generator.prefill_turns` for the `user` session,
        # queued for the generator's idle time; answered at once.
        try:
            body = json.loads(await request.body())
            turns, _, session_id, _ = parse_request(body)
            reserve = body.get("reserve_tokens", 512)
            if session_id is None or not isinstance(reserve, int) or isinstance(reserve, bool) \
                    or reserve < 0:
                raise BadRequest("prefill needs user (the session) and reserve_tokens >= 0")
            generator.prefill_turns(session_id, turns, reserve_tokens=reserve)
        except (ValueError, GeneratorError) as error:  # BadRequest and bad JSON included
            return _error(400, str(error))
        return JSONResponse({"queued": True}, status_code=202)

    return Starlette(routes=[
        Route("/health", health, methods=["GET"]),
        Route("/v1/models", models, methods=["GET"]),
        Route("/v1/chat/completions", completions, methods=["POST"]),
        Route("/v1/shopdesk/prefill", prefill, methods=["POST"]),
    ], middleware=[Middleware(_BearerOnly, api_key=api_key)] if api_key else [])


class _BearerOnly:
    """ASGI middleware: a 401 for any request but ``GET /health`` without the bearer token
    (before the route runs, so no route can forget the check)."""

    def __init__(self, app, api_key: str) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] != "/health":
            given = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            if not _bearer_is(given, self.api_key):
                response = _error(401, "a valid bearer token is required")
                response.headers["WWW-Authenticate"] = "Bearer"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _bearer_is(header: str, api_key: str) -> bool:
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(),
                                                              api_key.encode())


def parse_request(body: Any) -> tuple[list[tuple[str, str]], dict[str, Any], str | None, bool]:
    """(turns, sampling, session id or None, stream) of a chat completion request.

    Raises:
        BadRequest: A field that is missing or of the wrong type.
    """
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("messages must be a non-empty list")
    turns = []
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in _ROLES \
                or not isinstance(message.get("content"), str):
            raise BadRequest("each message needs a role (system, user, assistant) and text "
                             "content")
        turns.append((message["role"], message["content"]))
    sampling: dict[str, Any] = {}
    for field, (name, kind) in _SAMPLING.items():
        value = body.get(field)
        if value is None:
            continue
        number_ok = kind is float and isinstance(value, (int, float))
        if isinstance(value, bool) != (kind is bool) or not (isinstance(value, kind) or number_ok):
            raise BadRequest(f"{field} must be {kind.__name__}")
        sampling[name] = value
    stop = body.get("stop")
    if stop is not None:
        stop = [stop] if isinstance(stop, str) else stop
        if not isinstance(stop, list) or not all(isinstance(s, str) and s for s in stop):
            raise BadRequest("stop must be a string or a list of strings")
        sampling["stop"] = tuple(stop)
    user = body.get("user")
    if user is not None and (not isinstance(user, str) or not user.strip()):
        raise BadRequest("user must be a non-empty string")
    return turns, sampling, user, bool(body.get("stream", False))


class _Reply:
    """OpenAI's response shapes for one completion."""

    def __init__(self, model: str, include_usage: bool) -> None:
        self.id, self.created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        self.model, self.include_usage = model, include_usage

    def chunk(self, delta: dict[str, str], finish: str | None = None) -> str:
        return self._event({"object": "chat.completion.chunk", "choices": [
            {"index": 0, "delta": delta, "finish_reason": finish}]})

    def usage_chunk(self, box: list[GenerationResult]) -> str:
        return self._event({"object": "chat.completion.chunk", "choices": [],
                            "usage": _usage(box)})

    def whole(self, text: str, box: list[GenerationResult]) -> dict[str, Any]:
        return {"id": self.id, "object": "chat.completion", "created": self.created,
                "model": self.model, "usage": _usage(box), "choices": [{
                    "index": 0, "message": {"role": "assistant", "content": text},
                    "finish_reason": _finish(box)}]}

    def _event(self, payload: dict[str, Any]) -> str:
        data = {"id": self.id, "created": self.created, "model": self.model, **payload}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _events(pieces: AsyncIterator[str], box: list[GenerationResult], reply: _Reply,
                  generator: Generator, session_id: str, one_off: bool) -> AsyncIterator[str]:
    """The event stream. Starlette cancels it when the client hangs up; closing `pieces` then
    cancels the generation."""
    try:
        yield reply.chunk({"role": "assistant", "content": ""})
        async for piece in pieces:
            yield reply.chunk({"content": piece})
        yield reply.chunk({}, _finish(box))
        if reply.include_usage:
            yield reply.usage_chunk(box)
        yield "data: [DONE]\n\n"
    except GenerationBusy as error:  # headers are sent: say it in the stream (the client retries)
        yield f"data: {json.dumps({'error': {'message': str(error), 'code': 429}})}\n\n"
    finally:
        await pieces.aclose()  # type: ignore[attr-defined]
        if one_off:
            generator.release(session_id)


async def _collect(pieces: AsyncIterator[str]) -> list[str]:
    try:
        return [piece async for piece in pieces]
    finally:
        await pieces.aclose()  # type: ignore[attr-defined]


async def _disconnected(request: Request) -> None:
    """Return when the client hangs up (the body is read already: only that can arrive)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _finish(box: list[GenerationResult]) -> str:
    return box[0].finish_reason if box else "stop"


def _usage(box: list[GenerationResult]) -> dict[str, Any]:
    if not box:
        return {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    timings = box[0].timings
    return {"prompt_tokens": timings.prompt_tokens, "completion_tokens": timings.decode_tokens,
            "total_tokens": timings.prompt_tokens + timings.decode_tokens,
            "prompt_tokens_details": {"cached_tokens": timings.reused_tokens}}


def _error(status: int, message: str) -> JSONResponse:
    kind = {400: "invalid_request_error", 401: "authentication_error"}.get(status, "busy")
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}},
                        status_code=status)
