"""The pattern sets behind entity extraction: order ids, emails, sizes, prices, quantities.

Each finder takes a message and returns plain values. They are deliberately conservative: a
slot the bot fills wrongly (a zip code taken for an order id, "3-5 days" for a price range)
costs more than one it asks for again.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from models.nlu.amounts import NUMBER, parse_amount
from models.nlu.types import PriceRange, Quantity

# --- order ids --------------------------------------------------------------------------------

# Digits, optionally after "#" or a short letter prefix ("ORD-12345"); not part
# of a word, an amount, a decimal, a phone number (+...) or an email.
_ORDER = re.compile(r"(?<![\w$€£@./+-])#?(?P<id>(?:[A-Za-z]{1,4}-?)?\d{1,20})(?![\w@%-]|[.,]\d)")
# Words that make a number something else when they come just before it.
_NOT_ORDER_BEFORE = frozenset(
    "invoice invoices bill bills receipt zip postal postcode code phone call tel telephone mobile "
    "cell fax card iban account routing ssn tracking at".split())
_GLUED_ORDER = re.compile(r"\b(?:order|purchase)#?(?P<id>\d{5,20})\b", re.IGNORECASE)
_ORDER_BEFORE = frozenset("order orders purchase purchases ref reference number no nr id".split())
_NOT_ORDER_AFTER = frozenset("dollars dollar usd eur euros euro bucks pounds pound gbp quid cents"
                             .split())
_WORD = re.compile(r"[A-Za-z]+")
# An order number typed in space-separated groups ("000000 115", "000 000 115"): joined before
# it is read. Groups after the first have 3-4 digits; a phone number's 3-3-4 or 3-4 shape and a
# group followed by an amount word ("000000111 100 dollars") stay apart.
_SPACED_DIGITS = re.compile(r"(?<![\w$€£@./+-])\d{1,9}(?: \d{3,4})+(?![\w@%-]|[.,]\d)")
_PHONE_SHAPES = ((3, 3, 4), (3, 4))


def find_order_ids(text: str, min_digits: int = 5) -> tuple[str, ...]:
    """Order numbers in ``text``, as written (without a leading "#"), in order of appearance.

    A number of 6+ digits counts unless an invoice/phone/card/zip word comes just before it
    (and no order word nearer); a 5-digit one needs an order word ("order", "purchase",
    "number") just before it. "order12345" (no space) counts too.

    Args:
        text: The message.
        min_digits: The fewest digits the store's order numbers have (WooCommerce numbers
            orders from 1, Shopify from #1001). A number shorter than 5 digits, but not
            shorter than this, counts after "#" or an order word ("#1001", "order 57").
    """
    text = _SPACED_DIGITS.sub(_joined_groups, text)
    found = [(m.start(), m.group("id")) for m in _GLUED_ORDER.finditer(text)]
    for match in _ORDER.finditer(text):
        if re.search(r"\+\d{1,3}[\s.-]*$", text[max(0, match.start() - 6):match.start()]):
            continue  # a phone number with its country code
        after = _WORD.findall(text[match.end():match.end() + 12])
        if after and after[0].lower() in _NOT_ORDER_AFTER:
            continue
        context = _order_context(text[max(0, match.start() - 30):match.start()])
        digits = sum(c.isdigit() for c in match.group("id"))
        if digits < 5:
            cued = context == "order" or match.group(0).startswith("#")
            if digits >= min_digits and cued:
                found.append((match.start(), match.group("id")))
            continue
        if context == "order" or (context is None and digits >= 6):
            found.append((match.start(), match.group("id")))
    return tuple(dict.fromkeys(value for _, value in sorted(found)))


def _joined_groups(match: re.Match) -> str:
    """Space-separated digit groups as one number, unless they read as a phone number or an
    amount follows the last group."""
    groups = match.group(0).split()
    after = _WORD.findall(match.string[match.end():match.end() + 12])
    if tuple(map(len, groups)) in _PHONE_SHAPES or (after and after[0].lower() in _NOT_ORDER_AFTER):
        return match.group(0)
    return "".join(groups)


def _order_context(before: str) -> str | None:
    """"order" or "other" for the nearest telling word among the last three, else None."""
    for word in reversed([w.lower() for w in _WORD.findall(before)][-3:]):
        if word in _ORDER_BEFORE:
            return "order"
        if word in _NOT_ORDER_BEFORE:
            return "other"
    return None


# --- emails -----------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}"
                    r"(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])")


def find_emails(text: str) -> tuple[str, ...]:
    """Email addresses in ``text``, in order of appearance, without duplicates."""
    return tuple(dict.fromkeys(m.group(0) for m in _EMAIL.finditer(text)))


# --- sizes --------------------------------------------------------------------------------------

_WORD_SIZES = {"extra small": "XS", "x-small": "XS", "small": "S", "medium": "M", "large": "L",
               "extra large": "XL", "x-large": "XL", "xx-large": "XXL"}
_LETTER_SIZES = re.compile(r"(?<![\w-])(xxs|xs|xl|xxl|xxxl|2xl|3xl)(?![\w-])", re.IGNORECASE)
_SIZE_AFTER = re.compile(r"\b(?:size|sz)\b\s*(?:is\s*|:\s*|of\s*)?(?P<v>\d{2}\s*cm|[A-Za-z0-9-]{1,7}"
                         r"(?:\s+(?:small|large))?)", re.IGNORECASE)
_IN_SIZE = re.compile(r"\bin\s+(?P<v>extra small|extra large|x-small|x-large|small|"
                      r"medium|large|S|M|L)(?![\w-])")
_MEDIUM = re.compile(r"\bmedium\b(?!-)", re.IGNORECASE)
_WAIST = re.compile(r"\b(?:waist|w)\s*(?P<v>\d{2})\b|\b(?P<w>\d{2})\s*(?:waist|w)\b", re.IGNORECASE)
_CM = re.compile(r"\b(?P<v>\d{2})\s*cm\b", re.IGNORECASE)


def find_sizes(text: str, catalog_sizes: Collection[str] = ()) -> tuple[str, ...]:
    """Garment sizes ("size M", "in medium", "XL", "32 waist", "65 cm"), normalised upper-case.

    Single letters and plain numbers count only after "size"/"in"/"waist", where they cannot
    be an ordinary word or number.
    """
    known = {s.upper() for s in catalog_sizes} | {"XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"}
    found: list[tuple[int, str]] = []
    for m in _SIZE_AFTER.finditer(text):
        value = _normal_size(m.group("v"))
        if value in known or value.isdigit():
            found.append((m.start("v"), value))
    for m in _IN_SIZE.finditer(text):
        found.append((m.start("v"), _normal_size(m.group("v"))))
    for m in _LETTER_SIZES.finditer(text):
        found.append((m.start(), _normal_size(m.group(0))))
    for m in _MEDIUM.finditer(text):
        found.append((m.start(), "M"))
    for m in _WAIST.finditer(text):
        found.append((m.start(), m.group("v") or m.group("w")))
    for m in _CM.finditer(text):
        if f"{m.group('v')} CM" in known:
            found.append((m.start(), f"{m.group('v')} cm"))
    return tuple(dict.fromkeys(value for _, value in sorted(found)))


def _normal_size(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw.strip())
    if raw.lower() in _WORD_SIZES:
        return _WORD_SIZES[raw.lower()]
    if raw.lower().endswith("cm"):
        return raw[:-2].strip() + " cm"
    return raw.upper().replace("2XL", "XXL").replace("3XL", "XXXL")


# --- prices -------------------------------------------------------------------------------------

# How shoppers name a currency after an amount: "20€", "20 euros", "20 EUR", "15 GBP".
_CURRENCY = r"\$|€|£|dollars?|usd|bucks|euros?|eur|pounds?|gbp|quid|chf|cad|aud"
# Any notation: "1,299.00", "1.299,00 €", "20,50 €" (models/nlu/amounts.py).
_NUMBER = f"(?:{NUMBER})"
_AMOUNT = rf"(?:\$|€|£)?\s?({_NUMBER})\s?({_CURRENCY})?(?![a-z])"
_BETWEEN = re.compile(rf"\b(?:between|from)\s+(?P<pre>\$|€|£)?{_AMOUNT}\s*(?:and|to|-|–)\s*{_AMOUNT}",
                      re.IGNORECASE)
_DASH = re.compile(rf"(?P<pre>\$|€|£)\s?({_NUMBER})\s*(?:-|–|to)\s*{_AMOUNT}", re.IGNORECASE)
# "20-30 EUR", "20€-30€", "20 to 30 euros": a range named by the currency after it.
_DASH_AFTER = re.compile(rf"(?<![\d.,])({_NUMBER})\s?(?:€|£|\$)?\s*(?:-|–|to)\s*"
                         rf"({_NUMBER})\s?({_CURRENCY})(?![a-z])", re.IGNORECASE)
_MAX = re.compile(rf"(?:\b(?:nothing|not|no)\s+(?:over|above|more than)|\bunder|\bbelow|\bless than|\bcheaper than|\bno more than|\bnot more than|"
                  rf"\bat most|\bup to|\bmax(?:imum)?|\blower than|\bbudget (?:is|of)|<)\s*{_AMOUNT}",
                  re.IGNORECASE)
# "nothing over 60$" is a cap, not a floor: a negation before "over" keeps it out of _MIN.
_MIN = re.compile(rf"(?:(?<!nothing )(?<!not )(?<!no )\bover|(?<!nothing )(?<!not )(?<!no )\babove|(?<!nothing )(?<!not )\bmore than|\bat least|\bmin(?:imum)?|\bstarting at|"
                  rf"\bgreater than|\bhigher than|>)\s*{_AMOUNT}", re.IGNORECASE)
# A bare number followed by one of these is not a price ("under 3 days", "over 2 items").
_UNIT_AFTER = re.compile(r"\s*(?:%|percent|days?|weeks?|months?|years?|hours?|minutes?|mins?|"
                         r"items?|pieces?|pairs?|units?|kg|lbs?|cm|inch(?:es)?|times?|orders?|"
                         r"people|stars?)\b", re.IGNORECASE)


def find_price_range(text: str) -> PriceRange | None:
    """A price constraint: "under 50", "over $20", "between 20 and 40 dollars", "$20-$40",
    "max €60", "20-30 EUR".

    Returns:
        The PriceRange, or None when the message sets no price constraint.
    """
    m = _BETWEEN.search(text)
    if m and _is_price(m, text, m.group(3) or m.group(5)):
        low, high = sorted((_number(m.group(2)), _number(m.group(4))))
        return PriceRange(low, high)
    m = _DASH.search(text)
    if m:
        low, high = sorted((_number(m.group(2)), _number(m.group(3))))
        return PriceRange(low, high)
    m = _DASH_AFTER.search(text)
    if m:
        low, high = sorted((_number(m.group(1)), _number(m.group(2))))
        return PriceRange(low, high)
    low = high = None
    m = _MAX.search(text)
    if m and _is_price(m, text, m.group(2)):
        high = _number(m.group(1))
    m = _MIN.search(text)
    if m and _is_price(m, text, m.group(2)):
        low = _number(m.group(1))
    if low is None and high is None:
        return None
    return PriceRange(low, high)


def _is_price(match: re.Match[str], text: str, currency: str | None) -> bool:
    if currency or re.search(r"[$€£]", match.group(0)):
        return True
    return not _UNIT_AFTER.match(text, match.end())


def _number(raw: str) -> float:
    return parse_amount(raw)


# --- quantities ---------------------------------------------------------------------------------

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a pair of": 2,
                 "a couple of": 2, "a dozen": 12}
_QTY_FIELD = re.compile(r"\b(?:qty|quantity)\s*(?:of\s*)?[:=]?\s*(\d{1,3})\b", re.IGNORECASE)
_COUNT = re.compile(r"(?<![\w$#€£.,-])(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) +
                    r")\s+(?:more\s+)?(?P<item>[a-z][a-z-]{1,30})\b", re.IGNORECASE)
# Words a count never counts in a shopping request (time, money, units, function words).
_NOT_ITEMS = frozenset(
    "dollars dollar usd bucks euros euro eur cents days day weeks week months month years year "
    "hours hour minutes minute mins seconds times time percent pm am cm mm inch inches kg lbs "
    "business working stars star of or and to in on at for the a an is are was were more less "
    "than by per other more one ones".split())
_BEFORE_NOT_COUNT = frozenset("size order purchase number no invoice bill waist".split())


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Counts of things: "2 pairs", "three tees", "qty: 4"; not amounts, dates or sizes."""
    found: list[tuple[int, Quantity]] = []
    for m in _QTY_FIELD.finditer(text):
        found.append((m.start(), Quantity(int(m.group(1)), "item")))
    for m in _COUNT.finditer(text):
        item = m.group("item").lower()
        before = _WORD.findall(text[max(0, m.start() - 12):m.start()])
        if item in _NOT_ITEMS or (before and before[-1].lower() in _BEFORE_NOT_COUNT):
            continue
        raw = m.group("n").lower()
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        # "one" alone is usually a pronoun ("the blue one"): count it only before a plural.
        if raw == "one" and not item.endswith("s"):
            continue
        if 0 < value <= 999:
            found.append((m.start(), Quantity(value, item)))
    return tuple(q for _, q in sorted(found, key=lambda pair: pair[0]))
