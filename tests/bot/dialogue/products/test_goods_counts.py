"""How many goods of a kind a store sells, counted over its catalog (bot/dialogue/products/goods_counts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.products import goods_counts
from bot.dialogue.products.catalog_terms import CatalogTerms

STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"


def _store(name: str):
    from kb import KnowledgeBase
    kb = KnowledgeBase.from_folder(STORES / name)
    return kb, CatalogTerms(kb.products)


@pytest.mark.parametrize("text, goods", [
    ("how many cheeses do u guys have", "cheeses"),
    ("how many drills do u carry", "drills"),
    ("how many kinds of vegetables have you got", "vegetables"),
    ("how many desks are there", "desks"),
    ("how many different juices do you sell?", "juices"),
    ("how many days do i have to return it", None),
    ("how many bottles come in a case", None),
    ("how many are in stock", None),
])
def test_a_count_of_goods_is_asked(text, goods):
    assert goods_counts.asked(text) == goods


def test_goods_named_with_the_kind_are_counted_over_the_whole_catalog():
    kb, terms = _store("zava_diy")
    drills = goods_counts.counted(kb.products, terms, terms.asked_kind("drills"))
    assert {p.sku for p in drills} >= {"PTDR000001", "PTDR000002", "PTDR000003", "PTDR000004", "PTDR000005"}
    assert all("drill" in p.name.lower() for p in drills)
    text = goods_counts.reply_text(terms.asked_kind("drills"), drills, lambda p: f"${p.price:.2f}")
    assert text.startswith(f"We have {len(drills)} drills: ")


def test_a_kind_named_only_by_its_category_line_is_counted_from_the_category():
    kb, terms = _store("northwind_trade")
    cheeses = goods_counts.counted(kb.products, terms, terms.asked_kind("cheeses"))
    assert len(cheeses) == 10 and all(p.categories == ("Dairy Products",) for p in cheeses)
    text = goods_counts.reply_text(terms.asked_kind("cheeses"), cheeses, lambda p: f"{p.price:.2f}")
    assert text.startswith("We have 10 cheeses: ") and text.endswith(", and 2 more.")


def test_a_category_line_of_several_kinds_is_not_a_count_of_one_of_them():
    kb, terms = _store("northwind_trade")
    teas = goods_counts.counted(kb.products, terms, terms.asked_kind("teas"))
    text = goods_counts.reply_text(terms.asked_kind("teas"), teas, lambda p: f"{p.price:.2f}")
    assert "9 teas" not in text
    assert text.startswith("I can't count the teas on their own: our Beverages (") and "are 9 products" in text
