"""Static-shape decoding for CUDA: KV caches in fixed slots, decode steps replayed as CUDA graphs.

A 0.5B model's decode step on a GPU is a few hundred tiny kernels; launching them from Python
costs more than running them. With every session's cache living in a slot of one preallocated
arena, a decode step for B sessions has static shapes (B rows, each attending over its whole slot
with positions past its length masked), so it can be captured once per batch size and replayed
with a single launch, as in vLLM and gpt-fast. Prefill chunks and speculative verification still
run the eager segmented path, writing into the same slot storage, so there is one copy of every
cache.

On a CPU the same static path runs eagerly (no capture): that is how its bookkeeping is tested
without a GPU. The capture itself has not been run on a GPU in this repository's CI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import torch

from models.generation.attention import MaskFreeCache, SlotKV
from models.generation.kv_cache import KVLayout, SessionKVCache

logger = logging.getLogger(__name__)

#: Batch sizes a decode graph is captured for; a step uses the smallest that fits.
BUCKETS = (1, 2, 4, 8, 16, 32, 64)


class SlotArena:
    """Fixed KV storage, lent to session caches one slot at a time.

    Storage: (n_layers, 2, n_slots + 1, n_kv_heads, max_len, head_dim). Slot 0 is scratch: the
    padding rows of a graph step write there.

    Args:
        layout: The model's cache shape.
        n_slots: Slots to lend.
        max_len: Tokens per slot (context budget plus reply room).
    """

    def __init__(self, layout: KVLayout, n_slots: int, max_len: int) -> None:
        if n_slots < 1 or max_len < 1:
            raise ValueError("a slot arena needs at least one slot of one token")
        self.layout, self.n_slots, self.max_len = layout, n_slots, max_len
        shape = (layout.n_layers, 2, n_slots + 1, layout.n_kv_heads, max_len, layout.head_dim)
        self.buffer = torch.zeros(shape, dtype=layout.dtype, device=layout.device)
        self._free = list(range(n_slots, 0, -1))
        self._lock = threading.Lock()

    @classmethod
    def for_budget(cls, layout: KVLayout, budget_bytes: int, max_len: int, min_slots: int) -> SlotArena:
        """As many slots of `max_len` tokens as `budget_bytes` pays for (at least `min_slots`)."""
        slot_bytes = layout.bytes_per_token * max_len
        return cls(layout, max(min_slots, budget_bytes // slot_bytes), max_len)

    @property
    def nbytes(self) -> int:
        """Bytes of the lendable slots (the scratch slot not counted)."""
        return self.n_slots * self.max_len * self.layout.bytes_per_token

    def lend(self, tokens: int) -> tuple[torch.Tensor, int] | None:
        """A free slot's storage (n_layers, 2, n_kv_heads, max_len, head_dim), or None."""
        with self._lock:
            if tokens > self.max_len or not self._free:
                return None
            slot = self._free.pop()
        return self.buffer[:, :, slot], slot

    def give_back(self, slot: int) -> None:
        with self._lock:
            self._free.append(slot)


class SlotCache(MaskFreeCache):
    """A transformers-`Cache` stand-in for one static decode step over arena slots.

    Args:
        arena: The storage.
        slots: (B,) slot of each row.
        positions: (B,) position of each row's new token.
    """

    is_compileable = False  # keeps transformers' mask builder out of the way; we mask ourselves

    def __init__(self, arena: SlotArena, slots: torch.Tensor, positions: torch.Tensor) -> None:
        self.arena, self.slots, self.positions = arena, slots, positions

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, layer_idx: int,
               *args: Any, **kwargs: Any) -> tuple[SlotKV, SlotKV]:
        """Write (B, n_kv_heads, 1, head_dim) states at each row's position; return whole slots."""
        keys = self.arena.buffer[layer_idx, 0]  # (S, n_kv_heads, max_len, head_dim)
        values = self.arena.buffer[layer_idx, 1]
        keys[self.slots, :, self.positions] = key_states[:, :, 0]
        values[self.slots, :, self.positions] = value_states[:, :, 0]
        return (SlotKV(keys.index_select(0, self.slots), self.positions),
                SlotKV(values.index_select(0, self.slots), self.positions))



