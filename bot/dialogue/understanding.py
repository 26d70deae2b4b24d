"""The NLU step of a turn: intent (with out-of-scope), entities and sentiment of one message."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from models import Entities, EntityExtractor, IntentClassifier, NluResult, Sentiment, SentimentClassifier


@dataclass(frozen=True, slots=True)
class Understanding:
    """What the service understood of one shopper message."""

    intent: NluResult
    entities: Entities
    sentiment: Sentiment
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """The JSON form returned by the API and stored with the transcript."""
        return {
            "intent": self.intent.intent,
            "confidence": round(self.intent.confidence, 4),
            "out_of_scope": self.intent.out_of_scope,
            "top_k": [{"intent": s.intent, "score": round(s.score, 4)} for s in self.intent.top_k],
            "entities": _entities_dict(self.entities),
            "sentiment": {"label": self.sentiment.label, "score": round(self.sentiment.score, 4)},
        }


class Understander:
    """Runs the three NLU models on a message; loaded once per service."""

    def __init__(self, intents: IntentClassifier, entities: EntityExtractor,
                 sentiment: SentimentClassifier) -> None:
        self.intents = intents
        self.entities = entities
        self.sentiment = sentiment

    def understand(self, text: str) -> Understanding:
        started = time.perf_counter()
        intent = self.intents.predict(text)
        entities = self.entities.extract(text)
        sentiment = self.sentiment.predict(text)
        return Understanding(intent, entities, sentiment, time.perf_counter() - started)


def _entities_dict(entities: Entities) -> dict:
    data = asdict(entities)
    return {key: value for key, value in data.items() if value not in ((), [], None)}
