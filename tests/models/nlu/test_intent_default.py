"""Tests of the real default intent model, the one `shopdesk setup` trains into the data dir.

They skip, saying why, when the artefact is absent; the full held-out run is marked slow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.training_data import default_intent_dataset
from bot.settings import Settings
from kb import KnowledgeBase
from models import IntentClassifier
from models.nlu.intent_eval import evaluate_intents
from models.nlu.types import OOS_LABEL


@pytest.fixture(scope="module")
def default_model() -> IntentClassifier:
    folder: Path = Settings.from_env().intent_model_dir
    if not (folder / "manifest.json").is_file():
        pytest.skip(f"no trained intent model in {folder}: run `shopdesk setup` or "
                    "`shopdesk train-intent` first")
    return IntentClassifier.load(folder)


@pytest.mark.parametrize("text, intent", [
    ("I want to cancel order 00123842", "cancel_order"),
    ("where is my package? order 3707955617", "track_order"),
    ("can I talk to a real person please", "contact_human_agent"),
    ("do you have waterproof jackets under $80", "product_search"),
    ("is the Didi sport watch water resistant", "product_question"),
    ("how much does shipping cost", "store_policy"),
    ("hello!", "greeting"),
    ("thanks a lot, that helped", "thanks"),
    ("bye, have a nice day", "goodbye"),
    ("what is the capital of australia", OOS_LABEL),
    ("book me a flight to denver tomorrow", OOS_LABEL),
    ("how long should I boil an egg", OOS_LABEL),
])
def test_default_model_on_typical_messages(default_model, text, intent):
    assert default_model.predict(text).intent == intent


def test_default_model_covers_every_intent(default_model):
    labels = set(default_model.labels)
    assert {"cancel_order", "track_order", "get_refund", "contact_human_agent", "product_search",
            "product_question", "store_policy", "greeting", "thanks", "goodbye", OOS_LABEL} <= labels
    assert len(labels) == 34 and 0.0 < default_model.threshold < 1.0


@pytest.mark.slow
def test_default_model_bitext_heldout_accuracy(default_model):
    data = default_intent_dataset(KnowledgeBase.demo())
    report = evaluate_intents(default_model, data.bitext_heldout, latency_queries=0)
    assert report.accuracy >= 0.97
