"""Turn DummyJSON's product data (groceries, kitchen, beauty, home) into a store folder's products.csv.

    .venv/bin/python bench/dummyjson_demo.py bench/data/stores/kereru_pantry/export/products.json \
        bench/data/stores/kereru_pantry/products.csv

Reads `database/products.json` of github.com/Ovi/DummyJSON: a JSON list of products, each with
a title, description, category slug, tags, brand, sku, price and stock. Only the categories of
a pantry-and-home shop are kept (CATEGORIES); the category path is the shop's department then
the product's tags ("groceries" tagged "pet supplies", "cat food" -> Groceries/Pet supplies/Cat
food). The per-product warranty, return policy, shipping time, weight, dimensions, minimum
order and discount are left out: the source draws them at random (a three-year warranty on an
apple), so no shop would print them. A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: The source's category slug -> the shop's department path (slugs not listed are not sold).
CATEGORIES = {
    "groceries": "Groceries",
    "kitchen-accessories": "Kitchen",
    "home-decoration": "Home/Decor",
    "furniture": "Home/Furniture",
    "beauty": "Beauty/Makeup",
    "fragrances": "Beauty/Fragrances",
    "skin-care": "Beauty/Skin care",
}


def _category_path(product: dict) -> str:
    """The department path then each tag that is not the category's own name, capitalised."""
    parts = [CATEGORIES[product["category"]]]
    own = product["category"].replace("-", " ")
    parts += [tag[:1].upper() + tag[1:] for tag in product.get("tags", []) if tag != own]
    return "/".join(parts)


def convert(products: list[dict]) -> list[dict]:
    """The kept categories' products as products.csv rows, in the source's order."""
    rows = []
    for product in products:
        if product.get("category") not in CATEGORIES:
            continue
        row = {"sku": product["sku"], "name": product["title"].strip(),
               "price": f"{float(product['price']):.2f}",
               "description": product["description"].strip(),
               "categories": _category_path(product), "qty": int(product["stock"])}
        if product.get("brand"):
            row["attr:brand"] = product["brand"]
        rows.append(row)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("products_json", type=Path, help="DummyJSON's database/products.json")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(json.loads(args.products_json.read_text(encoding="utf-8")))
    write_products_csv(rows, args.out)
    print(f"{args.out}: {len(rows)} products")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
