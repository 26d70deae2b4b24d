"""What the assistant will and won't do with a store folder, as a readable report.

``check_store(folder)`` loads the folder the way the service does and says, feature by
feature, what works and what is missing and why; a later ``shopdesk store check DIR`` prints
``str(report)``. Nothing here raises for a store that merely lacks something: a missing
feature is a line in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.errors import ImportProblem, StoreDataError
from kb.knowledge_base import KnowledgeBase
from kb.order_numbering import numbering_for


@dataclass(frozen=True, slots=True)
class FeatureCheck:
    """One feature: whether it works with this store, and what it will or won't do."""

    name: str
    works: bool
    detail: str


@dataclass(frozen=True, slots=True)
class StoreReport:
    """The result of checking a store folder.

    ``starts`` is False only when the folder cannot be served at all (missing, no data);
    ``features`` then is empty and ``problems`` says why.
    """

    folder: str
    starts: bool
    features: tuple[FeatureCheck, ...]
    problems: tuple[ImportProblem, ...]

    def feature(self, name: str) -> FeatureCheck:
        """Raises KeyError for a name the report does not have."""
        for check in self.features:
            if check.name == name:
                return check
        raise KeyError(name)

    def __str__(self) -> str:
        if not self.starts:
            return f"{self.folder}: cannot start\n" + "\n".join(f"  {p}" for p in self.problems)
        lines = [f"{self.folder}: starts"]
        lines += [f"  [{'ok' if c.works else '--'}] {c.name}: {c.detail}" for c in self.features]
        if self.problems:
            lines.append(f"  {len(self.problems)} problem(s), each skipped:")
            lines += [f"    {p}" for p in self.problems]
        return "\n".join(lines)


def check_store(folder: str | Path) -> StoreReport:
    """Load ``folder`` like the service would and report what each feature can do.

    Args:
        folder: a store folder in the import format (docs/IMPORT_FORMAT.md).

    Returns:
        The report; ``starts`` is False when the folder holds nothing to serve.
    """
    try:
        kb = KnowledgeBase.from_folder(folder)
    except StoreDataError as exc:
        return StoreReport(str(folder), False, (),
                           (ImportProblem(str(folder), None, None, str(exc)),))
    return report_for(kb, str(folder))


def report_for(kb: KnowledgeBase, name: str = "store") -> StoreReport:
    """The report for an already loaded store (e.g. ``KnowledgeBase.demo()``)."""
    checks = (_catalog(kb), _variants(kb), _reviews(kb), _articles(kb), _shipping(kb),
              _returns(kb), _promotions(kb), _contact(kb), _orders(kb))
    return StoreReport(name, True, checks, kb.problems)


def _catalog(kb: KnowledgeBase) -> FeatureCheck:
    if not kb.products:
        return FeatureCheck("product search", False, "no products: questions about products "
                            "are answered from pages only, and no product cards are shown")
    extras = [f"{n} {what}" for n, what in (
        (sum(1 for p in kb.products if p.tier_prices), "with quantity prices"),
        (sum(1 for p in kb.products if p.components), "kits"),
        (sum(1 for p in kb.products if p.measurements), "with specs in units")) if n]
    return FeatureCheck("product search", True, f"{len(kb.products)} products"
                        + (f" ({', '.join(extras)})" if extras else ""))


def _variants(kb: KnowledgeBase) -> FeatureCheck:
    count = sum(len(p.variants) for p in kb.products)
    if not count:
        return FeatureCheck("sizes and colours", False, "no variants: the assistant will not "
                            "answer size or colour availability")
    return FeatureCheck("sizes and colours", True, f"{count} size/colour variants")


def _reviews(kb: KnowledgeBase) -> FeatureCheck:
    if not kb.reviews:
        return FeatureCheck("reviews", False, "no reviews: the assistant will not quote "
                            "ratings or what buyers say")
    return FeatureCheck("reviews", True, f"{len(kb.reviews)} reviews")


def _articles(kb: KnowledgeBase) -> FeatureCheck:
    shopper = [a for a in kb.articles if a.audience == "shopper"]
    if not shopper:
        return FeatureCheck("answers from pages", False, "no policies, FAQs or pages: "
                            "questions in words get a handoff offer")
    passages = sum(len(a.passages) for a in shopper)
    return FeatureCheck("answers from pages", True,
                        f"{len(shopper)} articles, {passages} citable passages")


def _shipping(kb: KnowledgeBase) -> FeatureCheck:
    table = kb.shipping
    if table is None:
        return FeatureCheck("shipping quotes", False, "no shipping section in store.yaml: "
                            "shipping prices are not quoted, only what the pages say")
    by_weight = " (some rates need the parcel weight)" if any(r.by_weight for r in table.rates) \
        else ""
    free = [m for m in table.methods if table.method(m).free_over is not None]
    return FeatureCheck("shipping quotes", True,
                        f"methods {', '.join(table.methods)} in {table.currency}{by_weight}"
                        + (f"; free shipping on {', '.join(free)}" if free else ""))


def _returns(kb: KnowledgeBase) -> FeatureCheck:
    policy = kb.return_policy
    if policy is None:
        return FeatureCheck("returns", False, "no return window: the assistant will not open "
                            "returns or say whether an item can still be returned")
    return FeatureCheck("returns", True, f"{policy.window_days}-day window"
                        + (f", return shipping paid by the {policy.return_shipping_paid_by}"
                           if policy.return_shipping_paid_by else ""))


def _promotions(kb: KnowledgeBase) -> FeatureCheck:
    if kb.promotions is None or not kb.promotions.all():
        return FeatureCheck("promotions", False, "no promotions: promo codes are not checked, "
                            "and questions about deals get the pages' answer or a handoff")
    codes = [p.coupon_code for p in kb.promotions.all() if p.coupon_code]
    return FeatureCheck("promotions", True, f"{len(kb.promotions.all())} promotions"
                        + (f", codes {', '.join(codes)}" if codes else ", none with a code"))


def _contact(kb: KnowledgeBase) -> FeatureCheck:
    if kb.contact is None:
        return FeatureCheck("contact", False, "no contact section: the assistant cannot give "
                            "a phone number, email or opening hours")
    kinds = ", ".join(c.kind for c in kb.contact.channels)
    hours = "with opening hours" if kb.contact.hours else "no opening hours"
    return FeatureCheck("contact", True, f"{kinds}; {hours}")


def _orders(kb: KnowledgeBase) -> FeatureCheck:
    if not kb.products:
        return FeatureCheck("orders", False, "no products, so no demo orders; connect the "
                            "store's order system (kb.platforms) for order questions")
    numbering = numbering_for(kb.platform)
    return FeatureCheck("orders", True, "demo orders over this catalog, numbered like "
                        f"{numbering.example(numbering.number(0))}, until an order system "
                        "is connected (kb.platforms: Shopify, WooCommerce, Magento)"
                        + ("" if kb.return_policy else "; returns refused (no window)"))
