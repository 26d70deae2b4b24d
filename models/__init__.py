"""ShopDesk's models: the weights it runs on and the components that load them.

Two families that never import each other: `models.nlu` (intent, entities, sentiment) and
`models.generation` (the KV-cached reply generator). `models.assets` and `models.device` are
shared by both. This face re-exports each family's public names.
"""

from models.assets import ModelAssets, prepare_assets
from models.generation import (ChatMessage, Fact, GenerationBusy, GenerationResult, GenerationTimings,
                               Generator, GeneratorNotLoaded, GeneratorOptions, GeneratorStats,
                               GeneratorUnavailable, MalformedChat, PromptTooLong, SamplingParams,
                               ServerGenerator, ServerOptions)
from models.nlu import (CatalogItem, Entities, EntityExtractor, IntentClassifier, IntentScore,
                        LabeledText, NluResult, PriceRange, ProductMatch, Quantity, Sentiment,
                        SentimentClassifier)

__all__ = ["ModelAssets", "prepare_assets"]
__all__ += ["CatalogItem", "Entities", "EntityExtractor", "IntentClassifier", "IntentScore",
            "LabeledText", "NluResult", "PriceRange", "ProductMatch", "Quantity", "Sentiment",
            "SentimentClassifier"]
__all__ += ["ChatMessage", "Fact", "GenerationBusy", "GenerationResult", "GenerationTimings",
            "Generator", "GeneratorNotLoaded", "GeneratorOptions", "GeneratorStats",
            "GeneratorUnavailable", "MalformedChat", "PromptTooLong", "SamplingParams",
            "ServerGenerator", "ServerOptions"]
