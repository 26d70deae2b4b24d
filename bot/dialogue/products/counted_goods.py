"""A count before a product's name ("8 bella tanks shipping?", "how much to ship 10 argus
tanks"): a quantity of that product, priced with its catalog price, never an order total of $8.

Read against the store's own product names, so any catalog's names count ("3 logan heattec
tees", "2 racing socks"); a number before words that name no product stays what
`bot.dialogue.language.amounts` reads it as.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.dialogue.products.catalog_terms import stem
from kb import Product

# A count (1-999, no currency, not part of a price or a decimal) and the words after it.
_COUNT = re.compile(r"(?<![\w$€£.,])(\d{1,3})(?![\d.,]\d)\s*(?:x\s+|of\s+(?:the\s+|those\s+|these\s+)?)?"
                    r"((?:[^\W\d_][\w'™®-]*\s*){1,5})", re.I)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# Words after a count that end the product's name ("4 bella tanks shipping", "2 zoe tanks to ak").
_AFTER_NAME = frozenset("""
shipping ship shipped delivery to for in on and or with please pls plz how what whats cost costs
overnight express standard priority next day
""".split())


@dataclass(frozen=True, slots=True)
class CountedGoods:
    """A quantity of one product a message names, and what it comes to at its price."""

    count: int
    product: Product
    span: tuple[int, int]  # where "8 bella tanks" is written in the message

    @property
    def total(self) -> float:
        return round(self.count * self.product.final_price, 2)


def read(products: Sequence[Product], text: str) -> CountedGoods | None:
    """The first "N <product name>" of a message that names one product of the catalog (by the
    words of its name, the first of them a word of that name and not only its kind), else a
    name with its count after it ("the orion jacket, 2 of them", "bella tank x3"), or None."""
    for match in _COUNT.finditer(text):
        count = int(match.group(1))
        words = []
        for word in _WORD.findall(match.group(2).lower()):
            if word in _AFTER_NAME:
                break
            words.append(stem(word))
        product = _named(products, words)
        if count > 0 and product is not None and product.final_price > 0:
            return CountedGoods(count, product, match.span(1))
    return _counted_after(products, text)


# A count said after the goods: "..., 2 of them", "... x3", "... times 4".
_COUNT_AFTER = re.compile(r"(?<![\w$€£.,])(\d{1,3})\s+of\s+(?:them|those|these|em|'em)\b"
                          r"|(?<!\w)(?:x|times)\s?(\d{1,3})(?![\d.,]\d)\b", re.I)


def _counted_after(products: Sequence[Product], text: str) -> CountedGoods | None:
    """A count after a product's name: the words just before it, from the last few back to the
    first that names one product ("hmm actually just the orion two-tone fitted jacket, 2 of them")."""
    for match in _COUNT_AFTER.finditer(text):
        group = 1 if match.group(1) else 2
        count = int(match.group(group))
        before = [stem(w) for w in _WORD.findall(text[:match.start()].lower())][-6:]
        for start in range(len(before)):
            product = _named(products, before[start:])
            if count > 0 and product is not None and product.final_price > 0:
                return CountedGoods(count, product, match.span(group))
    return None


def _named(products: Sequence[Product], words: list[str]) -> Product | None:
    """The one product whose name holds the most of ``words`` (at least the first, and one word
    that is not the name's last, its kind: "tanks" alone names a dozen), or None when none or
    several tie."""
    if not words:
        return None
    scored: list[tuple[int, Product]] = []
    for product in products:
        name = [stem(w) for w in _WORD.findall(product.name.lower())]
        if words[0] not in name:
            continue
        held = [w for w in words if w in name]
        if any(w != name[-1] for w in held):
            scored.append((len(held), product))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [p for score, p in scored if score == best]
    return top[0] if len(top) == 1 else None


# "2 of them", "3 of those": a count of the goods talked about, none named in the message.
_OF_THEM = re.compile(r"(?<![\w$€£.,])(\d{1,3})\s+of\s+(?:them|those|these|em|'em)\b", re.I)


def of_focus(focus: Product | None, text: str) -> CountedGoods | None:
    """"whats shipping on 2 of them" with no product named: that many of the product in focus
    (the one just asked about), or None without one."""
    match = _OF_THEM.search(text)
    if focus is None or match is None or focus.final_price <= 0 or int(match.group(1)) <= 0:
        return None
    return CountedGoods(int(match.group(1)), focus, match.span(1))


def recounted(product: Product | None, subtotal: float | None, said: Sequence[float]) -> CountedGoods | None:
    """"actually make it 4", "mejor 9" after a quote on a count of one product: a new count of
    it. Only a bare whole number (``said``: the message's amounts written without a currency)
    below the product's price, which as money could not pay for even one of them, and only while
    the quoted total is still a count of that product; else None (the number is money)."""
    if product is None or subtotal is None or len(said) != 1 or product.final_price <= 0:
        return None
    count, price = said[0], product.final_price
    if count != int(count) or not 0 < count < price:
        return None
    times = subtotal / price
    if abs(times - round(times)) > 1e-6 or round(times) < 1:
        return None  # the quote moved on to another total since
    return CountedGoods(int(count), product, (0, 0))


def of_its_kind(product: Product | None, text: str) -> list[float]:
    """"what if i make it 8 tees" after a quote on 4 Gobi HeatTec Tees: the counts written before
    a word of the quoted product's name (its kind), as `recounted` takes them; [] when none."""
    if product is None:
        return []
    name = {stem(w) for w in _WORD.findall(product.name.lower())}
    return [float(m.group(1)) for m in _COUNT.finditer(text)
            if (words := _WORD.findall(m.group(2).lower())) and stem(words[0]) in name]


def priced(goods: CountedGoods, money) -> str:
    """"8 x the Bella Tank at $29.00 come to $232.00.": how a quote's total was reached
    (``money(value)`` writes an amount in the store's currency), in the words of
    `product_prices.price_terms`' count priced, so the same translation rows apply and no
    plural of a name is guessed."""
    return f"{goods.count} x the {goods.product.name} at {money(goods.product.final_price)} come to {money(goods.total)}."
