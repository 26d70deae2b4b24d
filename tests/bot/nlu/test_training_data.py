"""Tests of the default NLU data: classes, held-out separation, catalog slots, reviews."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.nlu.training_data import (DEMO_STORE_NAME, NEGATIVE_DOMAINS, NOT_OOS, bitext_examples, bitext_split, catalog_items,
                          clinc_examples, default_intent_dataset, rating_label,
                          sentiment_chat_examples, sentiment_examples)
from bot.nlu.templates import TEMPLATES, split_templates
from kb import KnowledgeBase
from models.nlu.types import OOS_LABEL, CatalogItem, LabeledText

SHOP_INTENTS = {"product_search", "product_question", "store_policy", "greeting", "thanks", "goodbye"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.demo()


@pytest.fixture(scope="module")
def dataset(kb):
    return default_intent_dataset(kb, DEMO_STORE_NAME)


def test_classes_are_bitext_plus_shop_intents_plus_oos(dataset):
    bitext = {e.label for e in bitext_examples()}
    assert len(bitext) == 27
    assert {e.label for e in dataset.train} == bitext | SHOP_INTENTS | {OOS_LABEL}
    counts = Counter(e.label for e in dataset.train)
    assert min(counts.values()) >= 80 and counts[OOS_LABEL] >= 1000


def test_heldout_parts_never_appear_in_training(dataset):
    train = {e.text.lower() for e in dataset.train}
    assert not train & {e.text.lower() for e in dataset.heldout}
    assert set(dataset.bitext_heldout) <= set(dataset.heldout)
    assert {e.label for e in dataset.heldout} == {e.label for e in dataset.train}


def test_bitext_split_is_stratified_and_deterministic():
    train, held = bitext_split()
    assert (train, held) == bitext_split()
    assert len(train) + len(held) == len(bitext_examples()) == 3599
    assert 0.14 < len(held) / 3599 < 0.16
    assert len({e.label for e in held}) == 27


def test_generated_examples_name_the_real_catalog(kb, dataset):
    names = {p.name.lower().replace("™", "").replace("®", "") for p in kb.products}
    questions = [e.text.lower() for e in dataset.train if e.label == "product_question"]
    assert sum(any(n in q for n in names) for q in questions) > 0.8 * len(questions)
    assert len({e.text for e in dataset.train if e.label == "product_search"}) >= 300


def test_heldout_generated_examples_use_unseen_templates():
    for intent, templates in TEMPLATES.items():
        train, held = split_templates(templates)
        assert held and not set(train) & set(held), intent


def test_out_of_scope_negatives_come_from_unrelated_domains():
    train, held = clinc_examples()
    texts = {e.text for e in train + held}
    assert not texts & NOT_OOS
    assert "kitchen_and_dining" in NEGATIVE_DOMAINS and "home" not in NEGATIVE_DOMAINS
    # CLINC's greetings/thanks/goodbyes become ours, not out-of-scope.
    assert {e.label for e in train} == {OOS_LABEL, "greeting", "thanks", "goodbye"}
    assert Counter(e.label for e in held)[OOS_LABEL] >= 300


def test_catalog_items_carry_names_colours_and_sizes(kb):
    items = catalog_items(kb)
    assert len(items) == len(kb.products) and all(isinstance(i, CatalogItem) for i in items)
    hoodie = next(i for i in items if i.sku == "MH01")
    assert hoodie.name == "Chaz Kangeroo Hoodie" and "Black" in hoodie.colors and "XL" in hoodie.sizes


def test_reviews_become_sentiment_examples(kb):
    examples = sentiment_examples(kb)
    assert len(examples) == 500
    assert Counter(e.label for e in examples) == {"positive": 284, "neutral": 123, "negative": 93}
    assert [rating_label(r) for r in range(1, 6)] == ["negative", "negative", "neutral", "positive",
                                                      "positive"]
    assert all(e.text and not e.text.startswith(".") for e in examples)


def test_chat_sentiment_examples_are_split_like_the_intent_data():
    train, held = sentiment_chat_examples()
    assert {e.label for e in train} == {e.label for e in held} == {"negative", "neutral", "positive"}
    _, bitext_held = bitext_split()
    held_texts = {e.text for e in bitext_held}
    assert not {e.text for e in train} & held_texts
    assert LabeledText("i do not want thisgoddamn item i wanna cancel order 00123842", "negative") in (
        train + held)
