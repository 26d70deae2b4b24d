"""The widget's files and the demo storefront, served by ``bot.web.widget.router`` (no models loaded)."""

import html
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.web.widget import featured_products, render_storefront, router
from kb.types import Product


@pytest.fixture(scope="module")
def client(demo_kb):
    app = FastAPI()
    app.include_router(router)
    app.state.dialogue = SimpleNamespace(catalog_products=lambda: demo_kb.products,
                                         currency=lambda: demo_kb.currency or "")
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("path,content_type,marker", [
    ("/widget.js", "text/javascript", "/v1/chat/stream"),
    ("/widget.css", "text/css", ".shopdesk-panel"),
])
def test_widget_files_are_served_with_their_content_type(client, path, content_type, marker):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert marker in response.text


def test_widget_never_writes_markup_from_strings():
    from bot.web.widget import STATIC_DIR

    source = (STATIC_DIR / "widget.js").read_text()
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source


def test_storefront_embeds_the_widget_and_shows_real_products(client, demo_kb):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<script src="/widget.js"' in page
    shown = [p for p in demo_kb.products if f">{html.escape(p.name)}</h3>" in page]
    assert len(shown) == 12
    assert f"${shown[0].price:.2f}" in page
    assert "Luma" in page and "magento2-sample-data" in page  # the data's attribution


def test_featured_products_span_departments_and_skip_sold_out(demo_kb):
    picked = featured_products(demo_kb.products, 12)
    assert len(picked) == 12 and all(p.available for p in picked)
    assert {p.categories[0].split("/")[0] for p in picked} >= {"Women", "Men", "Gear"}


def test_storefront_escapes_product_text():
    hostile = Product(sku="X1", name='<script>alert("x")</script> Tee', description="",
                      price=10.0, special_price=8.0, categories=("Women/Tops/Tees",))
    page = render_storefront((hostile,))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tee" in page
    assert "$8.00" in page and "<s " in page  # special price, old price struck through


def test_storefront_prices_in_the_stores_currency():
    lamp = Product(sku="L1", name="Desk Lamp", description="", price=49.0,
                   categories=("Lighting/Lamps",), qty=3, in_stock=True)
    page = render_storefront((lamp,), currency="EUR")
    assert "€49.00" in page and "$49.00" not in page
