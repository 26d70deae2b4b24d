"""The embed page's rules, without a browser: which shops may frame it (CSP frame-ancestors),
what the setting accepts, and that the page runs only our script."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from bot.settings import Settings, SettingsError
from bot.web.app import create_app
from bot.web.embed import embed_origins

KEY = "SHOPDESK_EMBED_ORIGINS"


def _embed(origins: str):
    app = create_app(replace(Settings.from_env(), embed_origins=origins))
    return TestClient(app).get("/embed")  # (no lifespan: the page needs no models)


def test_only_the_listed_shops_and_our_own_pages_may_frame_the_widget():
    page = _embed("https://www.shop.example, http://localhost:8080")
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'self' https://www.shop.example http://localhost:8080;" in policy
    assert "script-src 'self'" in policy
    assert 'data-shopdesk-frame data-shop-origins="https://www.shop.example http://localhost:8080"' \
        in page.text
    nobody = _embed("").headers["content-security-policy"]
    assert "frame-ancestors 'self';" in nobody


def test_origins_are_written_as_browsers_write_them():
    assert embed_origins("HTTPS://Shop.Example:443/, http://localhost:8080,https://shop.example",
                         KEY) == ("https://shop.example", "http://localhost:8080")
    assert embed_origins("http://[::1]:3000", KEY) == ("http://[::1]:3000",)
    assert embed_origins(" , ", KEY) == ()


@pytest.mark.parametrize("entry", ["*", "https://*.shop.example", "shop.example",
                                   "https://shop.example/page", "javascript:alert(1)",
                                   "https://user@shop.example", "https://shop.example?x=1",
                                   "https://shop.example; script-src *", "https://shop.example;x",
                                   "https://sh\u00f6p.example", "https://shop.example:99999"])
def test_anything_but_a_plain_origin_is_refused_naming_the_setting(entry):
    with pytest.raises(SettingsError, match=KEY):
        embed_origins(entry, KEY)
