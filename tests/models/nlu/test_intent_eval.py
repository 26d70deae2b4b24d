"""Tests of the intent evaluation: metrics, confused pairs, latency, the report's forms."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from models.nlu.intent_eval import (evaluate_intents, format_report, measure_latency, percentile,
                                predicted_labels, score)
from models.nlu.types import OOS_LABEL, LabeledText, NluResult


class KeywordClassifier:
    """A real, rule-based classifier: enough to drive the evaluation end to end."""

    def predict(self, text: str) -> NluResult:
        for word, intent in (("order", "track_order"), ("refund", "get_refund"), ("hi", "greeting")):
            if word in text:
                return NluResult(intent, 0.9, False)
        return NluResult(OOS_LABEL, 0.2, True)

    def predict_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[NluResult]:
        return [self.predict(t) for t in texts]


def test_score_counts_accuracy_f1_and_out_of_scope():
    gold = ["a", "a", "b", "b", OOS_LABEL, OOS_LABEL]
    pred = ["a", "b", "b", "b", OOS_LABEL, "a"]
    s = score(gold, pred)
    assert s["accuracy"] == pytest.approx(4 / 6)
    assert s["in_scope_accuracy"] == pytest.approx(3 / 4)
    assert s["oos_recall"] == pytest.approx(1 / 2)
    assert s["oos_precision"] == pytest.approx(1.0)
    # F1: a = 2*1/(2+1+1) = .5, b = 2*2/(4+1+0) = .8, oos = 2*1/(2+0+1) = 2/3
    assert s["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert (s["confused"][0].gold, s["confused"][0].predicted, s["confused"][0].count) in {
        ("a", "b", 1), (OOS_LABEL, "a", 1)}


def test_score_without_oos_rows_leaves_oos_metrics_empty():
    s = score(["a", "b"], ["a", OOS_LABEL])
    assert s["oos_recall"] is None and s["oos_precision"] is None
    assert s["in_scope_accuracy"] == pytest.approx(0.5)


def test_score_rejects_mismatched_input():
    with pytest.raises(ValueError):
        score(["a"], [])
    with pytest.raises(ValueError):
        score([], [])


def test_out_of_scope_results_count_as_oos():
    results = [NluResult("oos", 0.1, True), NluResult("track_order", 0.4, True),
               NluResult("track_order", 0.9, False)]
    assert predicted_labels(results) == [OOS_LABEL, OOS_LABEL, "track_order"]


def test_percentile_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([3.0], 95) == 3.0


def test_evaluate_end_to_end_with_latency_and_both_report_forms():
    examples = [LabeledText("where is my order", "track_order"), LabeledText("refund please", "get_refund"),
                LabeledText("hi there", "greeting"), LabeledText("what is the capital of peru", OOS_LABEL),
                LabeledText("my refund and order", "track_order")]
    report = evaluate_intents(KeywordClassifier(), examples, latency_queries=10)
    assert report.n == 5 and report.accuracy == 1.0 and report.oos_recall == 1.0
    assert report.latency_p50_ms is not None and report.latency_p95_ms >= report.latency_p50_ms
    data = json.loads(json.dumps(report.to_dict()))
    assert {"accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision", "confused",
            "latency_p50_ms", "latency_p95_ms"} <= set(data)
    text = format_report(report)
    assert "oos recall" in text and "p95" in text


def test_evaluate_can_skip_latency_and_rejects_empty_sets():
    report = evaluate_intents(KeywordClassifier(), [LabeledText("order?", "track_order")], 0)
    assert report.latency_p95_ms is None and "latency" not in format_report(report)
    with pytest.raises(ValueError):
        evaluate_intents(KeywordClassifier(), [])
    with pytest.raises(ValueError):
        measure_latency(KeywordClassifier(), [], 5)
