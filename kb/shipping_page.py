"""Reading a shipping rate table out of a store's page, for stores without ``store.yaml``.

The Luma Customer Service page renders its table as lines like ``Up to $200: STANDARD 5—7 day
shipping ** $16; PRIORITY ...`` and states a remote-region surcharge in a sentence ("Delivery
addresses in Alaska, Hawaii, Puerto Rico, and Guam should add an additional $5.00 charge for
standard Shipping"). A store's own settings file (``kb.store_settings``) is the documented
way to give rates; this parser stays so an imported store that publishes such a table still
gets quotes, and so the demo's settings can be checked against its page. A table that is
there but does not parse fails loudly with ``StoreDataError`` instead of quoting stale prices.
"""

from __future__ import annotations

import re
from typing import Iterable

from kb.errors import StoreDataError
from kb.shipping import ShippingRate, ShippingSurcharge, ShippingTable, region_code
from kb.types import Article, Passage

_AMOUNT = r"\d[\d,]*(?:\.\d{1,2})?"
_ROW = re.compile(r"^(?P<bracket>[^:]+):\s*(?P<cells>.+)$")
_BRACKETS = (  # (pattern, which bound(s) it names)
    re.compile(rf"^up to \$?(?P<max>{_AMOUNT})$", re.I),
    re.compile(rf"^\$?(?P<min>{_AMOUNT})\s*(?:—|–|-|to)\s*\$?(?P<max>{_AMOUNT})$", re.I),
    re.compile(rf"^(?:over|above|more than) \$?(?P<over>{_AMOUNT})$", re.I),
)
_RATE_MARK = re.compile(r"\*+\s*\$\d")  # "** $16": a cell's price, so the line is a table row
_CELL = re.compile(rf"^(?P<method>[A-Za-z]+)\s+(?P<label>.+?)\s*\*+\s*\$(?P<price>{_AMOUNT})$")
_SURCHARGE = re.compile(
    rf"addresses in (?P<regions>[A-Z][A-Za-z ,]*?)\s+(?:should\s+)?(?:add|adds|pay|pays)\s+"
    rf"(?:an?\s+)?(?:additional\s+|extra\s+)?\$(?P<amount>{_AMOUNT})(?:\s+charge)?\s+"
    rf"(?:for|on)\s+(?P<method>[A-Za-z]+)", re.I)


def table_from_passages(table: Passage, notes: Passage | None = None) -> ShippingTable:
    """Parse the rate table passage and, when given, the surcharge sentence in ``notes``.

    Args:
        table: the passage holding the table, one bracket per line.
        notes: the passage that may state a regional surcharge; no sentence, no surcharge.

    Raises:
        StoreDataError: a table line does not parse, the brackets leave gaps, or the
            surcharge names a region or method the table does not know.
    """
    rates = _parse_rates(table)
    methods = tuple(dict.fromkeys(r.method for r in rates))
    surcharge = _parse_surcharge(notes, methods) if notes is not None else None
    return ShippingTable(rates, (surcharge,) if surcharge else (), table.id, currency="USD")


def find_shipping_table(articles: Iterable[Article]) -> ShippingTable | None:
    """The rate table of the first shopper article that has one, or None when none does.

    A passage holds the table when one of its lines starts with a price bracket ("Up to $200:");
    the surcharge sentence is looked for in the passages of the same article.

    Raises:
        StoreDataError: a table was found but does not parse.
    """
    for article in articles:
        if article.audience != "shopper":
            continue
        table = next((p for p in article.passages if _has_rate_line(p.text)), None)
        if table is None:
            continue
        notes = next((p for p in article.passages if _SURCHARGE.search(p.text)), None)
        return table_from_passages(table, notes)
    return None


def _parse_rates(passage: Passage) -> tuple[ShippingRate, ...]:
    rates: list[ShippingRate] = []
    previous_max: float | None = 0.0
    for line in passage.text.splitlines():
        line = line.strip()
        if not line or line.startswith("*"):  # footnotes ("*before tax ...")
            continue
        row = _ROW.match(line)
        bounds = _bracket(row.group("bracket").strip()) if row else None
        if bounds is None and not _RATE_MARK.search(line):
            continue  # prose beside the table (short sections share a passage)
        if bounds is None:
            raise StoreDataError(f"{passage.id}: cannot read shipping table line {line!r}; "
                                 "expected '<bracket>: METHOD label ** $price; ...'")
        low, high = bounds
        if previous_max is None or (rates and _cents(low) != _cents(previous_max) + 1) \
                or (not rates and low != 0):
            raise StoreDataError(f"{passage.id}: shipping bracket {row.group('bracket')!r} does "
                                 "not continue the bracket before it")
        rates += [ShippingRate(low, high, *cell) for cell in _cells(passage.id, line, row)]
        previous_max = high
    if not rates:
        raise StoreDataError(f"{passage.id}: no shipping rate table found")
    per_bracket = {}
    for rate in rates:
        per_bracket.setdefault(rate.min_total, set()).add(rate.method)
    if len({frozenset(m) for m in per_bracket.values()}) != 1:
        raise StoreDataError(f"{passage.id}: shipping brackets offer different methods")
    return tuple(rates)


def _bracket(text: str) -> tuple[float, float | None] | None:
    """(min, max) inclusive, in dollars; "Over $1000.00" starts a cent above 1000.00."""
    for pattern in _BRACKETS:
        match = pattern.match(text)
        if match:
            found = match.groupdict()
            if found.get("over"):
                return _amount(found["over"]) + 0.01, None
            return (_amount(found["min"]) if found.get("min") else 0.0), _amount(found["max"])
    return None


def _cells(passage_id: str, line: str, row: re.Match) -> list[tuple[str, str, float]]:
    cells = []
    for cell in row.group("cells").split(";"):
        match = _CELL.match(cell.strip())
        if match is None:
            raise StoreDataError(f"{passage_id}: cannot read shipping rate {cell.strip()!r} in "
                                 f"line {line!r}; expected 'METHOD label ** $price'")
        cells.append((match.group("method").casefold(), match.group("label"),
                      _amount(match.group("price"))))
    return cells


def _parse_surcharge(passage: Passage, methods: tuple[str, ...]) -> ShippingSurcharge | None:
    match = _SURCHARGE.search(" ".join(passage.text.split()))
    if match is None:
        return None
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("regions"))]
    try:
        regions = tuple(region_code(n) for n in names if n)
    except ValueError as exc:
        raise StoreDataError(f"{passage.id}: shipping surcharge: {exc}") from None
    method = match.group("method").casefold()
    if method not in methods:
        raise StoreDataError(f"{passage.id}: shipping surcharge applies to {method!r}, which is "
                             f"not a method of the rate table ({', '.join(methods)})")
    return ShippingSurcharge(regions, _amount(match.group("amount")), method, passage.id)


def _has_rate_line(text: str) -> bool:
    for line in text.splitlines():
        row = _ROW.match(line.strip())
        if row and _bracket(row.group("bracket").strip()):
            return True
    return False


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def _cents(amount: float) -> int:
    return round(amount * 100)
