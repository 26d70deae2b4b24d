"""SessionKVCache and KVCachePool: prefixes, crops, growth, LRU eviction under a byte budget."""

from __future__ import annotations

import pytest
import torch

from models.generation.kv_cache import BLOCK_TOKENS, KVLayout, SessionKVCache
from models.generation.kv_cache_pool import CacheBudgetExceeded, KVCachePool

LAYOUT = KVLayout(n_layers=2, n_kv_heads=1, head_dim=4, dtype=torch.float32,
                  device=torch.device("cpu"))
BLOCK_BYTES = BLOCK_TOKENS * LAYOUT.bytes_per_token


def filled(cache: SessionKVCache, tokens: list[int]) -> SessionKVCache:
    """Append `tokens` with states that encode their position and layer (easy to check)."""
    start = cache.length
    cache.reserve(start + len(tokens))
    for layer in range(LAYOUT.n_layers):
        positions = torch.arange(start, start + len(tokens), dtype=torch.float32)
        keys = (positions + 1000 * layer).reshape(1, 1, -1, 1).expand(1, 1, -1, 4)
        cache.write(layer, start, keys, -keys)
    cache.tokens.extend(tokens)
    return cache


def test_layout_counts_bytes_per_token() -> None:
    assert LAYOUT.bytes_per_token == 2 * 2 * 1 * 4 * 4


def test_common_prefix_and_crop() -> None:
    cache = filled(SessionKVCache("s", LAYOUT, 8), [1, 2, 3, 4, 5])
    assert cache.common_prefix([1, 2, 3, 4, 5, 6]) == 5
    assert cache.common_prefix([1, 2, 9]) == 2
    assert cache.common_prefix([7]) == 0
    assert cache.common_prefix([]) == 0
    cache.crop(2)
    assert cache.tokens == [1, 2] and cache.length == 2
    with pytest.raises(ValueError):
        cache.crop(-1)


def test_views_have_transformers_shapes_and_growth_keeps_states() -> None:
    cache = filled(SessionKVCache("s", LAYOUT, 4), list(range(10)))
    assert cache.capacity >= 10 and cache.capacity % BLOCK_TOKENS == 0
    filled(cache, list(range(10, 200)))  # grows past the first block
    keys, values = cache.view(1, 200)
    assert keys.shape == (1, LAYOUT.n_kv_heads, 200, LAYOUT.head_dim)
    assert torch.equal(keys[0, 0, :, 0], torch.arange(200, dtype=torch.float32) + 1000)
    assert torch.equal(values, -keys)


def test_pool_reuses_the_common_prefix_and_leaves_one_token_to_run() -> None:
    pool = KVCachePool(LAYOUT, 100 * BLOCK_BYTES)
    first = pool.acquire("s", [1, 2, 3], reserve_tokens=10)
    assert first.reused == 0 and first.cache.length == 0
    filled(first.cache, [1, 2, 3, 4])  # the prompt and one generated token
    pool.unpin("s")
    second = pool.acquire("s", [1, 2, 3, 4, 5, 6], reserve_tokens=20)
    assert second.reused == 4 and second.cache.length == 4
    pool.unpin("s")
    again = pool.acquire("s", [1, 2, 3, 4], reserve_tokens=20)
    assert again.reused == 3  # the last prompt token runs again: its logits are needed
    pool.unpin("s")
    edited = pool.acquire("s", [1, 9, 9], reserve_tokens=20)
    assert edited.reused == 1 and edited.cache.tokens == [1]
    assert pool.hits == 3 and pool.misses == 1 and pool.reused_tokens == 8


def test_a_new_session_borrows_the_shared_prefix() -> None:
    pool = KVCachePool(LAYOUT, 100 * BLOCK_BYTES)
    rules = list(range(100, 140))
    donor = pool.acquire("a", rules + [1, 2], reserve_tokens=50).cache
    filled(donor, rules + [1, 2])
    pool.unpin("a")
    newcomer = pool.acquire("b", rules + [7, 8], reserve_tokens=50)
    assert newcomer.shared and newcomer.reused == len(rules)
    keys, _ = newcomer.cache.view(0, len(rules))
    assert torch.equal(keys, donor.view(0, len(rules))[0])
    assert newcomer.cache.kv.data_ptr() != donor.kv.data_ptr()  # a copy, not an alias


