"""bench/fact_encoder.py: the measured fact encoder fine-tunes the real MiniLM on a handful of
pairs (one quick run), saves, is not trained twice, reloads and encodes as the embedder does."""

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from models.assets import locate_minilm

_spec = importlib.util.spec_from_file_location(
    "fact_encoder_bench", Path(__file__).resolve().parents[2] / "bench" / "fact_encoder.py")
_bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _bench  # dataclasses look their module up while the class is made
_spec.loader.exec_module(_bench)
FactEncoder, FactEncoderConfig, RankingExample = (_bench.FactEncoder, _bench.FactEncoderConfig,
                                                  _bench.RankingExample)
input_hash, train_fact_encoder = _bench.input_hash, _bench.train_fact_encoder

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
QUICK = FactEncoderConfig(epochs=6, examples_per_step=4, learning_rate=1e-4, threads=1)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    return train_fact_encoder(EXAMPLES, tmp_path_factory.mktemp("encoder") / "fact_encoder",
                              locate_minilm(), QUICK)


def test_the_trained_encoder_puts_each_answer_first_and_is_not_trained_twice(trained):
    assert not trained.skipped and trained.examples == 4
    assert train_fact_encoder(EXAMPLES, trained.folder, locate_minilm(), QUICK).skipped
    base = locate_minilm()  # a changed recipe retrains; the thread count changes nothing
    assert input_hash(EXAMPLES, replace(QUICK, seed=1), base) != input_hash(EXAMPLES, QUICK, base)
    assert input_hash(EXAMPLES, replace(QUICK, threads=2), base) == input_hash(EXAMPLES, QUICK, base)
    encoder = FactEncoder(trained.folder).load()
    for example in EXAMPLES:
        vectors = encoder.encode([example.positive, *example.negatives])
        assert vectors.shape == (4, 384) and vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
        scores = vectors @ encoder.encode_query(example.question)
        assert int(np.argmax(scores)) == 0, example.question
    assert encoder.encode([]).shape == (0, 384)


def test_a_query_is_encoded_as_a_sentence_and_remembered(trained):
    encoder = FactEncoder(trained.folder).load()
    query = encoder.encode_query("can i pay with paypal")
    assert np.allclose(query, encoder.encode(["can i pay with paypal"])[0], atol=1e-5)
    assert encoder.encode_query("can i pay with paypal") is query and not query.flags.writeable


def test_examples_without_negatives_cannot_train(tmp_path):
    with pytest.raises(ValueError, match="negative"):
        train_fact_encoder([RankingExample("q", "a", ())], tmp_path / "e", locate_minilm(), QUICK)


def test_an_untrained_folder_does_not_load(tmp_path):
    assert not FactEncoder.trained(tmp_path)
    with pytest.raises(FileNotFoundError):
        FactEncoder(tmp_path).load()
