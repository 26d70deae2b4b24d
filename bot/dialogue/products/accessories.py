"""What goes with a product: the store's cross-sell, related and up-sell links with their
reason, and when it lists none, the products whose description names its kind ("BPA-free rolls for 80 mm receipt printers" goes with a receipt
printer; "a lens for digital SLR cameras" with an SLR camera), and the other way round, the
products whose kind its own description names.

Read from the store's own product texts, so it holds for any catalog whose descriptions say
what a product is for; a store with cross-sell/related/up-sell links is answered from those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import KnowledgeBase, Product

from bot.dialogue.products.catalog_terms import AskedKind, CatalogTerms, stem
from bot.dialogue.products.product_answers import products_of, stop_word
from bot.dialogue.written_replies import price_text
from bot.types import ProductCard, Reply

#: At most this many suggestions.
MOST = 4


def kind_phrases(product: Product) -> list[str]:
    """The words that name a product's kind, longest first: the last two words of its name
    without numbers, units and brackets ("receipt printer"), and its last word ("printer")."""
    name = re.sub(r"\(.*?\)", " ", product.name.lower())
    words = [w for w in re.findall(r"[a-z][a-z-]*", name) if len(w) > 2]
    words = [stem(w) for w in words if not re.fullmatch(r"(?:mm|cm|kg|inch|with|and|for|the)", w)]
    phrases = [" ".join(words[-2:])] if len(words) >= 2 else []
    return phrases + words[-1:]


def _head(product: Product) -> str:
    """The product's kind in one word: a category's last word its name repeats ("Floodlights"
    for "... Floodlight with Sensor"), else its name's last word."""
    name = {stem(w) for w in re.findall(r"[a-z][a-z-]*", product.name.lower())}
    for path in product.categories:
        leaf = re.findall(r"[a-z][a-z-]*", path.lower().rsplit("/", 1)[-1])
        if leaf and stem(leaf[-1]) in name:
            return stem(leaf[-1])
    phrases = kind_phrases(product)
    return phrases[-1] if phrases else ""


def _mentions(text: str, phrase: str) -> bool:
    """True when the text names the phrase, singular or plural ("receipt printers")."""
    return re.search(rf"\b{re.escape(phrase)}(?:s|es)?\b", text.lower()) is not None


def accessories(products: Sequence[Product], product: Product) -> list[tuple[Product, str]]:
    """Products that go with ``product`` by what the descriptions say, each with the reason;
    a two-word kind ("receipt printer") first, the last word alone only when it finds none."""
    mine = kind_phrases(product)
    # another kind: "Halo 50W LED Floodlight with Sensor" is a floodlight like the Halo 30W
    others = [p for p in products if p.sku != product.sku and _head(p) != _head(product)]
    for phrase in mine:
        found: list[tuple[Product, str]] = []
        for other in others:
            if _mentions(other.description, phrase):
                found.append((other, f"its details mention {phrase}s"))
        for other in others:
            theirs = kind_phrases(other)
            if theirs and _mentions(product.description, theirs[0]) and other not in [f for f, _ in found]:
                found.append((other, f"the {product.name}'s details mention {theirs[0]}s"))
        if found:
            return found[:MOST]
    return []


def recommend(kb: KnowledgeBase, product: Product, terms: CatalogTerms | None = None,
              question: str = "") -> Reply:
    """What goes with a product: its cross-sell, related and up-sell links, with the reason
    (none: `accessories`); the ones of a kind the question names ("any pants that go with
    it?") first."""
    picks, reasons = [], {}
    for reason, skus in (("often bought with it", product.crosssell), ("related", product.related),
                         ("an upgrade", product.upsell)):
        for item in products_of(kb, skus):
            if item.sku not in reasons:
                reasons[item.sku] = reason
                picks.append(item)
    if not picks:  # no links: what the store's descriptions say goes with it
        for item, reason in accessories(kb.products, product):
            reasons[item.sku] = reason
            picks.append(item)
    if terms is not None and question:
        asked = question.lower().replace(product.name.lower(), " ")
        kinds = [AskedKind(w, w) for w in re.findall(r"[a-z]{4,}", asked) if not stop_word(w)]
        wanted = [p for p in picks if any(terms.is_kind(p, k) for k in kinds)]
        picks = wanted or picks
    picks = picks[:MOST]
    if not picks:
        return Reply(f"The store lists nothing that goes with the {product.name}.", action="recommend")
    names = ", ".join(f"{p.name} ({price_text(p, kb.currency)}, {reasons[p.sku]})" for p in picks)
    return Reply(f"With the {product.name}, the store suggests: {names}.",
                 products=tuple(ProductCard.of(p, kb.currency) for p in picks), action="recommend")
