"""A product's warranty from the store's pages when its record states none.

Shops write warranties once, per kind of goods ("power tools are covered for 3 years", "frames
carry a lifetime warranty; components, clothing and accessories are covered for one year"),
not on each product. "whats the warranty on an impact driver" finds no warranty in the Impact
Driver's record; the page's rule for its kind answers it.
"""

from __future__ import annotations

import re

from kb import KnowledgeBase, Product

from bot.dialogue import policy, written_replies
from bot.dialogue.products import product_answers, product_specs
from bot.dialogue.products.goods_kinds import category_parts
from bot.dialogue.products.search import StoreSearch
from bot.types import Reply

_WARRANTY = re.compile(r"\b(?:warrant\w*|guarantee\w*|covered)\b", re.I)


def page_warranty(search: StoreSearch, kb: KnowledgeBase, product: Product, question: str) -> Reply | None:
    """The store pages' warranty sentences for the product's kind, when the question asks its
    warranty and its record states none; None otherwise (or when no page speaks of one)."""
    if product_specs.asked_specs(product, question):
        return None
    measures = product_specs.asked_measures(question, product)
    if not measures or measures[0].name != "warranty":
        return None
    kinds = category_parts(product.categories)
    asked = f"{question} ({', '.join(kinds)})" if kinds else question
    facts = [f for f in search.knowledge(asked) if _WARRANTY.search(f.text)]
    if not facts:
        return None
    said = " ".join(f.text for f in facts)
    cites = [product_answers.product_citation(product)]
    for fact in facts:
        try:
            cites.append(written_replies.citation(kb.passage(fact.id)))
        except KeyError:
            continue
    return Reply(f"The {product.name}'s details don't state a warranty. Our store's warranty says: {said}",
                 tuple(cites), action=policy.PRODUCT_QUESTION)
