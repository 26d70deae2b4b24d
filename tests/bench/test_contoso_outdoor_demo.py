"""bench/contoso_outdoor_demo.py: Contoso Outdoor's Markdown catalogs read into products.csv rows
(a product is a heading with a sku line; sizes and colours become variants), and the
contoso_outdoor store made from them loads without a skipped row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "contoso_outdoor"

_TENTS = """# Catalog

## 2-Person Tents

### Trail Two
**SKU:** T-2  
**Price:** $219.99  
**Sizes:** S, L

A light tent.

**Features:**
- **Weight:** 4.8 lbs (2.18 kg)

**Available Colors:** Green, Red

**Warranty:** 3-year limited warranty

---

### Footprints
**Price Range:** $29.99 - $79.99

No sku: not a product.
"""

_GEAR = """# Gear

## COOKING

### Fuel
**SKU:** F-1  
**Price:** $7.99 (110g), $12.99 (450g)

Canisters.

### Pad
**SKU:** P-1  
**Price:** $179.99

**Available Sizes:**
- Regular: 20" x 72", $179.99
- Large: 25" x 77", $199.99
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("contoso_outdoor_demo.py")


@pytest.fixture()
def export(converter, tmp_path):
    names = list(converter.CATALOGS)
    (tmp_path / names[0]).write_text(_TENTS, encoding="utf-8")
    (tmp_path / names[1]).write_text("# Packs\n", encoding="utf-8")
    (tmp_path / names[2]).write_text(_GEAR, encoding="utf-8")
    return tmp_path


def test_a_heading_with_a_sku_is_a_product_with_its_catalog_text_and_section(converter, export):
    rows = converter.convert(export)
    tent = rows[0]
    assert (tent["sku"], tent["name"], tent["price"], tent["categories"]) == (
        "T-2", "Trail Two", "219.99", "Tents/2-Person Tents")
    assert "Weight: 4.8 lbs (2.18 kg)" in tent["description"] and "3-year limited warranty" in tent["description"]
    assert "SKU" not in tent["description"] and "Available Colors" not in tent["description"]
    assert "Footprints" not in [r.get("name") for r in rows]  # no sku line


def test_sizes_times_colours_at_the_products_price_and_sizes_priced_one_by_one(converter, export):
    rows = converter.convert(export)
    tent_variants = [(r["size"], r["color"], r["price"]) for r in rows if r.get("parent_sku") == "T-2"]
    assert tent_variants == [("S", "Green", "219.99"), ("S", "Red", "219.99"),
                             ("L", "Green", "219.99"), ("L", "Red", "219.99")]
    fuel = [(r["size"], r["price"]) for r in rows if r.get("parent_sku") == "F-1"]
    pad = [(r["size"], r["price"]) for r in rows if r.get("parent_sku") == "P-1"]
    assert fuel == [("110g", "7.99"), ("450g", "12.99")] and pad == [("Regular", "179.99"), ("Large", "199.99")]
    assert next(r for r in rows if r["sku"] == "F-1")["categories"] == "Camping Gear/Cooking"


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [r["sku"] for r in rows] == [r["sku"] for r in written]
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 43 and not kb.problems
    assert kb.currency == "USD" and kb.shipping is not None and kb.return_policy.window_days == 60
