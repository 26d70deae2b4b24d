"""The website channel's static face: the chat widget's files and the demo storefront page.

``router`` serves ``/widget.js`` and ``/widget.css`` (what a store embeds with one script tag)
and ``/``, a small Luma storefront that embeds the widget, built from the dialogue service's catalog.
The widget itself talks only to the ``/v1`` chat API.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from kb.types import Product
from bot.types import format_money

STATIC_DIR = Path(__file__).parent / "static"
#: The storefront template's one placeholder, replaced by the product grid.
PRODUCTS_MARK = "{{ products }}"
# Revalidate on every load (the ETag keeps it cheap) so a store sees a new widget at once.
_REVALIDATE = {"Cache-Control": "no-cache"}

router = APIRouter()


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> FileResponse:
    return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript; charset=utf-8",
                        headers=_REVALIDATE)


@router.get("/widget.css", include_in_schema=False)
def widget_css() -> FileResponse:
    return FileResponse(STATIC_DIR / "widget.css", media_type="text/css; charset=utf-8",
                        headers=_REVALIDATE)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def storefront(request: Request) -> HTMLResponse:
    """The demo store's home page: a grid of catalog products and the chat widget."""
    dialogue = request.app.state.dialogue
    return HTMLResponse(render_storefront(dialogue.catalog_products(),
                                          currency=dialogue.currency()))


def render_storefront(products: Sequence[Product], count: int = 12, currency: str = "USD") -> str:
    """The storefront page with ``count`` featured products of the catalog, html-escaped.

    Args:
        products: The store's catalog.
        count: How many product tiles.
        currency: The store's currency (ISO 4217; "" for bare amounts).

    Returns:
        A complete HTML document.
    """
    tiles = "\n".join(_product_tile(p, currency) for p in featured_products(products, count))
    return _template().replace(PRODUCTS_MARK, tiles)


def featured_products(products: Sequence[Product], count: int = 12) -> list[Product]:
    """Up to ``count`` available products, taken in turn from each department ("Women/Tops",
    "Gear/Bags", ...) so that the grid shows the range of the catalog, not 12 hoodies.
    """
    groups: dict[str, list[Product]] = {}
    for product in products:
        if product.available:
            department = "/".join(product.categories[0].split("/")[:2]) if product.categories else ""
            groups.setdefault(department, []).append(product)
    picked: list[Product] = []
    queues = list(groups.values())
    while len(picked) < count and any(queues):
        for queue in queues:
            if queue and len(picked) < count:
                picked.append(queue.pop(0))
    return picked


def _product_tile(product: Product, currency: str) -> str:
    esc = html.escape
    if product.special_price is not None and product.special_price < product.price:
        price = (f'<span class="price price--special">'
                 f'{esc(format_money(product.special_price, currency))}</span> '
                 f'<s class="price price--old">{esc(format_money(product.price, currency))}</s>')
    else:
        price = f'<span class="price">{esc(format_money(product.price, currency))}</span>'
    category = product.categories[0].split("/")[-1] if product.categories else ""
    return (f'<li class="tile" data-sku="{esc(product.sku)}">'
            f'<div class="tile__image" aria-hidden="true">{esc(_initials(product.name))}</div>'
            f'<p class="tile__category">{esc(category)}</p>'
            f'<h3 class="tile__name">{esc(product.name)}</h3>'
            f'<p class="tile__price">{price}</p></li>')


def _initials(name: str) -> str:
    letters = [word[0] for word in name.split() if word[:1].isalnum()]
    return "".join(letters[:2]).upper()


@cache
def _template() -> str:
    return (STATIC_DIR / "storefront.html").read_text(encoding="utf-8")
