import numpy as np
import pytest

import retrieval.dense as dense_module
from retrieval.dense import EF_SEARCH, DenseIndex

DIM = 384


def unit_vectors(n: int, seed: int = 0, dim: int = DIM) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)  # (n, dim)


def exact_top(vectors: np.ndarray, query: np.ndarray, k: int, allowed=None) -> list[int]:
    scores = vectors @ query
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    return list(np.argsort(-scores, kind="stable")[:k])


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return unit_vectors(2000, seed=1), unit_vectors(50, seed=2)


@pytest.fixture(scope="module")
def hnsw(data) -> DenseIndex:
    index = DenseIndex(DIM, ann_threshold=0)
    index.add(data[0])
    return index


def test_flat_search_is_exact(data):
    vectors, queries = data
    index = DenseIndex(DIM)
    index.add(vectors)
    assert not index.is_hnsw
    for query in queries[:10]:
        rows, scores = index.search(query, 10)
        assert list(rows) == exact_top(vectors, query, 10)
        assert np.allclose(scores, vectors[rows] @ query, atol=1e-5)


def test_hnsw_recall_at_10_against_exact(data, hnsw):
    # Random 384-d vectors are the hardest case for HNSW; real MiniLM embeddings do better.
    vectors, queries = data
    assert hnsw.is_hnsw and hnsw.ef_search == EF_SEARCH
    found = [len(set(hnsw.search(q, 10)[0]) & set(exact_top(vectors, q, 10))) for q in queries]
    assert np.mean(found) / 10 >= 0.95


def test_switches_to_hnsw_past_the_threshold():
    index = DenseIndex(DIM, ann_threshold=100)
    index.add(unit_vectors(100))
    assert not index.is_hnsw
    index.add(unit_vectors(1, seed=5))
    assert index.is_hnsw and index.size == 101


@pytest.mark.parametrize("ann_threshold", [20_000, 0], ids=["flat", "hnsw"])
def test_removed_rows_never_come_back(data, ann_threshold):
    vectors, _ = data
    index = DenseIndex(DIM, ann_threshold=ann_threshold)
    index.add(vectors[:500])
    assert index.remove([3, 4, 4]) == 2
    assert index.remove([3]) == 0
    rows, scores = index.search(vectors[3], 5)  # its own vector would score 1.0
    assert 3 not in rows and 4 not in rows and scores[0] < 0.99
    assert index.size == 498 and index.rows == 500


@pytest.mark.parametrize("ann_threshold", [20_000, 0], ids=["flat", "hnsw"])
def test_compact_renumbers_and_keeps_results(data, ann_threshold):
    vectors, queries = data
    index = DenseIndex(DIM, ann_threshold=ann_threshold)
    index.add(vectors[:300])
    index.remove(range(0, 300, 3))  # a third: past the 20% compaction line
    assert index.needs_compaction
    before = [index.search(q, 5)[0] for q in queries[:5]]
    keep = index.compact()
    assert index.rows == index.size == 200 and not index.needs_compaction
    assert list(keep) == [row for row in range(300) if row % 3]
    after = [keep[index.search(q, 5)[0]] for q in queries[:5]]  # back to old row numbers
    assert all(list(a) == list(b) for a, b in zip(before, after))


@pytest.mark.parametrize("exact_subset_limit", [5000, 0], ids=["exact-subset", "hnsw-selector"])
def test_filtered_search_returns_only_allowed_rows(data, hnsw, monkeypatch, exact_subset_limit):
    monkeypatch.setattr(dense_module, "EXACT_SUBSET_LIMIT", exact_subset_limit)
    vectors, queries = data
    allowed = np.zeros(len(vectors), dtype=bool)
    allowed[::4] = True
    hits = 0
    for query in queries[:20]:
        rows, _ = hnsw.search(query, 10, allowed)
        assert len(rows) == 10 and allowed[rows].all()
        hits += len(set(rows) & set(exact_top(vectors, query, 10, allowed)))
    assert hits / 200 >= 0.95


def test_k_larger_than_allowed_rows(hnsw, data):
    allowed = np.zeros(len(data[0]), dtype=bool)
    allowed[[7, 8]] = True
    rows, _ = hnsw.search(data[1][0], 10, allowed)
    assert sorted(rows) == [7, 8]
    assert hnsw.search(data[1][0], 10, np.zeros(len(data[0]), dtype=bool))[0].size == 0


def test_empty_index_returns_nothing():
    assert DenseIndex(DIM).search(unit_vectors(1)[0], 5)[0].size == 0


def test_with_ann_threshold_copies_without_touching_the_original(data):
    vectors, queries = data
    flat = DenseIndex(DIM)
    flat.add(vectors[:500])
    flat.remove([1])
    hnsw = flat.with_ann_threshold(0)
    assert hnsw.is_hnsw and not flat.is_hnsw and hnsw.size == 499
    hnsw.remove([2])
    assert flat.size == 499 and 1 not in hnsw.search(vectors[1], 3)[0]


@pytest.mark.parametrize("ann_threshold", [20_000, 0], ids=["flat", "hnsw"])
def test_save_load_round_trip(data, tmp_path, ann_threshold):
    vectors, queries = data
    index = DenseIndex(DIM, ann_threshold=ann_threshold)
    index.add(vectors[:400])
    index.remove([5])
    index.save(tmp_path)
    loaded = DenseIndex.load(tmp_path, ann_threshold=ann_threshold)
    assert loaded.is_hnsw == index.is_hnsw and loaded.size == 399
    for query in queries[:5]:
        a, b = index.search(query, 10), loaded.search(query, 10)
        assert list(a[0]) == list(b[0]) and np.allclose(a[1], b[1])


def test_bad_input_raises():
    index = DenseIndex(8)
    with pytest.raises(ValueError):
        index.add(np.zeros((2, 7), dtype=np.float32))
    index.add(unit_vectors(3, dim=8))
    with pytest.raises(IndexError):
        index.remove([3])
    with pytest.raises(ValueError):
        DenseIndex(8, ann_threshold=-1)
