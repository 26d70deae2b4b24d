"""Plain data of the store's knowledge: products, articles and their passages, reviews, orders
and returns.

Every type is a frozen, slotted dataclass. ``Document`` is the one indexable form that
retrieval consumes; products and passages turn themselves into documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

#: Who a passage is written for: shoppers (the store's own pages) or support agents (procedures
#: such as the ABCD guidelines, which a shopper-facing reply must not quote).
AUDIENCES = ("shopper", "agent")
#: Article kinds a store publishes. Retrieval filters accept these, "product", and "article"
#: (any article kind).
ARTICLE_TYPES = ("policy", "faq", "page", "promotion")
DOCUMENT_TYPES = ("product",) + ARTICLE_TYPES
#: An order's life: pending (not yet paid/confirmed) -> processing -> shipped -> delivered,
#: or canceled before it ships.
ORDER_STATUSES = ("pending", "processing", "shipped", "delivered", "canceled")
RETURN_STATUSES = ("requested", "refunded")


@dataclass(frozen=True, slots=True)
class Document:
    """One searchable unit: a product or an article passage.

    ``id`` is stable across loads (``product:MH01``, ``policy:returns-and-replacements#1``), so a
    citation in a reply stays valid as long as the source text does not change.
    ``metadata`` holds filterable facts: ``price``, ``in_stock``, ``categories``, ``url``...
    Treat it as read-only.
    """

    id: str
    type: str
    title: str
    text: str
    metadata: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Variant:
    """One buyable size/colour of a configurable product."""

    sku: str
    size: str | None
    color: str | None
    price: float
    qty: int
    in_stock: bool


@dataclass(frozen=True, slots=True)
class PriceTier:
    """A quantity break: from ``min_qty`` units in one order line, each unit costs ``price``."""

    min_qty: int
    price: float


@dataclass(frozen=True, slots=True)
class BundleItem:
    """One component of a kit or bundle: ``qty`` of the product ``sku`` in each kit."""

    sku: str
    qty: int = 1


@dataclass(frozen=True, slots=True)
class Measurement:
    """An attribute value with its unit ("60 W", "1.2 kg"), for code that compares specs."""

    value: float
    unit: str

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}".strip()


@dataclass(frozen=True, slots=True)
class Product:
    """A sellable catalog product; size/colour children are folded into ``variants``.

    ``categories`` are slash-joined paths without the store root ("Men/Tops/Jackets").
    ``attributes`` maps an attribute code to its values ("material" -> ("Wool", "Fleece")); a
    value with a unit is also in ``measurements`` ("wattage" -> (Measurement(60, "W"),)).
    ``unit`` is the unit of sale ("box of 10", "metre"; empty for single items), ``tier_prices``
    the quantity breaks (ascending ``min_qty``), ``price_lists`` the prices of named lists
    ("wholesale" -> 15.0) beside the public ``price``, and ``components`` the contents of a
    kit or bundle (``product_type`` "bundle").
    """

    sku: str
    name: str
    description: str
    price: float
    special_price: float | None = None
    categories: tuple[str, ...] = ()
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()
    qty: int = 0
    in_stock: bool = True
    url_key: str = ""
    image: str = ""
    product_type: str = "simple"
    related: tuple[str, ...] = ()
    upsell: tuple[str, ...] = ()
    crosssell: tuple[str, ...] = ()
    unit: str = ""
    tier_prices: tuple[PriceTier, ...] = ()
    price_lists: Mapping[str, float] = field(default_factory=dict)
    components: tuple[BundleItem, ...] = ()
    measurements: Mapping[str, tuple[Measurement, ...]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return f"product:{self.sku}"

    @property
    def final_price(self) -> float:
        """What the shopper pays: the special price when there is one."""
        return self.special_price if self.special_price is not None else self.price

    def unit_price(self, qty: int = 1, price_list: str | None = None) -> float:
        """What one unit costs when ``qty`` units are bought in one order line.

        Args:
            qty: units in the order line (a positive whole number).
            price_list: a named price list ("wholesale"), or None for the public price, to
                which the quantity breaks apply.

        Raises:
            ValueError: qty below 1, or a price list the product does not have.
        """
        if not isinstance(qty, int) or qty < 1:
            raise ValueError(f"quantity must be a whole number of at least 1, got {qty!r}")
        if price_list is not None:
            if price_list not in self.price_lists:
                raise ValueError(f"{self.sku} has no price list {price_list!r}; it has "
                                 f"{', '.join(self.price_lists) or 'none'}")
            return self.price_lists[price_list]
        prices = [self.final_price] + [t.price for t in self.tier_prices if qty >= t.min_qty]
        return min(prices)

    @property
    def sizes(self) -> tuple[str, ...]:
        return _unique(v.size for v in self.variants if v.size)

    @property
    def colors(self) -> tuple[str, ...]:
        return _unique(v.color for v in self.variants if v.color)

    @property
    def available(self) -> bool:
        """In stock itself, or through at least one in-stock variant."""
        if self.variants:
            return any(v.in_stock for v in self.variants)
        return self.in_stock

    def to_document(self, currency: str | None = "USD") -> Document:
        """The product as one searchable document (name, category, description, attributes),
        its prices in ``currency`` (the store's ISO 4217 code; None: bare amounts)."""
        lines = [self.name]
        if self.categories:
            lines.append("Category: " + "; ".join(self.categories))
        if self.description:
            lines.append(self.description)
        for code, values in self.attributes.items():
            lines.append(f"{code.replace('_', ' ').capitalize()}: {', '.join(values)}")
        if self.sizes:
            lines.append("Sizes: " + ", ".join(self.sizes))
        if self.colors:
            lines.append("Colors: " + ", ".join(self.colors))
        if self.components:
            lines.append("Kit contents: " + ", ".join(f"{c.qty} x {c.sku}"
                                                      for c in self.components))
        lines.append(f"Price: {format_money(self.final_price, currency)}"
                     + (f" per {self.unit}" if self.unit else ""))
        if self.tier_prices:
            lines.append("Volume pricing: " + "; ".join(
                f"{t.min_qty}+ at {format_money(t.price, currency)} each"
                for t in self.tier_prices))
        metadata = {
            "sku": self.sku,
            "price": self.final_price,
            "in_stock": self.available,
            "categories": list(self.categories),
            "url_key": self.url_key,
            "image": self.image,
            "sizes": list(self.sizes),
            "colors": list(self.colors),
        }
        return Document(self.doc_id, "product", self.name, "\n".join(lines), metadata)


@dataclass(frozen=True, slots=True)
class Passage:
    """A citable piece of an article; ``section`` is the heading path inside the article."""

    id: str
    article_id: str
    type: str
    title: str
    section: tuple[str, ...]
    text: str
    url: str = ""
    source: str = ""
    audience: str = "shopper"

    def to_document(self) -> Document:
        title = " > ".join((self.title,) + self.section) if self.section else self.title
        metadata = {"article_id": self.article_id, "url": self.url, "source": self.source,
                    "section": list(self.section), "audience": self.audience}
        return Document(self.id, self.type, title, self.text, metadata)


@dataclass(frozen=True, slots=True)
class Article:
    """A policy, FAQ, CMS page or promotion, already split into passages."""

    id: str
    type: str
    title: str
    passages: tuple[Passage, ...]
    url: str = ""
    source: str = ""
    audience: str = "shopper"


@dataclass(frozen=True, slots=True)
class Review:
    sku: str
    rating: int
    title: str
    text: str
    reviewer: str = ""


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One order line; ``sku`` is the bought variant's sku ("WS03-XS-Red"), ``options`` its
    size/colour choices."""

    sku: str
    name: str
    qty: int
    price: float
    options: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Order:
    """An order as the order backend knows it; money in ``currency``.

    ``shipped``/``delivered`` are set once those happen; ``tracking`` is empty before shipping.
    ``shipping_method`` is a rate-table method ("standard", "priority", "overnight").
    """

    id: str
    email: str
    status: str
    items: tuple[OrderItem, ...]
    created: date
    updated: date
    subtotal: float
    shipping: float
    total: float
    shipped: date | None = None
    delivered: date | None = None
    shipping_method: str = "standard"
    shipping_address: str = ""
    tracking: str = ""
    #: ISO 4217 code of the amounts; None when the store does not state its currency.
    currency: str | None = None

    def __post_init__(self) -> None:
        if self.status not in ORDER_STATUSES:
            raise ValueError(f"unknown order status {self.status!r}; "
                             f"expected one of {ORDER_STATUSES}")


@dataclass(frozen=True, slots=True)
class ReturnRequest:
    """A return (RMA) opened for one item of an order."""

    reference: str
    order_id: str
    item_sku: str
    reason: str
    created: date
    status: str = "requested"

    def __post_init__(self) -> None:
        if self.status not in RETURN_STATUSES:
            raise ValueError(f"unknown return status {self.status!r}; "
                             f"expected one of {RETURN_STATUSES}")


#: How a price reads; other currencies follow the amount ("12.00 CHF"). A dollar other than the
#: US one takes its country's mark before the sign ("A$279.99"), as its shoppers read prices
#: (a "$" they expect) and as shops abroad tell it from US dollars.
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}


def format_money(amount: float, currency: str | None) -> str:
    """"$16.00", "€6.90", "A$9.95", "12.00 CHF"; a store that names no currency gets the bare amount.
    The one price format of every reply, edge and product document."""
    if currency in _SYMBOLS:
        return f"{_SYMBOLS[currency]}{amount:.2f}"
    return f"{amount:.2f} {currency}" if currency else f"{amount:.2f}"


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
