"""What a product's reviewers think: each review labelled by the sentiment model, and counts.

The model is the one that reads shoppers' chat messages (`models.SentimentClassifier`),
trained on this store's reviews, so for staff it is a quick read of a product's reviews, with
each review's star rating beside its label to judge it by.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb import KnowledgeBase
from models import SentimentClassifier
from models.nlu.types import SENTIMENT_LABELS

from bot.nlu.training_data import review_text


@dataclass(frozen=True, slots=True)
class LabelledReview:
    """One review with the model's label and its probability."""

    title: str
    text: str
    rating: int
    reviewer: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class ReviewSentiment:
    """A product's reviews, labelled, and how many got each label."""

    sku: str
    name: str
    reviews: tuple[LabelledReview, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Reviews per label, every label present (0 when none)."""
        counts = dict.fromkeys(SENTIMENT_LABELS, 0)
        for review in self.reviews:
            counts[review.label] = counts.get(review.label, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "total": len(self.reviews),
                "counts": self.counts,
                "reviews": [{"title": r.title, "text": r.text, "rating": r.rating,
                             "reviewer": r.reviewer, "label": r.label, "score": r.score}
                            for r in self.reviews]}


def review_sentiment(kb: KnowledgeBase, classifier: SentimentClassifier, sku: str) -> ReviewSentiment:
    """Label every review of a product with the sentiment model.

    Args:
        kb: The store.
        classifier: The loaded sentiment model.
        sku: The product (a variant's sku gives its parent).

    Raises:
        UnknownProduct: no such product.
    """
    product = kb.product(sku)
    reviews = kb.reviews_of(product.sku)
    labels = classifier.predict_batch([review_text(r.title, r.text) for r in reviews])
    return ReviewSentiment(product.sku, product.name, tuple(
        LabelledReview(r.title, r.text, r.rating, r.reviewer, s.label, round(s.score, 4))
        for r, s in zip(reviews, labels)))
