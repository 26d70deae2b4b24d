"""Import a store's own data: products as CSV or JSONL, articles as Markdown/HTML files or JSONL.

The format is documented in docs/IMPORT_FORMAT.md. A bad row is skipped and reported as an
``ImportProblem`` naming the file, line and field; every other row still loads.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from kb.errors import ImportProblem, StoreDataError
from kb.html import html_sections, html_title, html_to_text
from kb import kit_contents, product_fields
from kb.passages import article_from_html, article_from_text, markdown_sections, slugify
from kb.product_fields import RowError
from kb.types import ARTICLE_TYPES, Article, Measurement, Product, Variant

_LIST_SEP = "|"
_TRUE = {"1", "true", "yes", "y", "in stock"}
_FALSE = {"0", "false", "no", "n", "out of stock"}
_ARTICLE_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}


@dataclass
class ImportResult:
    products: list[Product] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def import_store(folder: Path) -> ImportResult:
    """Load ``products.csv``/``products.jsonl``, ``articles.jsonl`` and ``articles/<type>/*``.

    Raises:
        StoreDataError: the folder does not exist or holds none of those files.
    """
    if not folder.is_dir():
        raise StoreDataError(f"store folder {folder} does not exist")
    result = ImportResult()
    product_files = [p for p in (folder / "products.csv", folder / "products.jsonl") if p.exists()]
    article_files = sorted(p for p in (folder / "articles").glob("*/*")
                           if p.suffix.lower() in _ARTICLE_SUFFIXES)
    articles_jsonl = folder / "articles.jsonl"
    if not product_files and not article_files and not articles_jsonl.exists():
        raise StoreDataError(
            f"{folder} holds no store data: expected products.csv or products.jsonl, "
            "articles.jsonl, or articles/<type>/*.md|html (see docs/IMPORT_FORMAT.md)")
    for path in product_files:
        load = _products_from_csv if path.suffix == ".csv" else _products_from_jsonl
        result.products += load(path, result.problems)
    result.products = _drop_duplicate_skus(result.products, result.problems)
    result.products = kit_contents.named_contents(_drop_broken_kits(result.products, result.problems))
    if articles_jsonl.exists():
        result.articles += _articles_from_jsonl(articles_jsonl, result.problems)
    for path in article_files:
        result.articles += _article_from_file(path, result.problems)
    return result


# ---- products -------------------------------------------------------------------------------

def _products_from_csv(path: Path, problems: list[ImportProblem]) -> list[Product]:
    """Rows with ``parent_sku`` set are size/colour variants of that parent."""
    products: dict[str, Product] = {}
    variants: list[tuple[int, str, Variant]] = []
    for line, row in _csv_rows(path, problems):
        try:
            if (row.get("parent_sku") or "").strip():
                variants.append((line, row["parent_sku"].strip(), _variant(row)))
            else:
                texts, measures = product_fields.unit_columns(row)
                product = _product(row, {**_attr_columns(row), **texts}, measures,
                                   product_fields.price_list_columns(row))
                products.setdefault(product.sku, product)
        except RowError as exc:
            problems.append(ImportProblem(path.name, line, exc.field, str(exc)))
    for line, parent, variant in variants:
        if parent not in products:
            problems.append(ImportProblem(path.name, line, "parent_sku",
                                          f"no product with sku {parent!r} in this file"))
            continue
        products[parent] = _add_variant(products[parent], variant)
    return list(products.values())


def _csv_rows(path: Path, problems: list[ImportProblem]) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"sku", "name", "price"} - set(reader.fieldnames or ())
            if missing:
                problems.append(ImportProblem(path.name, 1, None,
                                              f"missing required columns: {', '.join(sorted(missing))}"))
                return
            for row in reader:
                yield reader.line_num, {k: v for k, v in row.items() if k is not None}
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.append(ImportProblem(path.name, None, None, f"unreadable CSV: {exc}"))


