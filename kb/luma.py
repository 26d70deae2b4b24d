"""Loader for the shipped demo store: Magento's Luma sample data (kb/data/luma_store).

Reads the Magento import CSVs as they are published: configurable products with their
size/colour children, the simple gear catalog, downloads, a bundle and a grouped product,
product links, reviews, the CMS pages and the promotions. Licence and origin: SOURCE.md in
the data folder (OSL-3.0 / AFL-3.0).
"""

from __future__ import annotations

import csv
import html
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from kb.html import Section, html_sections, html_to_text, normalize_space
from kb.passages import article_from_html, build_article, slugify
from kb.types import Article, Product, Review, Variant

# Attributes Magento uses for its own bookkeeping; they say nothing to a shopper.
_INTERNAL_ATTRIBUTES = {"has_options", "required_options", "visibility", "attribute_set",
                        "url_key", "special_price", "category", "name", "sku", "price", "qty",
                        "description", "short_description", "meta_description", "samples_title",
                        "links_title", "links_purchased_separately", "bundle_options",
                        "associated_sku", "format"}
# The gear files write yes/no attributes as 1/0 where the apparel files write Yes/No.
_FLAGS = {"1": "Yes", "0": "No"}
_CMS_PAGES = {  # page identifier -> article type
    "customer-service": "policy",
    "privacy-policy-cookie-restriction-mode": "policy",
    "about-us": "page",
}


def load_luma(folder: Path) -> tuple[list[Product], list[Article], list[Review]]:
    """Products, articles (policies, pages, promotions) and reviews of the Luma store."""
    categories = _category_paths(folder)
    links = _links(folder)
    products = list(_configurable_products(folder))
    products += _simple_catalog(folder, categories)
    products += _bundles_and_groups(folder, categories, products)
    products = [_with_links(p, links) for p in products]
    articles = _cms_articles(folder) + _promotions(folder)
    return products, articles, _reviews(folder)


