"""The store's shipping methods and rate tables, quoted by code, never by the language model.

A ``ShippingTable`` comes from the store's settings file (``store.yaml``, see
``kb.store_settings`` and docs/IMPORT_FORMAT.md) or, for a store without one, from a rate
table on its own page (``kb.shipping_page``). Rates are rows: a method's price for an order
subtotal range, optionally limited to delivery regions and a parcel weight range; the first
row that matches wins. Surcharges add to a method's rate in some regions, and a method may
ship free from a subtotal on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import time
from typing import Iterable, Mapping

from kb.types import Article

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
    """One row of the table: a method's price for merchandise totals in [min_total, max_total].

    Bounds are inclusive, in the store currency; ``max_total`` is None for the open top
    bracket. ``regions`` limits the row to those region codes (empty: any region, and the
    row used when no region is given). ``min_weight``/``max_weight`` (inclusive, in the
    table's ``weight_unit``) make the row priced by parcel weight.
    """

    min_total: float
    max_total: float | None
    method: str
    label: str
    price: float
    regions: tuple[str, ...] = ()
    min_weight: float | None = None
    max_weight: float | None = None

    @property
    def by_weight(self) -> bool:
        return self.min_weight is not None or self.max_weight is not None


@dataclass(frozen=True, slots=True)
class ShippingSurcharge:
    """An extra charge for deliveries to some regions (codes: "AK", "HI"...) on one method.

    ``passage_id`` is the passage that states it, cited with the quote when it applies.
    """

    regions: tuple[str, ...]
    amount: float
    method: str
    passage_id: str | None = None


@dataclass(frozen=True, slots=True)
class ShippingMethod:
    """What a method promises beside its price.

    ``delivery_days`` is (fewest, most) business days after dispatch; ``cutoff`` the time of
    day (store time zone) until which an order is dispatched the same day; ``free_over`` the
    merchandise total from which (inclusive) its rate is free. Each is None when not set.
    ``free_regions`` are the region codes where the free rule holds ("free to the lower 48,
    not to Alaska or Hawaii"); empty, it holds everywhere the method goes.
    """

    code: str
    label: str
    delivery_days: tuple[int, int] | None = None
    cutoff: time | None = None
    free_over: float | None = None
    free_regions: tuple[str, ...] = ()

    def free_at(self, merchandise_total: float, region: str | None) -> bool:
        """Whether the free rule makes this method free for an order of this total to this
        region code (None: not said, so a rule held only in some regions does not apply)."""
        if self.free_over is None or round(merchandise_total * 100) < _cents(self.free_over):
            return False
        return not self.free_regions or region in self.free_regions


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    """What one method costs for one order; ``passage_ids`` are the sources to cite.

    ``free`` says the method's free-shipping rule applied (``base_price`` is then 0);
    ``delivery_days`` is copied from the method when the store states it.
    """

    method: str
    label: str
    base_price: float
    surcharge: float
    total: float
    passage_ids: tuple[str, ...]
    free: bool = False
    delivery_days: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class ShippingTable:
    """The store's shipping methods, their rate rows and surcharges.

    ``regions`` maps the region codes the table uses to their names (US states and
    territories unless the store configures its own); ``currency`` is an ISO 4217 code.

    Example:
        >>> table = KnowledgeBase.demo().shipping
        >>> [q.total for q in table.quote(120.0, region="AK")]
        [21.0, 26.0, 33.0]
    """

    rates: tuple[ShippingRate, ...]
    surcharges: tuple[ShippingSurcharge, ...] = ()
    table_passage_id: str = ""
    method_details: tuple[ShippingMethod, ...] = ()
    currency: str = "USD"
    regions: Mapping[str, str] = field(default_factory=lambda: US_REGIONS)
    weight_unit: str | None = None

    @classmethod
    def from_passages(cls, table, notes=None) -> "ShippingTable":
        """The table written on a page; see ``kb.shipping_page.table_from_passages``."""
        from kb.shipping_page import table_from_passages  # the page parser imports this module

        return table_from_passages(table, notes)

    @property
    def surcharge(self) -> ShippingSurcharge | None:
        """The first surcharge, or None (tables read from a page have at most one)."""
        return self.surcharges[0] if self.surcharges else None

    @property
    def surcharge_passage_id(self) -> str | None:
        return self.surcharge.passage_id if self.surcharge else None

    @property
    def methods(self) -> tuple[str, ...]:
        """Shipping method codes in table order ("standard", "priority", "overnight")."""
        listed = tuple(m.code for m in self.method_details)
        return tuple(dict.fromkeys(listed + tuple(r.method for r in self.rates)))

    def method(self, code: str) -> ShippingMethod:
        """The method's label, delivery days, cut-off and free-shipping rule.

        Raises:
            ValueError: an unknown method.
        """
        name = self._method(code)
        found = next((m for m in self.method_details if m.code == name), None)
        if found is None:
            label = next(r.label for r in self.rates if r.method == name)
            found = ShippingMethod(name, label)
        return found

    def region(self, region: str) -> str:
        """A region's code from its code or name ("Alaska", "ak" -> "AK").

        Raises:
            ValueError: the table knows no such region.
        """
        text = region.strip()
        if text.upper() in self.regions:
            return text.upper()
        for code, name in self.regions.items():
            if name.casefold() == text.casefold():
                return code
        if self.regions is US_REGIONS:
            raise ValueError(f"unknown delivery region {region!r}; give a US state or territory "
                             "name or its two-letter code")
        raise ValueError(f"unknown delivery region {region!r}; this store delivers to "
                         + ", ".join(f"{n} ({c})" for c, n in self.regions.items()))

    def quote(self, merchandise_total: float, method: str | None = None,
              region: str | None = None, weight: float | None = None) -> list[ShippingQuote]:
        """What shipping costs for an order, per method.

        Args:
            merchandise_total: the order's merchandise total (before tax), store currency.
            method: one method, or None for every method that ships this order, in order.
            region: the delivery region as a name or code ("Alaska", "AK"); None for none.
            weight: the parcel weight in ``weight_unit``; needed by rows priced by weight.

        Returns:
            One quote per method asked for (with ``method=None``, methods that have no row
            for this order are left out).

        Raises:
            ValueError: a negative or non-finite total or weight, an unknown method or region,
                a method priced by weight without a weight, or no rate for the order.
        """
        _check_amount(merchandise_total, "merchandise total")
        if weight is not None:
            _check_amount(weight, "weight")
        code = self.region(region) if region is not None else None
        cents = round(merchandise_total * 100)
        if method is not None:
            return [self._quote(cents, self._method(method), code, weight)]
        quotes, errors = [], []
        for name in self.methods:
            try:
                quotes.append(self._quote(cents, name, code, weight))
            except ValueError as exc:
                errors.append(str(exc))
        if not quotes:
            raise ValueError(errors[0] if errors else "the shipping table has no methods")
        return quotes

    def needs_weight(self, merchandise_total: float, method: str | None = None,
                     region: str | None = None) -> bool:
        """Whether quoting this order leaves out a method (or fails) for want of the parcel
        weight: a method asked (or any, with ``method=None``) whose first matching row is priced
        by weight and whose free-shipping rule the total does not reach.

        Raises:
            ValueError: as ``quote`` does for an unknown method or region or a bad total.
        """
        _check_amount(merchandise_total, "merchandise total")
        code = self.region(region) if region is not None else None
        cents = round(merchandise_total * 100)
        for name in [self._method(method)] if method is not None else self.methods:
            if self.method(name).free_at(cents / 100, code):
                continue
            rows = self._rows(cents, name, code)
            if rows and rows[0].by_weight:
                return True
        return False

    def _method(self, method: str) -> str:
        name = method.strip().casefold()
        if name not in self.methods:
            raise ValueError(f"unknown shipping method {method!r}; expected one of "
                             f"{', '.join(self.methods)}")
        return name

    def _rows(self, cents: int, method: str, region: str | None) -> list[ShippingRate]:
        """The method's rate rows that an order of this total to this region matches, in order."""
        return [r for r in self.rates if r.method == method and _cents(r.min_total) <= cents
                and (r.max_total is None or cents <= _cents(r.max_total))
                and (not r.regions or region in r.regions)]

    def _quote(self, cents: int, method: str, region: str | None,
               weight: float | None) -> ShippingQuote:
        rows = self._rows(cents, method, region)
        rate = None
        details = self.method(method)
        free = details.free_at(cents / 100, region)
        for row in rows:  # the first row that matches wins
            if row.by_weight and weight is None and free:
                rate = row  # free by the order's total: its weight changes nothing
                break
            if row.by_weight and weight is None:
                raise ValueError(f"{method} shipping is priced by weight; give the parcel "
                                 "weight" + (f" in {self.weight_unit}" if self.weight_unit else ""))
            if _weighs(row, weight):
                rate = row
                break
        if rate is None:
            where = f" to {self.regions.get(region, region)}" if region else ""
            raise ValueError(f"the shipping table has no {method} rate for "
                             f"{cents / 100:.2f} {self.currency}{where}")
        base = 0.0 if free else rate.price
        ids = (self.table_passage_id,) if self.table_passage_id else ()
        extra = 0.0
        for surcharge in self.surcharges:
            if region in surcharge.regions and method == surcharge.method:
                extra += surcharge.amount
                ids += (surcharge.passage_id,) if surcharge.passage_id else ()
        return ShippingQuote(method, rate.label, base, extra, round(base + extra, 2),
                             tuple(dict.fromkeys(ids)), free, details.delivery_days)


def find_shipping_table(articles: Iterable[Article]) -> ShippingTable | None:
    """The rate table written on the first shopper page that has one; see
    ``kb.shipping_page.find_shipping_table``."""
    from kb.shipping_page import find_shipping_table as find

    return find(articles)


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


def _weighs(rate: ShippingRate, weight: float | None) -> bool:
    if not rate.by_weight or weight is None:
        return True
    return (rate.min_weight is None or weight >= rate.min_weight) and \
        (rate.max_weight is None or weight <= rate.max_weight)


def _check_amount(value: float, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a non-negative amount, got {value!r}")


def _cents(amount: float) -> int:
    return round(amount * 100)
