"""The uncached reference: greedy decoding that re-runs the whole context for every token.

As in nanoGPT's `generate()`, nothing is remembered between steps, so there is nothing to get
wrong. It is far too slow to serve (quadratic in the reply length) and exists as the oracle the
cached, batched and speculative paths are tested against: under greedy decoding they must
produce the same tokens on the same model and dtype.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import torch


@torch.inference_mode()
def greedy_reference(
    model: Any, prompt_ids: Sequence[int], max_new_tokens: int, end_ids: Collection[int] = ()
) -> list[int]:
    """Greedy tokens after `prompt_ids`, recomputing the full context at each step.

    Args:
        model: A transformers causal LM (any attention implementation).
        prompt_ids: The prompt's token ids.
        max_new_tokens: Most tokens to generate.
        end_ids: Tokens that end the reply (included in the output, as the generator does).

    Returns:
        The generated token ids.
    """
    device = next(model.parameters()).device
    context = list(prompt_ids)
    generated: list[int] = []
    for _ in range(max_new_tokens):
        idx = torch.tensor([context], dtype=torch.long, device=device)  # (1, T)
        logits = model(input_ids=idx, use_cache=False).logits[0, -1]  # (vocab,)
        token = int(torch.argmax(logits.float()))
        generated.append(token)
        if token in end_ids:
            break
        context.append(token)
    return generated
