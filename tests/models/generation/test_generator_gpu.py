"""The generator on CUDA: same greedy tokens as the reference; CUDA graphs change nothing.

Marked `gpu` (deselected by default) and skipped without a CUDA device.
"""

from __future__ import annotations

import time

import pytest
import torch

from models.generation.generator import Generator
from models.generation.reference import greedy_reference
from models.generation.types import ChatMessage, Fact, GeneratorOptions

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device"),
]

FACTS = (Fact("policy:shipping-and-delivery#2",
              "Standard shipping takes 3 to 5 business days and costs $5."),)
QUESTIONS = ["How long does shipping take?", "Do you ship abroad?", "What does shipping cost?"]


def cuda_generator(folder, **options) -> Generator:
    # fp32 on the GPU keeps cached and uncached greedy decoding comparable token for token.
    return Generator(folder, device="cuda", dtype="float32", quantize="none",
                     options=GeneratorOptions(context_tokens=2048, speculative_draft=0,
                                              **options)).load()


def test_cuda_cached_decoding_equals_the_reference(smollm2_dir, reference_model) -> None:
    g = cuda_generator(smollm2_dir)
    try:
        model = reference_model.to("cuda")
        for index, question in enumerate(QUESTIONS):
            messages = [ChatMessage("user", question)]
            got = g.generate(f"s{index}", messages, FACTS, max_new_tokens=16)
            prompt = g.encode_prompt(messages, FACTS, max_new_tokens=16)
            assert list(got.token_ids) == greedy_reference(model, prompt, 16, g.end_ids)
    finally:
        reference_model.to("cpu")
        g.close()


def test_cuda_graphs_keep_tokens_and_batch_sessions(smollm2_dir) -> None:
    plain = cuda_generator(smollm2_dir, cuda_graphs=False)
    graphs = cuda_generator(smollm2_dir, cuda_graphs=True)
    try:
        for index, question in enumerate(QUESTIONS):
            messages = [ChatMessage("user", question)]
            want = plain.generate(f"p{index}", messages, FACTS, max_new_tokens=32)
            got = graphs.generate(f"g{index}", messages, FACTS, max_new_tokens=32)
            assert got.token_ids == want.token_ids
        start = time.perf_counter()
        result = graphs.generate("timing", [ChatMessage("user", QUESTIONS[0])], FACTS,
                                 max_new_tokens=64)
        per_token = (time.perf_counter() - start - result.timings.ttft_s) / max(
            1, len(result.token_ids) - 1)
        print(f"SmolLM2 single-stream decode with CUDA graphs: {per_token * 1e3:.2f} ms/token")
    finally:
        plain.close()
        graphs.close()
