"""A bigger or smaller one of the product just answered, where the catalog sells each size as a
product of its own ("Curvy Monitor (24 inch)" and "(27 inch)", "Hard Drive (1TB)" to "(6TB)"):
"does it come in a bigger size", "is there a smaller one". Siblings are told by their names alone
(the same words once the measures are left out), so any store's catalog reads the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue import policy, written_replies
from bot.dialogue.products import product_answers
from bot.types import ProductCard, Reply

_BIGGER = re.compile(r"\b(bigger|larger|more (?:storage|memory|space|capacity))\b", re.I)
_SMALLER = re.compile(r"\b(smaller|less (?:storage|memory|space|capacity))\b", re.I)
# A measure in a name: "24 inch", "1TB", "60x60", "16GB" (a number and the unit word after it)
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?(?:\s*x\s*\d+(?:[.,]\d+)?)?\s*[a-z]{0,6}\b", re.I)
_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)", re.I)


def _base(name: str) -> str:
    """The name's words without its measures: "curvy monitor" of "Curvy Monitor (24 inch)"."""
    return " ".join(re.findall(r"[a-z]+", _MEASURE.sub(" ", name.lower())))


def _size(name: str) -> float | None:
    """How big the name says the product is: its first measure (an area for "60x60")."""
    if area := _AREA.search(name):
        return float(area.group(1)) * float(area.group(2))
    number = re.search(r"\d+(?:\.\d+)?", name)
    return float(number.group()) if number else None


def next_size(product: Product, catalog: Sequence[Product], question: str) -> Product | None:
    """The product of the same name one size up (or down, as asked), or None: nothing asked,
    a product with sizes of its own (its variants answer), or no such sibling."""
    up, down = _BIGGER.search(question), _SMALLER.search(question)
    if bool(up) == bool(down) or product.sizes:
        return None
    base, size = _base(product.name), _size(product.name)
    if not base or size is None:
        return None
    siblings = [(s, p) for p in catalog if p.sku != product.sku and _base(p.name) == base
                and (s := _size(p.name)) is not None and (s > size if up else s < size)]
    if not siblings:
        return None
    # the nearest size; of two that near, the one keeping the product's other measures ("8GB")
    kept = lambda p: len(set(_measures(p.name)) & set(_measures(product.name)))
    nearest = min(abs(s - size) for s, _ in siblings)
    return max((p for s, p in siblings if abs(s - size) == nearest), key=lambda p: (kept(p), -p.final_price))


def _measures(name: str) -> list[str]:
    return [m.group().replace(" ", "").lower() for m in _MEASURE.finditer(name)]


def reply(product: Product, sibling: Product, currency: str | None) -> Reply:
    """The sibling named with its price and stock, as the next size up or down."""
    way = "up" if _size(sibling.name) > _size(product.name) else "down"
    stock = "in stock" if sibling.in_stock else "out of stock"
    return Reply(f"The next size {way} is the {sibling.name}: {written_replies.price_text(sibling, currency)}, "
                 f"{stock}.", (product_answers.product_citation(sibling),),
                 products=(ProductCard.of(sibling, currency),), action=policy.PRODUCT_QUESTION)
