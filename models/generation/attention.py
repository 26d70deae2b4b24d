"""Attention over per-session caches for a packed step of several sessions.

The scheduler packs every running session's new tokens into one row, ``(1, N)``, so the
weight-bound matrix products read the weights once for all sessions. Attention is the only part
that must keep sessions apart: `SegmentedCache` stands in for a transformers `Cache` (same
`update` verb), writes each session's new keys and values into that session's own storage, and
hands the attention function one `SegmentedKV` per layer; `segmented_attention` then runs SDPA
per session against that session's cache.

This follows vLLM's flattened batch (one token axis, per-sequence metadata) on plain PyTorch ops.
Calls that do not carry a `SegmentedCache` (the reference loop, plain `model(...)`) fall through
to transformers' own SDPA attention, so the model stays usable as an ordinary model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

from models.generation.kv_cache import SessionKVCache

#: The name this attention is registered under with transformers.
ATTENTION_NAME = "shopdesk_segmented"
#: Segments with a cached past and at most this many new tokens (decode steps and speculative
#: drafts) attend one query at a time.
ROWWISE_MAX_QUERIES = 16


#: SDPA kernels the packed (eager) passes may use. Not cuDNN's: it builds (and JIT-compiles) a
#: plan for every new pair of query and key lengths, and every prompt chunk brings new ones; on
#: an H100 that showed as 0.6-1.5 s stalls before a turn's first token (other turns 66-181 ms
#: with it, 29-46 ms without; bench/generation.py). The CUDA-graph decode steps keep it: their shapes are
#: fixed per batch size, so the plan is built once at capture (4.8 ms/token there against 8).
SDPA_BACKENDS = (SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH)


def kernels():
    """Context for a packed forward pass: SDPA restricted to `SDPA_BACKENDS`."""
    return sdpa_kernel(list(SDPA_BACKENDS))


@dataclass(frozen=True, slots=True)
class SegmentedKV:
    """One layer's keys (or values) for every segment of a packed step.

    Attributes:
        states: Per segment, (1, n_kv_heads, start + n_new, head_dim): its cache so far.
        starts: Per segment, how many of those positions precede its new tokens.
        lengths: Per segment, how many new tokens (queries) it has in the packed row.
        exact: Attend one query at a time everywhere (see `segmented_attention`).
    """

    states: tuple[torch.Tensor, ...]
    starts: tuple[int, ...]
    lengths: tuple[int, ...]
    exact: bool = False


@dataclass(frozen=True, slots=True)
class SlotKV:
    """One layer's keys (or values) for a static-shape decode step over fixed slots.

    Attributes:
        states: (B, n_kv_heads, max_len, head_dim): each row's whole slot.
        positions: (B,) the position of each row's new token; later positions are masked.
    """

    states: torch.Tensor
    positions: torch.Tensor


class MaskFreeCache:
    """What transformers' mask builder asks of a cache, answered so that it builds no mask.

    Returning the query length as the key length makes it skip the mask (plain causal); the
    stand-in caches below mask per segment or per slot themselves.
    """

    def get_seq_length(self, layer_idx: int = 0) -> int:
        return 0

    def get_query_offset(self, layer_idx: int = 0) -> int:
        return 0

    def get_mask_sizes(self, query_length: int, layer_idx: int = 0) -> tuple[int, int]:
        return query_length, 0


class SegmentedCache(MaskFreeCache):
    """A transformers-`Cache` stand-in that routes packed new states to per-session caches.

    Args:
        caches: One cache per segment, in packing order.
        lengths: New tokens per segment; the packed row holds them back to back.
        exact: Attend one query at a time everywhere (see `segmented_attention`).
    """

    is_compileable = False

    def __init__(
        self, caches: Sequence[SessionKVCache], lengths: Sequence[int], exact: bool = False
    ) -> None:
        self.caches = tuple(caches)
        self.starts = tuple(cache.length for cache in caches)
        self.lengths = tuple(lengths)
        self.exact = exact

    def update(
        self, key_states: torch.Tensor, value_states: torch.Tensor, layer_idx: int, *args, **kwargs
    ) -> tuple[SegmentedKV, SegmentedKV]:
        """Store this layer's new states and return each segment's whole cache.

        Args:
            key_states: (1, n_kv_heads, N, head_dim), segments back to back.
            value_states: (1, n_kv_heads, N, head_dim).
            layer_idx: The layer.

        Returns:
            Keys and values, segmented.
        """
        keys, values, offset = [], [], 0
        for cache, start, length in zip(self.caches, self.starts, self.lengths):
            end = offset + length
            cache.write(layer_idx, start, key_states[:, :, offset:end], value_states[:, :, offset:end])
            k, v = cache.view(layer_idx, start + length)
            keys.append(k)
            values.append(v)
            offset = end
        return (
            SegmentedKV(tuple(keys), self.starts, self.lengths, self.exact),
            SegmentedKV(tuple(values), self.starts, self.lengths, self.exact),
        )



def segmented_attention(
    module: torch.nn.Module,
    query: torch.Tensor,
    key: SegmentedKV | torch.Tensor,
    value: SegmentedKV | torch.Tensor,
    attention_mask: torch.Tensor | None,
    dropout: float = 0.0,
    scaling: float | None = None,
    **kwargs,
) -> tuple[torch.Tensor, None]:
    """Causal attention of each segment's queries over that segment's cache.

    A query's output then depends only on its own position and the keys before it, never on
    how tokens were split into steps, when `key.exact` asks for one query at a time: SDPA's
    kernels round differently for different query and key lengths, and int8 activation
    rounding amplifies those last bits into different tokens. Exact mode makes a turn's reply
    the same with or without a cached prefix, in a batch or alone, with or without speculation,
    at some prefill cost (measured +15-20% on a 2-core CPU). Draft verification (few queries)
    always runs this way.

    Args:
        module: The attention module (gives `num_key_value_groups`).
        query: (1, n_heads, N, head_dim), segments back to back.
        key: Segmented keys from `SegmentedCache.update` (or a plain tensor: see module doc).
        value: Segmented values.
        attention_mask: Unused for segmented calls.
        dropout: Must be 0 (inference only).
        scaling: Softmax scale.

    Returns:
        (1, N, n_heads, head_dim) attention output, and no weights.
    """
    if isinstance(key, SlotKV):
        return _attend_slots(query, key, value, getattr(module, "num_key_value_groups", 1),
                             scaling), None
    if not isinstance(key, SegmentedKV):
        from transformers.integrations.sdpa_attention import sdpa_attention_forward

        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    groups = getattr(module, "num_key_value_groups", 1)
    outputs, offset = [], 0
    for k, v, start, length in zip(key.states, value.states, key.starts, key.lengths):
        q = query[:, :, offset : offset + length]  # (1, n_heads, T, head_dim)
        outputs.append(_attend(q, k, v, start, groups, scaling, key.exact))
        offset += length
    out = outputs[0] if len(outputs) == 1 else torch.cat(outputs, dim=2)  # (1, n_heads, N, hd)
    return out.transpose(1, 2).contiguous(), None


def _attend(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, start: int, groups: int,
    scale: float | None, exact: bool,
) -> torch.Tensor:
    """One segment: q (1, n_heads, T, hd) over k, v (1, n_kv_heads, start + T, hd)."""
    length = q.shape[2]
    if length == 1:
        return _attend_one(q, k, v, groups, scale)
    if exact or (start > 0 and length <= ROWWISE_MAX_QUERIES):
        # Each row computed exactly as a one-token decode step at its position would be.
        rows = [_attend_one(q[:, :, i : i + 1], k[:, :, : start + i + 1], v[:, :, : start + i + 1],
                            groups, scale) for i in range(length)]
        return torch.cat(rows, dim=2)
    if start == 0:
        return F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=scale, enable_gqa=True)
    # SDPA's is_causal aligns to the top-left corner; with a cached past the diagonal is shifted.
    rows = torch.arange(length, device=q.device).unsqueeze(1) + start  # (T, 1)
    mask = torch.arange(start + length, device=q.device).unsqueeze(0) <= rows  # (T, start + T)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=scale, enable_gqa=True)


def _attend_one(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, groups: int, scale: float | None
) -> torch.Tensor:
    """One query (1, n_heads, 1, hd) over every position of k, v (1, n_kv_heads, L, hd)."""
    # Folding the query heads of a KV group into the query axis lets SDPA run on the KV heads
    # without repeating them.
    n_heads, head_dim = q.shape[1], q.shape[3]
    folded = q.reshape(1, n_heads // groups, groups, head_dim)
    out = F.scaled_dot_product_attention(folded, k, v, scale=scale)
    return out.reshape(1, n_heads, 1, head_dim)


def _attend_slots(
    q: torch.Tensor, key: SlotKV, value: SlotKV, groups: int, scale: float | None
) -> torch.Tensor:
    """Decode attention with static shapes: q (B, n_heads, 1, hd) -> (B, 1, n_heads, hd)."""
    batch, n_heads, _, head_dim = q.shape
    max_len = key.states.shape[2]
    visible = torch.arange(max_len, device=q.device).unsqueeze(0) <= key.positions.unsqueeze(1)
    mask = visible[:, None, None, :]  # (B, 1, 1, max_len)
    # As in `_attend_one`: a KV group's query heads become its query rows, so the masked kernel
    # runs on the KV heads as they are stored (a GQA expansion would copy every slot 7 times).
    folded = q.reshape(batch, n_heads // groups, groups, head_dim)
    out = F.scaled_dot_product_attention(folded, key.states, value.states, attn_mask=mask,
                                         scale=scale)
    return out.reshape(batch, 1, n_heads, head_dim)


def register() -> None:
    """Register `segmented_attention` (and SDPA's mask builder) with transformers; idempotent."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

    AttentionInterface.register(ATTENTION_NAME, segmented_attention)
    AttentionMaskInterface.register(ATTENTION_NAME, sdpa_mask)
