"""The store's shipping rate table as rows that code quotes from, never the language model.

The rows are parsed from the store's own page (the Luma Customer Service page renders its
table as lines like ``Up to $200: STANDARD 5—7 day shipping ** $16; PRIORITY ...``), and the
remote-region surcharge from the sentence beside it ("Delivery addresses in Alaska, Hawaii,
Puerto Rico, and Guam should add an additional $5.00 charge for standard Shipping"). Nothing
is hard-coded: a store that edits its page gets new numbers, and a table that no longer parses
fails loudly with ``StoreDataError`` instead of quoting stale prices.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

from kb.errors import StoreDataError
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

#: US states, DC and territories: region codes and names both name a delivery region.
US_REGIONS = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
_REGION_BY_NAME = {name.casefold(): code for code, name in US_REGIONS.items()}


@dataclass(frozen=True, slots=True)
class ShippingRate:
    """One cell of the table: a method's price for merchandise totals in [min_total, max_total].

    Both bounds are inclusive, in dollars; ``max_total`` is None for the open top bracket.
    """

    min_total: float
    max_total: float | None
    method: str
    label: str
    price: float


@dataclass(frozen=True, slots=True)
class ShippingSurcharge:
    """An extra charge for deliveries to some regions (codes: "AK", "HI"...) on one method."""

    regions: tuple[str, ...]
    amount: float
    method: str


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    """What one method costs for one order; ``passage_ids`` are the sources to cite."""

    method: str
    label: str
    base_price: float
    surcharge: float
    total: float
    passage_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShippingTable:
    """The rate table and its surcharge, parsed from the store's shipping page.

    Example:
        >>> table = KnowledgeBase.demo().shipping
        >>> [q.total for q in table.quote(120.0, region="AK")]
        [21.0, 26.0, 33.0]
    """

    rates: tuple[ShippingRate, ...]
    surcharge: ShippingSurcharge | None
    table_passage_id: str
    surcharge_passage_id: str | None = None

    @classmethod
    def from_passages(cls, table: Passage, notes: Passage | None = None) -> "ShippingTable":
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
        return cls(rates, surcharge, table.id, notes.id if surcharge else None)

    @property
    def methods(self) -> tuple[str, ...]:
        """Shipping methods in table order ("standard", "priority", "overnight")."""
        return tuple(dict.fromkeys(r.method for r in self.rates))

    def quote(self, merchandise_total: float, method: str | None = None,
              region: str | None = None) -> list[ShippingQuote]:
        """What shipping costs for an order, per method.

        Args:
            merchandise_total: the order's merchandise total in dollars (before tax).
            method: one method, or None for every method in table order.
            region: the delivery state or territory, as a name or code ("Alaska", "AK");
                None for no regional surcharge.

        Returns:
            One quote per method asked for.

        Raises:
            ValueError: a negative or non-finite total, an unknown method or region, or a
                total above the table's top bracket.
        """
        if not isinstance(merchandise_total, (int, float)) or not math.isfinite(merchandise_total) \
                or merchandise_total < 0:
            raise ValueError(f"merchandise total must be a non-negative amount, "
                             f"got {merchandise_total!r}")
        methods = self.methods if method is None else (self._method(method),)
        code = region_code(region) if region is not None else None
        cents = round(merchandise_total * 100)
        return [self._quote(cents, m, code) for m in methods]

    def _method(self, method: str) -> str:
        name = method.strip().casefold()
        if name not in self.methods:
            raise ValueError(f"unknown shipping method {method!r}; expected one of "
                             f"{', '.join(self.methods)}")
        return name

    def _quote(self, cents: int, method: str, region: str | None) -> ShippingQuote:
        rate = next((r for r in self.rates if r.method == method and _cents(r.min_total) <= cents
                     and (r.max_total is None or cents <= _cents(r.max_total))), None)
        if rate is None:
            raise ValueError(f"the shipping table has no {method} rate for ${cents / 100:.2f}")
        extra = 0.0
        ids = (self.table_passage_id,)
        if self.surcharge and region in self.surcharge.regions and method == self.surcharge.method:
            extra = self.surcharge.amount
            ids += (self.surcharge_passage_id,) if self.surcharge_passage_id else ()
        return ShippingQuote(method, rate.label, rate.price, extra, round(rate.price + extra, 2),
                             ids)


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
        return ShippingTable.from_passages(table, notes)
    return None


def region_code(region: str) -> str:
    """"Alaska", "alaska" or "AK" -> "AK".

    Raises:
        ValueError: not a US state, DC or territory.
    """
    text = region.strip()
    if text.upper() in US_REGIONS:
        return text.upper()
    code = _REGION_BY_NAME.get(text.casefold())
    if code is None:
        raise ValueError(f"unknown delivery region {region!r}; give a US state or territory "
                         "name or its two-letter code")
    return code


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
    return ShippingSurcharge(regions, _amount(match.group("amount")), method)


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
