"""Turn Microsoft's AdventureWorks sample (bikes, components, clothing, accessories) into a store folder's products.csv.

    .venv/bin/python bench/adventureworks_demo.py bench/data/stores/aw_cycles/export \
        bench/data/stores/aw_cycles/products.csv

Reads the OLTP install script's tab-separated tables (github.com/microsoft/sql-server-samples,
samples/databases/adventure-works/oltp-install-script): Product, ProductModel (fields joined by
"+|", rows ended by "&|"), ProductSubcategory, ProductCategory, ProductDescription with
ProductModelProductDescriptionCulture (the English text of each model) and ProductInventory.
The products the sample still sells (finished goods with a list price and no sell-end date)
are grouped by product model: a model with several products is one product whose variants
are its colours and sizes, named by what its products' names share ("Mountain-200 Black, 38"
and "Mountain-200 Silver, 46" are variants of "Mountain-200"). Stock is the quantity of every
inventory location. A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: Product.csv's columns, in the order of the install script's CREATE TABLE.
PRODUCT_COLUMNS = ("id", "name", "number", "make_flag", "finished_goods", "color", "safety_stock",
                   "reorder_point", "standard_cost", "list_price", "size", "size_unit",
                   "weight_unit", "weight", "days_to_manufacture", "product_line", "class",
                   "style", "subcategory_id", "model_id", "sell_start", "sell_end",
                   "discontinued", "rowguid", "modified")

#: The sample's one-letter codes (its column documentation), in shoppers' words.
PRODUCT_LINES = {"R": "Road", "M": "Mountain", "T": "Touring", "S": "Standard"}
STYLES = {"W": "Women's", "M": "Men's", "U": "Unisex"}
WEIGHT_UNITS = {"LB": "lb", "G": "g"}


def _table(path: Path) -> list[list[str]]:
    """A tab-separated table as rows of stripped fields."""
    text = path.read_text(encoding="utf-8")
    return [[field.strip() for field in line.split("\t")] for line in text.splitlines() if line]


def _model_names(path: Path) -> dict[str, str]:
    """ProductModel's id -> name (its rows hold multi-line XML, so they end with '&|')."""
    names = {}
    for row in path.read_text(encoding="utf-8").split("&|"):
        fields = row.strip().split("+|")
        if len(fields) > 1:
            names[fields[0]] = fields[1].strip()
    return names


def _descriptions(folder: Path) -> dict[str, str]:
    """A product model's English description, by model id."""
    texts = {row[0]: row[1] for row in _table(folder / "ProductDescription.csv")}
    return {row[0]: texts[row[1]] for row in _table(folder / "ProductModelProductDescriptionCulture.csv")
            if row[2] == "en" and row[1] in texts}


def _shared_name(names: list[str]) -> str:
    """What the names share, cut back to a whole word ("Sport-100 Helmet, Red" ... -> "Sport-100 Helmet")."""
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    if any(len(name) > len(prefix) and name[len(prefix)].isalnum() for name in names):
        prefix = re.sub(r"\S*$", "", prefix)
    return prefix.rstrip(" ,-")


def _attributes(items: list[dict]) -> dict[str, str]:
    """The attribute columns of a product from its items' codes (each value once, in order)."""
    def values(key: str, table: dict | None = None) -> str:
        seen = [table.get(item[key], "") if table else item[key] for item in items]
        return "|".join(dict.fromkeys(v for v in seen if v))

    attrs = {"attr:product_line": values("product_line", PRODUCT_LINES),
             "attr:style": values("style", STYLES)}
    for unit_code, unit in WEIGHT_UNITS.items():
        weights = [item["weight"] for item in items if item["weight_unit"] == unit_code]
        attrs[f"attr:weight[{unit}]"] = "|".join(dict.fromkeys(f"{float(w):g}" for w in weights))
    return attrs


def convert(folder: Path) -> list[dict]:
    """The products the sample sells as products.csv rows, one product (with variants) per model."""
    categories = {row[0]: row[1] for row in _table(folder / "ProductCategory.csv")}
    subcategories = {row[0]: f"{categories[row[1]]}/{row[2]}"
                     for row in _table(folder / "ProductSubcategory.csv")}
    models = _model_names(folder / "ProductModel.csv")
    descriptions = _descriptions(folder)
    stock: dict[str, int] = defaultdict(int)
    for row in _table(folder / "ProductInventory.csv"):
        stock[row[0]] += int(row[4])
    by_model: dict[str, list[dict]] = defaultdict(list)
    for values in _table(folder / "Product.csv"):
        item = dict(zip(PRODUCT_COLUMNS, values))
        if item["finished_goods"] == "1" and float(item["list_price"]) > 0 and not item["sell_end"]:
            by_model[item["model_id"]].append(item)
    rows = []
    for model_id, items in by_model.items():
        rows.extend(_product_rows(items, subcategories, descriptions.get(model_id, ""),
                                  models[model_id], stock))
    return rows


def _product_rows(items: list[dict], subcategories: dict[str, str], description: str,
                  model_name: str, stock: dict[str, int]) -> list[dict]:
    """One model's rows: a lone product, or a parent and a variant per colour/size."""
    prices = [float(item["list_price"]) for item in items]
    base = {"description": description, "categories": subcategories[items[0]["subcategory_id"]],
            **{k: v for k, v in _attributes(items).items() if v}}
    if len(items) == 1:
        item = items[0]
        return [{"sku": item["number"], "name": item["name"], "price": f"{prices[0]:.2f}", **base,
                 "qty": stock[item["id"]], "attr:color": item["color"]}]
    name = _shared_name([item["name"] for item in items]) or model_name
    parent = {"sku": f"{items[0]['number'].rsplit('-', 1)[0]}-MODEL", "name": name,
              "price": f"{min(prices):.2f}", **base, "qty": sum(stock[i["id"]] for i in items)}
    variants = [{"sku": item["number"], "price": f"{float(item['list_price']):.2f}",
                 "qty": stock[item["id"]], "parent_sku": parent["sku"], "size": item["size"],
                 "color": item["color"]} for item in items]
    return [parent, *variants]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", type=Path, help="the folder of the install script's .csv tables")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.export)
    write_products_csv(rows, args.out)
    print(f"{args.out}: {sum('name' in row for row in rows)} products, {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
