"""Sentiment of a customer message: negative, neutral or positive.

The same MiniLM BERT encoder as the intent classifier, fine-tuned on the store's product
reviews (star rating -> label, done by the caller) with the same recipe; used on chat messages
to flag unhappy shoppers for escalation and for the agent panel.

    report = train_sentiment(examples, Path(".shopdesk/models/sentiment"), locate_minilm())
    SentimentClassifier.load(report.out_dir).predict("this is the third time my order is late")
    # Sentiment(label='negative', score=0.93)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.nlu.classifier_recipe import TrainConfig
from models.nlu.classifier_training import TrainReport, train_text_classifier
from models.nlu.types import SENTIMENT_LABELS, LabeledText, Sentiment

if TYPE_CHECKING:
    from models.nlu.classifier_net import Predictor

#: Reviews are longer than chat messages and the set is small: more tokens, more epochs, a
#: larger held-out part (its accuracy is the number reported), and a balanced loss because
#: positive reviews outnumber negative ones three to one.
SENTIMENT_CONFIG = TrainConfig(epochs=6, batch_size=16, max_length=128, val_fraction=0.2,
                               class_balance=True, lr=5e-5, head_lr=1e-3)


def train_sentiment(examples: Sequence[LabeledText], out_dir: Path, base_dir: Path,
                    config: TrainConfig = SENTIMENT_CONFIG, *, force: bool = False,
                    show_progress: bool = False,
                    chat_examples: Sequence[LabeledText] = ()) -> TrainReport:
    """Fine-tune the encoder on labelled texts (labels from SENTIMENT_LABELS) and save it.

    Args:
        examples: Texts labelled negative/neutral/positive.
        out_dir: Model folder (skipped when already trained from the same inputs).
        base_dir: The pretrained encoder (``locate_minilm()``).
        config: The recipe; its ``val_fraction`` part is held out and its accuracy reported.
        force: Retrain even when up to date.
        show_progress: Progress bar on stderr.
        chat_examples: Labelled chat messages trained on as well but never held out, so the
            reported accuracy stays the reviews' own. Reviews alone teach "mixed opinion" as
            neutral, and plain support requests ("where is my order") then read as negative.

    Returns:
        The TrainReport; ``val_accuracy`` is the held-out accuracy.

    Raises:
        ValueError: a label outside SENTIMENT_LABELS.
    """
    unknown = {e.label for e in list(examples) + list(chat_examples)} - set(SENTIMENT_LABELS)
    if unknown:
        raise ValueError(f"unknown sentiment labels {sorted(unknown)}; use {SENTIMENT_LABELS}")
    # No out-of-scope class here: the threshold stays 0.
    return train_text_classifier(examples, out_dir, base_dir, replace(config, oos_budget=0.0),
                                 force=force, show_progress=show_progress,
                                 extra_manifest={"task": "sentiment",
                                                 "chat_examples": len(chat_examples)},
                                 always_train=chat_examples)


class SentimentClassifier:
    """Labels a message negative, neutral or positive.

    Args:
        predictor: The loaded network (see ``load``).
        labels: Class names in head order.
        manifest: The saved model's manifest (held-out accuracy under ``val_accuracy``).
    """

    def __init__(self, predictor: Predictor, labels: Sequence[str],
                 manifest: dict[str, Any] | None = None) -> None:
        self._predictor = predictor
        self.labels = tuple(labels)
        self.manifest = dict(manifest or {})

    @classmethod
    def load(cls, folder: Path, device: str = "cpu", cache_size: int = 0) -> "SentimentClassifier":
        """Load a folder written by ``train_sentiment``; ``cache_size`` short messages' labels
        are kept (exact; see `Predictor`).

        Raises:
            AssetNotFound: the folder holds no trained model.
        """
        from models.nlu.intent import load_predictor

        predictor, manifest = load_predictor(Path(folder), device, cache_size=cache_size)
        return cls(predictor, manifest["labels"], manifest)

    def predict(self, text: str) -> Sentiment:
        """The sentiment of one message; empty text is neutral with score 0.

        Raises:
            TypeError: ``text`` is not a str.
        """
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: Sequence[str]) -> list[Sentiment]:
        """The sentiment of each message (same as ``predict`` on each).

        Raises:
            TypeError: an item is not a str.
        """
        from models.nlu.classifier_net import clean_text

        cleaned = [clean_text(t) for t in texts]
        live = [i for i, t in enumerate(cleaned) if t]
        probs = self._predictor.probabilities([cleaned[i] for i in live])
        results = [Sentiment("neutral", 0.0)] * len(texts)
        for row, i in enumerate(live):
            best = int(probs[row].argmax())
            results[i] = Sentiment(self.labels[best], round(float(probs[row][best]), 6))
        return results
