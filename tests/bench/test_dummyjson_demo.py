"""bench/dummyjson_demo.py: DummyJSON's products read into products.csv rows (only a pantry and
home shop's categories), and the kereru_pantry store made from them loads without a skipped row."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "kereru_pantry"


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("dummyjson_demo.py")


def test_kept_categories_get_the_shops_departments_then_their_tags(converter):
    rows = converter.convert([
        {"title": "Cat Food ", "description": "Nutritious cat food.", "category": "groceries",
         "tags": ["pet supplies", "cat food"], "sku": "GRO-1", "price": 8.9, "stock": 46,
         "warrantyInformation": "1 year warranty", "returnPolicy": "No return policy"},
        {"title": "iPhone 9", "description": "A phone.", "category": "smartphones", "tags": [],
         "sku": "SMA-1", "price": 549, "stock": 94},
        {"title": "Red Lipstick", "description": "A bold red.", "category": "beauty",
         "tags": ["beauty", "lipstick"], "brand": "Chic Cosmetics", "sku": "BEA-4", "price": 12.99, "stock": 0},
    ])
    assert [r["sku"] for r in rows] == ["GRO-1", "BEA-4"]  # phones are not sold
    assert rows[0] == {"sku": "GRO-1", "name": "Cat Food", "price": "8.90", "description": "Nutritious cat food.",
                       "categories": "Groceries/Pet supplies/Cat food", "qty": 46}  # no random warranty
    assert (rows[1]["categories"], rows[1]["attr:brand"], rows[1]["qty"]) == (
        "Beauty/Makeup/Lipstick", "Chic Cosmetics", 0)


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter, tmp_path):
    from kb import KnowledgeBase

    rows = converter.convert(json.loads((_STORE / "export" / "products.json").read_text(encoding="utf-8")))
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [r["sku"] for r in rows] == [r["sku"] for r in written] and len(rows) == 80
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 80 and not kb.problems
    assert kb.currency == "NZD" and kb.shipping is not None and kb.return_policy.window_days == 14
