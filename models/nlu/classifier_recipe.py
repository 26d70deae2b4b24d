"""The text-classifier recipe's knobs: hyper-parameters, the learning-rate schedule, the oos threshold.

Shared by the fitting loop (`classifier_fit`) and the training driver (`classifier_training`),
which intent and sentiment both use; kept apart so neither of those imports the other's caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from models.nlu.types import OOS_LABEL


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Hyper-parameters of one training run; every field enters the input hash."""

    epochs: int = 4  # passes over the training part
    batch_size: int = 32
    lr: float = 1e-4  # encoder learning rate (peak, after warm-up)
    head_lr: float = 2e-3  # the new head starts random: it may move faster
    warmup: float = 0.06  # fraction of steps with a rising learning rate
    weight_decay: float = 0.01
    max_length: int = 64  # tokens kept per text
    pooling: str = "mean"  # "mean" (how MiniLM was trained) or "cls"
    dropout: float = 0.1
    label_smoothing: float = 0.0
    class_balance: bool = False  # weight the loss by inverse class frequency
    # The word-embedding matrix is half the encoder's weights: freezing it halves the optimizer's
    # work on CPU and leaves the layers that adapt to the task free.
    freeze_embeddings: bool = True
    val_fraction: float = 0.1  # stratified part held out for the threshold
    oos_budget: float = 0.01  # in-scope validation accuracy the threshold may cost
    seed: int = 13
    threads: int | None = None  # torch CPU threads; None keeps torch's default
    quantize: bool = True  # serve with int8 dynamic quantization (recorded in the manifest)
    kind: str = "finetune"  # "finetune", or "frozen-lr" (the frozen-embedding baseline)

    def __post_init__(self) -> None:
        if self.epochs <= 0 or self.batch_size <= 0 or self.max_length < 4:
            raise ValueError("epochs and batch_size must be > 0 and max_length >= 4")
        if not 0.0 < self.val_fraction < 0.5:
            raise ValueError(f"val_fraction must be in (0, 0.5), not {self.val_fraction}")
        if self.kind not in ("finetune", "frozen-lr"):
            raise ValueError(f"kind must be 'finetune' or 'frozen-lr', not {self.kind!r}")


def choose_threshold(confidences: Sequence[float], predicted: Sequence[str],
                     gold: Sequence[str], budget: float) -> float:
    """The confidence threshold that maximises oos recall at a bounded in-scope accuracy cost.

    Args:
        confidences: Top probability of each validation prediction.
        predicted: Top label of each (may be ``oos``).
        gold: True label of each (``oos`` for out-of-scope rows).
        budget: In-scope accuracy (a fraction) that the threshold may cost.

    Returns:
        The threshold: the lowest one reaching the best recall within the budget; 0.0 when
        there are no ``oos`` or no in-scope rows to calibrate on.
    """
    in_scope = [i for i, g in enumerate(gold) if g != OOS_LABEL]
    oos = [i for i, g in enumerate(gold) if g == OOS_LABEL]
    if not in_scope or not oos:
        return 0.0

    def rates(t: float) -> tuple[float, float]:
        acc = sum(predicted[i] == gold[i] and confidences[i] >= t for i in in_scope) / len(in_scope)
        rec = sum(predicted[i] == OOS_LABEL or confidences[i] < t for i in oos) / len(oos)
        return acc, rec

    base_acc, _ = rates(0.0)
    best_t, best_rec = 0.0, rates(0.0)[1]
    # Candidate cuts: just above each validation confidence.
    for t in sorted({round(c + 1e-6, 6) for c in confidences}):
        acc, rec = rates(t)
        if base_acc - acc > budget + 1e-12:
            break
        if rec > best_rec:
            best_t, best_rec = t, rec
    return best_t


def warmup_linear(step: int, total: int, warmup: float) -> float:
    """Learning-rate multiplier: linear rise over the warm-up steps, then linear decay to 0."""
    warm = max(1, math.ceil(total * warmup))
    if step < warm:
        return (step + 1) / warm
    return max(0.0, (total - step) / max(1, total - warm))
