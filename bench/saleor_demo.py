"""Turn Saleor's demo data (`saleor/static/populatedb_data.json`) into a store folder's products.csv.

    .venv/bin/python bench/saleor_demo.py bench/data/stores/saleor_sample/export/populatedb_data.json \
        bench/data/stores/saleor_sample/products.csv

Reads the demo's groceries (juices, wine, beer) and home goods (paints, cushions) from the
Django fixture that `manage.py populatedb` loads (github.com/saleor/saleor): name, plain-text
description, category path, the product attributes (flavour, volume, ABV, material) and the
variants (bottle, bucket and cushion sizes, each with its own price from the demo's first
channel). The demo's clothing, shoes and audiobooks are left out (other bench stores sell
clothes and music). The fixture has no stock, so every variant is given one count
(``STOCK``), except the products named in ``OUT_OF_STOCK``. A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import sku_from_name, write_products_csv, written_summary  # noqa: E402  (run as a script from bench/)

#: The demo's categories kept, by their Saleor name.
KEPT_CATEGORIES = ("Juices", "Alcohol", "Paints", "Homewares")
#: Stock is not in the fixture: a count written for the bench, and one product sold out.
STOCK = 25
OUT_OF_STOCK = ("White Wine",)
#: The fixture's first channel (USD in the demo): its prices are read as the store's currency.
CHANNEL = 1


def _by_model(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["model"]].append(row)
    return grouped


def _category_paths(categories: list[dict]) -> dict[int, str]:
    names = {c["pk"]: c["fields"]["name"] for c in categories}
    parents = {c["pk"]: c["fields"]["parent"] for c in categories}
    paths = {}
    for pk in names:
        parts, node = [], pk
        while node is not None:
            parts.append(names[node])
            node = parents[node]
        paths[pk] = "/".join(reversed(parts))
    return paths


def _text(description: dict | None) -> str:
    blocks = (description or {}).get("blocks", [])
    return "\n\n".join(b["data"]["text"] for b in blocks if b.get("data", {}).get("text"))


def convert(rows: list[dict]) -> list[dict]:
    """The kept products and their variants as products.csv rows (parents before variants)."""
    m = _by_model(rows)
    paths = _category_paths(m["product.category"])
    values = {v["pk"]: v["fields"] for v in m["attribute.attributevalue"]}
    attributes = {a["pk"]: a["fields"] for a in m["attribute.attribute"]}
    assignments = {a["pk"]: a["fields"]["attribute"] for a in m["attribute.attributeproduct"]}
    prices = {p["fields"]["variant"]: float(p["fields"]["price_amount"])
              for p in m["product.productvariantchannellisting"] if p["fields"]["channel"] == CHANNEL}
    product_attrs: dict[int, dict[str, str]] = defaultdict(dict)
    for a in m["attribute.assignedproductattribute"]:
        attribute = attributes[assignments[a["fields"]["assignment"]]]
        if attribute["input_type"] == "dropdown":
            product_attrs[a["fields"]["product"]][attribute["slug"]] = "|".join(
                values[v]["name"] for v in a["fields"]["values"])
    variants: dict[int, list[dict]] = defaultdict(list)
    for v in m["product.productvariant"]:
        variants[v["fields"]["product"]].append(v)
    out = []
    for p in m["product.product"]:
        f = p["fields"]
        path = paths[f["category"]]
        if path.split("/")[-1] not in KEPT_CATEGORIES:
            continue
        own = [v for v in variants[p["pk"]] if v["pk"] in prices]
        qty = 0 if f["name"] in OUT_OF_STOCK else STOCK
        sku = sku_from_name(f["name"])
        row = {"sku": sku, "name": f["name"], "price": f"{min(prices[v['pk']] for v in own):.2f}",
               "description": _text(f["description"]), "categories": path, "qty": qty}
        row |= {f"attr:{code}": value for code, value in product_attrs[p["pk"]].items()}
        out.append(row)
        for v in own:
            if v["fields"]["name"]:
                out.append({"sku": f"{sku}-{sku_from_name(v['fields']['name'])}", "parent_sku": sku,
                            "size": v["fields"]["name"], "price": f"{prices[v['pk']]:.2f}", "qty": qty})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fixture", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(json.loads(args.fixture.read_text()))
    write_products_csv(rows, args.out)
    print(written_summary(rows, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
