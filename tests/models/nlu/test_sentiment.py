"""Tests of the sentiment classifier: a tiny training run, predict, and the real model if built."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.nlu.training_data import sentiment_examples
from bot.settings import Settings
from kb import KnowledgeBase
from models import Sentiment, SentimentClassifier
from models.assets import locate_minilm
from models.nlu.sentiment import SENTIMENT_CONFIG, train_sentiment
from models.nlu.types import SENTIMENT_LABELS, LabeledText

TINY = replace(SENTIMENT_CONFIG, epochs=1, max_length=16, val_fraction=0.25)


@pytest.fixture(scope="module")
def tiny_sentiment(tmp_path_factory) -> SentimentClassifier:
    reviews = sentiment_examples(KnowledgeBase.demo())
    sample = [r for label in SENTIMENT_LABELS for r in [x for x in reviews if x.label == label][:10]]
    chat = [LabeledText("this is a damn joke, where is my refund", "negative"),
            LabeledText("where can I see my invoice", "neutral"), LabeledText("thanks a lot!", "positive")]
    report = train_sentiment(sample, tmp_path_factory.mktemp("sentiment") / "m", locate_minilm(), TINY,
                             chat_examples=chat)
    # Chat examples train but are never held out: the reported accuracy is the reviews' own.
    assert report.threshold == 0.0 and report.val_size == 6 and report.train_size == 24 + 3
    return SentimentClassifier.load(report.out_dir)


def test_predict_gives_a_label_and_probability(tiny_sentiment):
    result = tiny_sentiment.predict("The zipper broke after one week, very disappointed.")
    assert isinstance(result, Sentiment)
    assert result.label in SENTIMENT_LABELS and 0.0 < result.score <= 1.0
    assert tiny_sentiment.predict_batch(["great!", "awful"]) == [tiny_sentiment.predict("great!"),
                                                                   tiny_sentiment.predict("awful")]


@pytest.mark.parametrize("text", ["", "\x00", "🙂" * 5000, "x" * 50_000, "中文 العربية 🛒"])
def test_bad_input_never_crashes(tiny_sentiment, text):
    assert tiny_sentiment.predict(text).label in SENTIMENT_LABELS


def test_empty_text_is_neutral(tiny_sentiment):
    assert tiny_sentiment.predict("   ") == Sentiment("neutral", 0.0)


def test_unknown_labels_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="angry"):
        train_sentiment([LabeledText("grr", "angry")] * 4, tmp_path, locate_minilm(), TINY)


def _real_model() -> Path:
    folder = Settings.from_env().sentiment_model_dir
    if not (folder / "manifest.json").is_file():
        pytest.skip(f"no trained sentiment model in {folder}: run `shopdesk setup` first")
    return folder


def test_real_model_reads_chat_messages():
    model = SentimentClassifier.load(_real_model())
    assert model.manifest["val_accuracy"] >= 0.65
    assert model.predict("This is terrible, the jacket fell apart and nobody answers me.").label == "negative"
    assert model.predict("Love it! Fits perfectly and feels great, thank you.").label == "positive"
    assert model.predict("where can I see the status of my order?").label == "neutral"
