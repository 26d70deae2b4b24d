"""Choosing the next token, turning tokens into streamed text, and stopping.

Greedy by default (temperature 0): the same prompt always gives the same reply, which is what the
cache-equality tests compare. Temperature and top-p sampling are there for callers that want them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import torch

from models.generation.citations import Citations, open_label_length
from models.generation.types import SamplingParams

# Decoded text that ends in this is an incomplete UTF-8 character: wait for the next token.
_INCOMPLETE = "\ufffd"


def check_params(params: SamplingParams) -> None:
    """Reject sampling parameters that cannot work.

    Raises:
        ValueError: Naming the bad field.
    """
    if params.max_new_tokens < 1:
        raise ValueError(f"max_new_tokens must be >= 1, got {params.max_new_tokens}")
    if params.repetition_penalty <= 0:
        raise ValueError(f"repetition_penalty must be > 0, got {params.repetition_penalty}")
    if params.temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {params.temperature}")
    if not 0 < params.top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {params.top_p}")
    if any(not isinstance(s, str) or not s for s in params.stop):
        raise ValueError("stop strings must be non-empty strings")


def penalize_repetition(logits: torch.Tensor, seen: torch.Tensor, penalty: float) -> torch.Tensor:
    """CTRL-style repetition penalty, as transformers applies it.

    Args:
        logits: (vocab,) scores of the next token.
        seen: (S,) token ids already in the prompt or reply.
        penalty: > 1 discourages repeats.

    Returns:
        (vocab,) penalized scores (a new tensor).
    """
    if penalty == 1.0 or seen.numel() == 0:
        return logits
    scores = logits.gather(0, seen)
    scores = torch.where(scores < 0, scores * penalty, scores / penalty)
    return logits.scatter(0, seen, scores)


def choose(logits: torch.Tensor, params: SamplingParams, generator: torch.Generator | None) -> int:
    """Pick the next token from (vocab,) scores: argmax, or a top-p sample at a temperature."""
    if params.temperature == 0.0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits / params.temperature, dim=-1)
    if params.top_p < 1.0:
        sorted_probs, order = torch.sort(probs, descending=True)
        # Keep the smallest set whose mass reaches top_p (the first token always stays).
        outside = torch.cumsum(sorted_probs, dim=-1) - sorted_probs > params.top_p
        sorted_probs[outside] = 0.0
        probs = torch.zeros_like(probs).scatter(0, order, sorted_probs)
    return int(torch.multinomial(probs, 1, generator=generator))


class TextStream:
    """Turns generated tokens into text pieces, holding back what might still change.

    Decoding the whole reply each time (replies are short) sidesteps tokenizers whose pieces do
    not decode independently (byte-level BPE splits characters across tokens). Held back until
    settled: a possible start of a stop string, and an unfinished citation label ("[1").

    Args:
        tokenizer: Decodes token ids.
        stop: Stop strings; the reply ends before the first one (matched on the model's text).
        end_ids: Token ids that end the turn; never part of the text.
        citations: Turns the model's [n] labels into fact ids in what is emitted.
    """

    def __init__(
        self, tokenizer: Any, stop: Sequence[str], end_ids: Collection[int],
        citations: Citations | None = None,
    ) -> None:
        self._tokenizer = tokenizer
        self._stop = tuple(stop)
        self._end_ids = frozenset(end_ids)
        self._citations = citations or Citations()
        self._ids: list[int] = []
        self._raw = ""  # the model's own text so far
        self._sent = 0  # characters of the visible text already emitted
        self.stopped = False

    @property
    def text(self) -> str:
        """The reply so far as the customer sees it (citation labels turned into ids)."""
        return self._citations.to_ids(self._raw)

    def push(self, token_id: int) -> str:
        """Add one generated token; return the text that became final (maybe empty).

        After a stop string or an end-of-turn token, `stopped` is True and `text` is the reply.
        """
        if self.stopped:
            return ""
        if token_id in self._end_ids:
            self.stopped = True
            return self.finish()
        self._ids.append(token_id)
        raw = self._tokenizer.decode(self._ids, skip_special_tokens=True)
        cut = self._first_stop(raw)
        if cut is not None:
            self._raw, self.stopped = raw[:cut], True
            return self.finish()
        if raw.endswith(_INCOMPLETE):
            return ""
        self._raw = raw
        held = max(self._held_back(raw), open_label_length(raw))
        return self._emit(self._citations.to_ids(raw[: len(raw) - held]))

    def finish(self) -> str:
        """The generation ended: release what was held back."""
        self._raw = self._raw.rstrip(_INCOMPLETE)
        return self._emit(self.text)

    def _first_stop(self, raw: str) -> int | None:
        # A stop string can only have appeared near the part not yet settled.
        window = max(0, len(self._raw) - max((len(s) for s in self._stop), default=0) - 16)
        hits = [i for s in self._stop if (i := raw.find(s, window)) != -1]
        return min(hits) if hits else None

    def _held_back(self, raw: str) -> int:
        """Characters at the end of `raw` that could be the start of a stop string."""
        longest = 0
        for stop in self._stop:
            for size in range(min(len(stop) - 1, len(raw)), longest, -1):
                if raw.endswith(stop[:size]):
                    longest = size
                    break
        return longest

    def _emit(self, visible: str) -> str:
        if len(visible) <= self._sent:
            return ""
        piece = visible[self._sent :]
        self._sent = len(visible)
        return piece
