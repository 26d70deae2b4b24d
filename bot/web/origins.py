"""Whether a browser request comes from a page of this service: its Origin names our host.

A cookie is the browser's credential, sent whichever page made the request. Browsers name that
page in ``Origin`` on every WebSocket handshake and every POST; other clients (an API client, a
store's server, the platforms' webhooks) send none. So a cookie counts only where the request
has no Origin or one of our own: a WebSocket has no CORS to keep another site's page out, and
a sibling subdomain is "same-site", so SameSite=Strict still sends our cookies from it.

Host names are compared without ports: a proxy that passes ``Host: $host`` drops the port the
page was served on. ``X-Forwarded-Host`` (a proxy's) counts too; no browser page can set it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import HTTPConnection


def foreign_origin(connection: HTTPConnection) -> bool:
    """True when the request names a page of another host (or an opaque "null" one)."""
    origin = connection.headers.get("origin")
    if origin is None:
        return False
    try:
        page = urlsplit(origin.strip())
        page_host = (page.hostname or "").casefold()
    except ValueError:  # a malformed port or bracket: no page of ours
        return True
    if page.scheme not in ("http", "https") or not page_host:
        return True
    ours = {_host_name(connection.headers.get(name, ""))
            for name in ("host", "x-forwarded-host")} - {""}
    return page_host not in ours


def _host_name(header: str) -> str:
    """"Shop.example.com:8443" -> "shop.example.com"; "[::1]:8000" -> "::1" (first of a list)."""
    first = header.split(",")[0].strip()
    try:
        return (urlsplit(f"//{first}").hostname or "").casefold()
    except ValueError:
        return ""
