"""Plain data of retrieval: a search hit and the metadata filters a search accepts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from kb.types import ARTICLE_TYPES, DOCUMENT_TYPES

from retrieval.errors import InvalidQuery, UnknownFilter

#: Filter type names: every document type, plus "article" meaning any of ``ARTICLE_TYPES``.
FILTER_TYPES = DOCUMENT_TYPES + ("article",)
_FILTER_KEYS = ("category", "in_stock", "max_price", "min_price", "type", "types")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    ``score`` depends on the method that produced it: the fused RRF score for ``search``, the
    cosine similarity for ``search_dense`` and the BM25 score for ``search_bm25``. Higher is
    better in all three; compare scores only within one result list.
    ``metadata`` is a read-only view of the document's metadata.
    """

    id: str
    type: str
    title: str
    text: str
    score: float
    metadata: Mapping


@dataclass(frozen=True, slots=True)
class Filters:
    """Metadata constraints; a document must satisfy every field that is set.

    Fields:
        types: document types to keep; "article" means any of ``ARTICLE_TYPES``. Empty = any.
        category: case-insensitive; matches a ``metadata["categories"]`` path equal to it, a path
            it is a prefix of ("Men/Tops" matches "Men/Tops/Jackets"), or a path holding it as a
            whole segment ("Jackets").
        min_price / max_price: inclusive bounds on ``metadata["price"]``; documents without a
            price fail a price filter.
        in_stock: required ``metadata["in_stock"]``; documents without it (articles) pass only
            when this is None.

    Raises:
        InvalidQuery: on construction with an unknown type name, a negative or non-finite
            price, min_price > max_price, an empty category or a non-bool in_stock.
    """

    types: tuple[str, ...] = ()
    category: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    in_stock: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", _check_types(self.types))
        if self.category is not None:
            object.__setattr__(self, "category", _check_category(self.category))
        object.__setattr__(self, "min_price", _check_price("min_price", self.min_price))
        object.__setattr__(self, "max_price", _check_price("max_price", self.max_price))
        if (self.min_price is not None and self.max_price is not None
                and self.min_price > self.max_price):
            raise InvalidQuery(
                f"min_price ({self.min_price}) is greater than max_price ({self.max_price})")
        if self.in_stock is not None and not isinstance(self.in_stock, bool):
            raise InvalidQuery(f"in_stock must be true, false or null, got {self.in_stock!r}")

    @property
    def is_empty(self) -> bool:
        """True when no field constrains anything."""
        return (not self.types and self.category is None and self.min_price is None
                and self.max_price is None and self.in_stock is None)

    @property
    def expanded_types(self) -> frozenset[str]:
        """The concrete document types allowed ("article" expanded); empty means any."""
        out: set[str] = set()
        for name in self.types:
            out.update(ARTICLE_TYPES if name == "article" else (name,))
        return frozenset(out)

    @classmethod
    def parse(cls, value: "Filters | Mapping | None") -> "Filters | None":
        """Build filters from a ``Filters``, a mapping from the wire, or None.

        Args:
            value: a ``Filters`` (returned as is), None (returned as None), or a mapping with keys
                ``type``/``types`` (a name or a list of names; both keys are merged),
                ``category``, ``min_price``, ``max_price`` and ``in_stock``. None values are
                ignored, so ``{"category": None}`` means no category filter.

        Returns:
            The filters, or None when ``value`` is None.

        Raises:
            UnknownFilter: a key outside the list above (the message lists the valid keys).
            InvalidQuery: a bad value (unknown type name, min_price > max_price, negative price,
                a value of the wrong kind), or ``value`` is neither a mapping nor ``Filters``.
        """
        if value is None or isinstance(value, Filters):
            return value
        if not isinstance(value, Mapping):
            raise InvalidQuery(
                f"filters must be a mapping or Filters, got {type(value).__name__}")
        unknown = sorted(str(key) for key in value if key not in _FILTER_KEYS)
        if unknown:
            raise UnknownFilter(
                f"unknown filter key(s) {', '.join(map(repr, unknown))}; "
                f"valid keys: {', '.join(_FILTER_KEYS)}")
        types: list[str] = []
        for key in ("type", "types"):
            names = value.get(key)
            if names is not None:
                types.extend([names] if isinstance(names, str) else _as_list(key, names))
        return cls(types=tuple(dict.fromkeys(types)), category=value.get("category"),
                   min_price=value.get("min_price"), max_price=value.get("max_price"),
                   in_stock=value.get("in_stock"))


def _as_list(key: str, names: object) -> list:
    if not isinstance(names, (list, tuple)):
        raise InvalidQuery(f"{key} must be a type name or a list of names, got {names!r}")
    return list(names)


def _check_types(types: object) -> tuple[str, ...]:
    if isinstance(types, str):
        types = (types,)
    if not isinstance(types, (list, tuple)):
        raise InvalidQuery(f"types must be a tuple of type names, got {types!r}")
    for name in types:
        if name not in FILTER_TYPES:
            raise InvalidQuery(
                f"unknown document type {name!r}; valid types: {', '.join(FILTER_TYPES)}")
    return tuple(types)


def _check_category(category: object) -> str:
    if not isinstance(category, str) or not category.strip(" /"):
        raise InvalidQuery(f"category must be a non-empty string, got {category!r}")
    return category


def _check_price(name: str, price: object) -> float | None:
    if price is None:
        return None
    # bool is an int subclass; "min_price": true is a client bug, not a price of 1.
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        raise InvalidQuery(f"{name} must be a number, got {price!r}")
    if not math.isfinite(price) or price < 0:
        raise InvalidQuery(f"{name} must be a finite number >= 0, got {price!r}")
    return float(price)
