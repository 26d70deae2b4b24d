"""bench/rerank_model.py: the measured reranker trains from the real MiniLM on a handful of
pairs (one quick run per mode), saves, is not trained twice, and reloads."""

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from models.assets import locate_minilm

_spec = importlib.util.spec_from_file_location(
    "rerank_model_bench", Path(__file__).resolve().parents[2] / "bench" / "rerank_model.py")
_bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _bench  # dataclasses look their module up while the class is made
_spec.loader.exec_module(_bench)
Reranker, RerankConfig, RankingExample = _bench.Reranker, _bench.RerankConfig, _bench.RankingExample
train_reranker = _bench.train_reranker

EXAMPLES = [
    RankingExample("can i pay with paypal", "We accept Visa, Mastercard and PayPal.",
                   ("Orders ship within two days.", "Returns are free within 30 days.",
                    "Our office is open on weekdays.")),
    RankingExample("how long do i have to send it back", "Returns are free within 30 days.",
                   ("We accept Visa, Mastercard and PayPal.", "Orders ship within two days.",
                    "Our office is open on weekdays.")),
    RankingExample("when will my parcel leave", "Orders ship within two days.",
                   ("Returns are free within 30 days.", "We accept Visa, Mastercard and PayPal.",
                    "Our office is open on weekdays.")),
    RankingExample("can i call you on sunday", "Our office is open on weekdays.",
                   ("Orders ship within two days.", "Returns are free within 30 days.",
                    "We accept Visa, Mastercard and PayPal.")),
]
QUICK = RerankConfig(epochs=6, examples_per_step=4, learning_rate=1e-4, threads=1)


@pytest.mark.parametrize("mode", ["cross", "bi"])
def test_trained_reranker_puts_the_answer_first_and_reloads(tmp_path, mode):
    config = replace(QUICK, mode=mode)
    report = train_reranker(EXAMPLES, tmp_path / "reranker", locate_minilm(), config)
    assert not report.skipped and report.examples == 4
    again = train_reranker(EXAMPLES, tmp_path / "reranker", locate_minilm(), config)
    assert again.skipped  # current: not trained twice
    reranker = Reranker(report.folder, threads=1).load()
    for example in EXAMPLES:
        scores = reranker.scores(example.question, [example.positive, *example.negatives])
        assert scores.shape == (4,) and np.isfinite(scores).all()
        assert int(np.argmax(scores)) == 0, example.question
    assert reranker.scores("anything", []).shape == (0,)


def test_examples_without_negatives_cannot_train(tmp_path):
    with pytest.raises(ValueError, match="negative"):
        train_reranker([RankingExample("q", "a", ())], tmp_path / "r", locate_minilm(), QUICK)


def test_an_untrained_folder_does_not_load(tmp_path):
    with pytest.raises(FileNotFoundError):
        Reranker(tmp_path).load()
