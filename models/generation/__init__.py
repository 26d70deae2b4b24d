"""The reply generator: a KV-cached causal LM engine with continuous batching and streaming.

`generator.Generator` is the face; `engine` -> `scheduler` -> `runner` do the work, with
`kv_cache` (per-session caches), `attention`, `cuda_graphs`, `quantize`, `sampling`,
`speculative`, and `prompts` (every prompt text). `openai_server.ServerGenerator` has the same
verbs over an OpenAI-compatible server (vLLM, SGLang, llama.cpp...). `reference` is the no-cache loop tests compare with.
"""

from models.generation.errors import (GenerationBusy, GeneratorNotLoaded, GeneratorUnavailable,
                                      MalformedChat, PromptTooLong)
from models.generation.generator import Generator
from models.generation.openai_server import ServerGenerator, ServerOptions
from models.generation.types import (ChatMessage, Fact, GenerationResult, GenerationTimings,
                                     GeneratorOptions, GeneratorStats, SamplingParams)

__all__ = ["ChatMessage", "Fact", "GenerationBusy", "GenerationResult", "GenerationTimings",
           "Generator", "GeneratorNotLoaded", "GeneratorOptions", "GeneratorStats",
           "GeneratorUnavailable", "MalformedChat", "PromptTooLong", "SamplingParams",
           "ServerGenerator", "ServerOptions"]
