"""The NLU step of a turn: intent (with out-of-scope), entities and sentiment of one message."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TypeVar

from models import Entities, EntityExtractor, IntentClassifier, NluResult, Sentiment, SentimentClassifier

from bot.dialogue.language import languages
from bot.dialogue.language.regional_spelling import RegionalSpelling
from bot.dialogue.language.spelling import KIND_CUTOFF, SHOP_WORDS, CatalogSpelling, Speller, expand_shorthand


_GREETING = re.compile(r"^\W*(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening))"
                       r"(\s+there)?\b[\W_]*", re.I)

# Small talk between a greeting and the request ("hope ur having a nice day :) quick q - ..."):
# read as part of the greeting, so that "have a nice day" is not taken for a goodbye.
_PLEASANTRY = re.compile(r"^\W*(?:(?:i )?hope (?:you|u|ur|you're|youre|you are|all is|everything is|your day is)\b"
                         r"[^.!?:;()\n]*[.!?:;()]|how are (?:you|u|ya)(?: doing| today)*\b|how'?s it going\b"
                         r"|(?:i (?:have|got) )?(?:a )?quick (?:question|qn|q)\b"
                         r"|(?:i have a |got a )?question\b(?=\s*[-:]))[\W_]*(?=\w)", re.I)


# "the 2nd one", "#3", "number 2" -> "the second one" (a single digit: never an order number)
_ORDINALS = re.compile(r"(?<![\w#])(?:#|no\.\s*|number\s+)([1-4])\b|(?<!\w)([1-4])(?:st|nd|rd|th)\b", re.I)
_ORDINAL_WORDS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}

T = TypeVar("T")


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
                 sentiment: SentimentClassifier, catalog: CatalogSpelling | None = None) -> None:
        self.intents = intents
        self.entities = entities
        self.sentiment = sentiment
        self.catalog = catalog or CatalogSpelling()
        self._spelling: Speller | None = None
        self._kind_spelling: Speller | None = None
        self._regional_spelling = RegionalSpelling(self.catalog.options)

    def read(self, text: str, language: str = "en") -> str:
        """What the models read of a message: its English reading, shopping words spelt right,
        texting shorthand written out, and a greeting before a request left out ("hola! donde
        esta mi pedido?" asks for the order, it does not greet)."""
        reading = self._speller().correct(expand_shorthand(languages.to_english(text, language, self.catalog.products)))
        reading = self._regional_spelling.read(self._kind_speller().correct(reading))
        reading = _ORDINALS.sub(lambda m: _ORDINAL_WORDS[next(g for g in m.groups() if g)], reading)
        request = _GREETING.sub("", reading, count=1)
        while (shorter := _PLEASANTRY.sub("", request, count=1)) != request:
            request = shorter
        return request if request != reading and len(request.split()) >= 2 else reading

    def warm(self) -> None:
        """Build the speller and run each model once now, not in the first shoppers' turns
        (concurrent first turns would each build the speller)."""
        self.understand(self.read("hello, where is my order?"))

    def _speller(self) -> Speller:
        if self._spelling is None:
            vocabulary = getattr(self.intents, "vocabulary", None)
            # without a dictionary no word is safe to change ("older" is not "order")
            self._spelling = Speller(vocabulary(), SHOP_WORDS) if vocabulary else Speller((), ())
        return self._spelling

    def _kind_speller(self) -> Speller:
        if self._kind_spelling is None:
            vocabulary = getattr(self.intents, "vocabulary", None)
            # a word of the store's own names ("trailmaster") is never a misspelt kind
            self._kind_spelling = (Speller(set(vocabulary()) | self.catalog.names, self.catalog.kinds,
                                           cutoff=KIND_CUTOFF) if vocabulary and self.catalog.kinds
                                   else Speller((), ()))
        return self._kind_spelling

    def understand(self, text: str) -> Understanding:
        """What the three models make of one message."""
        return self._each([text])[0]

    def understand_all(self, texts: Sequence[str]) -> list[Understanding]:
        """`understand` of each text (a message and its parts), the same results, each model
        run over all the texts before the next: a model's weights (~10 MB each) then stay in the
        CPU's caches from one text to the next instead of being read back for each."""
        return self._each(texts)

    def _each(self, texts: Sequence[str]) -> list[Understanding]:
        spent = [0.0] * len(texts)

        def run(model: Callable[[str], T]) -> list[T]:
            found = []
            for i, text in enumerate(texts):
                started = time.perf_counter()
                found.append(model(text))
                spent[i] += time.perf_counter() - started
            return found

        read = zip(run(self.intents.predict), run(self.entities.extract), run(self.sentiment.predict))
        return [Understanding(*models, spent[i]) for i, models in enumerate(read)]


def _entities_dict(entities: Entities) -> dict:
    data = asdict(entities)
    return {key: value for key, value in data.items() if value not in ((), [], None)}
