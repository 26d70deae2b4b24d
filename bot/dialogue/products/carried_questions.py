"""A product question carried over to where a short follow-up points: "ok and the other one?"
after "does the hero one come in green?" asks the other product in view whether it comes in
green (not its price); "actually make it the large" right after a search for one named product
asks that product for the large (not a new search in size L).

Both read only the shape of the message (a pointer or a size, nothing asked of its own), never
a store's wording, so they hold for any catalog.
"""

from __future__ import annotations

import re

from kb import Product

from bot.dialogue import cues
from bot.dialogue.products import product_specs
from bot.dialogue.products.catalog_terms import THE_SIZE

# "the other one", "the cheaper one", "the second": the words that only point at a product in view
_POINTER = re.compile(r"\b(?:the\s+)?(?:other|another|cheaper|cheapest|pricier|priciest|more expensive|"
                      r"first|second|third|last)(?:\s+(?:one|ones|item|product))?\b", re.I)
# Words that ask nothing of their own around a pointer ("ok and what about the other one?")
_NOTHING_ASKED = cues.NO_ASK | frozenset("the one ones what about how and or then same for it".split())
# "make it the large", "make that a medium", "change it to xl": a size put in place of the last one
_MAKE_IT = re.compile(r"\b(?:make|change|switch)\s+(?:it|that|this)\b", re.I)


def points_only(text: str) -> bool:
    """True for a follow-up that only points at a product in view ("ok and the other one?"),
    asking nothing of its own: the last question is what it asks."""
    if not _POINTER.search(text):
        return False
    rest = _POINTER.sub(" ", text)
    return all(word in _NOTHING_ASKED for word in re.findall(r"[a-z']+", rest.lower()))


def asked_of(asked: str, before: Product | None) -> str:
    """The last question, asked again of another product: without the name of the product it
    was asked of and without its pointer ("does the cheaper one come in black" -> "does it
    come in black")."""
    if before is not None:
        asked = product_specs.without_name(asked, before)
    return re.sub(r"\s+", " ", _POINTER.sub(" it ", asked)).strip()


def size_of_named(text: str, sizes: tuple[str, ...], focus: str, in_view: list[str], searched: bool) -> bool:
    """True when a message puts a size in place after a search that found the one product the
    shopper named ("do u have the bella tank in black" then "actually make it the large"): that
    product's size, not a new limit on the search. ``focus`` is the product in focus, ``in_view``
    the products shown, ``searched`` whether the last act was that search."""
    if not (searched and (sizes or THE_SIZE.search(text)) and focus and in_view and in_view[0] == focus):
        return False
    return bool(_MAKE_IT.search(text) or (cues.CORRECTION.search(text) and THE_SIZE.search(text)))
