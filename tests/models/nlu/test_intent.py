"""Tests of the intent classifier: the training recipe's code paths on a tiny run, and predict.

The tiny run (48 real CLINC150 utterances, 1 epoch, 16 tokens) exercises training, saving,
loading, the threshold and the manifest skip in seconds; the quality of the real model is
tested in test_intent_default.py against the artefact `shopdesk setup` builds.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from models import IntentClassifier, IntentScore, NluResult
from models.assets import locate_minilm
from models.errors import AssetNotFound
from models.nlu.classifier_net import MAX_CHARS, Predictor, clean_text, load_network, load_tokenizer
from models.nlu.classifier_recipe import TrainConfig, choose_threshold, warmup_linear
from models.nlu.classifier_training import (MANIFEST_FILE, input_hash, is_current, read_labeled_csv,
                                            read_manifest, stratified_split, train_text_classifier,
                                            write_labeled_csv)
from models.nlu.types import OOS_LABEL, LabeledText

CLINC = Path(__file__).resolve().parents[3] / "models" / "data" / "nlu" / "clinc150" / "data_full_trainval.json"
TINY = TrainConfig(epochs=1, max_length=16, batch_size=8, val_fraction=0.25, seed=3)


def tiny_examples() -> list[LabeledText]:
    """12 real utterances each of weather, greeting, goodbye and out-of-scope."""
    data = json.loads(CLINC.read_text())
    rows = []
    for intent in ("weather", "greeting", "goodbye"):
        rows += [LabeledText(t, i) for t, i in data["train"] if i == intent][:12]
    rows += [LabeledText(t, OOS_LABEL) for t, _ in data["oos_train"][:12]]
    return rows


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("intent") / "model"
    report = train_text_classifier(tiny_examples(), out, locate_minilm(), TINY)
    assert not report.skipped
    return out


@pytest.fixture(scope="module")
def classifier(tiny_model) -> IntentClassifier:
    return IntentClassifier.load(tiny_model)


def test_training_saves_a_complete_model(tiny_model):
    names = {p.name for p in tiny_model.iterdir()}
    assert {"model.safetensors", "config.json", "tokenizer.json", MANIFEST_FILE} <= names
    manifest = json.loads((tiny_model / MANIFEST_FILE).read_text())
    assert manifest["labels"] == ["goodbye", "greeting", "oos", "weather"]
    assert manifest["train_size"] + manifest["val_size"] == 48
    assert 0.0 <= manifest["threshold"] <= 1.0
    assert manifest["config"]["max_length"] == 16 and manifest["kind"] == "finetune"


def test_unchanged_inputs_skip_training_and_changed_ones_do_not(tiny_model):
    examples = tiny_examples()
    again = train_text_classifier(examples, tiny_model, locate_minilm(), replace(TINY, threads=1))
    assert again.skipped  # threads change the speed, not the model
    base = locate_minilm()
    assert is_current(tiny_model, input_hash(examples, TINY, base))
    assert not is_current(tiny_model, input_hash(examples[1:], TINY, base))
    assert not is_current(tiny_model, input_hash(examples, replace(TINY, epochs=2), base))


def test_predict_returns_an_nlu_result(classifier):
    result = classifier.predict("what's the weather like tomorrow in paris")
    assert isinstance(result, NluResult)
    assert result.intent in classifier.labels
    assert 0.0 < result.confidence <= 1.0
    assert len(result.top_k) == 3 and all(isinstance(s, IntentScore) for s in result.top_k)
    assert [s.score for s in result.top_k] == sorted((s.score for s in result.top_k), reverse=True)
    assert result.out_of_scope == (result.intent == OOS_LABEL)


def test_predict_batch_matches_predict(classifier):
    texts = ["hello there", "bye for now", "will it rain today", "", "how tall is everest"]
    batch = classifier.predict_batch(texts)
    for text, result in zip(texts, batch):
        single = classifier.predict(text)
        assert single.intent == result.intent
        assert single == result  # quantized: one text at a time, so exactly equal


def test_threshold_turns_low_confidence_into_out_of_scope(tiny_model):
    strict = IntentClassifier.load(tiny_model, threshold=1.0)
    result = strict.predict("will it rain today")
    assert result.out_of_scope and result.intent == OOS_LABEL
    assert result.top_k[0].intent in strict.labels  # the candidates are still reported


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01\x02", "\ud800\udfff broken surrogates",
                                  "🙂🛒🔥" * 200, "Ünïcödé 中文 العربية mixed scripts 🙂",
                                  "a" * 50_000, "word " * 10_000,
                                  bytes(range(256)).decode("latin-1")])
def test_bad_input_never_crashes(classifier, text):
    result = classifier.predict(text)
    assert isinstance(result, NluResult) and 0.0 <= result.confidence <= 1.0


def test_empty_input_is_out_of_scope_with_zero_confidence(classifier):
    assert classifier.predict("  ") == NluResult(OOS_LABEL, 0.0, True, ())


def test_non_string_input_is_a_clear_error(classifier):
    with pytest.raises(TypeError, match="str"):
        classifier.predict(b"\xff\xfe junk")  # type: ignore[arg-type]


def test_long_input_is_truncated_before_tokenising():
    assert len(clean_text("x" * 50_000)) == MAX_CHARS
    assert clean_text("a\x00b\u200b  c\ud800") == "a b\u200b c?"


def test_loading_a_folder_without_a_model_names_it(tmp_path):
    with pytest.raises(AssetNotFound, match=str(tmp_path)):
        IntentClassifier.load(tmp_path)


def test_frozen_baseline_trains_only_the_head(tmp_path):
    report = train_text_classifier(tiny_examples(), tmp_path / "baseline", locate_minilm(),
                                   replace(TINY, kind="frozen-lr"))
    baseline = IntentClassifier.load(report.out_dir)
    assert baseline.manifest["kind"] == "frozen-lr"
    assert baseline.predict("hello, how are you").intent in baseline.labels


# --- recipe helpers ---------------------------------------------------------------------------


def test_choose_threshold_maximises_recall_within_the_budget():
    conf = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    pred = ["a", "a", "b", "b", "a", "a", "b"]
    gold = ["a", "a", "b", "b", "a", OOS_LABEL, OOS_LABEL]
    # Rejecting below 0.5 catches both oos rows and costs no in-scope accuracy.
    assert choose_threshold(conf, pred, gold, budget=0.0) == pytest.approx(0.4 + 1e-6)
    # With an oos row above every in-scope one, a zero budget cannot reach it.
    gold2 = ["a", "a", "b", "b", "a", OOS_LABEL, "b"]
    assert choose_threshold([0.9, 0.8, 0.7, 0.6, 0.5, 0.95, 0.3], pred, gold2, 0.0) <= 0.3 + 1e-6
    assert choose_threshold(conf, pred, ["a"] * 7, 0.1) == 0.0  # no oos rows to calibrate on


def test_stratified_split_is_seeded_and_keeps_every_label():
    rows = [LabeledText(f"t{i}", "ab"[i % 2]) for i in range(40)] + [LabeledText("solo", "c")]
    keep, held = stratified_split(rows, 0.25, seed=1)
    assert (keep, held) == stratified_split(rows, 0.25, seed=1)
    assert len(held) == 10 and {e.label for e in held} == {"a", "b"}
    assert LabeledText("solo", "c") in keep and set(keep).isdisjoint(held)


def test_csv_round_trip_and_errors(tmp_path):
    rows = [LabeledText('he said "hi", then left', "greeting"), LabeledText("x\ny", OOS_LABEL)]
    write_labeled_csv(tmp_path / "a.csv", rows)
    assert read_labeled_csv(tmp_path / "a.csv") == rows
    (tmp_path / "b.csv").write_text("sentence,label\nhi,greeting\n")
    with pytest.raises(ValueError, match="text"):
        read_labeled_csv(tmp_path / "b.csv")


def test_warmup_then_linear_decay():
    assert warmup_linear(0, 100, 0.1) == pytest.approx(0.1)
    assert warmup_linear(9, 100, 0.1) == pytest.approx(1.0)
    assert warmup_linear(55, 100, 0.1) == pytest.approx(0.5)
    assert warmup_linear(100, 100, 0.1) == 0.0


def test_invalid_configs_are_rejected():
    with pytest.raises(ValueError):
        TrainConfig(epochs=0)
    with pytest.raises(ValueError):
        TrainConfig(val_fraction=0.7)
    with pytest.raises(ValueError):
        TrainConfig(kind="svm")


def test_training_needs_two_labels(tmp_path):
    with pytest.raises(ValueError, match="two labels"):
        train_text_classifier([LabeledText("hi", "greeting")] * 3, tmp_path, locate_minilm(), TINY)


# --- the predictor's fast paths: a quantized network runs as a frozen TorchScript graph and
# keeps short texts' probabilities; neither may change a probability, or served answers would
# drift from the evaluated model.

TEXTS = ["hi", "thanks!", "where is my order 000000111?", "how much is shipping to Canada?",
         "Can I exchange a product for another size?", "a", "HI THERE", "hi   there",
         "Ünïcödé 中文 العربية 🙂", "word " * 300, "will it rain tomorrow in paris or in rome"]


def _predictor(folder: Path, **options) -> Predictor:
    manifest = read_manifest(folder)
    network = load_network(folder, len(manifest["labels"]), manifest["config"]["pooling"])
    return Predictor(network, load_tokenizer(folder), manifest["config"]["max_length"],
                     quantize=True, **options)


@pytest.fixture(scope="module")
def eager(tiny_model):
    return _predictor(tiny_model, script=False)


def test_the_graph_gives_the_eager_probabilities_bit_for_bit(tiny_model, eager):
    graph = _predictor(tiny_model)
    assert graph._graph is not None and eager._graph is None
    texts = [clean_text(t) for t in TEXTS]
    # texts of 2 to 16 tokens (the tiny model truncates at 16): the length stays free
    np.testing.assert_array_equal(graph.probabilities(texts), eager.probabilities(texts))


def test_cached_probabilities_are_the_computed_ones(tiny_model, eager):
    cached = _predictor(tiny_model, cache_size=2)
    texts = [clean_text(t) for t in TEXTS]
    first = cached.probabilities(texts)
    again = cached.probabilities(texts[::-1])[::-1]  # hits and misses (two rows kept)
    np.testing.assert_array_equal(first, eager.probabilities(texts))
    np.testing.assert_array_equal(again, first)
    assert len(cached._cache._rows) == 2
    row = cached.probabilities(["hi"])[0]
    row[0] = 5.0  # the caller's copy: the cached row stays as computed
    np.testing.assert_array_equal(cached.probabilities(["hi"]), eager.probabilities(["hi"]))


def test_a_failed_trace_serves_the_eager_network(tiny_model, eager, monkeypatch, caplog):
    def broken_trace(*args, **kwargs):
        raise RuntimeError("tracing is gone from this torch")

    monkeypatch.setattr(torch.jit, "trace", broken_trace)
    fallback = _predictor(tiny_model)
    assert fallback._graph is None
    assert "without TorchScript" in caplog.text
    texts = [clean_text(t) for t in TEXTS]
    np.testing.assert_array_equal(fallback.probabilities(texts), eager.probabilities(texts))


def _attention_masks(graph: torch.jit.ScriptModule) -> list[str]:
    """The kind of the mask each attention node of ``graph`` is given."""
    return [node.inputsAt(3).type().kind() for node in graph.graph.nodes()
            if node.kind() == "aten::scaled_dot_product_attention"]


def test_the_graph_gives_its_encoder_no_attention_mask(tiny_model, eager):
    # an unpadded text's all-ones mask changes no number (attention adds 0 to each score) but
    # is built and applied in every layer: the graph leaves it out, the pooling still reads it
    masks = _attention_masks(_predictor(tiny_model)._graph)
    assert masks and set(masks) == {"NoneType"}
    texts = [clean_text(t) for t in TEXTS]
    np.testing.assert_array_equal(_predictor(tiny_model).probabilities(texts), eager.probabilities(texts))