class StaticDecoder:
    """Runs decode steps of slot-backed caches with static shapes, as CUDA graphs on a GPU.

    Args:
        model: The transformers causal LM.
        arena: Where the caches live.
        capture: Capture CUDA graphs (GPU); False runs the same static step eagerly.
    """

    def __init__(self, model: Any, arena: SlotArena, capture: bool) -> None:
        self.model, self.arena, self.capture = model, arena, capture
        self.buckets = tuple(b for b in BUCKETS if b <= arena.n_slots) or (arena.n_slots,)
        self._graphs: dict[int, tuple[torch.cuda.CUDAGraph, torch.Tensor, torch.Tensor]] = {}

    @torch.inference_mode()
    def capture_all(self, max_batch: int) -> None:
        """Capture the graphs of every batch size up to `max_batch` now, not at first use.

        A capture takes about a second; done lazily, it lands on whichever shopper first makes
        the batch that big (measured: an 8-session burst took 1.7 s instead of 0.6 s).
        """
        if not self.capture:
            return
        largest = next((b for b in self.buckets if b >= max_batch), self.buckets[-1])
        for bucket in self.buckets:
            if bucket <= largest:
                self._graph(bucket)

    def accepts(self, caches: Sequence[SessionKVCache]) -> bool:
        """True when every cache lives in a slot and the batch fits a bucket."""
        return len(caches) <= self.buckets[-1] and all(c.slot is not None for c in caches)

    @torch.inference_mode()
    def step(self, caches: Sequence[SessionKVCache], tokens: Sequence[int]) -> list[torch.Tensor]:
        """Feed one token per cache; returns per cache (1, vocab) float32 logits.

        With CUDA graphs the logits are views of the graph's output: they hold until the next
        step, which is all the scheduler needs (it samples before it plans the next step).
        """
        count = len(caches)
        bucket = next(b for b in self.buckets if b >= count)
        pad = bucket - count  # padding rows: token 0 at position 0 of the scratch slot
        rows = torch.tensor([[*tokens, *[0] * pad],
                             [*(c.length for c in caches), *[0] * pad],
                             [*(c.slot for c in caches), *[0] * pad]], dtype=torch.long)
        if self.capture:
            graph, inputs, g_logits = self._graph(bucket)
            inputs.copy_(rows)  # one small host-to-device copy for ids, positions and slots
            graph.replay()
            logits = g_logits[:count]
        else:
            logits = self._forward(rows.to(self.arena.buffer.device))[:count]
        for cache, token in zip(caches, tokens):
            cache.tokens.append(token)
        return list(logits.unsqueeze(1).unbind(0))

    def _forward(self, rows: torch.Tensor) -> torch.Tensor:
        """(3, B) ids, positions, slots -> (B, vocab) float32 logits; shapes depend on B only."""
        ids, positions, slots = rows[0].view(-1, 1), rows[1], rows[2]
        cache = SlotCache(self.arena, slots, positions)
        out = self.model(input_ids=ids, position_ids=positions.view(-1, 1), past_key_values=cache,
                         use_cache=False, logits_to_keep=1)
        return out.logits[:, -1].float()

    def _graph(self, bucket: int) -> tuple[torch.cuda.CUDAGraph, torch.Tensor, torch.Tensor]:
        if bucket in self._graphs:
            return self._graphs[bucket]
        device = self.arena.buffer.device
        inputs = torch.zeros((3, bucket), dtype=torch.long, device=device)  # all scratch slot 0
        side = torch.cuda.Stream(device)
        side.wait_stream(torch.cuda.current_stream(device))
        with torch.cuda.stream(side):
            for _ in range(2):  # warm-up: lazy inits and allocator state settle before capture
                self._forward(inputs)
        torch.cuda.current_stream(device).wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            logits = self._forward(inputs)
        logger.info("Captured a CUDA graph for decode steps of %d sessions", bucket)
        self._graphs[bucket] = (graph, inputs, logits)
        return self._graphs[bucket]
