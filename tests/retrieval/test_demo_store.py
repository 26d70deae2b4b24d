"""Search over the real shipped demo store: real shopper questions find the right facts."""

import json
from pathlib import Path

import pytest

from retrieval import InvalidQuery, UnknownFilter

QUESTIONS = Path(__file__).resolve().parents[2] / "bench" / "data" / "shopper_questions.jsonl"


@pytest.mark.parametrize("query,expected", [
    ("what is the return window", "policy:returns-and-replacements#1"),
    ("how much does overnight shipping cost for a $300 order", "policy:shipping-and-delivery#2"),
    ("can I return a gift I received", "policy:returns-and-replacements#2"),
    ("is there a promo code for the water bottle", "promotion:4-luma-water-bottle-save-70#1"),
])
def test_policy_questions_find_their_passage_in_the_top_three(demo_retriever, query, expected):
    ids = [hit.id for hit in demo_retriever.search(query, k=3)]
    assert expected in ids


@pytest.mark.parametrize("query,sku", [
    ("is the Didi sport watch water resistant", "24-WG02"),
    ("waterproof duffle bag that is TSA approved", "24-MB01"),
    ("leather messenger bag with a laptop sleeve", "24-MB06"),
    ("10 foot yoga strap", "24-WG087"),
])
def test_products_found_by_name_or_attributes(demo_retriever, query, sku):
    ids = [hit.id for hit in demo_retriever.search(query, k=3, filters={"type": "product"})]
    assert f"product:{sku}" in ids


def test_filters_hold_on_the_real_catalog(demo_retriever):
    hits = demo_retriever.search("waterproof jacket", k=10, filters={
        "type": "product", "category": "Jackets", "max_price": 60, "in_stock": True})
    assert hits
    for hit in hits:
        assert hit.type == "product" and hit.metadata["price"] <= 60
        assert any("Jackets" in c.split("/") for c in hit.metadata["categories"])
    policies = demo_retriever.search("returns", k=5, filters={"type": "policy"})
    assert policies and all(h.type == "policy" for h in policies)


def test_hybrid_beats_dense_and_bm25_on_labelled_shopper_questions(demo_retriever):
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]

    def mrr(search):
        total = 0.0
        for q in questions:
            ids = [h.id for h in search(q["query"], k=10)]
            total += next((1 / i for i, d in enumerate(ids, 1) if d in q["relevant"]), 0.0)
        return total / len(questions)

    hybrid = mrr(demo_retriever.search)
    assert hybrid > mrr(demo_retriever.search_dense)
    assert hybrid > mrr(demo_retriever.search_bm25)
    assert hybrid >= 0.8


def test_bad_input_on_the_real_index(demo_retriever):
    with pytest.raises(InvalidQuery):
        demo_retriever.search("   ")
    with pytest.raises(UnknownFilter, match="colour"):
        demo_retriever.search("shirt", filters={"colour": "red"})
    hits = demo_retriever.search("return " * 20_000, k=3)  # ~140 KB pasted text
    assert len(hits) == 3
