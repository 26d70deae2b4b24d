"""Turn django-oscar's sandbox catalogue (`sandbox/fixtures/books.*.csv`) into a store folder's products.csv.

    .venv/bin/python bench/oscar_demo.py bench/data/stores/oscar_sample/export/books.*.csv \
        bench/data/stores/oscar_sample/products.csv

Reads the rows that the sandbox's `oscar_import_catalogue` loads (github.com/django-oscar/
django-oscar): product class, category path ("Books > Fiction > Computers in Literature"),
UPC (an ISBN), title, description, partner, partner sku, price and stock. A book filed in two
files (the same UPC) is one product in both categories; its price and stock are those of the
file read last, as Oscar's importer updates the stock record it already made (the sandbox
imports the files in name order). A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: The columns of Oscar's catalogue CSV, in its order (the files have no header).
COLUMNS = ("product_class", "category", "upc", "title", "description", "partner", "partner_sku",
           "price", "num_in_stock")


def convert(files: list[Path]) -> list[dict]:
    """The books of the files (read in name order) as products.csv rows, one per UPC."""
    books: dict[str, dict] = {}
    for path in sorted(files, key=lambda p: p.name):
        with path.open(newline="", encoding="utf-8") as handle:
            for values in csv.reader(handle):
                row = dict(zip(COLUMNS, (v.strip() for v in values)))
                category = "/".join(part.strip() for part in row["category"].split(">"))
                book = books.setdefault(row["upc"], {
                    "sku": row["upc"], "name": row["title"], "description": row["description"],
                    "categories": [], "attr:isbn": row["upc"]})
                if category not in book["categories"]:
                    book["categories"].append(category)
                book |= {"price": f"{float(row['price']):.2f}", "qty": int(row["num_in_stock"])}
    return [book | {"categories": "|".join(book["categories"])} for book in books.values()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, nargs="+", help="the sandbox's books.*.csv files")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.csv)
    write_products_csv(rows, args.out)
    print(f"{args.out}: {len(rows)} products")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
