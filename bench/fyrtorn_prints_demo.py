"""Turn Tate's collection metadata (one JSON file per artwork, github.com/tategallery/collection,
CC0) into a store folder's products.csv: an art-print shop in Gothenburg selling prints of
public-domain paintings in Swedish kronor, each work in paper sizes, plus postcard sets.

    .venv/bin/python bench/fyrtorn_prints_demo.py bench/data/stores/fyrtorn_prints/export \
        bench/data/stores/fyrtorn_prints/products.csv

Reads each artwork's title, artist (its name and life dates as Tate writes them, "Sir John
Everett Millais, Bt", "1829–1896"), date, medium, the original's size (the first line of
`dimensions`, "support: 762 x 1118 mm", height by width; Tate's own `height`/`width` fields are
swapped on some works, so the text is read), movements and credit line. The metadata has no
prices or stock: the shop prices a print by its paper size (SIZES), the same for every work, and
prints no larger than A3 from an original under 30 cm on its longest side. A movement of three
works or more also becomes a postcard set (one card of each work, 15 kr a card), the shop's one
good sold by the pack. A bench tool, not a platform importer.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import run_converter, sku_from_name  # noqa: E402  (run as a script from bench/)

#: The shop's paper sizes and their prices in SEK (25% moms included), smallest first.
SIZES = (("A4", 229.0), ("A3", 349.0), ("50x70 cm", 549.0), ("50x70 cm framed", 1395.0))
#: An original smaller than this on its longest side (mm) is printed up to A3 only.
SMALL_ORIGINAL_MM = 300
#: Prints are made to order; the oak frames are stock, and two have run out for the bench.
STOCK, FRAMES = 25, 6
OUT_OF_STOCK = ("N01543-50X70-CM-FRAMED", "N00530-50X70-CM-FRAMED")
CARD_PRICE, CARDS_STOCK, SET_MIN_WORKS = 15.0, 40, 3
PAPER = ("Giclée print on 310 gsm cotton rag paper with archival pigment inks, printed in our "
         "Gothenburg studio with a 2 cm white border.")

_SUPPORT = re.compile(r"^(?:support|image|object):\s*([\d.]+)\s*x\s*([\d.]+)\s*mm")


def original_size(dimensions: str) -> tuple[float, float] | None:
    """The first line of Tate's dimensions as (height, width) in mm, None when unreadable."""
    found = _SUPPORT.match(dimensions.strip().splitlines()[0] if dimensions.strip() else "")
    return (float(found.group(1)), float(found.group(2))) if found else None


def _cm(mm: float) -> str:
    return f"{mm / 10:g}"


def century(date_text: str) -> str:
    """"1851–2" or "exhibited 1842" -> "19th century" (the first four-digit year's)."""
    year = int(re.search(r"\d{4}", date_text).group())
    return f"{year // 100 + 1}th century"


def description(work: dict, sizes: list[str]) -> str:
    """The print's page: the work, its artist, the original and the shop's paper."""
    artist = work["contributors"][0]
    size = original_size(work["dimensions"])
    lines = [f"Art print of {work['title']} by {work['all_artists']} ({artist['date']}), "
             f"{work['dateText']}.",
             PAPER, "",
             f"Artist: {work['all_artists']} ({artist['date']})",
             f"Date: {work['dateText']}",
             f"Original: {work['medium']}"
             + (f", {_cm(size[0])} x {_cm(size[1])} cm" if size else ""),
             f"Collection: Tate, London ({work['creditLine']})"]
    movements = [m["name"] for m in work.get("movements", [])]
    if movements:
        lines.append(f"Movement: {', '.join(movements)}")
    lines.append(f"Sizes: {', '.join(sizes)}")
    return "\n".join(lines)


def print_rows(work: dict) -> list[dict]:
    """One artwork as its product row and one variant row per paper size."""
    size = original_size(work["dimensions"])
    small = size is not None and max(size) < SMALL_ORIGINAL_MM
    sizes = [(name, price) for name, price in SIZES if not small or name in ("A4", "A3")]
    sku = work["acno"]
    variants = []
    for name, price in sizes:
        variant_sku = f"{sku}-{sku_from_name(name)}"
        stock = 0 if variant_sku in OUT_OF_STOCK else FRAMES if "framed" in name else STOCK
        variants.append({"sku": variant_sku, "parent_sku": sku, "size": name,
                         "price": f"{price:.2f}", "qty": stock})
    movements = [m["name"] for m in work.get("movements", [])]
    categories = [f"Art prints/{century(work['dateText'])}"] + \
        [f"Art prints/{m}" for m in movements]
    product = {"sku": sku, "name": work["title"], "price": variants[0]["price"],
               "description": description(work, [n for n, _ in sizes]),
               "categories": "|".join(categories), "qty": sum(v["qty"] for v in variants),
               "attr:artist": work["all_artists"], "attr:date": work["dateText"],
               "attr:medium": work["medium"],
               "attr:original_size": f"{_cm(size[0])} x {_cm(size[1])} cm" if size else "",
               "attr:movement": "|".join(movements)}
    return [product] + variants


def postcard_sets(works: list[dict]) -> list[dict]:
    """A set of one card of each work for every movement with SET_MIN_WORKS works or more."""
    by_movement: dict[str, list[dict]] = {}
    for work in works:
        for movement in work.get("movements", []):
            by_movement.setdefault(movement["name"], []).append(work)
    rows = []
    for movement, members in by_movement.items():
        if len(members) < SET_MIN_WORKS:
            continue
        titles = "; ".join(f"{w['title']} ({w['all_artists']})" for w in members)
        rows.append({"sku": f"CARDS-{sku_from_name(movement)}",
                     "name": f"Postcard set: {movement} ({len(members)} cards)",
                     "price": f"{CARD_PRICE * len(members):.2f}",
                     "description": f"A set of {len(members)} A6 postcards (10.5 x 14.8 cm, "
                                    f"350 gsm card), one of each {movement} work we print: "
                                    f"{titles}. Sold as a set only; envelopes not included.",
                     "categories": "Postcards", "qty": CARDS_STOCK,
                     "attr:pack": f"{len(members)} cards", "attr:movement": movement})
    return rows


def convert(folder: Path) -> list[dict]:
    """Every artwork of ``folder/artworks`` (by accession number) then the postcard sets."""
    works = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted((folder / "artworks").glob("*.json"))]
    rows = [row for work in works for row in print_rows(work)]
    return rows + postcard_sets(works)


if __name__ == "__main__":
    raise SystemExit(run_converter(__doc__, convert, "the folder holding Tate's artworks/*.json"))
