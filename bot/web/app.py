"""The HTTP service: ``create_app(settings)`` builds the FastAPI app from the edges' routers.

- ``/v1/chat`` (POST), ``/v1/chat/stream`` (POST, server-sent events), ``/v1/ws`` (WebSocket):
  shopper turns through `DialogueService`; ``/v1/sessions/{id}``: a conversation so far, for the
  holder of its token (`chat_routes`).
- ``/api/search``, ``/api/kb/stats``: the store's search; ``/healthz``, ``/readyz`` (`service_routes`).
- ``/``, ``/widget.js``: the demo storefront and the chat widget (`bot.web.widget`).
- ``/embed``: the widget in a frame, for the shops' own sites ``SHOPDESK_EMBED_ORIGINS`` lists
  (`bot.web.embed`).
- ``/panel``, ``/panel/api/*``: the agent-assist panel, behind a login (`bot.panel.routes`).
- ``/webhooks/whatsapp``, ``/webhooks/telegram``, ``/webhooks/messenger``: messaging apps,
  answered in the background (`bot.channels`); off until their settings are set.
- ``/webhooks/rest/webhook``: Rasa's REST channel, for Rasa chat front-ends, behind a token
  (`bot.rasa.channel`); off until ``SHOPDESK_RASA_REST_TOKEN`` is set.

Bodies are bounded before any route reads them (`request_limits`: size, framing, JSON type and
depth). Domain errors become 4xx through ``bot.errors`` (`error_handlers`); anything else is logged and
returned as a generic 500, and the service keeps running. Bad input never touches a session: a
turn is checked before the session is loaded, and a failed turn saves nothing. Turns run on the
`TurnRunner`'s own threads (one thread per turn, cancelled when the client hangs up); health
routes answer from the event loop. 503s carry Retry-After.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from kb import KnowledgeBase

from bot.channels import messenger, telegram, whatsapp
from bot.dialogue import DialogueService
from bot.panel.routes import open_panel_access
from bot.panel.routes import router as panel_router
from bot.rasa.channel import router as rasa_router
from bot.settings import Settings
from bot.web.chat_routes import router as chat_router
from bot.web.client_address import trusted_networks
from bot.web.embed import embed_origins
from bot.web.embed import router as embed_router
from bot.web.error_handlers import install_error_handlers
from bot.web.request_limits import RequestLimits
from bot.web.service_routes import HealthMonitor
from bot.web.service_routes import router as service_router
from bot.web.turn_runner import TurnRunner
from bot.web.widget import router as widget_router

log = logging.getLogger(__name__)

SIGNED_WEBHOOKS = ("/webhooks/whatsapp", "/webhooks/telegram", "/webhooks/messenger")


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
            # The index loads in there too, after the generator's child process has started.
            dialogue = await run_in_threadpool(
                build_dialogue_service, settings, kb=kb,
                separate_generator=settings.generator_process)
        app.state.dialogue = dialogue
        app.state.turns = TurnRunner(dialogue, settings.turn_threads)
        app.state.health = HealthMonitor(dialogue)
        await app.state.health.check()
        app.state.health.start()
        log.info("store %s ready: %s", settings.store, dialogue.store_stats())
        try:
            yield
        finally:
            await app.state.health.stop()
            await run_in_threadpool(app.state.turns.close)
            app.state.panel_access.close()
            if service is None:
                dialogue.close()

    app = FastAPI(title="ShopDesk", version="0.1.0", lifespan=lifespan,
                  # The default docs page loads its assets from a CDN; /openapi.json is served.
                  docs_url=None, redoc_url=None,
                  description="Customer-service agent for online stores: chat turns, search.")
    install_error_handlers(app)

    app.state.settings = settings
    # X-Forwarded-For is believed only from these (`client_address`); a bad entry fails here.
    app.state.trusted_proxies = trusted_networks(settings.trusted_proxies,
                                                 "SHOPDESK_TRUSTED_PROXIES")
    # The shops whose pages may frame the widget (/embed's CSP frame-ancestors).
    app.state.embed_origins = embed_origins(settings.embed_origins, "SHOPDESK_EMBED_ORIGINS")
    # Signed webhooks check depth after their signature and acknowledge what they cannot use.
    app.add_middleware(RequestLimits, max_bytes=settings.max_request_bytes,
                       depth_exempt=SIGNED_WEBHOOKS,
                       json_only=frozenset({"/v1/chat", "/v1/chat/stream", "/v1/feedback"}))

    app.include_router(service_router)  # /healthz, /readyz, /metrics, /api/search, /api/kb/stats
    app.include_router(chat_router)  # /v1: the shopper chat API
    app.include_router(widget_router)  # /, /widget.js, /widget.css
    app.include_router(embed_router)  # /embed: the widget in a frame on a listed shop's site
    app.include_router(panel_router)  # /panel: the agent-assist panel, behind a login
    app.include_router(whatsapp.router(settings))  # /webhooks/whatsapp (bot/channels)
    app.include_router(telegram.router(settings))  # /webhooks/telegram
    app.include_router(messenger.router(settings))  # /webhooks/messenger
    app.include_router(rasa_router(settings))  # Rasa's REST channel: /webhooks/rest/webhook
    return app
