"""Turn Odoo's product demo data (the records of `addons/product/data/product_demo.xml`) into a
store folder's products.csv: an office furniture shop with two desks sold in options.

    .venv/bin/python bench/odoo_office_demo.py \
        bench/data/stores/odoo_office/export/product_demo_records.xml \
        bench/data/stores/odoo_office/products.csv

Reads the `<record>` elements of github.com/odoo/odoo's product demo file as Odoo loads them: a
later `<field>` of the same name overrides an earlier one (Large Cabinet's weight is written
twice). A product is a `product.product` record with a name, or a `product.template` record
whose variants are the `product.product` records pointing at it (Customizable Desk: legs and
colour; Conference Chair: legs). A variant's price is the template's `list_price` plus the
`price_extra` of its values. Only colour and size have variant columns in products.csv, so a
variant's colour goes in `color` and its other option (the legs) in `size`, as "Steel legs".
The category is the demo's category name (CATEGORIES); a service priced per hour gets the
unit "hour". The demo's weight of 0.01 kg is a placeholder on nearly every record and is
left out; a real one (Large Desk, 9.54 kg) is said in the description. Stock is not in the
file: every product gets one count (STOCK), except those in OUT_OF_STOCK. A bench tool, not
a platform importer.
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import sku_from_name, write_products_csv, written_summary  # noqa: E402  (run as a script from bench/)

#: The demo's category records' names (product_demo.xml), by their xml id.
CATEGORIES = {"product_category_3": "Services", "product_category_4": "Software",
              "product_category_5": "Office Furniture"}
#: Stock is not in the demo: a count written for the bench, and one product sold out.
STOCK = 12
OUT_OF_STOCK = ("Flipover",)
#: The demo's placeholder weight (kg), said of nearly every record; not a real weight.
PLACEHOLDER_WEIGHT = 0.01


def read_records(path: Path) -> list[tuple[str, str, dict[str, ET.Element]]]:
    """Each record as (xml id, model, fields by name), a later field overriding an earlier one."""
    records = []
    for record in ET.parse(path).getroot().iter("record"):
        fields = {f.get("name"): f for f in record.findall("field")}
        records.append((record.get("id"), record.get("model"), fields))
    return records


def _value(field: ET.Element | None) -> str:
    if field is None:
        return ""
    return (field.get("ref") or field.text or "").strip()


def description(fields: dict[str, ET.Element], options: list[str], reference: str) -> str:
    """The product page's text: the demo's sales text, the options and the record's facts."""
    text = _value(fields.get("description_sale")) or _value(fields.get("description"))
    lines = [text, ""] if text else []
    lines += options
    weight = float(_value(fields.get("weight")) or 0)
    if weight > PLACEHOLDER_WEIGHT:
        lines.append(f"Weight: {weight:g} kg")
    if reference:
        lines.append(f"Reference: {reference}")
    return "\n".join(lines).strip()


def _options(template_id: str, variants: list[dict], extras: dict) -> list[str]:
    """"Legs: Steel or Aluminium (+50.40)" lines, one per option the variants differ in."""
    lines = []
    for name, position in (("Legs", 0), ("Colour", 1)):
        values = list(dict.fromkeys(v["combination"][position] for v in variants
                                    if len(v["combination"]) > position))
        if values:
            said = [f"{value} (+{extras[(template_id, value)]:.2f})"
                    if (template_id, value) in extras else value for value in values]
            lines.append(f"{name}: {' or '.join(said)}")
    return lines


def convert(path: Path) -> list[dict]:
    """The demo's saleable products and their variants as products.csv rows, in the file's order."""
    records = read_records(path)
    values = {rid: _value(f.get("name")) for rid, model, f in records
              if model == "product.attribute.value"}
    extras = {(_value(f["product_tmpl_id"]), values[_value(f["value"])]): float(_value(f["price_extra"]))
              for rid, model, f in records if model == "product.template.attribute.value"}
    variants: dict[str, list[dict]] = {}
    for rid, model, f in records:
        if model == "product.product" and "product_tmpl_id" in f:
            variants.setdefault(_value(f["product_tmpl_id"]), []).append(
                {"sku": _value(f["default_code"]),
                 "combination": ast.literal_eval(f["combination"].get("eval"))})
    rows = []
    for rid, model, f in records:
        if model not in ("product.product", "product.template") or "name" not in f:
            continue
        name, price = _value(f["name"]), float(_value(f["list_price"]))
        qty = 0 if name in OUT_OF_STOCK else STOCK
        own = variants.get(rid, [])
        sku = _value(f.get("default_code")) or sku_from_name(name)
        row = {"sku": sku, "name": name, "price": f"{price:.2f}",
               "description": description(f, _options(rid, own, extras),
                                          _value(f.get("default_code"))),
               "categories": CATEGORIES[_value(f["categ_id"])], "qty": qty,
               "unit": "hour" if _value(f.get("uom_id")).endswith("_hour") else ""}
        rows.append(row)
        for variant in own:
            legs, *colour = variant["combination"]
            extra = extras.get((rid, legs), 0.0)
            rows.append({"sku": variant["sku"], "parent_sku": sku, "size": f"{legs} legs",
                         "color": colour[0] if colour else "", "price": f"{price + extra:.2f}",
                         "qty": qty})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", type=Path, help="product_demo_records.xml")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.records)
    write_products_csv(rows, args.out)
    print(written_summary(rows, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
