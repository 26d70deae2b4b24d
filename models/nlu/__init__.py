"""Understanding a shopper's message: intent classifier, entity extractor, sentiment classifier.

`classifier_net` / `classifier_training` / `classifier_fit` are the text-classifier recipe (a
MiniLM encoder fine-tuned with a classification head) that intent and sentiment both use.
"""

from models.nlu.entities import EntityExtractor
from models.nlu.intent import IntentClassifier
from models.nlu.sentiment import SentimentClassifier
from models.nlu.types import (CatalogItem, Entities, IntentScore, LabeledText, NluResult, PriceRange,
                              ProductMatch, Quantity, Sentiment)

__all__ = ["CatalogItem", "Entities", "EntityExtractor", "IntentClassifier", "IntentScore",
           "LabeledText", "NluResult", "PriceRange", "ProductMatch", "Quantity", "Sentiment",
           "SentimentClassifier"]
