"""The agent-assist panel: ``/panel``, a page for the store's human agents, behind a login.

- ``GET /panel`` (+ ``panel.js``, ``panel.css``): the page; ``POST /panel/login`` sets an
  HttpOnly, SameSite=Strict cookie holding a random token; ``POST /panel/logout``.
- ``/panel/api/*`` (401 without a live login): the conversation list (handoff queue first),
  live events (server-sent), a conversation with what the bot saw, take over / hand back, an
  agent's reply, a suggested reply; for store staff, product copy drafts and a product's review
  sentiment.

The shopper's endpoints (``/v1``, the widget) share nothing with these: the cookie's path is
``/panel`` and shopper session ids are not login tokens. POSTs must be JSON, which a cross-site
form cannot send, and carry no Origin but the panel's own (`bot.web.origins`); with
SameSite=Strict that keeps other sites, sibling subdomains included, from acting as an agent.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from bot.dialogue import DialogueService
from bot.panel.agents import AgentAccounts
from bot.panel.analytics_csv import analytics_table
from bot.panel.conversation_view import conversation_detail, conversation_row, queue_first
from bot.panel.logins import LoginStore, open_login_store
from bot.settings import Settings
from bot.web.client_address import request_address
from bot.web.origins import foreign_origin

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
COOKIE = "shopdesk_panel"
LOGIN_TTL_SECONDS = 12 * 3600  # one working day
#: Failed logins allowed per window: per client address and name, and per address.
FAILURE_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
#: A comment line this often keeps proxies from closing a quiet event stream.
KEEPALIVE_SECONDS = 15.0
# The page runs only its own script and style, and no other site may frame it (clickjacking).
_PAGE_HEADERS = {"Cache-Control": "no-cache", "X-Frame-Options": "DENY",
                 "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                            "frame-ancestors 'none'; form-action 'self'"}


@dataclass
class PanelAccess:
    """Who may log in, and the live logins."""

    accounts: AgentAccounts
    logins: LoginStore

    def close(self) -> None:
        self.logins.close()


def open_panel_access(settings: Settings) -> PanelAccess:
    """Accounts from ``settings.agents_file``; without one, the demo store gets demo / demo
    while the service listens on loopback only (or ``allow_demo_login`` says so).

    Raises:
        AgentAccountError: the agents file cannot be read.
    """
    if settings.agents_file:
        accounts = AgentAccounts.load(Path(settings.agents_file).expanduser())
        log.info("agent panel: %d agent accounts from %s", len(accounts), settings.agents_file)
    elif settings.store == "demo" and (listens_on_loopback(settings.host)
                                       or settings.allow_demo_login):
        accounts = AgentAccounts.demo()
        log.warning("agent panel: SHOPDESK_AGENTS_FILE is not set, so /panel accepts the demo "
                    "login demo / demo; for trying the demo store only")
    elif settings.store == "demo":
        accounts = AgentAccounts({})
        log.warning("agent panel: the demo login is off because the service listens on %s, "
                    "not loopback; add agents with `shopdesk agents add NAME` (or set "
                    "SHOPDESK_ALLOW_DEMO_LOGIN=true for a shared demo)", settings.host)
    else:
        accounts = AgentAccounts({})
        log.warning("agent panel: no agent accounts; set SHOPDESK_AGENTS_FILE and add agents "
                    "with `shopdesk agents add NAME`")
    return PanelAccess(accounts, open_login_store(settings.redis_url))


def listens_on_loopback(host: str) -> bool:
    """True when only this machine can reach the service ("127.0.0.1", "::1", "localhost")."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


# --- who is asking -------------------------------------------------------------------------------


def current_agent(request: Request) -> str:
    """The logged-in agent's name.

    Raises:
        HTTPException: 401 without a live login (no cookie, expired, logged out, or an
            account no longer in the agents file).
    """
    access: PanelAccess = request.app.state.panel_access
    agent = access.logins.agent(request.cookies.get(COOKIE, ""))
    if agent is None or agent not in access.accounts:
        raise HTTPException(401, "log in to the agent panel first")
    return agent


