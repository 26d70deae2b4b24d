"""The kinds of goods a catalog names in its descriptions, not in its names or categories.

Some stores name a kind only in words of description: a category described as "Dairy
Products: Cheeses." (a converter copies the category's description into each of its products),
or one product described as "Four person modern office workstation". A shopper asking for
"cheeses" or "workstations" there asks for goods the store sells, and the reply that shows
them must not open with "we don't sell cheeses". Only a description's words that say what the
goods are count, never every word of a description ("a grater for grating cheese" sells no
cheese).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

_WORD = re.compile(r"[a-z][a-z'-]*")
#: A category needs this many products before a line all of them hold is its description.
_MIN_CATEGORY = 3
#: "Dairy Products: Cheeses." / "Grains/Cereals: Breads, crackers, pasta, and cereal."
_LABELLED = re.compile(r"^\s*(?P<label>[^:\n]{2,60}):\s*(?P<kinds>[^:\n]+?)\.?\s*$")
#: Words of a list that join or qualify, never a kind.
_JOINERS = frozenset("and or the a an of with for in on to from by".split())
#: Where the first sentence of a description stops saying what the product is ("... is a
#: handy kitchen tool for grating cheese": a tool).
_CLAUSE_END = re.compile(r",|;|:|\(| (?:with|for|that|which|known|designed|made|to|from|by|in|on|and)\b", re.I)
#: "Reference: FURN_7777", "Weight: 0.33 kg", "<div>": a labelled field or markup, not a name.
_LABEL_OPENER = re.compile(r"^\s*(?:<|(?:[\w-]+\s+){0,2}[\w-]+\s*:)")
#: A first line this long, or with one of these words, tells about the product: not its name.
_MAX_NAMING = 8
_TELLING = frozenset("""
is are was were be been will can could would should may might has have had do does did it its it's this
these that they them you your you're we our us i my me he she his her there here what who when where why how
""".split())


def category_kinds(products: Sequence[Product], stem) -> dict[str, frozenset[str]]:
    """Category path -> the kinds its description names (stemmed), where every product of the
    category holds one line labelled with the category's name ("Dairy Products: Cheeses.").

    Args:
        products: The store's products.
        stem: The catalog's plural-free form of a word.

    Returns:
        The described kinds of each category that has such a line; others are left out.
    """
    lines: dict[str, list[set[str]]] = {}
    for product in products:
        held = {line.strip() for line in product.description.splitlines() if line.strip()}
        for path in product.categories:
            lines.setdefault(path, []).append(held)
    kinds: dict[str, frozenset[str]] = {}
    for path, held in lines.items():
        if len(held) < _MIN_CATEGORY:
            continue
        names = {path.lower(), *(part.strip().lower() for part in path.split("/"))}
        words = {form for line in set.intersection(*held) if (m := _LABELLED.match(line))
                 and m.group("label").strip().lower() in names
                 for w in _WORD.findall(m.group("kinds").lower()) if w not in _JOINERS and len(w) > 2
                 for form in kind_forms(w, stem)}
        if words:
            kinds[path] = frozenset(words)
    return kinds


def description_head(product: Product) -> str | None:
    """The kind a description opens by naming, where its first line is a bare name of what the
    product is ("Four person modern office workstation" -> "workstation", "Three Seater Sofa
    with Lounger" -> "sofa"), or None: a sentence that tells ("A fine wine to share tonight",
    "The grater is a tool for grating cheese") names things the store need not sell."""
    first = product.description.strip().split("\n", 1)[0].strip().rstrip(".")
    words = _WORD.findall(first.lower())
    if not words or len(words) > _MAX_NAMING or set(words) & _TELLING or re.search(r"[.!?]\s", first) \
            or _LABEL_OPENER.match(first):
        return None
    clause = [w for w in _WORD.findall(_CLAUSE_END.split(first, maxsplit=1)[0].lower()) if len(w) > 2]
    return clause[-1] if clause else None


def kind_forms(word: str, stem) -> set[str]:
    """A described word in the forms an asked kind is stemmed to: "cheeses" is asked as
    "cheese" or "cheeses", "candies" as "candy"."""
    forms = {stem(word)}
    if word.endswith("ies"):
        forms.add(stem(word[:-3] + "y"))
    elif word.endswith("es"):
        forms.add(stem(word[:-1]))
    return forms
