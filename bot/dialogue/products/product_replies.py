"""The reply to a product search: the cards found, with the constraints honoured, or a plain
"we don't sell that" followed by the closest real alternatives, labelled as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kb import Product

from bot.dialogue import policy, written_replies
from bot.dialogue.products import goods_counts
from bot.dialogue.products.catalog_terms import AskedKind, stem
from bot.dialogue.products.search import StoreSearch, in_colors
from bot.dialogue.turn import Turn
from bot.types import ProductCard, Reply

#: Cards shown as "the closest we have" after saying the store does not sell the kind asked for.
ALTERNATIVES = 3
#: "the cheapest barcode scanner", "your most expensive sofa": a kind, ordered by price.
SUPERLATIVE = re.compile(r"\b(?:(cheapest|least expensive|lowest[- ]priced|cheapest priced)|"
                         r"(most expensive|priciest|highest[- ]priced|top of the range))\b", re.I)


def search_reply(search: StoreSearch, turn: Turn) -> Reply:
    """Search the catalog for the turn's message and write the reply (cards named with their
    prices, in the store's currency)."""
    entities = turn.nlu.entities
    price = entities.price_range
    query = search.query(turn.text, price.min if price else None, price.max if price else None,
                         entities.colors)
    # a message naming one of the store's products asks for goods the store sells, unless the
    # name is only the use of the kind asked for ("bike helmets" where a road bike is sold)
    unsold = search.unsold(turn.text)
    if unsold is not None and any(stem(unsold.head) in {stem(w) for w in m.text.lower().split()}
                                  for m in entities.products):
        unsold = None
    if unsold is None and (count := _count(search, turn.text)) is not None:
        return count  # "how many cheeses do u guys have": the catalog's count, not four cards
    superlative = SUPERLATIVE.search(turn.text)
    products = search.products(replace(query, limit=40) if superlative else query)
    if superlative and unsold is None and (ranked := _by_price(search, turn.text, products,
                                                                bool(superlative.group(2)))):
        turn.retrieval_s = search.seconds
        turn.show(ranked)
        currency = search.kb.currency
        which = "most expensive" if superlative.group(2) else "cheapest"
        others = ", ".join(f"{p.name} ({written_replies.price_text(p, currency)})" for p in ranked[1:])
        return Reply(f"The {which} I found is the {ranked[0].name} at "
                     f"{written_replies.price_text(ranked[0], currency)}." +
                     (f" Next: {others}." if others else ""),
                     products=tuple(ProductCard.of(p, currency) for p in ranked),
                     action=policy.PRODUCT_SEARCH)
    products = products[:query.limit]
    kind = search.terms.asked_kind(turn.text)
    if kind is not None and unsold is None:
        # "floodlights under 60": the floodlights found, not the panels that share some words
        products = of_kind(search, products, kind) or products
    turn.retrieval_s = search.seconds
    currency = search.kb.currency
    names = lambda found: ", ".join(f"{p.name} ({written_replies.price_text(p, currency)})" for p in found)
    if unsold is not None:
        found = products[:ALTERNATIVES]
        turn.show(found)
        text = f"Sorry, we don't sell {_plural(unsold.phrase)}."
        if found:
            text += f" The closest things we have, though not the same: {names(found)}."
        return Reply(text, products=tuple(ProductCard.of(p, currency) for p in found),
                     action=policy.PRODUCT_SEARCH)
    if (query.max_price is not None or query.min_price is not None) and not query.colors and \
            (beyond := _kind_beyond_price(search, query, products)):
        # "floodlights under 40": the store sells them, none at that price; say so, and show
        # the nearest in price rather than other kinds as if they matched
        turn.show(beyond)
        limit = (f"under {written_replies.money(query.max_price, currency)}" if query.max_price is not None
                 else f"over {written_replies.money(query.min_price, currency)}")
        kind = search.terms.asked_kind(turn.text)
        return Reply(f"I couldn't find any {_plural(kind.phrase)} {limit}. The nearest in price: "
                     f"{names(beyond)}.", products=tuple(ProductCard.of(p, currency) for p in beyond),
                     action=policy.PRODUCT_SEARCH)
    if not products:
        wanted = ", ".join(query.sizes + query.materials)
        return Reply("I couldn't find products matching that" + (f" in {wanted}" if wanted else "")
                     + ". Could you describe it differently?", action=policy.PRODUCT_SEARCH)
    turn.show(products)
    if query.colors and not any(in_colors(p, query.colors) for p in products):
        # say the colour was not found rather than show other colours as if they matched
        colours = " or ".join(c.lower() for c in query.colors)
        return Reply(f"I couldn't find any in {colours}. Here is what we have instead: {names(products)}.",
                     products=tuple(ProductCard.of(p, currency) for p in products),
                     action=policy.PRODUCT_SEARCH)
    # "camp chairs in blue?": the colour found is said, not left for the cards to show
    coloured = " in " + " or ".join(c.lower() for c in query.colors) if query.colors else ""
    return Reply(f"Here is what I found{coloured}: {names(products)}. Ask me about any of them.",
                 products=tuple(ProductCard.of(p, currency) for p in products),
                 quick_replies=(f"Tell me about the {products[0].name}",),
                 action=policy.PRODUCT_SEARCH)


