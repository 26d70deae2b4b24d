"""A price or stock question that names two or more products ("how much are the hero hoodie and
the chaz kangeroo hoodie", "do you sell jump ropes and foam rollers?"): answered of each product,
from its record. One question of several names is asked of each of them; answering the first
alone leaves the rest unanswered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue import policy
from bot.dialogue.products import product_answers
from bot.dialogue.state import DialogueState
from bot.types import ProductCard, Reply

#: What a question of several products asks of each: its price, its stock, whether it is sold.
_EACH_ASK = re.compile(r"\b(how much|pric\w*|costs?|in stock|available|do (?:you|u|ya) (?:sell|have|carry|stock)|"
                       r"sell)\b", re.I)
#: Most products answered in one reply; more is a search's list, not a question.
_MOST = 4


def asks_each(question: str, products: Sequence[Product]) -> bool:
    """A price or stock question of two or more products of different names."""
    return len({p.name.lower() for p in products}) >= 2 and bool(_EACH_ASK.search(question))


def answer(products: Sequence[Product], question: str, currency: str | None, terms,
           state: DialogueState) -> Reply:
    """Each product's answer to what the question asks of it, in the order named; all of them
    put in view.

    Args:
        products: The products the question names (two or more, of different names).
        question: The shopper's question.
        currency: The store's currency.
        terms: The store's catalog terms (`product_answers.answer` reads them).
        state: The conversation's state: the products answered are shown.
    """
    products = list(products)[:_MOST]
    asked = _asked_of_each(question)
    texts = [product_answers.answer(p, asked, currency, terms).text for p in products]
    state.show([p.sku for p in products])
    return Reply(" ".join(texts), tuple(product_answers.product_citation(p) for p in products),
                 products=tuple(ProductCard.of(p, currency) for p in products), action=policy.PRODUCT_QUESTION)


def _asked_of_each(question: str) -> str:
    """What the question asks of each product, said of "it": the names of the others would read
    as words asked of one ("... and the chaz kangeroo hoodie" asks nothing of the Hero Hoodie),
    and names sharing words ("the stasis ball 55 cm and 65 cm") cannot be taken out apart."""
    if _PRICE_ASK.search(question):
        return "how much is it?"
    if _STOCK_ASK.search(question):
        return "is it in stock?"
    return "do you sell it?"


_PRICE_ASK = re.compile(r"\b(how much|pric\w*|costs?)\b", re.I)
_STOCK_ASK = re.compile(r"\b(in stock|available)\b", re.I)
