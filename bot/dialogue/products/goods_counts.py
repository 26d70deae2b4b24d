"""How many goods of a kind a store sells ("how many cheeses do u guys have", "how many drills do
u carry"), counted over the whole catalog: a search's first four cards, or "I don't know", count
nothing.

The goods of the kind are those whose name holds its word ("Cordless Drill 18V", "Hammer Drill
1/2-inch"), else those the catalog names or files as the kind (`CatalogTerms.is_kind`: a name's
last word, a category, a category's described kinds). Where a category's shared line lists
several kinds ("Beverages: Soft drinks, coffees, teas, beers, and ales."), its products are not
each a tea: the reply counts that category and quotes its line, never "9 teas".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue.products.catalog_terms import AskedKind, CatalogTerms, stem

# "how many cheeses do u guys have", "how many kinds of vegetables have you got", "how many
# drills are there"; not "how many days do i have to return it" (no goods), nor a count of one
# product in stock (the caller leaves a named product to the product's answer).
_ASKS = re.compile(
    r"\bhow\s+many\s+(?:(?:different\s+)?(?:kinds?|types?|sorts?|varieties|styles?|models?)\s+of\s+|different\s+)?"
    r"(?P<kind>[^\W\d_][\w' -]{1,40}?)\s+(?:"
    r"(?:do|does)\s+(?:you|u|ya|y'?all|you\s+guys|u\s+guys|the\s+(?:store|shop))\s+(?:\w+\s+)?"
    r"(?:have|got|sell|carry|stock|offer)"
    r"|(?:have|got)\s+(?:you|u|ya)\s+got|(?:are|r)\s+there|(?:are|r)\s+(?:you|u)\s+(?:selling|carrying|stocking)"
    r"|(?:are|r)\s+(?:for\s+sale|on\s+sale|available|in\s+stock))\b", re.I)
#: Goods named in the reply; the rest are counted ("and 4 more").
LISTED = 8
_WORD = re.compile(r"[a-z][a-z-]{2,}")


def asked(text: str) -> str | None:
    """The goods a "how many ... do you have" message counts ("cheeses"), or None."""
    match = _ASKS.search(text)
    return match.group("kind").strip() if match else None


def counted(products: Sequence[Product], terms: CatalogTerms, kind: AskedKind) -> list[Product]:
    """The catalog's goods of the kind: named with its word, else named or filed as it."""
    head = stem(kind.head)
    named = [p for p in products if head in {stem(w) for w in _WORD.findall(p.name.lower())}]
    return named or [p for p in products if terms.is_kind(p, kind)]


def shared_line(goods: Sequence[Product]) -> str | None:
    """The line every one of the goods holds that lists several kinds under their category's
    name ("Beverages: Soft drinks, coffees, teas, beers, and ales."), or None."""
    if not goods:
        return None
    lines = [{line.strip() for line in p.description.splitlines() if line.strip()} for p in goods]
    for line in sorted(set.intersection(*lines)):
        label, colon, listed = line.partition(":")
        if colon and any(label.strip().lower() == part.strip().lower()
                         for p in goods for path in p.categories for part in path.split("/")) \
                and re.search(r",|\band\b|\bor\b", listed):
            return line
    return None


def reply_text(kind: AskedKind, goods: Sequence[Product], price_text) -> str:
    """The count and the goods, named with their prices (``price_text(product)``)."""
    names = ", ".join(f"{p.name} ({price_text(p)})" for p in goods[:LISTED])
    more = f", and {len(goods) - LISTED} more" if len(goods) > LISTED else ""
    line = shared_line(goods)
    if line and not any(stem(kind.head) in {stem(w) for w in _WORD.findall(p.name.lower())} for p in goods):
        label = line.partition(":")[0].strip()
        return (f"I can't count the {_plural(kind.phrase)} on their own: our {label} "
                f"(\"{line.rstrip('.')}\") are {len(goods)} products: {names}{more}.")
    if len(goods) == 1:
        return f"We have one: {names}."
    return f"We have {len(goods)} {_plural(kind.phrase)}: {names}{more}."


def _plural(phrase: str) -> str:
    return phrase if phrase.endswith("s") else phrase + "s"
