"""Turn OpenCart's demo catalog (its installer's SQL dump) into a store folder's products.csv.

    .venv/bin/python bench/opencart_demo.py bench/data/stores/opencart_sample/export/opencart-en-gb.sql \
        bench/data/stores/opencart_sample/products.csv

Reads the demo products of `upload/install/opencart-en-gb.sql` (github.com/opencart/opencart):
name and HTML description, price, stock, manufacturer, categories (as paths:
"Components/Monitors"; not also "Desktops", where the demo files nearly everything to fill its
home page), quantity discounts (`tier_prices`) and the one real option of the demo (colour, as
colour variants). OpenCart's placeholder rows ("Product 8", categories named "test ..."), test
options, model codes ("Product 1") and made-up weights (a 10 kg iPhone) are left out. A bench tool, not
a platform importer: the dump's layout is OpenCart's, read with a small SQL value reader.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: MySQL's escapes in a quoted string.
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": ""}


def _values(text: str, i: int) -> list[list]:
    """The rows of the `VALUES (...), (...);` list from ``i``: numbers, strings (quotes
    unescaped), None; it ends at the first `;` outside a row."""
    rows, row = [], None
    while i < len(text):
        ch = text[i]
        if ch == ";" and row is None:
            break
        if ch == "(" and row is None:
            row = []
        elif ch == ")" and row is not None:
            rows.append(row)
            row = None
        elif ch == "'" and row is not None:
            j, out = i + 1, []
            while True:
                if text[j] == "\\":
                    out.append(_ESCAPES.get(text[j + 1], text[j + 1]))
                    j += 2
                elif text[j] == "'" and text[j + 1:j + 2] == "'":
                    out.append("'")
                    j += 2
                elif text[j] == "'":
                    break
                else:
                    out.append(text[j])
                    j += 1
            row.append("".join(out))
            i = j
        elif row is not None and (ch.isdigit() or ch == "-"):
            number = re.match(r"-?[\d.]+", text[i:]).group()
            row.append(float(number) if "." in number else int(number))
            i += len(number) - 1
        elif row is not None and text.startswith("NULL", i):
            row.append(None)
            i += 3
        elif row is not None and text.startswith("NOW()", i):
            row.append(None)
            i += 4
        i += 1
    return rows


def read_tables(sql: str) -> dict[str, list[dict]]:
    """Every `INSERT INTO` of the dump as rows of column -> value, by table name."""
    tables: dict[str, list[dict]] = {}
    for m in re.finditer(r"INSERT INTO `(\w+)` \(([^)]*)\)\s*VALUES", sql):
        columns = [c.strip(" `") for c in m.group(2).split(",")]
        tables.setdefault(m.group(1), []).extend(dict(zip(columns, row)) for row in _values(sql, m.end()))
    return tables


def _text(value) -> str:
    return html.unescape(html.unescape(str(value or ""))).strip()  # the dump escapes its HTML twice


def _category_paths(tables: dict) -> dict[int, str]:
    names = {r["category_id"]: _text(r["name"]) for r in tables["oc_category_description"]}
    parents = {r["category_id"]: r["parent_id"] for r in tables["oc_category"]}

    def path(cid: int) -> str:
        parent = parents.get(cid, 0)
        return f"{path(parent)}/{names[cid]}" if parent else names[cid]
    return {cid: path(cid) for cid in names if not names[cid].startswith("test")}


def products(tables: dict) -> list[dict]:
    """The demo's products as products.csv rows (variants after their parent)."""
    described = {r["product_id"]: r for r in tables["oc_product_description"] if r["language_id"] == 1}
    makers = {r["manufacturer_id"]: _text(r["name"]) for r in tables["oc_manufacturer_description"]}
    paths = _category_paths(tables)
    categories: dict[int, list[str]] = {}
    for r in tables["oc_product_to_category"]:
        if r["category_id"] in paths:
            categories.setdefault(r["product_id"], []).append(paths[r["category_id"]])
    tiers: dict[int, list[str]] = {}
    for r in sorted(tables["oc_product_discount"], key=lambda r: r["quantity"]):
        tiers.setdefault(r["product_id"], []).append(f"{r['quantity']}:{float(r['price']):.2f}")
    colours = {r["option_value_id"]: _text(r["name"]) for r in tables["oc_option_value_description"]
               if r["option_id"] == 5}
    rows = []
    for p in tables["oc_product"]:
        if p["product_id"] not in described:  # a variant row without a text of its own
            continue
        name = _text(described[p["product_id"]]["name"])
        if re.fullmatch(r"Product \d+", name):  # OpenCart's placeholder product
            continue
        sku = re.sub(r"\W+", "-", name.upper()).strip("-")
        paths_of = categories.get(p["product_id"], [])
        if len(paths_of) > 1:  # the demo files most products under Desktops too, to fill its home page
            paths_of = [c for c in paths_of if c != "Desktops"]
        rows.append({
            "sku": sku, "name": name, "price": f"{float(p['price']):.2f}",
            "description": _text(described[p["product_id"]]["description"]),
            "categories": "|".join(paths_of),
            "qty": p["quantity"], "attr:brand": makers.get(p["manufacturer_id"], ""),
            "tier_prices": "|".join(tiers.get(p["product_id"], [])),
        })
        for v in tables["oc_product_option_value"]:
            if v["product_id"] == p["product_id"] and v["option_value_id"] in colours:
                colour = colours[v["option_value_id"]]
                rows.append({"sku": f"{sku}-{colour.upper()}", "parent_sku": sku, "color": colour,
                             "price": f"{float(p['price']) + float(v['price']):.2f}", "qty": v["quantity"]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sql", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = products(read_tables(args.sql.read_text(encoding="utf-8")))
    write_products_csv(rows, args.out)
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
