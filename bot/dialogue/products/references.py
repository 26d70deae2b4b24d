"""What a short follow-up points at among the store's products, read from the catalog: a size
or colour of the product in focus ("and in 2l?", "and the green one?" after its price), or
another product by a word of its name ("the navy one" after a list of paints, "the colored one"
after the white cushion), and which of the products in view a message points at ("the cheaper
one", "the first one", "both", "the other one"). Nothing here names a store's wording: the words
are its products'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue import acknowledgements, cues
from bot.dialogue.grounding import guard
from bot.dialogue.products import product_answers, product_specs, spec_ranking
from bot.dialogue.products.catalog_terms import THE_SIZE, CatalogTerms, name_heads, stem
from bot.dialogue.products.product_variants import colour_options

#: "the navy one", "the colored ones", "the 17 inch version": a product pointed at by a word or two
_ONE = re.compile(r"\bthe\s+((?:[\w-]+\s+){0,1}[\w-]+)\s+(?:one|ones|version|model)\b", re.I)
#: the stock of an option asked: "is the 55 one in stock", "2l available?"
_STOCK_ASK = re.compile(r"\b(?:in stock|available|sold out|left)\b", re.I)
#: words of "the X one" that point by order, price or sameness (`context`'s references), not by name
_NOT_A_NAME = frozenset("other same first second third last next cheap cheaper cheapest expensive pricier "
                        "priciest big bigger biggest small smaller smallest new old right wrong good better best "
                        "only".split())


def options_named(product: Product, text: str, terms: CatalogTerms) -> tuple[list[str], list[str]]:
    """The sizes and the colours the product comes in that a message names ("2 litres" of a juice
    sold in 2l, "green" of a display sold in green)."""
    own = {s.lower(): s for s in product.sizes}
    sizes = [own[s.lower()] for s in terms.sizes_in(text) if s.lower() in own]
    colours = [c for c in colour_options(product) if re.search(rf"\b{re.escape(c)}\b", text, re.I)]
    return sizes, colours


def asks_an_option(product: Product, text: str, terms: CatalogTerms) -> bool:
    """"and in 2l?", "does it come in blue", "and the green one?", "sorry i meant silver": a short
    follow-up naming a size or colour of the product in focus (not a new search: it leans on what
    came before, or corrects the option it was asked of)."""
    if len(text.split()) > 10 or not any(options_named(product, text, terms)):
        return False
    # "hmm what about the 5l": the follow-up after its acknowledging words; "how much is the 2l",
    # "is the 55 one in stock": its price or stock asked of that option; "ok then the large"
    return bool(cues.ELLIPSIS.search(acknowledgements.without_lead(text)) or cues.PRONOUN.search(text)
                or _ONE.search(text) or cues.CORRECTION.search(text) or cues.PRICE_ASK.search(text)
                or _STOCK_ASK.search(text) or THE_SIZE.search(text))


def only_in_the_one(text: str, mentions: list[str]) -> bool:
    """True when every product mention of a message is made of the X of its "the X one" ("sae"
    of "the sae one" read as the SAE Hex Key Set): a word pointing among the focus's kind, which
    `pointed` weighs, rather than a product named whole."""
    said = _ONE.search(text)
    if not said or not mentions:
        return False
    own = set(cues.words(said.group(1)))
    return all(set(cues.words(m)) <= own for m in mentions)


def pointed(text: str, in_view: Sequence[Product], focus: Product | None, catalog: Sequence[Product],
            terms: CatalogTerms) -> Product | None:
    """The one product "the X one" points at: among the products in view, else among the kind
    talked about (the focus's or the list's name ending: "the colored one" of cushions), the one
    whose name holds X and whose neighbours' names don't; None when X is a size or colour of the
    focus, or unclear."""
    said = _ONE.search(text)
    if not said:
        return None
    words = [stem(w) for w in re.findall(r"[a-z0-9]+", said.group(1).lower()) if w not in _NOT_A_NAME]
    if not words or (focus is not None and any(options_named(focus, said.group(1), terms))):
        return None
    # the kind talked about: the focus's, else that of the list in view (a list shows a few of them)
    kind = set(name_heads(focus)) if focus is not None else {h for p in in_view for h in name_heads(p)}
    # a name's last word may be a qualifier ("Combination Wrench Set SAE"): the focus's category
    # shelf names its kind too
    shelf = set(focus.categories) if focus is not None else set()
    siblings = [p for p in catalog if kind & set(name_heads(p)) or shelf & set(p.categories)]
    for candidates in (list(in_view), siblings):
        found = [p for p in candidates if (focus is None or p.sku != focus.sku) and _holds(p, words)]
        if len(found) == 1:
            return found[0]
        if found and focus is not None and (closest := _closest(found, focus)):
            return closest
    return None


def _closest(found: list[Product], focus: Product) -> Product | None:
    """Of several products holding X, the one whose name and shelf share the most words with the
    focus ("the sae one" after the metric wrench set: the SAE wrench set, not the SAE hex keys);
    None on a tie."""
    own = _name_and_shelf(focus)
    shared = sorted(((len(own & _name_and_shelf(p)), i) for i, p in enumerate(found)), reverse=True)
    if len(shared) > 1 and shared[0][0] == shared[1][0]:
        return None
    return found[shared[0][1]]


def _name_and_shelf(product: Product) -> set[str]:
    return _stems(" ".join((product.name, *product.categories)))


def _holds(product: Product, words: list[str]) -> bool:
    own = _stems(product.name)
    return all(w in own for w in words)


def _stems(text: str) -> set[str]:
    """The stemmed words of a product's name (and shelf), as `_holds` and `_closest` compare them."""
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())}