def _count(search: StoreSearch, text: str) -> Reply | None:
    """How many goods of the kind asked the store sells (`goods_counts`), or None: no count asked,
    or none of the kind."""
    asked = goods_counts.asked(text)
    kind = search.terms.asked_kind(asked) if asked else None
    goods = goods_counts.counted(search.kb.products, search.terms, kind) if kind else []
    if not goods:
        return None
    currency = search.kb.currency
    text = goods_counts.reply_text(kind, goods, lambda p: written_replies.price_text(p, currency))
    return Reply(text, products=tuple(ProductCard.of(p, currency) for p in goods[:4]),
                 action=policy.PRODUCT_SEARCH)


def _by_price(search: StoreSearch, text: str, products: list, descending: bool) -> list:
    """The priced products of the kind asked for, by price (at most four): a product priced on
    request is never the cheapest."""
    kind = search.terms.asked_kind(text)
    of_the_kind = of_kind(search, products, kind) if kind is not None else products
    # named as the kind ("Compact Writing Desk") before filed under it ("Desk Lamps")
    named = [p for p in of_the_kind if kind is not None and stem(_name_words(p)[-1:][0] if _name_words(p) else "")
             == stem(kind.head)]
    priced = sorted((p for p in named or of_the_kind if p.final_price > 0), key=lambda p: p.final_price,
                    reverse=descending)
    return priced[:4]


def _kind_beyond_price(search: StoreSearch, query, found: list) -> list:
    """The products of the kind a search asks for, nearest the price limit first (at most
    three), when the store sells that kind but none within the limit; empty otherwise."""
    kind = search.terms.asked_kind(query.text)
    if kind is None or of_kind(search, found, kind):
        return []
    unlimited = search.products(replace(query, min_price=None, max_price=None, limit=40))
    priced = [p for p in of_kind(search, unlimited, kind) if p.final_price > 0]
    target = query.max_price if query.max_price is not None else query.min_price
    return sorted(priced, key=lambda p: abs(p.final_price - target))[:ALTERNATIVES]


def of_kind(search: StoreSearch, products: Sequence[Product], kind: AskedKind) -> list[Product]:
    """The products of the kind asked for: named or filed so (`CatalogTerms.is_kind`), else
    those whose name holds the kind's word ("Teatime Chocolate Biscuits" for "chocolate under
    15", where no name ends with it); empty when none is. A price cap then keeps goods of the
    kind, never a lager that shares the price."""
    strict = [p for p in products if search.terms.is_kind(p, kind)]
    head = stem(kind.head)
    return strict or [p for p in products if head in {stem(w) for w in _name_words(p)}]


def _name_words(product) -> list[str]:
    return re.findall(r"[a-z][a-z-]{2,}", re.sub(r"\(.*?\)", " ", product.name.lower()))


def _plural(phrase: str) -> str:
    return phrase if phrase.endswith("s") else phrase + "s"