def json_posts(request: Request) -> None:
    """POSTs must carry JSON (a cross-site HTML form cannot send it) and come from the panel's
    own page: a sibling subdomain is same-site, so the SameSite cookie alone is no CSRF guard."""
    if request.method != "POST":
        return
    if foreign_origin(request):
        raise HTTPException(403, "the agent panel takes changes only from its own page")
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise HTTPException(415, "send the request body as application/json")


Agent = Annotated[str, Depends(current_agent)]
router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/panel/api", dependencies=[Depends(current_agent), Depends(json_posts)],
                include_in_schema=False)


def _service(request: Request) -> DialogueService:
    return request.app.state.dialogue


# --- the page and logging in ---------------------------------------------------------------------


@router.get("/panel")
def panel_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "panel.html", media_type="text/html; charset=utf-8",
                        headers=_PAGE_HEADERS)


@router.get("/panel/panel.js")
def panel_js() -> FileResponse:
    return FileResponse(STATIC_DIR / "panel.js", media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/panel/panel.css")
def panel_css() -> FileResponse:
    return FileResponse(STATIC_DIR / "panel.css", media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/panel/analytics")
def analytics_page() -> FileResponse:
    """Store analytics (its data comes from /panel/api/analytics, behind the login)."""
    return FileResponse(STATIC_DIR / "analytics.html", media_type="text/html; charset=utf-8",
                        headers=_PAGE_HEADERS)


@router.get("/panel/analytics.js")
def analytics_js() -> FileResponse:
    return FileResponse(STATIC_DIR / "analytics.js", media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


class Login(BaseModel):
    username: str = Field(..., max_length=64)
    password: str = Field(..., max_length=1024)


@router.post("/panel/login", dependencies=[Depends(json_posts)])
async def login(request: Request, body: Login) -> JSONResponse:
    """Check a name and password; on success set the login cookie. Repeated failures from one
    address get 429 for a while, even with the right password."""
    access: PanelAccess = request.app.state.panel_access
    address = request_address(request)
    limits = {f"addr:{address}": MAX_FAILURES_PER_ADDRESS,
              f"name:{address}:{body.username.lower()}": MAX_FAILURES_PER_NAME}
    counts = [await run_in_threadpool(access.logins.failures, key) for key in limits]
    if any(count >= limit for count, limit in zip(counts, limits.values())):
        log.warning("agent panel: login of %r from %s refused: too many failures", body.username,
                    address)
        raise HTTPException(429, "too many failed logins; try again later",
                            headers={"Retry-After": str(FAILURE_WINDOW_SECONDS)})
    # scrypt takes ~50 ms of CPU: off the event loop
    if not await run_in_threadpool(access.accounts.verify, body.username, body.password):
        for key in limits:
            await run_in_threadpool(access.logins.fail, key, FAILURE_WINDOW_SECONDS)
        log.warning("agent panel: failed login for %r from %s", body.username, address)
        raise HTTPException(401, "wrong name or password")
    token = await run_in_threadpool(access.logins.create, body.username, LOGIN_TTL_SECONDS)
    log.info("agent panel: %s logged in from %s", body.username, address)
    response = JSONResponse({"agent": body.username})
    response.set_cookie(COOKIE, token, max_age=LOGIN_TTL_SECONDS, path="/panel", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/panel/logout", status_code=204, dependencies=[Depends(json_posts)])
def logout(request: Request) -> Response:
    """End the login (its token stops working at once) and clear the cookie."""
    request.app.state.panel_access.logins.revoke(request.cookies.get(COOKIE, ""))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/panel", httponly=True, samesite="strict")
    return response


# --- conversations -------------------------------------------------------------------------------


class AgentReply(BaseModel):
    text: str = Field(..., description="The agent's message to the shopper.")


@api.get("/me")
def me(agent: Agent) -> dict:
    return {"agent": agent}


@api.get("/conversations")
def conversations(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 200) -> dict:
    """Live conversations: waiting for a person first, then the most recently active."""
    sessions = _service(request).list_sessions(limit)
    return {"conversations": [conversation_row(s) for s in queue_first(sessions)]}


@api.get("/conversations/{session_id}")
def conversation(request: Request, session_id: str) -> dict:
    """A conversation with each shopper message's NLU and facts, and a summary."""
    service = _service(request)
    return conversation_detail(service.session(session_id), service.product_name)


@api.post("/conversations/{session_id}/takeover")
def take_over(request: Request, session_id: str, agent: Agent) -> dict:
    """This agent owns the conversation; the bot stays quiet until hand back."""
    service = _service(request)
    log.info("agent panel: %s takes over session %s", agent, session_id)
    return conversation_detail(service.take_over(session_id, agent), service.product_name)


@api.post("/conversations/{session_id}/handback")
def hand_back(request: Request, session_id: str, agent: Agent) -> dict:
    """The bot answers again."""
    service = _service(request)
    log.info("agent panel: %s hands session %s back to the bot", agent, session_id)
    return conversation_detail(service.hand_back(session_id), service.product_name)


@api.post("/conversations/{session_id}/reply")
def reply(request: Request, session_id: str, body: AgentReply, agent: Agent) -> dict:
    """Send the agent's message to the shopper (the agent must own the conversation)."""
    service = _service(request)
    owner = service.session(session_id).handoff_owner
    if owner != agent:
        raise HTTPException(409, "take the conversation over before replying" if owner in ("", "queue")
                            else f"{owner} has this conversation")
    return conversation_detail(service.agent_message(session_id, agent, body.text),
                               service.product_name)


@api.post("/conversations/{session_id}/suggestion")
def suggestion(request: Request, session_id: str) -> dict:
    """A suggested reply to the shopper's newest message (generated, guard-checked; edit it)."""
    return _service(request).suggest_reply(session_id).to_dict()


@api.get("/events")
async def events(request: Request) -> StreamingResponse:
    """Server-sent events: every stored message and ownership change, as it happens
    (`bot.sessions.events.ConversationEvent` as JSON, the event name its kind)."""
    return StreamingResponse(_event_stream(request, _service(request)),
                             media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _event_stream(request: Request, service: DialogueService):
    """The bus's events as SSE text, from a subscription closed when the client goes away."""
    subscription = await run_in_threadpool(service.subscribe_events)
    try:
        yield "retry: 3000\n: connected\n\n"
        quiet = 0.0
        while not await request.is_disconnected():
            event = await run_in_threadpool(subscription.get, 1.0)
            if event is None:
                quiet += 1.0
                if quiet >= KEEPALIVE_SECONDS:
                    quiet = 0.0
                    yield ": keep-alive\n\n"
                continue
            quiet = 0.0
            yield f"event: {event.kind}\ndata: {event.to_json()}\n\n"
    finally:
        subscription.close()


# --- store staff tools ---------------------------------------------------------------------------


@api.get("/products")
def products(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
             k: Annotated[int, Query(ge=1, le=50)] = 10) -> dict:
    """Catalog products by sku or name (then by search)."""
    service = _service(request)
    return {"products": [{"sku": p.sku, "name": p.name, "price": p.final_price,
                          "currency": service.currency(),
                          "in_stock": p.available, "reviews": service.review_count(p.sku)}
                         for p in service.find_products(q, k)]}


@api.get("/products/{sku}/reviews")
def reviews(request: Request, sku: str) -> dict:
    """Each review of a product with the sentiment model's label, and counts per label."""
    return _service(request).review_sentiment(sku).to_dict()


@api.post("/products/{sku}/copy")
def product_copy(request: Request, sku: str) -> dict:
    """Drafts of a description and a marketing line, from the product's facts only."""
    return _service(request).draft_product_copy(sku).to_dict()


@api.get("/analytics")
async def analytics(request: Request) -> dict:
    """Conversations per day and channel, resolution, handoffs, CSAT, intents, knowledge gaps."""
    figures = await run_in_threadpool(_service(request).analytics)
    figures.pop("rows")
    return figures


@api.get("/analytics.csv")
async def analytics_csv(request: Request) -> Response:
    """One row per conversation with its outcome (the definitions are in docs/ANALYTICS.md)."""
    rows = (await run_in_threadpool(_service(request).analytics))["rows"]
    return Response(analytics_table(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="conversations.csv"'})


router.include_router(api)
