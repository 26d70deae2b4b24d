"""Turn Microsoft's Contoso Outdoor catalogs (tents, backpacks, camping gear) into a store folder's products.csv.

    .venv/bin/python bench/contoso_outdoor_demo.py bench/data/stores/contoso_outdoor/export \
        bench/data/stores/contoso_outdoor/products.csv

Reads the three Markdown catalogs of github.com/MicrosoftLearning/mslearn-ai-agents
(Labfiles/04-integrate-agent-with-foundry-iq/data: contoso-tents-catalog.md,
contoso-backpacks-guide.md, contoso-camping-accessories.md). A product is a heading followed by
a "**SKU:**" line; its description is the catalog text under it (specifications, features,
best for, warranty) as written. Variants come from what the catalog lists: "**Sizes:**" and
"**Available Colors:**" (every size in every colour, at the product's price) or list lines
and a price line that give each size its own price ("- Large: 25\" x 77\", $199.99",
"$7.99 (110g)"). The category is the catalog's department then the section heading the product
stands under. The catalogs give no stock: every product is in stock. Headings without a sku
(the footprint collection, care tips, fitting guides) are not products. A bench tool, not a
platform importer.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: Each catalog file -> the shop's department it fills.
CATALOGS = {
    "contoso-tents-catalog.md": "Tents",
    "contoso-backpacks-guide.md": "Backpacks",
    "contoso-camping-accessories.md": "Camping Gear",
}

_HEADING = re.compile(r"^(#{2,4})\s+(.*?)\s*$")
_FIELD = re.compile(r"^\*\*(SKU|Price|Price Range|Sizes|Available Colors):\*\*\s*(.*?)\s*$")
_MONEY = re.compile(r"\$(\d+(?:\.\d+)?)")
_SIZE_PRICE_ITEM = re.compile(r"^-\s+([^:]+?)(?:\s*\([^)]*\))?:\s*(?:[^$]*,\s*)?\$(\d+(?:\.\d+)?)\s*$")
_PRICE_BY_SIZE = re.compile(r"\$(\d+(?:\.\d+)?)\s*\(([^)]+)\)")


def _section_name(heading: str) -> str:
    """A section heading as a category name ("Daypacks (20-35 Liters)" -> "Daypacks", "SLEEPING SYSTEMS" -> "Sleeping Systems")."""
    name = re.sub(r"\s*\([^)]*\)", "", heading).strip()
    return name.title() if name.isupper() else name


def _blocks(text: str) -> list[tuple[list[str], str, list[str]]]:
    """(section headings above, product heading, body lines) for each heading with a sku line."""
    lines = text.splitlines()
    sections: dict[int, str] = {}
    found = []
    for i, line in enumerate(lines):
        match = _HEADING.match(line)
        if not match:
            continue
        level, title = len(match.group(1)), match.group(2)
        body = []
        for following in lines[i + 1:]:
            if _HEADING.match(following) or following.strip() == "---":
                break
            body.append(following.rstrip())
        if any(_FIELD.match(b) and _FIELD.match(b).group(1) == "SKU" for b in body[:2]):
            found.append(([sections[k] for k in sorted(sections) if k < level], title, body))
        else:
            sections = {k: v for k, v in sections.items() if k < level}
            sections[level] = _section_name(title)
    return found


def _variants(sku: str, price: str, fields: dict[str, str], body: list[str]) -> list[dict]:
    """Variant rows: sizes priced on their own lines, else every listed size in every colour."""
    priced = [(m.group(2).strip(), m.group(1)) for m in _PRICE_BY_SIZE.finditer(fields.get("Price", ""))]
    priced = priced or [(m.group(1).strip(), m.group(2)) for line in body
                        if (m := _SIZE_PRICE_ITEM.match(line.strip()))]
    if len(priced) > 1:
        return [{"sku": f"{sku}-{re.sub(r'[^0-9A-Z]+', '', size.upper())}", "price": f"{float(p):.2f}",
                 "parent_sku": sku, "size": size, "in_stock": "true"} for size, p in priced]
    sizes = [s.strip() for s in fields.get("Sizes", "").split(",") if s.strip()]
    sizes = [s for s in sizes if not s.lower().startswith("one size")]
    colors = [c.strip() for c in fields.get("Available Colors", "").split(",") if c.strip()]
    rows = []
    for size in sizes or [""]:
        for color in colors or [""]:
            if not size and not color:
                continue
            code = "-".join(re.sub(r"[^0-9A-Z]+", "", part.upper()) for part in (size, color) if part)
            rows.append({"sku": f"{sku}-{code}", "price": price, "parent_sku": sku,
                         "size": size, "color": color, "in_stock": "true"})
    return rows


def _description(body: list[str]) -> str:
    """The catalog text under a product, without the fields that became columns or variants."""
    kept = [line for line in body if not _FIELD.match(line.strip())]
    text = "\n".join(line.replace("**", "") for line in kept).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def convert(folder: Path) -> list[dict]:
    """Every catalog's products (then their variants) as products.csv rows, in the catalogs' order."""
    rows = []
    for filename, department in CATALOGS.items():
        for sections, name, body in _blocks((folder / filename).read_text(encoding="utf-8")):
            fields = {m.group(1): m.group(2) for line in body if (m := _FIELD.match(line.strip()))}
            prices = _MONEY.findall(fields.get("Price") or fields.get("Price Range", ""))
            if not prices:
                continue
            price = f"{min(float(p) for p in prices):.2f}"
            categories = "/".join([department, *sections])
            rows.append({"sku": fields["SKU"], "name": name, "price": price,
                         "description": _description(body), "categories": categories,
                         "in_stock": "true"})
            rows += _variants(fields["SKU"], price, fields, body)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", type=Path, help="folder holding the three Contoso catalogs")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.export)
    write_products_csv(rows, args.out)
    products = sum(1 for row in rows if not row.get("parent_sku"))
    print(f"{args.out}: {products} products, {len(rows) - products} variants")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
