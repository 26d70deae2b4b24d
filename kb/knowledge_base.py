"""``KnowledgeBase``: everything the store knows, loaded once, looked up by id."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from kb.abcd import load_abcd_guidelines
from kb.contact import ContactInfo
from kb.errors import ImportProblem, StoreDataError, UnknownProduct
from kb.luma import load_luma
from kb.promotions import Promotions
from kb.returns import ReturnPolicy, find_return_policy
from kb.shipping import ShippingTable, find_shipping_table
from kb.store_import import import_store
from kb.store_settings import SETTINGS_FILE, load_store_settings
from kb.types import Article, Document, Passage, Product, Review


def demo_data_dir() -> Path:
    """The folder of the shipped demo data (inside the installed package)."""
    return Path(str(resources.files("kb") / "data"))


@dataclass(frozen=True)
class KnowledgeBase:
    """Products, articles and reviews of one store, and the business data code computes with.

    ``shipping``, ``promotions``, ``return_policy``, ``contact`` and ``currency`` come from
    the store's settings file (``store.yaml``, see ``kb.store_settings``); each is None when
    the store does not configure it, and every part of the assistant that needs one must
    cope with its absence.

    Example:
        >>> kb = KnowledgeBase.demo()
        >>> kb.product("24-WG02").name
        'Didi Sport Watch'
    """

    products: tuple[Product, ...] = ()
    articles: tuple[Article, ...] = ()
    reviews: tuple[Review, ...] = ()
    #: Rows skipped while importing, each naming its file, line and field.
    problems: tuple[ImportProblem, ...] = ()
    shipping: ShippingTable | None = None
    promotions: Promotions | None = None
    return_policy: ReturnPolicy | None = None
    contact: ContactInfo | None = None
    #: ISO 4217 code of the store's prices, None when the store does not say.
    currency: str | None = None
    #: The platform the store runs on ("shopify"), which numbers its orders; None: not said.
    platform: str | None = None
    _by_sku: dict[str, Product] = field(default_factory=dict, init=False, repr=False)
    _by_passage: dict[str, Passage] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # Variants resolve to their parent so "MH01-M-Black" finds the hoodie.
        for product in self.products:
            self._by_sku[product.sku] = product
            for variant in product.variants:
                self._by_sku.setdefault(variant.sku, product)
        for article in self.articles:
            for passage in article.passages:
                self._by_passage[passage.id] = passage

    @classmethod
    def demo(cls) -> "KnowledgeBase":
        """The shipped Luma demo store plus the ABCD agent guidelines.

        Its settings are ``kb/data/luma_store/store.yaml``, written from the sample data's
        Customer Service page and price rules.

        Raises:
            StoreDataError: the shipped settings no longer validate (someone edited the data).
        """
        folder = demo_data_dir()
        products, articles, reviews = load_luma(folder / "luma_store")
        loaded = load_store_settings(folder / "luma_store" / SETTINGS_FILE, articles)
        if loaded.problems or loaded.articles:
            found = "; ".join(map(str, loaded.problems)) or "a section without its source"
            raise StoreDataError(f"the demo store's settings are broken: {found}")
        settings = loaded.settings
        articles += load_abcd_guidelines(folder / "abcd_policies" / "guidelines.json")
        return cls(tuple(products), tuple(articles), tuple(reviews), shipping=settings.shipping,
                   promotions=settings.promotions, return_policy=settings.returns,
                   contact=settings.contact, currency=settings.currency,
                   platform=settings.platform)

    @classmethod
    def from_folder(cls, folder: str | Path) -> "KnowledgeBase":
        """A store's own data in the import format (docs/IMPORT_FORMAT.md).

        Settings come from the folder's ``store.yaml`` (``kb.store_settings``); a section
        with a mistake is None and its problem is in ``problems``. A store without a
        ``shipping`` or ``returns`` section has them looked for in its pages, as before
        settings files existed: the first shopper article with a line like "Up to $200:
        STANDARD 5-7 day shipping ** $16; ...", the first policy passage saying "within 30
        days of receipt". Anything still missing is None.

        Raises:
            StoreDataError: the folder is missing or holds no store data.
        """
        folder = Path(folder)
        result = import_store(folder)
        loaded = load_store_settings(folder / SETTINGS_FILE, result.articles)
        settings = loaded.settings
        articles = list(result.articles) + list(loaded.articles)
        problems = list(result.problems) + list(loaded.problems)
        shipping, returns = settings.shipping, settings.returns
        if "shipping" not in settings.declared:
            try:
                shipping = find_shipping_table(result.articles)
            except StoreDataError as exc:
                problems.append(ImportProblem("articles", None, "shipping table", str(exc)))
        if "returns" not in settings.declared:
            returns = find_return_policy(result.articles)
        return cls(tuple(result.products), tuple(articles), (), tuple(problems),
                   shipping=shipping, promotions=settings.promotions, return_policy=returns,
                   contact=settings.contact, currency=settings.currency,
                   platform=settings.platform)

    @classmethod
    def load(cls, store: str) -> "KnowledgeBase":
        """``"demo"`` for the shipped store, else a folder in the import format."""
        return cls.demo() if store == "demo" else cls.from_folder(store)

    def product(self, sku: str) -> Product:
        """The product with this sku (a variant's sku gives its parent).

        Raises:
            UnknownProduct: no product or variant has that sku.
        """
        try:
            return self._by_sku[sku]
        except KeyError:
            raise UnknownProduct(sku) from None

    def passage(self, passage_id: str) -> Passage:
        """Raises KeyError for an unknown passage id."""
        return self._by_passage[passage_id]

    def reviews_of(self, sku: str) -> list[Review]:
        return [r for r in self.reviews if r.sku == sku]

    def documents(self, audience: str = "shopper") -> Iterator[Document]:
        """Searchable documents: one per product, one per article passage.

        Args:
            audience: "shopper" (default) for what a shopper-facing answer may use: products
                and the store's own articles; "all" adds the agent guidelines.

        Raises:
            ValueError: an unknown audience.
        """
        if audience not in ("shopper", "all"):
            raise ValueError(f"unknown audience {audience!r}; expected 'shopper' or 'all'")
        for product in self.products:
            yield product.to_document(self.currency)
        for article in self.articles:
            if article.audience == "agent" and audience == "shopper":
                continue
            for passage in article.passages:
                yield passage.to_document()

    def stats(self) -> dict[str, int]:
        """Counts by kind: products, variants, each article type, passages, reviews, problems."""
        counts: Counter[str] = Counter()
        counts["products"] = len(self.products)
        counts["variants"] = sum(len(p.variants) for p in self.products)
        for article in self.articles:
            counts[f"articles.{article.type}"] += 1
            counts["passages"] += len(article.passages)
        counts["reviews"] = len(self.reviews)
        counts["problems"] = len(self.problems)
        return dict(counts)