def test_a_kept_prefix_lends_itself_and_is_evicted_after_every_other_idle_cache() -> None:
    pool = KVCachePool(LAYOUT, 3 * BLOCK_BYTES)
    rules = list(range(100, 120))
    filled(pool.acquire("rules", rules, reserve_tokens=len(rules)).cache, rules)
    pool.unpin("rules")
    assert pool.keep("rules") and not pool.keep("never") and len(pool) == 0
    first = pool.acquire("a", rules + [1, 2], reserve_tokens=len(rules) + 2)
    assert first.shared and first.reused == len(rules)
    filled(first.cache, [1, 2])
    pool.unpin("a")
    filled(pool.acquire("b", [7], reserve_tokens=1).cache, [7])
    pool.unpin("b")
    # The rules are the least recently used, yet the idle sessions go first.
    pool.acquire("c", [8], reserve_tokens=1)
    assert "rules" in pool and "a" not in pool and len(pool) == 2
    pool.acquire("d", [9], reserve_tokens=BLOCK_TOKENS + 1)  # needs the kept block too
    assert "rules" not in pool and pool.nbytes <= pool.budget_bytes


def test_lru_eviction_keeps_the_budget_and_spares_pinned_caches() -> None:
    pool = KVCachePool(LAYOUT, 3 * BLOCK_BYTES)
    for session in ("a", "b", "c"):
        filled(pool.acquire(session, [ord(session)], reserve_tokens=1).cache, [ord(session)])
        pool.unpin(session)
    pool.acquire("a", [ord("a"), 5], reserve_tokens=1)  # touch a: b is now least recent
    pool.unpin("a")
    pool.acquire("d", [9], reserve_tokens=1)  # needs one block: evicts b
    assert "b" not in pool and {"a", "c", "d"} <= {s for s in "abcd" if s in pool}
    assert pool.evictions == 1 and pool.nbytes <= pool.budget_bytes
    # d is pinned (generating): a bigger request must not evict it.
    pool.acquire("e", [3], reserve_tokens=2 * BLOCK_TOKENS)
    assert "d" in pool and pool.nbytes <= pool.budget_bytes


def test_pinned_caches_that_fill_the_budget_make_newcomers_wait() -> None:
    pool = KVCachePool(LAYOUT, 2 * BLOCK_BYTES)
    pool.acquire("a", [1], reserve_tokens=1)
    pool.acquire("b", [2], reserve_tokens=1)
    with pytest.raises(CacheBudgetExceeded):
        pool.acquire("c", [3], reserve_tokens=1)
    pool.unpin("a")
    assert pool.acquire("c", [3], reserve_tokens=1).reused == 0


def test_release_now_or_when_the_request_finishes() -> None:
    pool = KVCachePool(LAYOUT, 10 * BLOCK_BYTES)
    pool.acquire("s", [1, 2], reserve_tokens=4)
    assert pool.release("s") is True
    assert "s" in pool  # still generating
    pool.unpin("s")
    assert "s" not in pool and pool.nbytes == 0
    assert pool.release("s") is False and pool.release("never") is False


def test_a_zero_budget_keeps_nothing() -> None:
    pool = KVCachePool(LAYOUT, 0)
    filled(pool.acquire("s", [1, 2], reserve_tokens=4).cache, [1, 2])
    pool.unpin("s")
    assert len(pool) == 0
    assert pool.acquire("s", [1, 2, 3], reserve_tokens=4).reused == 0


def test_one_session_at_a_time() -> None:
    pool = KVCachePool(LAYOUT, 10 * BLOCK_BYTES)
    pool.acquire("s", [1], reserve_tokens=1)
    with pytest.raises(RuntimeError, match="already generating"):
        pool.acquire("s", [1], reserve_tokens=1)
