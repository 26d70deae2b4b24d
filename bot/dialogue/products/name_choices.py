"""A product named by words that several of the store's names hold ("how much is the
trailmaster" with a TrailMaster tent and a TrailMaster pack, "the 10 inch miter saw" with three
of them): each is answered, so the shopper sees the choice rather than one picked for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue.products.catalog_terms import stem
from bot.dialogue.products.product_answers import stop_word

#: More products than this holding the words is a search's work, not a choice between names.
MOST = 4
_TOKEN = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return [stem(w) for w in _TOKEN.findall(text.lower())]


def _as_named(word: str, known: set[str]) -> str:
    """The name word a bare number stands for when one name word is that number with a unit
    ("the halo 100" says the "100w" of "Halo 100W"); else the word itself."""
    if word.isdigit() and word not in known:
        units = [k for k in known if re.fullmatch(rf"{word}[a-z]+", k)]
        if len(units) == 1:
            return units[0]
    return word


def fitting(catalog: Sequence[Product], text: str) -> list[Product]:
    """The products (2 to `MOST`) whose names hold every word of the longest run of the
    message's words that names hold; empty when the run is one product's whole name ("the
    handheld flashlight", though longer names hold it too), fits one, none or too many."""
    names = [(p, set(_words(p.name))) for p in catalog]
    known = set().union(*(words for _, words in names)) if names else set()
    runs, run = [], []
    for word in (_as_named(w, known) for w in _words(text)):
        if word in known and not stop_word(word):
            run.append(word)
        else:
            runs, run = runs + [run], []
    runs.append(run)
    words = max(runs, key=len)
    if not any(len(w) > 2 and w.isalpha() for w in words):
        return []
    fits = [p for p, held in names if set(words) <= held]
    if not 2 <= len(fits) <= MOST or any(held == set(words) for p, held in names if p in fits):
        return []
    return fits
