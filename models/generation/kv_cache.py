"""Per-session KV caches: one session's keys and values for every layer, and their tokens.

`SessionKVCache` holds one session's keys and values for every layer and the token ids they
encode, in the shape conventions of transformers' cache_utils. `KVCachePool`
(models/generation/kv_cache_pool.py) keeps them between turns under a byte budget.

Caches are an optimisation, never state: a missing cache makes the next turn run its whole prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import torch

# Capacity grows in whole blocks so that appending a few tokens rarely reallocates.
BLOCK_TOKENS = 64


@dataclass(frozen=True, slots=True)
class KVLayout:
    """The shape of a model's KV cache.

    Attributes:
        n_layers: Decoder layers.
        n_kv_heads: Key/value heads per layer (fewer than query heads under GQA).
        head_dim: Size of one head.
        dtype: Element type of the cached keys and values.
        device: Where they live.
    """

    n_layers: int
    n_kv_heads: int
    head_dim: int
    dtype: torch.dtype
    device: torch.device

    @property
    def bytes_per_token(self) -> int:
        """Bytes one token's keys and values take across all layers."""
        itemsize = torch.empty((), dtype=self.dtype).element_size()
        return self.n_layers * 2 * self.n_kv_heads * self.head_dim * itemsize


class StorageProvider(Protocol):
    """Lends fixed storage to caches (the static slots of CUDA-graph decoding)."""

    def lend(self, tokens: int) -> tuple[torch.Tensor, int] | None:
        """Storage (n_layers, 2, n_kv_heads, capacity, head_dim) for `tokens`, and its slot."""

    def give_back(self, slot: int) -> None:
        """The cache using `slot` is gone."""


class SessionKVCache:
    """One session's keys and values, and the tokens they encode.

    Storage is one tensor `kv` of shape (n_layers, 2, n_kv_heads, capacity, head_dim):
    ``kv[l, 0]`` are layer l's keys and ``kv[l, 1]`` its values. Positions ``[0, length)`` hold
    the states of ``tokens[:length]``; positions past `length` are scratch.

    Args:
        session_id: Whose cache this is.
        layout: The model's cache shape.
        capacity: Tokens to allocate room for (rounded up to a whole block).
        provider: Lends fixed storage when it can (its `slot` is then set).
    """

    def __init__(
        self, session_id: str, layout: KVLayout, capacity: int,
        provider: StorageProvider | None = None,
    ) -> None:
        self.session_id = session_id
        self.layout = layout
        self.tokens: list[int] = []
        self.slot: int | None = None
        self._provider = provider
        lent = provider.lend(capacity) if provider is not None else None
        if lent is not None:
            self.kv, self.slot = lent
        else:
            self.kv = self._allocate(capacity)

    def _allocate(self, capacity: int) -> torch.Tensor:
        capacity = round_up_to_block(capacity)
        lay = self.layout
        shape = (lay.n_layers, 2, lay.n_kv_heads, capacity, lay.head_dim)
        return torch.empty(shape, dtype=lay.dtype, device=lay.device)

    @property
    def length(self) -> int:
        """Tokens whose states are cached."""
        return len(self.tokens)

    @property
    def capacity(self) -> int:
        """Tokens the storage has room for."""
        return self.kv.shape[3]

    @property
    def nbytes(self) -> int:
        """Bytes of storage held (capacity, not length: that is what the budget must cover)."""
        return self.kv.numel() * self.kv.element_size()

    def common_prefix(self, token_ids: Sequence[int]) -> int:
        """Length of the longest common prefix of the cached tokens and `token_ids`."""
        n = min(len(self.tokens), len(token_ids))
        if self.tokens[:n] == list(token_ids[:n]):  # the usual case: one C-level comparison
            return n
        lo, hi = 0, n  # invariant: prefix of length lo matches, length hi does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.tokens[:mid] == list(token_ids[:mid]):
                lo = mid
            else:
                hi = mid
        return lo

    def crop(self, length: int) -> None:
        """Keep the first `length` tokens' states (like `DynamicCache.crop`, by target length)."""
        if length < 0:
            raise ValueError(f"cannot crop to a negative length ({length})")
        del self.tokens[length:]

    def reserve(self, tokens: int) -> None:
        """Make room for `tokens` tokens in total, copying into larger storage if needed."""
        if tokens <= self.capacity:
            return
        grown = self._allocate(max(tokens, self.capacity * 5 // 4))
        grown[:, :, :, : self.length].copy_(self.kv[:, :, :, : self.length])
        self.free()  # a lent slot is too small now: the cache moves to its own storage
        self.kv = grown

    def free(self) -> None:
        """Return lent storage (call when the cache is dropped); own storage goes with GC."""
        if self.slot is not None and self._provider is not None:
            self._provider.give_back(self.slot)
        self.slot = None

    def copy_prefix_from(self, other: SessionKVCache, length: int) -> None:
        """Take `other`'s first `length` tokens and their states as this cache's content."""
        self.reserve(length)
        self.kv[:, :, :, :length].copy_(other.kv[:, :, :, :length])
        self.tokens = other.tokens[:length]

    def write(self, layer: int, start: int, keys: torch.Tensor, values: torch.Tensor) -> None:
        """Store new states at positions ``[start, start + T)`` of one layer.

        Args:
            layer: Layer index.
            start: First position to write (normally `length`).
            keys: (1, n_kv_heads, T, head_dim).
            values: (1, n_kv_heads, T, head_dim).
        """
        end = start + keys.shape[-2]
        self.kv[layer, 0, :, start:end].copy_(keys[0])
        self.kv[layer, 1, :, start:end].copy_(values[0])

    def view(self, layer: int, end: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values of positions ``[0, end)`` of one layer, without copying.

        Returns:
            Two views of shape (1, n_kv_heads, end, head_dim).
        """
        return self.kv[layer, 0, :, :end].unsqueeze(0), self.kv[layer, 1, :, :end].unsqueeze(0)


def round_up_to_block(tokens: int) -> int:
    """`tokens` (at least 1) rounded up to a whole number of BLOCK_TOKENS."""
    return -(-max(tokens, 1) // BLOCK_TOKENS) * BLOCK_TOKENS
