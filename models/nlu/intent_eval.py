"""Evaluating an intent classifier on labelled texts: accuracy, macro-F1, out-of-scope, latency.

    report = evaluate_intents(IntentClassifier.load(folder), read_labeled_csv(test_csv))
    print(format_report(report))

A prediction counts as ``oos`` when the classifier flags it out of scope. In-scope accuracy is
over rows whose gold label is not ``oos`` (a wrongly rejected in-scope row counts as an
error, as in Larson et al. 2019); out-of-scope recall/precision are over ``oos``.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from models.nlu.types import OOS_LABEL, LabeledText, NluResult


class _Classifier(Protocol):
    def predict(self, text: str) -> NluResult: ...

    def predict_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[NluResult]: ...


@dataclass(frozen=True, slots=True)
class ConfusedPair:
    gold: str
    predicted: str
    count: int


@dataclass(frozen=True, slots=True)
class IntentEvalReport:
    """Metrics of one evaluation run; rates are fractions in [0, 1], latencies milliseconds.

    ``in_scope_accuracy`` and the oos fields are None when the test set has no rows of that
    kind; the latency fields are None when latency was not measured.
    """

    n: int
    accuracy: float
    macro_f1: float
    in_scope_accuracy: float | None
    oos_recall: float | None
    oos_precision: float | None
    confused: tuple[ConfusedPair, ...]
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    latency_queries: int

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready plain data."""
        return asdict(self)


def predicted_labels(results: Sequence[NluResult]) -> list[str]:
    """What each result predicts, with out-of-scope results as ``oos``."""
    return [OOS_LABEL if r.out_of_scope else r.intent for r in results]


def score(gold: Sequence[str], predicted: Sequence[str], top_confused: int = 10) -> dict[str, Any]:
    """Accuracy, macro-F1, in-scope accuracy, oos recall/precision and the most confused pairs.

    Macro-F1 averages the F1 of every label present in ``gold``.

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    if len(gold) != len(predicted) or not gold:
        raise ValueError("gold and predicted must be non-empty and of equal length")
    pairs = list(zip(gold, predicted))
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    in_scope = [(g, p) for g, p in pairs if g != OOS_LABEL]
    oos_gold = [p for g, p in pairs if g == OOS_LABEL]
    oos_pred = [g for g, p in pairs if p == OOS_LABEL]
    confused = Counter((g, p) for g, p in pairs if g != p).most_common(top_confused)
    return {
        "accuracy": sum(g == p for g, p in pairs) / len(pairs),
        "macro_f1": sum(f1s) / len(f1s),
        "in_scope_accuracy": (sum(g == p for g, p in in_scope) / len(in_scope)) if in_scope else None,
        "oos_recall": (sum(p == OOS_LABEL for p in oos_gold) / len(oos_gold)) if oos_gold else None,
        "oos_precision": ((sum(g == OOS_LABEL for g in oos_pred) / len(oos_pred))
                          if oos_gold and oos_pred else (None if not oos_gold else 0.0)),
        "confused": tuple(ConfusedPair(g, p, c) for (g, p), c in confused),
    }


def measure_latency(classifier: _Classifier, texts: Sequence[str], queries: int = 200,
                    warmup: int = 20) -> tuple[float, float]:
    """Single-query latency (batch of one) after warm-up: (p50, p95) in milliseconds.

    Raises:
        ValueError: ``texts`` is empty or ``queries`` <= 0.
    """
    if not texts or queries <= 0:
        raise ValueError("need texts and queries > 0 to measure latency")
    for i in range(warmup):
        classifier.predict(texts[i % len(texts)])
    timings = []
    for i in range(queries):
        started = time.perf_counter()
        classifier.predict(texts[i % len(texts)])
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 95)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank]


def evaluate_intents(classifier: _Classifier, examples: Sequence[LabeledText],
                     latency_queries: int = 200) -> IntentEvalReport:
    """Run ``classifier`` on ``examples`` and score it.

    Args:
        classifier: Anything with ``predict`` and ``predict_batch`` (an IntentClassifier).
        examples: Test rows; label ``oos`` marks out-of-scope ones.
        latency_queries: Single queries timed after warm-up (0: skip the latency).

    Returns:
        The IntentEvalReport.

    Raises:
        ValueError: no examples.
    """
    if not examples:
        raise ValueError("no test examples")
    texts = [e.text for e in examples]
    predicted = predicted_labels(classifier.predict_batch(texts))
    scores = score([e.label for e in examples], predicted)
    p50 = p95 = None
    if latency_queries > 0:
        p50, p95 = measure_latency(classifier, texts, latency_queries)
    return IntentEvalReport(n=len(examples), latency_p50_ms=p50, latency_p95_ms=p95,
                            latency_queries=latency_queries if latency_queries > 0 else 0,
                            **scores)


def format_report(report: IntentEvalReport) -> str:
    """The report as aligned text lines for a terminal."""
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.2f}%"

    lines = [f"examples            {report.n}",
             f"accuracy            {pct(report.accuracy)}",
             f"macro-F1            {pct(report.macro_f1)}"]
    if report.in_scope_accuracy is not None and report.oos_recall is not None:
        lines += [f"in-scope accuracy   {pct(report.in_scope_accuracy)}",
                  f"oos recall          {pct(report.oos_recall)}",
                  f"oos precision       {pct(report.oos_precision)}"]
    if report.latency_p50_ms is not None:
        lines.append(f"latency (1 query)   p50 {report.latency_p50_ms:.2f} ms, "
                     f"p95 {report.latency_p95_ms:.2f} ms over {report.latency_queries} queries")
    if report.confused:
        lines.append("most confused (gold -> predicted: count)")
        lines += [f"  {c.gold} -> {c.predicted}: {c.count}" for c in report.confused]
    return "\n".join(lines)
