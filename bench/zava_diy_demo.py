"""Turn Microsoft's Zava DIY catalog (a home-improvement store: tools, hardware, lumber, paint,
plumbing, electrical, garden, storage) into a store folder's products.csv.

    .venv/bin/python bench/zava_diy_demo.py bench/data/stores/zava_diy/export \
        bench/data/stores/zava_diy/products.csv

Reads `products.json` (the 423-product catalog of github.com/microsoft/aitour26-BRK443-efficient-
model-customization-with-azure-ai-foundry, src/demo-core/data/zava/) and the product manuals of
the same repository (`manuals/<SKU>_<Name>.md`, twelve hand tools). A product's description is
its catalog sentence; a product with a manual adds the manual's spec-bearing sections as its
product page would show them (overview, features, specifications, included sizes or set
contents, warranty), leaving out the how-to, safety and troubleshooting sections. The category
is the catalog's department then its subcategory, title-cased ("HAND TOOLS"/"FILES & RASPS" ->
"Hand Tools/Files & Rasps"); the stock count is the catalog's `stock_level`. The catalog has no
variants. A bench tool, not a platform importer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: Manual sections a product page shows (the rest is how-to, safety and troubleshooting).
PAGE_SECTIONS = ("product overview", "features", "specifications", "included sizes",
                 "set contents", "warranty")

_HEADING = re.compile(r"^(#{1,4})\s+(.*?)\s*$")


def _title(text: str) -> str:
    """An upper-case catalog label as a category name ("FILES & RASPS" -> "Files & Rasps"); a word
    of three letters or fewer stays as written, since those are initials ("PVC PIPE" -> "PVC Pipe")."""
    return " ".join(word.capitalize() if word.isupper() and len(word) > 3 else word
                    for word in text.split())


def manual_page(text: str) -> str:
    """The spec-bearing sections of a manual as plain text, each under its heading."""
    kept, keep = [], False
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            keep = heading.group(2).strip().lower() in PAGE_SECTIONS
            if keep and heading.group(2).strip().lower() != "product overview":
                kept.append(f"\n{heading.group(2).strip()}:")
            continue
        if line.strip() == "---":
            keep = False
        if keep and not line.lstrip().startswith(("![", "<!--")):
            kept.append(heading.group(2).strip() + ":" if heading else line.replace("**", "").rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def convert(folder: Path) -> list[dict]:
    """Every catalog product as a products.csv row, in the catalog's order."""
    catalog = json.loads((folder / "products.json").read_text(encoding="utf-8"))["products"]
    manuals = {path.name.split("_", 1)[0]: path for path in (folder / "manuals").glob("*.md")}
    rows = []
    for product in catalog:
        description = product["description"].strip()
        if product["sku"] in manuals:
            description += "\n\n" + manual_page(manuals[product["sku"]].read_text(encoding="utf-8"))
        rows.append({"sku": product["sku"], "name": product["name"].strip(),
                     "price": f"{float(product['price']):.2f}", "description": description,
                     "categories": f"{_title(product['main_category'])}/{_title(product['subcategory'])}",
                     "qty": str(int(product["stock_level"]))})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", type=Path, help="folder holding products.json and manuals/")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.export)
    write_products_csv(rows, args.out)
    print(f"{args.out}: {len(rows)} products")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
