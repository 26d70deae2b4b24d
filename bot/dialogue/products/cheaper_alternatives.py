"""A cheaper one than the product just answered: "is there a cheaper one", "anything cheaper?",
"do you have something less expensive". The products filed under the same category as the one in
focus that cost less, nearest in price first, from the catalog of any store (no store's words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue import policy, written_replies
from bot.types import ProductCard, Reply

#: How many cheaper products a reply shows.
SHOWN = 3
# Asking for another, cheaper product, not pointing at one in view ("the cheaper one", "which is
# cheaper"): "is there a cheaper one", "any cheaper?", "something less expensive", "cheaper options"
_ANOTHER_CHEAPER = re.compile(
    r"\b(?:is there|are there|do you have|have you got|got|any|anything|something|a|some|other)\s+"
    r"(?:\w+\s+)?(?:cheaper|less expensive|more affordable|lower[- ]priced)\b"
    r"|\b(?:cheaper|less expensive|more affordable)\s+(?:options?|alternatives?|versions?|ones|models?)\b"
    r"|^\W*(?:and\s+)?(?:any(?:thing)?\s+)?cheaper\W*$", re.I)


def asks(text: str) -> bool:
    """Whether a message asks for another product that costs less than the one in focus."""
    return bool(_ANOTHER_CHEAPER.search(text)) and not re.search(r"\bthe (?:\w+ )?cheaper\b", text, re.I)


def cheaper_than(product: Product, catalog: Sequence[Product]) -> list[Product]:
    """The products sharing a category with ``product`` that cost less (priced ones only), the
    nearest in price first, at most `SHOWN`."""
    kinds = set(product.categories)
    if not kinds or product.final_price <= 0:
        return []
    found = [p for p in catalog if p.sku != product.sku and kinds & set(p.categories)
             and 0 < p.final_price < product.final_price and p.in_stock]
    return sorted(found, key=lambda p: -p.final_price)[:SHOWN]


def reply(product: Product, catalog: Sequence[Product], currency: str | None) -> Reply:
    """The cheaper products of the same kind, or that there is none cheaper."""
    if product.final_price <= 0:  # nothing to compare against: "lowest-priced" would be made up
        return Reply(f"The {product.name} has no listed price to compare with others.",
                     action=policy.PRODUCT_SEARCH)
    found = cheaper_than(product, catalog)
    price = written_replies.price_text(product, currency)
    if not found:
        if _cheaper_sold_out(product, catalog):
            return Reply(f"Nothing of its kind that costs less than the {product.name} ({price}) is in stock.",
                         action=policy.PRODUCT_SEARCH)
        return Reply(f"The {product.name} ({price}) is the lowest-priced of its kind we have.",
                     action=policy.PRODUCT_SEARCH)
    names = ", ".join(f"{p.name} ({written_replies.price_text(p, currency)})" for p in found)
    return Reply(f"Cheaper than the {product.name} ({price}): {names}. Ask me about any of them.",
                 products=tuple(ProductCard.of(p, currency) for p in found),
                 quick_replies=(f"Tell me about the {found[0].name}",),
                 action=policy.PRODUCT_SEARCH)


def _cheaper_sold_out(product: Product, catalog: Sequence[Product]) -> bool:
    """Whether a product of its kind costs less but is out of stock (so it isn't the cheapest)."""
    kinds = set(product.categories)
    return any(p.sku != product.sku and kinds & set(p.categories) and 0 < p.final_price < product.final_price
               for p in catalog)
