"""Which pages a browser request comes from: ours (or no browser's), or another site's."""

from __future__ import annotations

import pytest
from starlette.requests import HTTPConnection

from bot.web.origins import foreign_origin


def _request(**headers: str) -> HTTPConnection:
    return HTTPConnection({"type": "http", "headers": [
        (name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]})


@pytest.mark.parametrize("headers", [
    {"host": "shop.example.com"},  # no Origin: not a browser's cross-site request
    {"host": "shop.example.com", "origin": "https://shop.example.com"},
    {"host": "Shop.Example.com", "origin": "https://shop.example.com:8443"},  # proxy dropped port
    {"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000"},
    {"host": "[::1]:8000", "origin": "http://[::1]:8000"},
    {"host": "app:8000", "x_forwarded_host": "shop.example.com", "origin": "https://shop.example.com"},
])
def test_our_own_pages_and_clients_without_a_browser(headers):
    assert not foreign_origin(_request(**headers))


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://shop.example.com.evil.example",
                                    "https://evil.shop.example.com", "file:///tmp/x.html",
                                    "http://[bad", ""])
def test_another_sites_page_or_an_opaque_origin(origin):
    assert foreign_origin(_request(host="shop.example.com", origin=origin))