def _products_from_jsonl(path: Path, problems: list[ImportProblem]) -> list[Product]:
    out = []
    for line, record in _jsonl_records(path, problems):
        try:
            attributes = record.get("attributes") or {}
            if not isinstance(attributes, dict):
                raise RowError("attributes", "expected an object of code -> values")
            texts, measures = {}, {}
            for code, value in attributes.items():
                texts[code], found = product_fields.attribute_value(value, f"attributes.{code}")
                if found:
                    measures[code] = found
            product = _product(record, {k: v for k, v in texts.items() if v}, measures,
                               product_fields.price_lists(record.get("price_lists")))
            for i, raw in enumerate(record.get("variants") or []):
                if not isinstance(raw, dict):
                    raise RowError(f"variants[{i}]", "expected an object")
                product = _add_variant(product, _variant(raw))
            out.append(product)
        except RowError as exc:
            problems.append(ImportProblem(path.name, line, exc.field, str(exc)))
    return out


def _jsonl_records(path: Path, problems: list[ImportProblem]) -> Iterator[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(ImportProblem(path.name, None, None, f"unreadable file: {exc}"))
        return
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(ImportProblem(path.name, line, None, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            problems.append(ImportProblem(path.name, line, None, "expected a JSON object"))
            continue
        yield line, record


def _product(row: dict, attributes: dict[str, tuple[str, ...]],
             measurements: dict[str, tuple[Measurement, ...]] | None = None,
             price_lists: dict[str, float] | None = None) -> Product:
    """One product row (CSV cells or a JSONL object); ``RowError`` names the bad field."""
    sku = _text(row, "sku", required=True)
    price = _number(row, "price", required=True)
    special = _number(row, "special_price")
    description = _text(row, "description")
    qty = int(_number(row, "qty") or 0)
    in_stock = _flag(row, "in_stock")
    kit = product_fields.components(row.get("components"))
    return Product(
        sku=sku, name=_text(row, "name", required=True),
        description=html_to_text(description) if "<" in description else description,
        price=price, special_price=special if special is not None and special < price else None,
        categories=_as_list(row.get("categories"), "categories"), attributes=attributes,
        qty=qty, in_stock=in_stock if in_stock is not None else qty > 0,
        url_key=_text(row, "url_key") or slugify(_text(row, "name")),
        image=_text(row, "image"),
        related=_as_list(row.get("related"), "related"),
        upsell=_as_list(row.get("upsell"), "upsell"),
        crosssell=_as_list(row.get("crosssell"), "crosssell"),
        unit=_text(row, "unit"), tier_prices=product_fields.tier_prices(row.get("tier_prices")),
        price_lists=price_lists or {}, components=kit,
        measurements=measurements or {}, product_type="bundle" if kit else "simple")


def _variant(row: dict) -> Variant:
    qty = int(_number(row, "qty") or 0)
    in_stock = _flag(row, "in_stock")
    return Variant(sku=_text(row, "sku", required=True), size=_text(row, "size") or None,
                   color=_text(row, "color") or None,
                   price=_number(row, "price", required=True), qty=qty,
                   in_stock=in_stock if in_stock is not None else qty > 0)


def _add_variant(product: Product, variant: Variant) -> Product:
    variants = product.variants + (variant,)
    return replace(product, variants=variants, qty=sum(v.qty for v in variants),
                   in_stock=any(v.in_stock for v in variants))


def _attr_columns(row: dict) -> dict[str, tuple[str, ...]]:
    """``attr:<code>`` cells as text values; ``attr:<code>[<unit>]`` are read by
    ``product_fields.unit_columns``."""
    return {key[5:]: values for key, value in row.items()
            if key.startswith("attr:") and not key.endswith("]")
            and (values := _as_list(value, key))}


def _drop_duplicate_skus(products: list[Product], problems: list[ImportProblem]) -> list[Product]:
    seen: dict[str, Product] = {}
    for product in products:
        if product.sku in seen:
            problems.append(ImportProblem("products", None, "sku",
                                          f"duplicate sku {product.sku!r}: kept the first"))
        else:
            seen[product.sku] = product
    return list(seen.values())


def _drop_broken_kits(products: list[Product], problems: list[ImportProblem]) -> list[Product]:
    """A kit whose components are not in the catalog is skipped: its contents would be wrong."""
    known = {p.sku for p in products} | {v.sku for p in products for v in p.variants}
    kept = []
    for product in products:
        missing = [c.sku for c in product.components if c.sku not in known]
        if missing:
            problems.append(ImportProblem("products", None, "components",
                                          f"kit {product.sku!r} names unknown skus: "
                                          f"{', '.join(missing)}"))
        else:
            kept.append(product)
    return kept


# ---- field parsing --------------------------------------------------------------------------

def _text(row: dict, name: str, *, required: bool = False) -> str:
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowError(name, "is required")
        return ""
    if not isinstance(value, (str, int, float)):
        raise RowError(name, f"expected text, got {type(value).__name__}")
    return str(value).strip()


def _number(row: dict, name: str, *, required: bool = False) -> float | None:
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowError(name, "is required")
        return None
    try:
        number = float(str(value).replace("$", "").replace(",", "").strip())
    except ValueError:
        raise RowError(name, f"expected a number, got {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise RowError(name, f"expected a non-negative number, got {value!r}")
    return number


def _flag(row: dict, name: str) -> bool | None:
    value = row.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError(name, f"expected true or false, got {value!r}")


def _as_list(value: object, name: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(_LIST_SEP) if v.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise RowError(name, f"expected a list of text or '{_LIST_SEP}'-separated text")


# ---- articles -------------------------------------------------------------------------------

def _articles_from_jsonl(path: Path, problems: list[ImportProblem]) -> list[Article]:
    out = []
    for line, record in _jsonl_records(path, problems):
        try:
            type_ = _text(record, "type", required=True)
            if type_ not in ARTICLE_TYPES:
                raise RowError("type", f"unknown type {type_!r}; expected one of "
                                       f"{', '.join(ARTICLE_TYPES)}")
            metadata = record.get("metadata") or {}
            if not isinstance(metadata, dict):
                raise RowError("metadata", "expected an object")
            # "policy:returns" and "returns" name the same article.
            article_id = slugify(_text(record, "id", required=True).split(":")[-1])
            title, text = _text(record, "title", required=True), _text(record, "text", required=True)
            make = article_from_html if _looks_like_html(text) else article_from_text
            out.append(make(article_id, type_, title, text, url=str(metadata.get("url", "")),
                            source=str(metadata.get("source", path.name))))
        except RowError as exc:
            problems.append(ImportProblem(path.name, line, exc.field, str(exc)))
        except ValueError as exc:
            problems.append(ImportProblem(path.name, line, "text", str(exc)))
    return out


def _article_from_file(path: Path, problems: list[ImportProblem]) -> list[Article]:
    """``articles/<type>/<name>.md|html``: the folder names the type.

    The title is an HTML page's ``<title>`` or first ``<h1>``, else the first heading, else the
    file name.
    """
    type_ = path.parent.name
    shown = f"articles/{type_}/{path.name}"
    if type_ not in ARTICLE_TYPES:
        problems.append(ImportProblem(shown, None, None, f"folder {type_!r} is not an article "
                                                         f"type; use one of {', '.join(ARTICLE_TYPES)}"))
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(ImportProblem(shown, None, None, f"unreadable file: {exc}"))
        return []
    is_html = path.suffix.lower() in (".html", ".htm")
    sections = html_sections(text) if is_html else markdown_sections(text)
    title = (html_title(text) if is_html else None) or next(
        (s.path[0] for s in sections if s.path), path.stem.replace("-", " ").title())
    make = article_from_html if is_html else article_from_text
    try:
        return [make(slugify(path.stem), type_, title, text, source=shown)]
    except ValueError as exc:
        problems.append(ImportProblem(shown, None, None, str(exc)))
        return []


def _looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<") and ">" in text
