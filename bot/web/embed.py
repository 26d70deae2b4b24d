"""The widget on a shop's own site while the service runs on another: a frame of ours.

A shop embeds the widget with the same one tag on its own pages (``www.shop.example``) while
ShopDesk answers at another origin (``chat.shop.example``, or another site altogether). There
the widget's cookie cannot carry the conversation: it is SameSite=Strict, which a page of
another site never sends (and browsers drop third-party cookies anyway), and the API has no
CORS, so another origin's page cannot call it at all. So on such a page `/widget.js` only adds
a frame of ``/embed``, a page of the service: inside it the widget talks to its own origin,
keeps the conversation's token in the frame's own storage and sends it as a bearer token. The
shop's page can neither read that storage nor the conversation (the frame is another origin),
and tells the frame nothing but "open" and "close".

Who may frame ``/embed`` is the setting ``SHOPDESK_EMBED_ORIGINS`` (the shops' origins), sent
as CSP ``frame-ancestors``: the browser refuses to show the frame inside any other page, so no
other site can get at a conversation through it (a page could otherwise load the frame, whose
storage holds the token, and drive it with clicks it hides).
"""

from __future__ import annotations

import html
import re
from functools import cache
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bot.settings import SettingsError
from bot.web.widget import STATIC_DIR

#: The embed page's one placeholder: the listed shops' origins, for the frame's links.
ORIGINS_MARK = "{{ shop_origins }}"
_DEFAULT_PORTS = {"http": 80, "https": 443}
# A host name or an IP address (IPv6 without its brackets): nothing a policy could read as more
_HOST = re.compile(r"[a-z0-9.-]+|[0-9a-f:.]+", re.IGNORECASE)

router = APIRouter()


def embed_origins(text: str, key: str) -> tuple[str, ...]:
    """The shops' origins a setting lists ("https://www.shop.example, http://localhost:8080"),
    each as browsers write an origin (lower case, no default port).

    Raises:
        SettingsError: an entry is not a plain http(s) origin (a path, a wildcard, a user...);
            the message names ``key``.
    """
    origins = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        try:
            parts = urlsplit(entry)
            host, port = parts.hostname or "", parts.port
        except ValueError:
            host, port, parts = "", None, None
        if (parts is None or parts.scheme not in _DEFAULT_PORTS or not _HOST.fullmatch(host)
                or parts.username is not None or parts.path not in ("", "/")
                or parts.query or parts.fragment):
            raise SettingsError(f"{key}: {entry!r} is not an origin like https://www.shop.example")
        shown = f"[{host}]" if ":" in host else host
        if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
            shown = f"{shown}:{port}"
        origins.append(f"{parts.scheme}://{shown}")
    return tuple(dict.fromkeys(origins))


def frame_policy(origins: tuple[str, ...]) -> str:
    """The embed page's Content-Security-Policy: framed only by our pages and the listed shops,
    its scripts only ours."""
    ancestors = " ".join(("'self'", *origins))
    return (f"frame-ancestors {ancestors}; script-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'")


@router.get("/embed", response_class=HTMLResponse, include_in_schema=False)
def embed_page(request: Request) -> HTMLResponse:
    """The widget alone, for a frame on a listed shop's page (`bot/web/static/widget.js` adds
    it there)."""
    origins: tuple[str, ...] = getattr(request.app.state, "embed_origins", ())
    page = _template().replace(ORIGINS_MARK, html.escape(" ".join(origins)))
    return HTMLResponse(page, headers={"Content-Security-Policy": frame_policy(origins),
                                       "Cache-Control": "no-cache",
                                       "Referrer-Policy": "strict-origin-when-cross-origin"})


@cache
def _template() -> str:
    return (STATIC_DIR / "embed.html").read_text(encoding="utf-8")
