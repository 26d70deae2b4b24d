"""The pool that keeps per-session KV caches under a byte budget.

`KVCachePool` finds a session's cache, crops it to the longest common prefix with the new
prompt, lends a shared prefix (the rules every session starts with) to sessions that have none,
and evicts the least recently used caches to stay under its budget. A cache that is
mid-generation is pinned and never evicted; a kept cache (the rules' prefix the engine fills at
load, `keep`) is evicted only when no other idle cache is left, so a session's first turn finds
the rules cached even after a restart or a wave of evictions.

Caches are an optimisation, never state: a missing cache makes the next turn run its whole prompt.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from models.generation.kv_cache import KVLayout, SessionKVCache, StorageProvider, round_up_to_block

logger = logging.getLogger(__name__)

# A shared prefix shorter than this is not worth a copy.
MIN_SHARED_PREFIX = 16


class CacheBudgetExceeded(RuntimeError):
    """A cache cannot be made to fit, even after evicting every idle session."""

@dataclass(frozen=True, slots=True)
class Acquired:
    """A pinned cache ready for a prompt.

    Attributes:
        cache: The session's cache, cropped to the reusable prefix, with room reserved.
        reused: Prompt tokens whose states are already cached.
        shared: True when the prefix was copied from another session's cache.
    """

    cache: SessionKVCache
    reused: int
    shared: bool


class KVCachePool:
    """Session caches under a byte budget, least recently used evicted first.

    Thread-safe: the scheduler thread acquires and pins; other threads release and read stats.

    Args:
        layout: The model's cache shape.
        budget_bytes: Most bytes all caches may hold together. 0 disables caching: every
            request gets a fresh cache, dropped when it finishes.
    """

    def __init__(
        self, layout: KVLayout, budget_bytes: int, provider: StorageProvider | None = None
    ) -> None:
        if budget_bytes < 0:
            raise ValueError(f"kv cache budget must be >= 0 bytes, got {budget_bytes}")
        self.layout = layout
        self.budget_bytes = budget_bytes
        self.provider = provider
        self._caches: OrderedDict[str, SessionKVCache] = OrderedDict()  # oldest use first
        self._pinned: set[str] = set()
        self._drop_on_unpin: set[str] = set()
        self._kept: set[str] = set()  # donors only: never a session's own turn
        self._lock = threading.Lock()
        self.hits = self.misses = self.reused_tokens = self.evictions = 0

    # --- the scheduler's verbs -----------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """False when the budget is 0: nothing is kept between requests."""
        return self.budget_bytes > 0

    def acquire(self, session_id: str, prompt: Sequence[int], reserve_tokens: int, *,
                counted: bool = True) -> Acquired:
        """Pin the session's cache, cropped to its longest common prefix with `prompt`.

        At least the last prompt token is always left to run: its logits give the first token.
        A session without a usable cache borrows the longest prefix another cache shares with
        its prompt (typically the rules every conversation starts with).

        Args:
            session_id: The session.
            prompt: The full prompt's token ids.
            reserve_tokens: Total tokens to make room for (prompt, reply and drafts).
            counted: False for an idle-time prefill, which the hit and miss counters leave out:
                they measure what replies found cached.

        Returns:
            The pinned cache and how much of the prompt it already holds.

        Raises:
            CacheBudgetExceeded: It does not fit beside the other pinned caches, even with every
                idle cache evicted; retry when one of them finishes.
            RuntimeError: The session is already pinned (one request per session at a time).
        """
        with self._lock:
            if session_id in self._pinned:
                raise RuntimeError(f"session {session_id!r} is already generating")
            cache = self._caches.pop(session_id, None)
            own = min(cache.common_prefix(prompt), len(prompt) - 1) if cache is not None else 0
            donor, borrowed = self._best_donor(prompt, own)
            capacity = max(reserve_tokens, cache.capacity if cache is not None else 0)
            try:
                needed = round_up_to_block(capacity) * self.layout.bytes_per_token
                self._make_room(needed, keep=donor)
            except CacheBudgetExceeded:
                if cache is not None:
                    self._caches[session_id] = cache
                    self._caches.move_to_end(session_id, last=False)
                raise
            if cache is None:
                cache = SessionKVCache(session_id, self.layout, reserve_tokens, self.provider)
            cache.crop(own)
            cache.reserve(reserve_tokens)
            reused = own
            if donor is not None:
                cache.copy_prefix_from(donor, borrowed)
                reused = borrowed
                self._evict_while_over_budget()  # the donor may have to go now
            self._caches[session_id] = cache
            self._pinned.add(session_id)
            if counted:
                self._count(reused)
            return Acquired(cache, reused, donor is not None)

    def unpin(self, session_id: str) -> None:
        """Mark the session's request finished: its cache becomes evictable, or is dropped."""
        with self._lock:
            self._pinned.discard(session_id)
            if not self.enabled or session_id in self._drop_on_unpin:
                self._drop_on_unpin.discard(session_id)
                self._drop(session_id)
                return
            self._evict_while_over_budget()

    def keep(self, session_id: str) -> bool:
        """Keep an idle cache as a donor of its prefix, evicted only after every other idle
        cache (the rules' prefix the engine fills at load).

        Returns:
            True when the cache is there to keep.
        """
        with self._lock:
            if session_id not in self._caches:
                return False
            self._kept.add(session_id)
            return True

    def release(self, session_id: str) -> bool:
        """Forget a session's cache (now, or when its running request finishes).

        Returns:
            True when the session had a cache.
        """
        with self._lock:
            if session_id in self._pinned:
                self._drop_on_unpin.add(session_id)
                return True
            return self._drop(session_id)

    def clear(self) -> None:
        """Drop every idle cache; pinned ones go when their requests finish."""
        with self._lock:
            for session_id in list(self._caches):
                if session_id in self._pinned:
                    self._drop_on_unpin.add(session_id)
                else:
                    self._drop(session_id)

    # --- reading -------------------------------------------------------------------------------

    def __contains__(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._caches

    def __len__(self) -> int:
        """Sessions holding a cache (a kept prefix is no session)."""
        with self._lock:
            return len(self._caches) - len(self._kept)

    @property
    def nbytes(self) -> int:
        """Bytes all caches hold now."""
        with self._lock:
            return self._bytes()

    @property
    def pinned(self) -> int:
        """Caches in use by a running request."""
        with self._lock:
            return len(self._pinned)

    def tokens_of(self, session_id: str) -> list[int]:
        """The cached token ids of a session (empty when it has no cache)."""
        with self._lock:
            cache = self._caches.get(session_id)
            return list(cache.tokens) if cache is not None else []

    # --- internals (lock held) -----------------------------------------------------------------

    def _bytes(self) -> int:
        return sum(cache.nbytes for cache in self._caches.values())

    def _best_donor(self, prompt: Sequence[int], own: int) -> tuple[SessionKVCache | None, int]:
        """The idle cache sharing the longest prefix with `prompt`, if it beats `own` enough."""
        if not self.enabled:
            return None, 0
        best, best_length = None, own + MIN_SHARED_PREFIX - 1
        head = list(prompt[:MIN_SHARED_PREFIX])
        for cache in self._caches.values():
            if cache.tokens[:MIN_SHARED_PREFIX] != head:  # cheap reject of unrelated caches
                continue
            length = min(cache.common_prefix(prompt), len(prompt) - 1)
            if length > best_length:
                best, best_length = cache, length
        return (best, best_length) if best is not None else (None, 0)

    def _make_room(self, needed: int, keep: SessionKVCache | None) -> None:
        """Evict idle caches, least recently used first, until `needed` more bytes fit."""
        if not self.enabled:
            return
        for session_id in self._eviction_order():
            if self._bytes() + needed <= self.budget_bytes:
                return
            if session_id not in self._pinned and self._caches[session_id] is not keep:
                self._evict(session_id)
        pinned_bytes = sum(self._caches[s].nbytes for s in self._pinned if s in self._caches)
        if self._pinned and pinned_bytes + needed > self.budget_bytes:
            raise CacheBudgetExceeded(
                f"{needed} bytes do not fit beside {pinned_bytes} bytes of running requests "
                f"in a budget of {self.budget_bytes}"
            )
        if needed > self.budget_bytes:
            logger.warning(
                "One request needs %d bytes of KV cache, over the budget of %d; running it "
                "anyway and dropping its cache afterwards", needed, self.budget_bytes
            )

    def _evict_while_over_budget(self) -> None:
        for session_id in self._eviction_order():
            if self._bytes() <= self.budget_bytes:
                return
            if session_id not in self._pinned:
                self._evict(session_id)

    def _eviction_order(self) -> list[str]:
        """Least recently used first, kept caches after all the others."""
        return sorted(self._caches, key=lambda session_id: session_id in self._kept)

    def _drop(self, session_id: str) -> bool:
        self._kept.discard(session_id)
        cache = self._caches.pop(session_id, None)
        if cache is not None:
            cache.free()
        return cache is not None

    def _evict(self, session_id: str) -> None:
        cache = self._caches[session_id]
        self._drop(session_id)
        self.evictions += 1
        logger.debug("Evicted the KV cache of session %s (%d tokens)", session_id, cache.length)

    def _count(self, reused: int) -> None:
        if reused:
            self.hits += 1
            self.reused_tokens += reused
        else:
            self.misses += 1
