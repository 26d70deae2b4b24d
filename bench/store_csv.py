"""What the bench's demo-data converters share: a product's sku made from its name, and the
products.csv writer (columns in first-seen order, variants after their parent as given)."""

from __future__ import annotations

import csv
import re
from pathlib import Path


def sku_from_name(name: str) -> str:
    """An upper-case sku of a name's letters and digits joined by dashes ("Red Wine" -> "RED-WINE")."""
    return re.sub(r"[^0-9A-Z]+", "-", name.upper()).strip("-")


def write_products_csv(rows: list[dict], out: Path) -> None:
    """Write the rows as a products.csv; a column is every key any row has, in first-seen order."""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def written_summary(rows: list[dict], out: Path) -> str:
    """What a converter prints after `write_products_csv`: how many products and variants."""
    variants = sum("parent_sku" in row for row in rows)
    return f"{out}: {len(rows) - variants} products, {variants} variants"


def run_converter(doc: str, convert, source_help: str) -> int:
    """A converter's whole command line: `SOURCE OUT`, rows from `convert(SOURCE)` written as
    OUT (a products.csv) and the summary printed; `doc` is the script's docstring."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("source", type=Path, help=source_help)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.source)
    write_products_csv(rows, args.out)
    print(written_summary(rows, args.out))
    return 0
