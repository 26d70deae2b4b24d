"""bench/english_left.py: English words left in a reply to a shopper of another language,
outside the store's names and a quote the reply marks as English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.english_left import english_left, store_names
from kb import KnowledgeBase

_STORES = Path(__file__).resolve().parents[2] / "bench" / "data" / "stores"


def test_an_english_sentence_in_a_spanish_reply_is_flagged():
    assert english_left("Para un pedido de $50.00, el envío cuesta $16.00. Orders of $150 or more ship free.",
                        "es") == ["free", "of", "orders", "ship"]
    assert english_left("Sorry, we don't sell tents.", "fr") == ["don't", "sorry", "we"]


def test_the_stores_names_and_a_framed_quote_are_not_flagged():
    names = ("Hoodie with Logo", "Royal Mail Tracked 48")
    assert english_left("Hoodie with Logo cuesta £45.00 y está disponible.", "es", names) == []
    assert english_left("Envío con Royal Mail Tracked 48: £3.95.", "es", names) == []
    assert english_left("Nuestra página de envíos dice (en inglés): Packages are shipped with tracking.", "es") == []
    assert english_left("Shipping is free from $50.", "en") == []  # an English reply to English


def test_a_stores_names_include_its_methods_regions_and_products():
    kb = KnowledgeBase.from_folder(_STORES / "brightline")
    names = store_names(kb)
    assert {p.name for p in kb.products} <= set(names)
    assert {m.label for m in kb.shipping.method_details} | set(kb.shipping.regions.values()) <= set(names)


@pytest.mark.parametrize("name", ["brightline", "woo_sample"])
def test_each_language_question_file_asks_in_all_five_languages(name):
    rows = [json.loads(line) for line in (_STORES / f"{name}_language_questions.jsonl").read_text().splitlines()]
    assert len(rows) == 20 and {r["expect"]["language"] for r in rows} == {"es", "fr", "de", "pt", "it"}
