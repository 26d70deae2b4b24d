"""Plain data of the NLU models: labelled texts, intent scores, entities, sentiment, catalog items.

Every type is a frozen, slotted dataclass so it can be passed between packages, cached and
compared without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The label of the out-of-scope class in training data and in predictions.
OOS_LABEL = "oos"

#: Sentiment labels, in the order the sentiment model's head emits them.
SENTIMENT_LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class LabeledText:
    """One training or test example: a text and its label (an intent, ``oos``, a sentiment)."""

    text: str
    label: str


@dataclass(frozen=True, slots=True)
class IntentScore:
    """One candidate intent with its probability."""

    intent: str
    score: float


@dataclass(frozen=True, slots=True)
class NluResult:
    """What the intent classifier says about one message.

    Attributes:
        intent: The predicted intent, or ``"oos"`` when the message is out of scope.
        confidence: Probability of the top in-model class (0.0 for empty input).
        out_of_scope: True when the top class is ``oos`` or ``confidence`` is below the
            model's threshold; the bot must not try to answer such a message itself.
        top_k: The best classes with their probabilities, best first (``oos`` included).
    """

    intent: str
    confidence: float
    out_of_scope: bool
    top_k: tuple[IntentScore, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """What entity extraction needs to know about one product of the store."""

    sku: str
    name: str
    colors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # category paths, "Lighting/Floodlights"


@dataclass(frozen=True, slots=True)
class ProductMatch:
    """A product the message refers to.

    Attributes:
        sku: The catalog sku.
        text: The part of the message that matched (as written by the shopper).
        score: 1.0 for an exact sku or name, lower for a fuzzy or partial name match.
    """

    sku: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class PriceRange:
    """A price constraint in the store's currency; a missing bound is ``None``."""

    min: float | None = None
    max: float | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of something ("2 pairs", "three tees"): the number and the word it counts."""

    value: int
    item: str


@dataclass(frozen=True, slots=True)
class Entities:
    """Typed slots found in one message; empty tuples and ``None`` mean "not mentioned"."""

    order_ids: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    products: tuple[ProductMatch, ...] = ()
    sizes: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    price_range: PriceRange | None = None
    quantities: tuple[Quantity, ...] = ()
    #: Kinds of goods the catalog has that the message names ("floodlights", "desk"), as
    #: the catalog words them (singular): the store sells what is asked for.
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentiment:
    """The tone of a customer message: ``label`` in SENTIMENT_LABELS, ``score`` its probability."""

    label: str
    score: float
