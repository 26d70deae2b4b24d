"""Turn the Northwind sample database's catalog (categories, suppliers, products) into a store
folder's products.csv: a fine-food importer that sells by the case.

    .venv/bin/python bench/northwind_trade_demo.py \
        bench/data/stores/northwind_trade/export/northwind_catalog.sql \
        bench/data/stores/northwind_trade/products.csv

Reads the CREATE TABLE and INSERT statements of Northwind's three catalog tables (as written in
github.com/pthom/northwind_psql's northwind.sql) into an in-memory SQLite database. A product is
one row of `products` that is not discontinued (a shop stops listing what it no longer sells).
Its price is `unit_price`, the price of one `quantity_per_unit`: "24 - 12 oz bottles" is sold
as a case (the unit "case of 24 x 12 oz bottles"), "36 boxes" as a case of 36 boxes, and a
pack said by its weight or volume ("1 kg pkg.", "500 ml") as that pack. The description is
what a trade catalog page says of the record: the category and its description, what one unit
holds, and who makes it where (the supplier's company, city and country); a product with no
stock says how many more are on order (`units_on_order`). The supplier's country and company
and the pack are also attribute columns. The sku is "NW-" and the product id. Stock is
`units_in_stock`. A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv, written_summary  # noqa: E402  (run as a script from bench/)

#: "24 - 12 oz bottles": a count of packs of one size, sold together as a case.
_COUNT_OF_PACKS = re.compile(r"^(\d+) - (.+)$")
#: "36 boxes", "10 boxes x 30 bags": a count of things, also sold as a case.
_COUNT_OF_THINGS = re.compile(r"^\d+ (?!k?g\b|ml\b|l\b|cc\b)[a-z]")
#: "750 cc per bottle": one container said by what it holds.
_PER_CONTAINER = re.compile(r"^(.+) per (\w+)$")

_QUERY = """
SELECT p.product_id, p.product_name, p.quantity_per_unit, p.unit_price, p.units_in_stock,
       p.units_on_order, c.category_name, c.description, s.company_name, s.city, s.country
FROM products p JOIN categories c USING (category_id) JOIN suppliers s USING (supplier_id)
WHERE p.discontinued = 0 ORDER BY p.product_id
"""


def load(path: Path) -> sqlite3.Connection:
    """The export's statements run into an in-memory database (SQLite reads the Postgres types)."""
    db = sqlite3.connect(":memory:")
    db.executescript(path.read_text(encoding="utf-8"))
    return db


def unit_of_sale(pack: str) -> str:
    """What one price buys: "case of 24 x 12 oz bottles", "case of 36 boxes", "bottle of 750 cc",
    "1 kg pkg."."""
    pack = " ".join(pack.split())
    if (match := _COUNT_OF_PACKS.match(pack)):
        return f"case of {match.group(1)} x {match.group(2)}"
    if _COUNT_OF_THINGS.match(pack):
        return f"case of {pack}"
    if (match := _PER_CONTAINER.match(pack)):
        return f"{match.group(2)} of {match.group(1)}"
    return pack


def description(pack: str, category: str, category_text: str, maker: str,
                place: str, on_order: int, in_stock: int) -> str:
    """The catalog page's text of one product."""
    lines = [f"{category}: {category_text.rstrip('.')}.",
             f"Pack: {' '.join(pack.split())}. Sold by the {unit_of_sale(pack)}.",
             f"Made by {maker}, {place}."]
    if in_stock == 0 and on_order:
        lines.append(f"Out of stock; {on_order} more on order from the supplier.")
    return "\n".join(lines)


def convert(path: Path) -> list[dict]:
    """The catalog's products still sold, as products.csv rows in product id order."""
    rows = []
    for (pid, name, pack, price, stock, on_order, category, category_text,
         maker, city, country) in load(path).execute(_QUERY):
        rows.append({
            "sku": f"NW-{pid}", "name": name, "price": f"{price:.2f}",
            "description": description(pack, category, category_text, maker,
                                       f"{city}, {country}", on_order, stock),
            "categories": category, "qty": stock, "unit": unit_of_sale(pack),
            "attr:origin": country, "attr:maker": maker, "attr:pack": " ".join(pack.split())})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", type=Path, help="northwind_catalog.sql")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.export)
    write_products_csv(rows, args.out)
    print(written_summary(rows, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
