"""WooCommerce's product CSV export (Products > Export) turned into ShopDesk's products.csv.

WooCommerce writes one row per product and per variation with columns such as ``Type``,
``SKU``, ``Regular price``, ``Parent`` and ``Attribute 1 name``/``Attribute 1 value(s)``.
``convert_export`` maps them onto docs/IMPORT_FORMAT.md's columns: a variable product takes
its lowest variation price, variations become ``parent_sku`` rows with their colour/size,
other attributes become ``attr:`` columns, weight and dimensions keep their units. A row
ShopDesk cannot serve (a grouped product has no price of its own) is reported, not guessed.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kb.conversion import Conversion
from kb.errors import ImportProblem

COLUMNS = ("sku", "name", "price", "special_price", "description", "categories", "qty",
           "in_stock", "image", "upsell", "crosssell", "parent_sku", "size", "color",
           "attr:color", "attr:size", "attr:weight[lb]", "attr:length[in]", "attr:width[in]",
           "attr:height[in]")
_UNITS = {"Weight": "weight", "Length": "length", "Width": "width", "Height": "height"}
_VARIANT_ATTRS = {"color": "color", "colour": "color", "size": "size"}


def convert_export(source: Path, target: Path) -> Conversion:
    """Write ``target`` (products.csv) from a WooCommerce product export at ``source``.

    Returns:
        The rows written and the rows left out, each as an ``ImportProblem``.
    """
    with source.open(newline="", encoding="utf-8-sig") as handle:
        records = list(enumerate(csv.DictReader(handle), start=2))
    conversion = Conversion()
    by_id = {rec.get("ID", ""): rec.get("SKU", "") for _, rec in records}
    lowest: dict[str, float] = {}
    for _, rec in records:
        if _types(rec) & {"variation"} and (price := _price(rec)) is not None:
            parent = _ref(rec.get("Parent", ""), by_id)
            lowest[parent] = min(price, lowest.get(parent, price))
    for line, rec in records:
        row = _row(rec, by_id, lowest)
        if isinstance(row, str):
            conversion.problems.append(ImportProblem(source.name, line, "Type", row))
        else:
            conversion.rows.append(row)
    conversion.write(target, COLUMNS)
    return conversion


def _row(rec: dict, by_id: dict[str, str], lowest: dict[str, float]) -> dict[str, str] | str:
    """One products.csv row, or why the record is left out."""
    kinds, sku = _types(rec), (rec.get("SKU") or "").strip()
    if not sku:
        return "no SKU: left out"
    if (rec.get("Published") or "1").strip() != "1" or \
            (rec.get("Visibility in catalog") or "").strip() == "hidden":
        return "not published or hidden in the catalog: left out"
    if "grouped" in kinds:
        return "a grouped product has no price of its own: left out"
    price = _price(rec)
    if "variable" in kinds:
        price = lowest.get(sku)
    if price is None:
        return "no regular price: left out"
    row = {"sku": sku, "name": rec.get("Name", "").strip(), "price": f"{price:.2f}",
           "special_price": (rec.get("Sale price") or "").strip(),
           "description": _description(rec), "qty": (rec.get("Stock") or "").strip(),
           "in_stock": "true" if (rec.get("In stock?") or "").strip() == "1" else "false",
           "image": (rec.get("Images") or "").split(",")[0].strip(),
           "categories": "|".join(c.strip().replace(" > ", "/")
                                  for c in (rec.get("Categories") or "").split(",") if c.strip()),
           "upsell": _refs(rec.get("Upsells", ""), by_id),
           "crosssell": _refs(rec.get("Cross-sells", ""), by_id)}
    for header, code in _UNITS.items():
        value = next((v for k, v in rec.items() if k.startswith(header + " (")), "") or ""
        if value.strip():
            row[f"attr:{code}[{'lb' if code == 'weight' else 'in'}]"] = value.strip()
    variation = "variation" in kinds
    if variation:
        row["parent_sku"] = _ref(rec.get("Parent", ""), by_id)
    for name, values in _attributes(rec):
        code = _VARIANT_ATTRS.get(name.lower())
        if variation and code:
            row[code] = values[0] if len(values) == 1 else ""
        elif not variation:
            row[f"attr:{code or re.sub(r'[^a-z0-9]+', '_', name.lower()).strip('_')}"] = \
                "|".join(values)
    return row


def _types(rec: dict) -> set[str]:
    return {t.strip().lower() for t in (rec.get("Type") or "").split(",")}


def _price(rec: dict) -> float | None:
    raw = (rec.get("Regular price") or "").strip()
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def _description(rec: dict) -> str:
    short, long = (rec.get("Short description") or "").strip(), (rec.get("Description") or "").strip()
    return "\n".join(part for part in (short, long) if part)


def _attributes(rec: dict) -> list[tuple[str, list[str]]]:
    found = []
    for n in range(1, 10):
        name = (rec.get(f"Attribute {n} name") or "").strip()
        values = [v.strip() for v in (rec.get(f"Attribute {n} value(s)") or "").split(",")]
        if name and any(values):
            found.append((name, [v for v in values if v]))
    return found


def _ref(value: str, by_id: dict[str, str]) -> str:
    """WooCommerce links by ``id:NN`` or by SKU."""
    value = value.strip()
    return by_id.get(value[3:], value) if value.startswith("id:") else value


def _refs(value: str, by_id: dict[str, str]) -> str:
    return "|".join(_ref(v, by_id) for v in (value or "").split(",") if v.strip())
