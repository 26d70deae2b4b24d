"""Shared fixtures for the generator tests: a tiny real model, converted once and kept.

SmolLM2-135M-Instruct ships as a GGUF; converting it takes 25-50 s, so the fp32 folder is kept in
pytest's cache directory and reused by later runs (the conversion stamp makes the check instant).
fp32 keeps cached and uncached greedy decoding comparable token for token.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.assets import locate_test_generator_gguf
from models.generation.generator import Generator
from models.generation.types import GeneratorOptions
from models.gguf_conversion import convert_gguf_to_safetensors

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

#: Small enough to keep every generator test quick on two CPU cores.
TEST_OPTIONS = GeneratorOptions(context_tokens=2048, max_batch=8, prefill_chunk=256,
                                speculative_draft=0)


@pytest.fixture(scope="session")
def smollm2_dir(request: pytest.FixtureRequest) -> Path:
    """SmolLM2-135M-Instruct as an fp32 safetensors folder."""
    folder = Path(request.config.cache.mkdir("shopdesk-smollm2-fp32")) / "model"
    return convert_gguf_to_safetensors(locate_test_generator_gguf(), folder, dtype="float32")


def make_generator(folder: Path, **kwargs) -> Generator:
    """A loaded fp32 CPU generator over `folder`; kwargs override the test defaults."""
    kwargs.setdefault("options", TEST_OPTIONS)
    kwargs.setdefault("kv_cache_bytes", 256 << 20)
    kwargs.setdefault("quantize", "none")
    return Generator(folder, device="cpu", dtype="float32", **kwargs).load()


@pytest.fixture(scope="session")
def generator_factory(smollm2_dir: Path):
    """Builds extra loaded generators over SmolLM2 (close them yourself): f(**kwargs)."""
    return lambda **kwargs: make_generator(smollm2_dir, **kwargs)


@pytest.fixture(scope="session")
def generator(smollm2_dir: Path) -> Iterator[Generator]:
    """A shared cached generator; tests use their own session ids."""
    g = make_generator(smollm2_dir)
    yield g
    g.close()


@pytest.fixture(scope="session")
def uncached_generator(smollm2_dir: Path) -> Iterator[Generator]:
    """The same model with caching off: every turn re-runs its whole prompt."""
    g = make_generator(smollm2_dir, kv_cache_bytes=0)
    yield g
    g.close()


@pytest.fixture(scope="session")
def reference_model(smollm2_dir: Path):
    """An independently loaded copy of the model with transformers' stock attention."""
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(smollm2_dir), dtype="float32")
    return model.eval()