def _clean(text: str) -> str:
    """Names and attribute values hold HTML entities ("LumaTech&trade;") and stray spaces."""
    return normalize_space(html.unescape(text))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _price(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def _special(price: float, special: str | None) -> float | None:
    """Magento's sample data repeats the price as "special price"; only a lower one counts."""
    value = _price(special)
    return value if value is not None and value < price else None


def _category_paths(folder: Path) -> dict[str, str]:
    """Category name -> slash path, for files that name categories without their parents."""
    paths: dict[str, str] = {}
    for path in sorted(folder.glob("*/categories.csv")):
        for row in _rows(path):
            parent = row["path"].strip()
            paths.setdefault(row["name"], f"{parent}/{row['name']}" if parent else row["name"])
    return paths


def _leaf_paths(paths: list[str]) -> tuple[str, ...]:
    """Drop paths that only restate an ancestor of another path ("Men" beside "Men/Tops")."""
    unique = list(dict.fromkeys(p for p in paths if p))
    return tuple(p for p in unique if not any(o.startswith(p + "/") for o in unique))


def _configurable_products(folder: Path) -> Iterator[Product]:
    rows = list(_rows(folder / "ConfigurableSampleData" / "products.csv"))
    children = {r["sku"]: r for r in rows if r["product_type"] == "simple"}
    for row in rows:
        if row["product_type"] != "configurable":
            continue
        variants = []
        for spec in filter(None, row["configurable_variations"].split("|")):
            fields = dict(part.split("=", 1) for part in spec.split(","))
            child = children.get(fields["sku"])
            if child is None:
                continue
            variants.append(Variant(fields["sku"], fields.get("size"), fields.get("color"),
                                    float(child["price"]), int(float(child["qty"] or 0)),
                                    child["is_in_stock"] == "1"))
        price = float(row["price"])
        categories = [c.removeprefix("Default Category").strip("/")
                      for c in row["categories"].split(",")]
        yield Product(
            sku=row["sku"], name=_clean(row["name"]),
            description=html_to_text(row["description"]), price=price,
            special_price=_special(price, row["special_price"]),
            categories=_leaf_paths(categories), attributes=_additional_attributes(row),
            variants=tuple(variants), qty=sum(v.qty for v in variants),
            in_stock=row["is_in_stock"] == "1", url_key=row["url_key"] or slugify(row["name"]),
            image=row["base_image"], product_type="configurable")


def _additional_attributes(row: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out = {}
    for pair in filter(None, row["additional_attributes"].split(",")):
        code, _, value = pair.partition("=")
        if code not in _INTERNAL_ATTRIBUTES and value:
            out[code] = tuple(_clean(v) for v in value.split("|") if v)
    return out


def _column_attributes(row: dict[str, str], skip: set[str]) -> dict[str, tuple[str, ...]]:
    out = {}
    for code, value in row.items():
        if code in _INTERNAL_ATTRIBUTES or code in skip or not value or not value.strip():
            continue
        values = tuple(_FLAGS.get(v.strip(), _clean(v))
                       for v in value.split("\n") if v.strip())
        if values:
            out[code] = values
    return out


def _simple_catalog(folder: Path, categories: dict[str, str]) -> list[Product]:
    """Gear and training-video products; rows that differ only by colour become variants."""
    files = sorted((folder / "CatalogSampleData" / "SimpleProduct").glob("products_*.csv"))
    files += sorted((folder / "DownloadableSampleData").glob("products_*.csv"))
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for path in files:
        for row in _rows(path):
            # Colour children carry the parent sku plus "-colour" (24-WG081-gray).
            base = row["sku"].rsplit("-", 1)[0] if row.get("color") else row["sku"]
            groups.setdefault((base, row["name"]), []).append(row)
    return [_simple_product(base, rows, categories) for (base, _), rows in groups.items()]


def _simple_product(sku: str, rows: list[dict[str, str]], categories: dict[str, str]) -> Product:
    row = rows[0]
    price = float(row["price"])
    names = [n for n in row["category"].split("\n") if n.strip()]
    variants = ()
    if row.get("color"):
        variants = tuple(Variant(r["sku"], r.get("size") or None, r["color"], float(r["price"]),
                                 int(r["qty"] or 0), int(r["qty"] or 0) > 0) for r in rows)
    qty = int(row.get("qty") or 0) if not variants else sum(v.qty for v in variants)
    # A colour child's url key names its colour; the grouped product is named by its name.
    url_key = row.get("url_key") if not variants and row.get("url_key") else row["name"]
    return Product(
        sku=sku, name=_clean(row["name"]),
        description=html_to_text(row["description"]), price=price,
        special_price=_special(price, row.get("special_price")),
        categories=_leaf_paths([categories.get(n, n) for n in names]),
        attributes=_column_attributes(row, skip={"color", "size"} if variants else set()),
        variants=variants,
        # Downloads have no stock count: they never run out.
        qty=qty, in_stock=qty > 0 or "qty" not in row, url_key=slugify(html.unescape(url_key)),
        product_type="downloadable" if "format" in row else "simple")


def _bundles_and_groups(folder: Path, categories: dict[str, str],
                        known: list[Product]) -> list[Product]:
    """The yoga kit (bundle) and strap set (grouped); their price is "from" their parts."""
    prices = {p.sku: p.final_price for p in known}
    prices.update({v.sku: v.price for p in known for v in p.variants})
    out = []
    for path, kind in ((folder / "BundleSampleData" / "yoga_bundle.csv", "bundle"),
                       (folder / "GroupedProductSampleData" / "yoga_grouped.csv", "grouped")):
        for row in _rows(path):
            if kind == "bundle":  # "Option|radio:sku1,sku2" per line: cheapest choice of each
                options = [line.split(":", 1)[1].split(",") for line in
                           row["bundle_options"].split("\n") if ":" in line]
                price = sum(min(prices.get(s, 0.0) for s in skus) for skus in options)
            else:
                price = min(prices.get(s, 0.0) for s in row["associated_sku"].split(","))
            names = [n for n in row["category"].split("\n") if n.strip()]
            out.append(Product(
                sku=row["sku"], name=_clean(row["name"]),
                description=html_to_text(row["description"]), price=price,
                categories=_leaf_paths([categories.get(n, n) for n in names]),
                attributes=_column_attributes(row, skip=set()),
                qty=int(row["qty"] or 0), in_stock=int(row["qty"] or 0) > 0,
                url_key=slugify(row["name"]), product_type=kind))
    return out


def _links(folder: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """sku -> {"related"|"upsell"|"crosssell": linked skus} from every Links folder."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted(folder.glob("*/Link*/*.csv")):
        kind = path.stem
        for row in _rows(path):
            linked = tuple(s.strip() for s in row["linked_sku"].split("\n") if s.strip())
            slot = out.setdefault(row["sku"].strip(), {})
            slot[kind] = tuple(dict.fromkeys(slot.get(kind, ()) + linked))
    return out


def _with_links(product: Product, links: dict[str, dict[str, tuple[str, ...]]]) -> Product:
    found = links.get(product.sku, {})
    return replace(product, related=found.get("related", ()), upsell=found.get("upsell", ()),
                   crosssell=found.get("crosssell", ()))


def _cms_articles(folder: Path) -> list[Article]:
    """The Customer Service page becomes one policy article per top heading (shipping,
    returns, ...), so ids read like ``policy:returns-and-replacements#2``."""
    articles = []
    for row in _rows(folder / "CmsSampleData" / "pages" / "pages.csv"):
        type_ = _CMS_PAGES.get(row["identifier"])
        if type_ is None or not row["content"].strip():
            continue
        url = "/" + row["identifier"]
        if row["identifier"] == "customer-service":
            articles += _split_by_top_heading(row["content"], type_, url)
        else:
            articles.append(article_from_html(slugify(row["title"]), type_, row["title"],
                                              row["content"], url=url, source="luma"))
    return articles


def _split_by_top_heading(markup: str, type_: str, url: str) -> list[Article]:
    grouped: dict[str, list[Section]] = {}
    for section in html_sections(markup):
        top = section.path[0] if section.path else "Customer Service"
        grouped.setdefault(top, []).append(Section(section.path[1:], section.text))
    return [build_article(slugify(top), type_, top, sections, url=url, source="luma")
            for top, sections in grouped.items()]


def _promotions(folder: Path) -> list[Article]:
    """Cart and catalog price rules as short promotion articles (name, terms, promo code)."""
    out = []
    files = [folder / "SalesRuleSampleData" / "sales_rules.csv",
             folder / "CatalogRuleSampleData" / "catalog_rules.csv"]
    for path in files:
        for row in _rows(path):
            if row.get("is_active", "1") != "1":
                continue
            lines = [row["name"]]
            if row["description"] and row["description"] != row["name"]:
                lines.append(row["description"])
            code = (row.get("coupon_code") or "").strip()
            lines.append(f"Promo code: {code}." if code else "Applied automatically, no code needed.")
            out.append(build_article(slugify(row["name"]), "promotion", row["name"],
                                     [Section((), "\n".join(lines))], source="luma"))
    return out


def _reviews(folder: Path) -> list[Review]:
    return [Review(r["sku"], int(r["rating_value"]), r["title"].strip(), r["review"].strip(),
                   r["reviewer"].strip())
            for r in _rows(folder / "ReviewSampleData" / "products_reviews.csv")]
