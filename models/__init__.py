"""ShopDesk's models: the weights it runs on and the components that load them."""

from models.assets import ModelAssets, prepare_assets
from models.entities import EntityExtractor
from models.intent import IntentClassifier
from models.sentiment import SentimentClassifier
from models.types import (CatalogItem, Entities, IntentScore, LabeledText, NluResult, PriceRange,
                          ProductMatch, Quantity, Sentiment)

__all__ = ["ModelAssets", "prepare_assets"]
__all__ += ["CatalogItem", "Entities", "EntityExtractor", "IntentClassifier", "IntentScore",
            "LabeledText", "NluResult", "PriceRange", "ProductMatch", "Quantity", "Sentiment",
            "SentimentClassifier"]
from models.errors import GeneratorNotLoaded, InvalidMessage, PromptTooLong, SessionBusy
from models.generator import Generator
from models.types import (ChatMessage, Fact, GenerationResult, GenerationTimings, GeneratorOptions,
                          GeneratorStats, SamplingParams)

__all__ += ["ChatMessage", "Fact", "GenerationResult", "GenerationTimings", "Generator",
            "GeneratorNotLoaded", "GeneratorOptions", "GeneratorStats", "InvalidMessage",
            "PromptTooLong", "SamplingParams", "SessionBusy"]
