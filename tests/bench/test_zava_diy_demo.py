"""bench/zava_diy_demo.py: Zava DIY's catalog JSON read into products.csv rows (a product's
catalog sentence, plus its manual's spec-bearing sections when it has one), and the zava_diy
store made from them loads without a skipped row."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "zava_diy"

_MANUAL = """# Pry Bar 12-inch - PB-1

![Pry Bar](./img/pry.png)

## Product Overview

The Pry Bar is a flat bar for demolition.

## Features

- **Flat Claw**: Pulls nails

## Specifications

- **Weight**: 1 pound (454g)

## Usage Instructions

1. Insert the claw

## Warranty

Covered for life.

---

**Model**: PB-1
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("zava_diy_demo.py")


@pytest.fixture()
def export(tmp_path):
    products = [{"name": "Pry Bar 12-inch", "sku": "PB-1", "price": 19, "description": "Steel pry bar.",
                 "stock_level": 0, "main_category": "HAND TOOLS", "subcategory": "WRECKING BARS"},
                {"name": "PVC Elbow", "sku": "PV-2", "price": 2.5, "description": "A 90-degree elbow.",
                 "stock_level": 40, "main_category": "PLUMBING", "subcategory": "PVC FITTINGS"}]
    (tmp_path / "products.json").write_text(json.dumps({"products": products}), encoding="utf-8")
    (tmp_path / "manuals").mkdir()
    (tmp_path / "manuals" / "PB-1_Pry_Bar_12-inch.md").write_text(_MANUAL, encoding="utf-8")
    return tmp_path


def test_a_product_is_its_catalog_sentence_and_its_manuals_spec_sections(converter, export):
    bar, elbow = converter.convert(export)
    assert (bar["sku"], bar["price"], bar["qty"], bar["categories"]) == ("PB-1", "19.00", "0", "Hand Tools/Wrecking Bars")
    assert bar["description"].startswith("Steel pry bar.\n\nThe Pry Bar is a flat bar")
    for kept in ("Features:", "Flat Claw: Pulls nails", "Weight: 1 pound (454g)", "Warranty:", "Covered for life."):
        assert kept in bar["description"], kept
    for left in ("Insert the claw", "Model", "img", "**"):
        assert left not in bar["description"], left
    # words of three letters or fewer are read as initials and kept as written ("PRY" would be too)
    assert (elbow["description"], elbow["categories"], elbow["qty"]) == ("A 90-degree elbow.", "Plumbing/PVC Fittings", "40")


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert rows == written
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 423 and not kb.problems
    assert kb.currency == "USD" and kb.shipping is not None and kb.return_policy.window_days == 90
