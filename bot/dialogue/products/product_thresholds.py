"""A yes/no question that holds a product's measure against a number ("is the lager over 6
percent", "is the monitor bigger than 25 inch", "does it weigh under 2 lb"): answered yes or no
from the record's own value in that unit, the value stated; a record with no value in the unit
asked gives no answer here (the other product answers admit it).
"""

from __future__ import annotations

import re

from kb import Product

# How shoppers write each unit a record may hold ("6 percent", "25 inches", '25"'). No "pounds"
# for lb: "under 20 pounds" is a price.
_UNITS = {
    "%": r"%|percent|per ?cent",
    "in": r"in(?!\s+[a-z])|inch(?:es)?|\"|''",  # "more than 3 in stock" is no length
    "cm": r"cm|centimet(?:re|er)s?",
    "mm": r"mm|millimet(?:re|er)s?",
    "m": r"m|met(?:re|er)s?",
    "kg": r"kg|kgs|kilos?|kilograms?",
    "g": r"g|grams?",
    "lb": r"lbs?",
    "oz": r"oz|ounces?",
    "ml": r"ml|millilit(?:re|er)s?",
    "l": r"l|lit(?:re|er)s?",
    "gb": r"gb|gigs?|gigabytes?",
    "tb": r"tb|terabytes?",
    "w": r"w|watts?",
    "mah": r"mah",
    "mp": r"mp|megapixels?",
}
_UNIT = "|".join(f"(?P<u_{i}>{pattern})" for i, pattern in enumerate(_UNITS.values()))
_NUMBER = r"(?P<n>\d+(?:[.,]\d+)?)"
_MORE = (r"over|above|more than|greater than|bigger than|larger than|higher than|longer than|taller than|"
         r"wider than|heavier than|stronger than|at least")
_LESS = (r"under|below|less than|smaller than|lower than|shorter than|narrower than|lighter than|"
         r"weaker than|at most|up to|no more than")
_ASKED = re.compile(rf"\b(?:(?P<more>{_MORE})|(?P<less>{_LESS}))\s+(?:an?\s+)?{_NUMBER}\s*(?:{_UNIT})(?![a-z])",
                    re.I)
# a value of the record: a number and the unit after it ("5.1%", "27 inch", "1.2 lb")
_VALUE = re.compile(rf"{_NUMBER}\s*(?:{_UNIT})(?![a-z])", re.I)
# at least / at most / up to hold the number itself; over / under do not
_INCLUSIVE = re.compile(r"^(?:at least|at most|up to|no more than)$", re.I)


def _unit(match: re.Match) -> str | None:
    units = list(_UNITS)
    return next((units[i] for i in range(len(units)) if match.group(f"u_{i}")), None)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def asked(question: str) -> tuple[bool, float, str, bool] | None:
    """(more, number, unit, inclusive) of the comparison a question asks, else None."""
    m = _ASKED.search(question)
    if not m or (unit := _unit(m)) is None:
        return None
    word = (m.group("more") or m.group("less")).lower()
    return bool(m.group("more")), _number(m.group("n")), unit, bool(_INCLUSIVE.match(word))


def answer(product: Product, question: str) -> str | None:
    """Yes or no with the record's value, for a question holding a measure of the product
    against a number in a unit its record states; None otherwise."""
    comparison = asked(question)
    if comparison is None:
        return None
    more, number, unit, inclusive = comparison
    for code, values in product.attributes.items():
        for value in values:
            for m in _VALUE.finditer(value):
                if _unit(m) != unit:
                    continue
                have = _number(m.group("n"))
                holds = (have > number or (inclusive and have == number)) if more else \
                    (have < number or (inclusive and have == number))
                label = code.replace("_", " ")
                return f"{'Yes' if holds else 'No'}, the {product.name}'s {label} is {value}."
    return None