def referenced(text: str, in_view: list[Product], focus: str | None = None) -> list[Product]:
    """The products in view a message points at: cheapest, first, both, the other one (the one
    in view that is not in focus)..."""
    lowered = text.lower()
    price = lambda p: p.final_price
    if re.search(r"\b(cheapest|cheaper|least expensive|lowest price)\b", lowered):
        return [min(in_view, key=price)]
    if re.search(r"\b(most expensive|pricier|priciest)\b", lowered):
        return [max(in_view, key=price)]
    # "and the biggest?": the one with most of the measure ("which of them is the brightest"
    # compares them all, the winner first)
    most = None if re.search(r"\bwhich\b", lowered) else spec_ranking.most_of(in_view, text)
    if most is not None:
        return [most]
    several = re.search(r"\b(first|top|last)\s+(two|three|2|3)\b", lowered)
    if several:
        count = 2 if several.group(2) in ("two", "2") else 3
        return in_view[-count:] if several.group(1) == "last" else in_view[:count]
    if re.search(r"\b(both|all of them|each of them|them both)\b", lowered):
        return in_view[:2] if "both" in lowered else in_view
    for word, index in (("first", 0), ("second", 1), ("third", 2), ("fourth", 3), ("last", -1)):
        if re.search(rf"\b{word}\b", lowered) and len(in_view) > (index if index >= 0 else 0):
            return [in_view[index]]
    if re.search(r"\b(other|another)\b", lowered) and len(in_view) >= 2:
        others = [p for p in in_view if p.sku != focus]
        return others[:1] if focus else [in_view[1]]
    if re.search(r"\bwhich\b", lowered):
        # "which one is made of leather", "which of them come in orange": the products whose
        # record or colours say it, when not all do
        matching = [p for p in in_view if product_answers.mentions(p, text) or _offers_colour(p, text)]
        if 0 < len(matching) < len(in_view):
            return matching
    return in_view


def _offers_colour(product: Product, question: str) -> bool:
    """True when the product comes in a colour the question names (its colours are variants,
    not record lines)."""
    asked = {c.lower() for c in guard.COLOR.findall(product_specs.without_name(question, product))}
    return bool(asked & {c.lower() for c in colour_options(product)})
