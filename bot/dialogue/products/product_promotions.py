"""The store's promotions a question about a sale may mean for one product."""

from __future__ import annotations

import re
from datetime import date

from kb import KnowledgeBase, Product
from kb.promotions import Promotion

from bot.dialogue.products.catalog_terms import stem

#: A question about a sale, a promotion or a discount.
SALE_ASK = re.compile(r"\b(sales?|on sale|promo\w*|discount\w*|deals?|offers?|coupons?|\d+ ?% off)\b", re.I)


def promotions_for(kb: KnowledgeBase, product: Product, question: str, day: date) -> list[Promotion]:
    """The store's promotions running on ``day`` that a question about a sale may mean for a
    product: those limited to its sku, or whose title names its kind (a word of its name's
    last words or of its categories: "20% off all Women's and Men's Pants" for leggings filed
    under Pants). Empty unless the question asks about a sale."""
    if kb.promotions is None or not SALE_ASK.search(question):
        return []
    kinds = {stem(w) for w in re.findall(r"[a-z]{3,}", " ".join(product.categories).lower())}
    kinds |= {stem(w) for w in re.findall(r"[a-z]{3,}", product.name.lower())[-2:]}
    kinds -= {stem(w) for w in ("men", "women", "gear", "collections", "promotions", "new", "sale")}
    found = []
    for promotion in kb.promotions.current(day).all():
        title = {stem(w) for w in re.findall(r"[a-z]{3,}", promotion.name.lower())}
        if product.sku in promotion.skus or (not promotion.skus and kinds & title):
            found.append(promotion)
    return found
