"""The store's promotions as structured rules: discount, promo code, minimum subtotal.

Parsed from Magento's cart and catalog price rules (``sales_rules.csv``, ``catalog_rules.csv``)
so code answers "is H20 a valid code?" and "how much for free shipping?" instead of the
language model. Each promotion points at the promotion article ``kb/luma.py`` made from the
same row (``promotion:4-luma-water-bottle-save-70#1``), so a reply can cite it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from kb.errors import StoreDataError
from kb.passages import slugify
from kb.types import Article

#: Promotion kinds (see ``Promotion``).
KINDS = ("percent", "fixed", "cart_fixed", "buy_x_get_y", "to_percent", "to_fixed",
         "free_shipping")
#: Magento's ``simple_action`` -> our ``kind``; free shipping with no discount is its own kind.
_KINDS = {"by_percent": "percent", "by_fixed": "fixed", "cart_fixed": "cart_fixed",
          "buy_x_get_y": "buy_x_get_y", "to_percent": "to_percent", "to_fixed": "to_fixed"}
_SUBTOTAL = re.compile(r'"attribute":"base_subtotal","operator":"(?P<op>>=|>)",'
                       r'"value":"(?P<value>\d+(?:\.\d+)?)"')
_SKU = re.compile(r'"attribute":"sku","operator":"(?:==|\(\))","value":"(?P<skus>[^"]+)"')


@dataclass(frozen=True, slots=True)
class Promotion:
    """One active price rule.

    ``kind`` is "percent" (``discount`` % off), "fixed" ($ off each item), "cart_fixed" ($ off
    the cart), "buy_x_get_y" (buy ``step``, get ``discount`` free), "to_percent"/"to_fixed"
    (catalog prices set to), or "free_shipping". ``min_subtotal`` is the cart subtotal it needs
    (inclusive). ``scope`` is "cart" (at checkout) or "catalog" (already in the shown price).
    ``skus`` lists the products it is limited to, when the rule names them. ``starts`` and
    ``ends`` (inclusive) bound when it runs; None is open-ended.
    """

    id: str
    name: str
    description: str
    coupon_code: str | None
    kind: str
    discount: float
    min_subtotal: float | None
    passage_id: str
    free_shipping: bool = False
    step: int = 0
    skus: tuple[str, ...] = ()
    scope: str = "cart"
    starts: date | None = None
    ends: date | None = None

    def runs_on(self, day: date) -> bool:
        """Whether the promotion is on during ``day``."""
        return (self.starts is None or self.starts <= day) and (self.ends is None or day <= self.ends)


@dataclass(frozen=True, slots=True)
class Promotions:
    """The store's active promotions, looked up by promo code."""

    promotions: tuple[Promotion, ...] = ()

    @classmethod
    def from_magento(cls, folder: Path, articles: Iterable[Article]) -> "Promotions":
        """Parse ``SalesRuleSampleData/sales_rules.csv`` and ``CatalogRuleSampleData/
        catalog_rules.csv`` under ``folder``, linking each rule to its promotion article.

        Raises:
            StoreDataError: a file is missing, a row has an unknown action or a bad number,
                or a rule has no promotion article to cite.
        """
        passages = {a.id: a.passages[0].id for a in articles
                    if a.type == "promotion" and a.passages}
        out = []
        for path, scope in ((folder / "SalesRuleSampleData" / "sales_rules.csv", "cart"),
                            (folder / "CatalogRuleSampleData" / "catalog_rules.csv", "catalog")):
            for line, row in _rows(path):
                if row.get("is_active", "1") == "1":
                    out.append(_promotion(row, scope, passages, f"{path.name}:{line}"))
        return cls(tuple(out))

    def all(self) -> list[Promotion]:
        return list(self.promotions)

    def current(self, day: date) -> "Promotions":
        """The promotions that run on ``day`` (those without dates always do)."""
        return Promotions(tuple(p for p in self.promotions if p.runs_on(day)))

    def by_code(self, code: str) -> Promotion | None:
        """The promotion whose promo code this is (case and spaces ignored), or None."""
        wanted = code.strip().casefold()
        return next((p for p in self.promotions
                     if p.coupon_code and p.coupon_code.casefold() == wanted), None)

    def free_shipping_threshold(self) -> float | None:
        """The lowest subtotal that ships free without a code, or None when nothing does."""
        minimums = [p.min_subtotal for p in self.promotions
                    if p.free_shipping and not p.coupon_code and p.min_subtotal is not None]
        return min(minimums) if minimums else None


def _rows(path: Path):
    if not path.is_file():
        raise StoreDataError(f"promotion rules file {path} does not exist")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def _promotion(row: dict[str, str], scope: str, passages: dict[str, str], where: str) -> Promotion:
    action = row["simple_action"].strip()
    if action not in _KINDS:
        raise StoreDataError(f"{where}: unknown simple_action {action!r}; expected one of "
                             f"{', '.join(_KINDS)}")
    try:
        discount = float(row["discount_amount"] or 0)
        step = int(float(row.get("discount_step") or 0))
    except ValueError:
        raise StoreDataError(f"{where}: discount_amount/discount_step must be numbers") from None
    free_shipping = (row.get("simple_free_shipping") or "0").strip() in ("1", "2")
    kind = "free_shipping" if free_shipping and discount == 0 else _KINDS[action]
    article_id = slugify(row["name"])
    if article_id not in passages:
        raise StoreDataError(f"{where}: promotion {row['name']!r} has no promotion article "
                             f"'promotion:{article_id}' to cite")
    subtotal = _SUBTOTAL.search(row.get("conditions_serialized") or "")
    minimum = None
    if subtotal:  # Magento's ">" is strict: the first qualifying cent is the minimum.
        minimum = float(subtotal.group("value")) + (0.01 if subtotal.group("op") == ">" else 0.0)
    skus = tuple(s.strip() for m in _SKU.finditer(row.get("actions_serialized") or "")
                 for s in m.group("skus").split(",") if s.strip())
    return Promotion(
        id=article_id, name=row["name"].strip(),
        description=(row.get("description") or "").strip(),
        coupon_code=(row.get("coupon_code") or "").strip() or None, kind=kind, discount=discount,
        min_subtotal=minimum, passage_id=passages[article_id], free_shipping=free_shipping,
        step=step, skus=skus, scope=scope)
