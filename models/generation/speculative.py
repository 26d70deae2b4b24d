"""Prompt-lookup speculative decoding: drafts copied from the conversation, verified in one pass.

Grounded replies copy much of their facts. When the last few generated tokens also occur in the
prompt, the tokens that followed them there are a cheap guess for what comes next. The model
checks k guesses in one forward pass (k + 1 positions); every guess up to the first mismatch is
kept, plus the model's own token at the mismatch. Under greedy decoding the result is exactly the
tokens plain greedy decoding would produce, only fewer passes are needed when guesses are right.

On a CPU a pass over k + 1 tokens costs more than a pass over one (unlike on a GPU), so drafts are
only proposed after an n-gram match of at least `min_ngram` tokens, and the draft length adapts
to how many guesses the session has been getting right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpeculationConfig:
    """Prompt-lookup settings.

    Attributes:
        max_draft: Most draft tokens verified per pass (0 disables speculation).
        min_ngram: Shortest suffix that must recur in the context to propose a draft.
        max_ngram: Longest suffix looked up (longer matches are tried first).
    """

    max_draft: int = 0
    min_ngram: int = 2
    max_ngram: int = 4


class PromptLookup:
    """Finds drafts in a growing token sequence via an index of its n-grams.

    Each n-gram (for n in [min_ngram, max_ngram]) maps to the position just after its most recent
    occurrence, so a lookup costs O(max_ngram) whatever the context length.

    Args:
        config: Lookup settings.
        tokens: The context so far (prompt tokens).
    """

    def __init__(self, config: SpeculationConfig, tokens: Sequence[int]) -> None:
        self.config = config
        self.tokens: list[int] = []
        self._index: dict[tuple[int, ...], int] = {}
        self._draft_len = config.max_draft
        self.extend(tokens)

    def extend(self, tokens: Sequence[int]) -> None:
        """Append tokens to the context and index the n-grams they complete."""
        lo, hi = self.config.min_ngram, self.config.max_ngram
        for token in tokens:
            self.tokens.append(token)
            end = len(self.tokens)
            for n in range(lo, min(hi, end) + 1):
                # The entry for the newest n-gram is written when its follower arrives, so a
                # lookup never finds the suffix itself.
                if end - 1 - n >= 0:
                    self._index[tuple(self.tokens[end - 1 - n : end - 1])] = end - 1

    def propose(self, limit: int) -> list[int]:
        """Draft tokens to follow the context: up to min(limit, the adaptive draft length)."""
        k = min(limit, self._draft_len)
        if k <= 0:
            return []
        cfg = self.config
        for n in range(min(cfg.max_ngram, len(self.tokens)), cfg.min_ngram - 1, -1):
            follow = self._index.get(tuple(self.tokens[-n:]))
            if follow is not None:
                return self.tokens[follow : follow + k]
        return []

    def record(self, drafted: int, accepted: int) -> None:
        """Adapt the draft length: grow after a full accept, shrink after a poor one."""
        if drafted == 0:
            return
        if accepted == drafted:
            self._draft_len = min(self.config.max_draft, self._draft_len + 2)
        elif accepted < drafted // 2:
            self._draft_len = max(1, self._draft_len // 2)


def accept_greedy(draft: Sequence[int], predicted: Sequence[int]) -> int:
    """How many draft tokens the model confirms.

    Args:
        draft: The k proposed tokens.
        predicted: The model's choice at each of the k + 1 verified positions (position j
            predicts what follows draft[:j]).

    Returns:
        m in [0, k]: draft[:m] are confirmed; `predicted[m]` is the model's next token after them.
    """
    accepted = 0
    for guess, choice in zip(draft, predicted):
        if guess != choice:
            break
        accepted += 1
    return accepted
