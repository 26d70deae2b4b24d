"""The intent classifier: a fine-tuned MiniLM BERT with out-of-scope detection.

    clf = IntentClassifier.load(Path(".shopdesk/models/intent"))
    clf.predict("where is my order 12345?")
    # NluResult(intent='track_order', confidence=0.99, out_of_scope=False, top_k=(...))

Training lives in ``models.nlu.classifier_training`` (``train_text_classifier``); this module only loads a
saved folder and predicts. torch and transformers are imported inside ``load``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.errors import AssetNotFound
from models.nlu.types import OOS_LABEL, IntentScore, NluResult

if TYPE_CHECKING:
    from models.nlu.classifier_net import Predictor

logger = logging.getLogger(__name__)


def load_predictor(folder: Path, device: str = "cpu", quantize: bool | None = None,
                   cache_size: int = 0) -> tuple[Predictor, dict[str, Any]]:
    """Load a saved classifier folder (intent or sentiment) into a ready predictor.

    Args:
        folder: A folder written by ``train_text_classifier``.
        device: Torch device.
        quantize: int8 dynamic quantization on CPU; None follows the manifest.
        cache_size: Short texts whose probabilities are kept (see `Predictor`); 0: none.

    Returns:
        The predictor and the folder's manifest.

    Raises:
        AssetNotFound: the folder or its manifest or weights are missing.
    """
    from models.nlu.classifier_net import WEIGHTS_FILE, Predictor, load_network, load_tokenizer
    from models.nlu.classifier_training import read_manifest

    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None or not (folder / WEIGHTS_FILE).is_file():
        raise AssetNotFound(f"The trained model in {folder}", None, folder)
    config = manifest.get("config", {})
    network = load_network(folder, len(manifest["labels"]), config.get("pooling", "mean"),
                           normalize=manifest.get("kind") == "frozen-lr")
    if quantize is None:
        quantize = bool(config.get("quantize", False))
    predictor = Predictor(network, load_tokenizer(folder), int(config.get("max_length", 64)),
                          device, quantize, cache_size=cache_size)
    return predictor, manifest


class IntentClassifier:
    """Predicts a shopper message's intent, or that it is out of scope.

    Args:
        predictor: The loaded network (see ``load``).
        labels: Class names in head order; may include ``"oos"``.
        threshold: Top probabilities below it are out of scope.
        top_k: Candidates reported in ``NluResult.top_k``.
        manifest: The saved model's manifest (recipe, validation numbers).
    """

    def __init__(self, predictor: Predictor, labels: Sequence[str], threshold: float,
                 top_k: int = 3, manifest: dict[str, Any] | None = None) -> None:
        if top_k <= 0:
            raise ValueError(f"top_k must be > 0, got {top_k}")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {threshold}")
        self._predictor = predictor
        self.labels = tuple(labels)
        self.threshold = threshold
        self.top_k = top_k
        self.manifest = dict(manifest or {})

    @classmethod
    def load(cls, folder: Path, device: str = "cpu", *, threshold: float | None = None,
             quantize: bool | None = None, top_k: int = 3,
             cache_size: int = 0) -> "IntentClassifier":
        """Load a model folder written by ``shopdesk train-intent``.

        Args:
            folder: The model folder.
            device: Torch device ("cpu" by default).
            threshold: Override the calibrated out-of-scope threshold.
            quantize: int8 dynamic quantization on CPU; None follows the manifest.
            top_k: Candidates reported per prediction.
            cache_size: Short messages whose probabilities are kept (exact; see `Predictor`).

        Returns:
            A ready classifier.

        Raises:
            AssetNotFound: the folder holds no trained model.
        """
        predictor, manifest = load_predictor(Path(folder), device, quantize, cache_size)
        chosen = float(manifest.get("threshold", 0.0)) if threshold is None else threshold
        return cls(predictor, manifest["labels"], chosen, top_k, manifest)

    def vocabulary(self) -> frozenset[str]:
        """The whole words its tokenizer knows, lower-case: a dictionary of correct spellings."""
        return frozenset(w for w in self._predictor.tokenizer.get_vocab() if w.isalpha())

    def predict(self, text: str) -> NluResult:
        """Classify one message.

        Args:
            text: The message; any string (empty, huge, mixed scripts) is accepted.

        Returns:
            The NluResult; empty or blank text is out of scope with confidence 0.

        Raises:
            TypeError: ``text`` is not a str.
        """
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[NluResult]:
        """Classify many messages at once (same results as ``predict`` on each).

        Raises:
            TypeError: an item is not a str.
        """
        from models.nlu.classifier_net import clean_text

        cleaned = [clean_text(t) for t in texts]
        live = [i for i, t in enumerate(cleaned) if t]
        probs = self._predictor.probabilities([cleaned[i] for i in live], batch_size)
        results = [NluResult(OOS_LABEL, 0.0, True, ())] * len(texts)
        for row, i in enumerate(live):
            results[i] = self._result(probs[row])
        return results

    def _result(self, probs) -> NluResult:
        order = probs.argsort()[::-1][: self.top_k]
        top = tuple(IntentScore(self.labels[j], round(float(probs[j]), 6)) for j in order)
        best = top[0]
        out_of_scope = best.intent == OOS_LABEL or best.score < self.threshold
        return NluResult(OOS_LABEL if out_of_scope else best.intent, best.score, out_of_scope, top)
