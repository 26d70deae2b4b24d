"""What a product's price buys and what else it is priced at: the unit of sale ("$42.95 per
set"), a count asked ("how much for 3": the quantity break the record lists applies), and the
store's other price lists (an MSRP / RRP kept beside its own price), for any catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue import cues
from bot.dialogue.products import product_specs
from bot.dialogue.written_replies import per_unit, price_list_label
from bot.dialogue.written_replies import price_text as _price
from bot.types import format_money


def costs(product: Product, currency: str | None) -> str:
    """"costs €49.00" ("per set" when it buys a set), or "is priced on request" for a product
    the store does not price."""
    if product.final_price <= 0:
        return "is priced on request"
    return f"costs {_price(product, currency)}{per_unit(product)}"


#: A maker's suggested price, which stores keep as a price list ("msrp", "rrp", "list").
_LIST_PRICE_ASK = re.compile(r"\b(msrp|m\.s\.r\.p|rrp|list price|retail price|suggested (?:retail )?price|"
                             r"recommended (?:retail )?price|compare[- ]at(?: price)?)\b", re.I)
_LIST_PRICE_NAME = re.compile(r"msrp|rrp|list|retail|suggested|recommended|compare", re.I)
#: "per piece or for the whole set", "sold individually", "is that each": how much the price buys.
_UNIT_ASK = re.compile(r"\b(per (?:piece|item|unit|set|pack|box|pair|one)|each one|apiece|individually|"
                       r"(?:is|for|price of) (?:that|it|this) each|sold (?:as|by|in|per)|by the (?:piece|set|pack|box|pair)|"
                       r"(?:the )?whole set|pack of|box of|how many (?:come |are )?in (?:a|the|one) (?:set|pack|box))\b",
                       re.I)
#: "can i buy just one bottle", "do they come in a pack": whether goods are sold one at a time.
_ONE_ASK = re.compile(r"\b(?:just|only|a\s+single|single|one|1|individual(?:ly)?|loose)\b|\bby\s+the\s+(?:bottle|jar|can|"
                      r"tin|piece|unit|item|bar)\b|\bcome\s+in\s+(?:a\s+)?"
                      r"(?:case|pack|box|carton)s?\b|\b(?:whole|full|entire)\s+(?:case|pack|box|carton)\b", re.I)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "a dozen": 12, "twelve": 12, "twenty": 20}
#: "how much for 3 of them", "price for two", "if i buy 10": a count of the product priced.
_QTY_ASK = re.compile(r"\b(?:for|buy|buying|order|ordering|get|getting|take)\s+(?P<n>\d{1,3}|"
                      + "|".join(_COUNTS) + r")\b(?!\s?(?:%|[.,]\d|days?|weeks?|months?|years?|hours?|inch|in\b|"
                      r"cm|mm|ft|feet|foot|gb|tb|w\b|watts?|v\b|volts?|lbs?|kg|am|pm))", re.I)
_PRICE_WORD = re.compile(r"\b(how much|pric\w*|costs?|total|pay)\b", re.I)


def asked_count(question: str) -> int:
    """The count of a product a price question names ("how much for 3 of them" -> 3); 0: none."""
    if not _PRICE_WORD.search(question) or not (found := _QTY_ASK.search(question)):
        return 0
    raw = found.group("n").lower()
    count = int(raw) if raw.isdigit() else _COUNTS[raw]
    return count if count >= 2 else 0


def asked_price_lists(product: Product, question: str) -> list[tuple[str, float]]:
    """The product's other price lists a question names: by their own name ("wholesale
    price"), or an MSRP / list price asked where the store keeps one."""
    found = []
    for name, amount in product.price_lists.items():
        words = re.escape(name.replace("_", " ").lower())
        if amount > 0 and (re.search(rf"\b{words}\b", question.lower())
                           or (_LIST_PRICE_ASK.search(question) and _LIST_PRICE_NAME.search(name))):
            found.append((name, amount))
    return found


def asks_price_terms(product: Product, question: str) -> bool:
    """True when a question asks a price list of the product or the unit its price buys."""
    return price_terms(product, question, None) is not None


def price_terms(product: Product, question: str, currency: str | None) -> str | None:
    """A count priced ("how much for 3"), a price list asked ("what's the MSRP") with the
    store's own price beside it, or the unit the price buys ("per piece or for the set?");
    None when the question asks none of them."""
    if (count := asked_count(question)) and product.final_price > 0:
        each = product.unit_price(count)  # a quantity break the record lists applies
        tier = f" (the price from {count} on)" if each < product.final_price else ""
        return (f"{count} x the {product.name} at {format_money(each, currency)}{per_unit(product)}"
                f"{tier} come to {format_money(each * count, currency)}.")
    if lists := asked_price_lists(product, question):
        said = "; ".join(f"its {price_list_label(n)} is {format_money(a, currency)}" for n, a in lists)
        return f"The {product.name} {costs(product, currency)}; {said}."
    if asked := _LIST_PRICE_ASK.search(question):  # an MSRP asked where the store keeps none
        return f"The {product.name} {costs(product, currency)}; the store lists no {asked.group(1)} for it."
    asked = product_specs.without_name(question, product)
    unit_asked = _UNIT_ASK.search(asked) or cues.ONE_OF_A_PACK.search(asked)
    if per_unit(product) and unit_asked:
        return f"The {product.name} is sold{per_unit(product)}: it {costs(product, currency)}."
    if unit_asked and _ONE_ASK.search(asked) and product.final_price > 0:
        return _one_at_a_time(product, currency)
    return None


def _one_at_a_time(product: Product, currency: str | None) -> str:
    """A product whose record names no unit of sale is sold one at a time: at its price, or in
    each of its sizes at theirs ("500ml (C$5.00), 1l (C$5.00) or 2l (C$7.00)")."""
    sizes: dict[str, float] = {}
    for variant in product.variants:
        if variant.size and variant.price > 0:
            sizes.setdefault(variant.size, variant.price)
    if len(sizes) > 1:
        listed = [f"{size} ({format_money(price, currency)})" for size, price in sizes.items()]
        return f"The {product.name} is sold one at a time, in {', '.join(listed[:-1])} or {listed[-1]}."
    return f"The {product.name} is sold one at a time: it {costs(product, currency)}."


def option_prices(product: Product, question: str, sizes: Sequence[str], currency: str | None) -> list[str]:
    """"The 2l costs $7.00." for each size (the catalog's sizes the question names) and each of its
    colours the question names whose variants are priced apart from the product (a bigger
    bottle, a display in green), so the product's own price is not quoted for them; when the
    question asks a price, each option's price even where it is the product's."""
    colours = {v.color for v in product.variants if v.color}
    asked = list(sizes) + [c for c in sorted(colours) if re.search(
        rf"\b{re.escape(c)}\b", product_specs.without_name(question, product), re.I)]
    out = []
    for option in asked:
        prices = {v.price for v in product.variants
                  if option.lower() in ((v.size or "").lower(), (v.color or "").lower())}
        # the option's price when it differs, or when asked ("how much is it in blue")
        if len(prices) == 1 and ((price := prices.pop()) != product.price or cues.PRICE_ASK.search(question)):
            said = option if option in sizes else f"{option} one"  # "the 2l", "the Green one"
            out.append(f"The {said} costs {format_money(price, currency)}.")
    return out
