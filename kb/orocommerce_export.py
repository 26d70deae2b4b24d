"""An OroCommerce product export (its demo data's products.csv layout) turned into ShopDesk's
products.csv.

OroCommerce keeps a product's text in three columns: ``description`` (prose), ``information``
(one feature or spec per line: "Battery life: 5 hours", "10-year Limited Warranty") and
``specifications`` (measurements: "Width: 3”", "Weight: .8 lb."). ``convert_export`` joins the
three into the description, line by line, so every spec line stays answerable, and turns each
measurement line whose value is one number with a known unit into an ``attr:<code>[<unit>]``
column ("Weight: .8 lb." -> ``attr:weight[lb]`` = 0.8). The unit of sale (item, set, piece)
goes to ``unit``, the MSRP to the ``price:msrp`` price list, the brand to ``attr:brand``; the
related and up-sell link files (``"SKU relation from","SKU relation to"``) fill ``related``
and ``upsell``. A product without a price is kept at 0 ("price on request") and reported.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from kb.conversion import Conversion
from kb.errors import ImportProblem

COLUMNS = ("sku", "name", "price", "description", "categories", "qty", "in_stock", "unit",
           "related", "upsell", "price:msrp", "attr:brand")
#: Unit spellings of spec lines -> the unit written in the column name. Inches come as
#: typographic or straight double quotes.
_UNITS = {"”": "in", "\"": "in", "“": "in", "in": "in", "inch": "in", "inches": "in",
          "ft": "ft", "feet": "ft", "foot": "ft", "lb": "lb", "lbs": "lb", "oz": "oz",
          "mm": "mm", "cm": "cm", "m": "m", "kg": "kg", "g": "g"}
_MASS = {"lb", "oz", "kg", "g"}
_WEIGHTS = re.compile(r"weight|load|capacity")
_MEASURE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /-]*?)\s*:\s*(?P<num>\d*\.?\d+)\s*"
                      r"(?P<unit>[”“\"]|[A-Za-z]+)\.?\s*$")


def convert_export(source: Path, target: Path, related: Path | None = None,
                   upsell: Path | None = None, brands: Path | None = None) -> Conversion:
    """Write ``target`` (products.csv) from an OroCommerce products file at ``source``.

    Args:
        source: the products CSV (``sku, name, description, category, information,
            specifications, price, MSRP, unit, brand_id``, ...).
        related, upsell: optional link files, one ``from,to`` pair of skus a row.
        brands: optional brands CSV whose n-th row is ``brand_id`` n.

    Returns:
        The rows written and the problems found (a product kept at price 0, a link to an
        unknown sku), each as an ``ImportProblem``.
    """
    with source.open(newline="", encoding="utf-8-sig") as handle:
        records = list(enumerate(csv.DictReader(handle), start=2))
    conversion = Conversion()
    skus = {(rec.get("sku") or "").strip() for _, rec in records}
    links = {"related": _links(related, skus, conversion.problems),
             "upsell": _links(upsell, skus, conversion.problems)}
    brand_names = _brands(brands)
    for line, rec in records:
        sku = (rec.get("sku") or "").strip()
        if not sku or not (rec.get("name") or "").strip():
            conversion.problems.append(ImportProblem(source.name, line, "sku", "no sku or name: left out"))
            continue
        row = _row(rec, brand_names)
        if row["price"] == "0":
            conversion.problems.append(ImportProblem(
                source.name, line, "price", "no price: kept as price on request"))
        for kind, table in links.items():
            row[kind] = "|".join(table.get(sku, ()))
        conversion.rows.append(row)
    conversion.write(target, COLUMNS)
    return conversion


def measurement(line: str) -> tuple[str, str, str] | None:
    """``(code, unit, number)`` of a spec line holding one number in a known unit.

    >>> measurement("Overall Width: 65”")
    ('overall_width', 'in', '65')
    >>> measurement("Height: 4-7 ft.") is None  # a range stays text
    True
    """
    match = _MEASURE.match(line.strip())
    if match is None or (unit := _UNITS.get(match.group("unit").lower())) is None:
        return None
    code = re.sub(r"[^a-z0-9]+", "_", match.group("label").lower()).strip("_")
    if _WEIGHTS.search(code) and unit not in _MASS:  # "Weight: 7”" is a slip: keep it as text
        return None
    number = match.group("num")
    return code, unit, ("0" + number if number.startswith(".") else number)


def _row(rec: dict, brand_names: dict[str, str]) -> dict[str, str]:
    price = _number(rec.get("price"))
    msrp = _number(rec.get("MSRP"))
    row = {"sku": rec["sku"].strip(), "name": " ".join(rec["name"].split()),
           "price": price or "0", "description": _description(rec),
           "categories": (rec.get("category") or "").strip(),
           "unit": (rec.get("unit") or "").strip(),
           **_stock(rec)}
    if msrp:
        row["price:msrp"] = msrp
    if brand := brand_names.get((rec.get("brand_id") or "").strip()):
        row["attr:brand"] = brand
    for line in (rec.get("specifications") or "").splitlines():
        found = measurement(line)
        if found and not any(k.startswith(f"attr:{found[0]}[") for k in row):
            row[f"attr:{found[0]}[{found[1]}]"] = found[2]
    return row


def _stock(rec: dict) -> dict[str, str]:
    """Oro's export names the status ``inventory_status`` (``in_stock``, ``out_of_stock``);
    its demo data has no stock columns (every demo product is stocked), so none means in
    stock."""
    status = (rec.get("inventory_status") or rec.get("inventory_status.id") or "").strip().lower()
    qty = (rec.get("quantity") or rec.get("inventory_level") or "").strip()
    in_stock = status != "out_of_stock" if status else (not qty or _number(qty) not in ("", "0"))
    return {"qty": qty, "in_stock": "true" if in_stock else "false"}


def _description(rec: dict) -> str:
    """Prose, then the information and specification lines, each on its own line."""
    parts = [(rec.get("description") or "").strip()]
    for column in ("information", "specifications"):
        parts += [line.strip() for line in (rec.get(column) or "").splitlines() if line.strip()]
    return "\n".join(p for p in parts if p)


def _number(raw: str | None) -> str:
    text = (raw or "").strip().replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return ""
    return f"{value:.2f}" if value else ""


def _links(path: Path | None, skus: set[str], problems: list[ImportProblem]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    if path is None:
        return table
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader, None)  # the header: "SKU relation from","SKU relation to"
        for line, pair in enumerate(reader, start=2):
            if len(pair) < 2 or not pair[0].strip():
                continue
            source, target = pair[0].strip(), pair[1].strip()
            if source not in skus or target not in skus:
                problems.append(ImportProblem(path.name, line, "sku",
                                              f"a link between unknown skus {source}->{target}: left out"))
            elif target not in table[source]:
                table[source].append(target)
    return table


def _brands(path: Path | None) -> dict[str, str]:
    """Oro numbers brands in the order of its brands file, from 1."""
    if path is None:
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {str(n): (row.get("name") or "").strip()
                for n, row in enumerate(csv.DictReader(handle), start=1)}
