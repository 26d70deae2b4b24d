"""The webhook edge every platform shares: the worker's lifespan, the disabled-channel 404,
Meta's handshake and signed POST (WhatsApp and Messenger), and queueing a verified body."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from bot.channels.errors import ChannelDisabled
from bot.channels.platform import Platform, Unreadable
from bot.channels.sender import Sender
from bot.channels.signatures import META_SIGNATURE_HEADER, answer_handshake, check_meta_signature
from bot.channels.worker import ChannelWorker
from bot.web.request_limits import MAX_JSON_DEPTH, json_depth
from bot.web.wire import error_responses

log = logging.getLogger(__name__)

#: What a webhook POST can answer besides 200 (a verified body it cannot use is a 200 too).
WEBHOOK_ERRORS = error_responses(401, 403, 404, 411, 413, 503)
#: Sessions each platform's worker answers at the same time (turns run in threads; the
#: generator batches concurrent sessions).
CONCURRENCY = 4


def channel_lifespan(platform: Platform) -> Callable[[FastAPI], AsyncIterator[None]]:
    """A router lifespan that runs the platform's `ChannelWorker` while the app is up.

    It runs inside the app's own lifespan, after ``app.state.dialogue`` is set; the worker is
    kept in ``app.state.channels[platform.name]``. A disabled channel starts nothing.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if platform.missing:
            yield
            return
        worker = ChannelWorker(platform, app.state.dialogue, Sender(), concurrency=CONCURRENCY)
        await worker.start()
        if not hasattr(app.state, "channels"):
            app.state.channels = {}
        app.state.channels[platform.name] = worker
        log.info("%s webhook on", platform.name)
        try:
            yield
        finally:
            app.state.channels.pop(platform.name, None)
            await worker.stop()

    return lifespan


def check_enabled(platform: Platform) -> None:
    """Raises ChannelDisabled, naming the empty settings, when the channel is off."""
    if platform.missing:
        names = ", ".join(f"SHOPDESK_{name.upper()}" for name in platform.missing)
        raise ChannelDisabled(f"the {platform.name} channel is off: set {names}")


async def queue_body(request: Request, platform: Platform, body: bytes) -> JSONResponse:
    """Parse a verified webhook body and queue its messages; answers at once.

    Raises:
        ChannelBusy: the worker has too many messages waiting (503: the platform retries).
    """
    # Platforms retry a delivery that gets no 2xx, for hours (Meta) or until it succeeds
    # (Telegram holds back the chat's later updates meanwhile). A verified body we cannot read
    # would come back forever, so it is logged and acknowledged (200) instead of a 400.
    if json_depth(body) > MAX_JSON_DEPTH:  # would exhaust the parser's recursion: a 500
        return _ignored(platform, f"the body nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(body)
    except ValueError:  # JSONDecodeError, or bytes that are not UTF-8
        return _ignored(platform, "the body is not valid JSON")
    try:
        messages = platform.parse(data)
    except Unreadable as error:
        return _ignored(platform, str(error))
    worker: ChannelWorker = request.app.state.channels[platform.name]
    queued = await worker.accept(messages)
    return JSONResponse({"status": "ok", "queued": queued})


def meta_router(platform: Platform, *, path: str, verify_token: str,
                app_secret: str) -> APIRouter:
    """The webhook of a Meta platform: GET answers the verification handshake, POST takes
    notifications signed with X-Hub-Signature-256.

    Args:
        platform: WhatsApp or Messenger.
        path: Where the webhook lives ("/webhooks/whatsapp").
        verify_token: The token the handshake must carry.
        app_secret: The Meta app's secret that signs each body.
    """
    router = APIRouter(tags=["channels"], lifespan=channel_lifespan(platform))
    title = platform.name.capitalize()

    @router.get(path, response_class=PlainTextResponse, summary=f"{title} webhook handshake",
                responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                                 "description": "hub.challenge, echoed"},
                           **error_responses(400, 403, 404)})
    def handshake(request: Request,
                  mode: Annotated[str, Query(alias="hub.mode", min_length=1)],
                  token: Annotated[str, Query(alias="hub.verify_token", min_length=1)],
                  challenge: Annotated[str, Query(alias="hub.challenge", min_length=1)]
                  ) -> PlainTextResponse:
        """Meta's verification: echoes hub.challenge when hub.verify_token is ours (else 403)."""
        check_enabled(platform)
        return PlainTextResponse(answer_handshake(request.query_params, verify_token))

    @router.post(path, summary=f"{title} notifications", responses=WEBHOOK_ERRORS)
    async def notify(request: Request) -> JSONResponse:
        """Shopper messages, signed by Meta; acknowledged at once and answered in the
        background. Status callbacks are acknowledged and ignored."""
        check_enabled(platform)
        body = await request.body()
        check_meta_signature(body, request.headers.get(META_SIGNATURE_HEADER), app_secret)
        return await queue_body(request, platform, body)

    return router


def _ignored(platform: Platform, problem: str) -> JSONResponse:
    log.warning("%s: verified webhook body ignored: %s", platform.name, problem)
    return JSONResponse({"status": "ignored", "error": problem})
