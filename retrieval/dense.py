"""Dense vector index: FAISS inner product over unit vectors (cosine), exact or HNSW.

Rows are our int row numbers: FAISS ids are insertion positions, so row ``i`` is the ``i``-th
vector ever added (until ``compact`` renumbers). HNSW cannot delete, so ``remove`` keeps
tombstones that every search excludes with an ``IDSelectorBitmap``; ``compact`` drops them by
rebuilding from the stored vectors (no re-embedding).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

INDEX_FILE = "dense.faiss"
VECTORS_FILE = "vectors.npy"
ALIVE_FILE = "dense_alive.npy"

HNSW_M = 32  # graph degree: recall/memory trade-off; 32 suits 384-d text embeddings
EF_CONSTRUCTION = 80
# recall@10 against exact search, 300 queries: 100k MiniLM-like vectors (28.6k real sentence
# embeddings + perturbed copies) 0.983 at ef 64, 0.987 at 96; the 28.6k real ones alone 0.991 /
# 0.996. 96 leaves margin for ~0.2 ms a query. Random Gaussian 384-d vectors are the worst case
# (0.98 at 2k rows, 0.28 at 100k): nothing like text embeddings, so not what we tune for.
EF_SEARCH = 96
# A filter that leaves at most this many rows is searched exactly: a flat scan that computes
# only selected rows costs ~0.8 ms for 4k of 100k rows, and HNSW recall drops under tight
# filters because the graph walk cannot return the filtered-out nodes it passes through.
EXACT_SUBSET_LIMIT = 5000
_EF_MAX = 1024  # cap of the widened beam of filtered HNSW searches
COMPACT_FRACTION = 0.2


class DenseIndex:
    """Cosine-similarity search over unit vectors with tombstone deletes.

    Exact (``IndexFlatIP``) while the index holds at most ``ann_threshold`` rows, HNSW
    (``IndexHNSWFlat``, inner product) above it.
    """

    def __init__(self, dim: int, *, ann_threshold: int = 20_000, hnsw_m: int = HNSW_M,
                 ef_construction: int = EF_CONSTRUCTION, ef_search: int = EF_SEARCH) -> None:
        """Create an empty index.

        Args:
            dim: vector width.
            ann_threshold: largest row count searched exactly; above it, HNSW. 0 forces HNSW.
            hnsw_m / ef_construction / ef_search: HNSW graph degree, build beam and search beam.

        Raises:
            ValueError: a non-positive dim/hnsw_m/ef or a negative ann_threshold.
        """
        if dim < 1 or hnsw_m < 2 or ef_construction < 1 or ef_search < 1 or ann_threshold < 0:
            raise ValueError("invalid DenseIndex settings: "
                             f"dim={dim} hnsw_m={hnsw_m} ef_construction={ef_construction} "
                             f"ef_search={ef_search} ann_threshold={ann_threshold}")
        self.dim = dim
        self.ann_threshold = ann_threshold
        self.hnsw_m = hnsw_m
        self.ef_construction = ef_construction
        self.ef_search = ef_search
        self._vectors = np.empty((0, dim), dtype=np.float32)  # (rows, dim), tombstones included
        self._alive = np.empty(0, dtype=bool)  # (rows,)
        self._index = self._new_index(0)

    @property
    def rows(self) -> int:
        """Row numbers in use, tombstones included."""
        return len(self._alive)

    @property
    def size(self) -> int:
        """Live (searchable) rows."""
        return int(self._alive.sum())

    @property
    def is_hnsw(self) -> bool:
        import faiss

        return isinstance(self._index, faiss.IndexHNSWFlat)

    @property
    def vectors(self) -> np.ndarray:
        """Read-only view of every stored vector (rows, dim), tombstoned rows included."""
        view = self._vectors.view()
        view.flags.writeable = False
        return view

    @property
    def alive(self) -> np.ndarray:
        """Read-only (rows,) bool mask of live rows."""
        view = self._alive.view()
        view.flags.writeable = False
        return view

    @property
    def needs_compaction(self) -> bool:
        """True when tombstones exceed ``COMPACT_FRACTION`` of the rows."""
        return self.rows > 0 and (self.rows - self.size) > COMPACT_FRACTION * self.rows

    def add(self, vectors: np.ndarray) -> np.ndarray:
        """Append vectors; switches to HNSW when the row count passes ``ann_threshold``.

        Args:
            vectors: float32-convertible (N, dim), unit norm.

        Returns:
            The new rows (int64, N).

        Raises:
            ValueError: wrong shape.
        """
        vectors = self._check_vectors(vectors)
        first = self.rows
        self._vectors = np.concatenate([self._vectors, vectors])
        self._alive = np.concatenate([self._alive, np.ones(len(vectors), dtype=bool)])
        if self._wants_hnsw(self.rows) != self.is_hnsw:
            self._rebuild()
        elif len(vectors):
            self._index.add(vectors)
        return np.arange(first, self.rows, dtype=np.int64)

    def remove(self, rows) -> int:
        """Tombstone rows; they are never returned again.

        Args:
            rows: row numbers; already-removed rows are ignored.

        Returns:
            How many rows were live and are now removed.

        Raises:
            IndexError: a row outside ``[0, rows)``.
        """
        rows = np.unique(np.asarray(list(rows) if not isinstance(rows, np.ndarray) else rows,
                                    dtype=np.int64).reshape(-1))
        if rows.size and (rows.min() < 0 or rows.max() >= self.rows):
            raise IndexError(f"rows out of range [0, {self.rows})")
        removed = int(self._alive[rows].sum()) if rows.size else 0
        self._alive[rows] = False
        return removed

    def compact(self) -> np.ndarray:
        """Drop tombstones by rebuilding from the stored vectors; live rows are renumbered.

        Returns:
            ``keep``: int64 (new rows,), the old row number of each new row (ascending), so the
            caller can renumber its own per-row data with ``data[keep]``.
        """
        keep = np.flatnonzero(self._alive).astype(np.int64)
        self._vectors = np.ascontiguousarray(self._vectors[keep])
        self._alive = np.ones(len(keep), dtype=bool)
        self._rebuild()
        return keep

    def with_ann_threshold(self, ann_threshold: int) -> "DenseIndex":
        """A copy over the same rows and vectors whose index kind follows ``ann_threshold``.

        Rebuilds the FAISS index from the stored vectors (no re-embedding); tombstones carry over.
        """
        other = DenseIndex(self.dim, ann_threshold=ann_threshold, hnsw_m=self.hnsw_m,
                           ef_construction=self.ef_construction, ef_search=self.ef_search)
        other._vectors = self._vectors  # never written in place: add/compact build new arrays
        other._alive = self._alive.copy()
        other._rebuild()
        return other

    def search(self, query: np.ndarray, k: int,
               allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k rows by cosine similarity among live (and allowed) rows.

        Args:
            query: (dim,) unit vector.
            k: how many rows at most.
            allowed: optional (rows,) bool mask; only True rows are returned.

        Returns:
            ``(rows, scores)``: int64 and float32 arrays, best first, at most k long.
        """
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self.dim)  # (1, dim)
        mask = self._alive if allowed is None else self._alive & allowed
        n_allowed = int(mask.sum())
        k = min(int(k), n_allowed)
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        exact = n_allowed < self.rows and n_allowed <= EXACT_SUBSET_LIMIT
        params = self._search_params(mask, n_allowed, k, exact)
        index = self._flat_view() if exact else self._index
        with _one_omp_thread():
            scores, rows = index.search(query, k, params=params)  # (1, k) each
        found = rows[0] >= 0
        return rows[0][found].astype(np.int64), scores[0][found]

    def save(self, folder: Path) -> None:
        """Write vectors, tombstones and the FAISS index into ``folder``."""
        import faiss

        np.save(folder / VECTORS_FILE, self._vectors)
        np.save(folder / ALIVE_FILE, self._alive)
        faiss.write_index(self._index, str(folder / INDEX_FILE))

    @classmethod
    def load(cls, folder: Path, **settings) -> "DenseIndex":
        """Read an index written by ``save``.

        Args:
            folder: the folder ``save`` wrote.
            **settings: constructor keywords (``ann_threshold``, ``ef_search``...). The stored
                FAISS index is used as is; its mode is re-decided at the next add or compact.

        Raises:
            OSError / ValueError: a file is missing or unreadable.
        """
        import faiss

        vectors = np.load(folder / VECTORS_FILE)
        alive = np.load(folder / ALIVE_FILE)
        index = faiss.read_index(str(folder / INDEX_FILE))
        if vectors.ndim != 2 or len(vectors) != len(alive) or index.ntotal != len(vectors):
            raise ValueError(f"dense index files in {folder} disagree on the row count")
        dense = cls(vectors.shape[1], **settings)
        dense._vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dense._alive = alive.astype(bool)
        dense._index = index
        return dense

    def _search_params(self, mask: np.ndarray, n_allowed: int, k: int, exact: bool):
        import faiss

        sel = None
        if n_allowed < self.rows:
            sel = faiss.IDSelectorBitmap(np.packbits(mask, bitorder="little"))
        if exact or not self.is_hnsw:
            return faiss.SearchParameters(sel=sel) if sel is not None else None
        ef = max(self.ef_search, k)
        if sel is None:
            return faiss.SearchParametersHNSW(efSearch=ef)
        # The walk spends its beam on rows the selector rejects; widen it as the filter narrows.
        ef = min(int(ef / (n_allowed / self.rows) ** 0.5), max(_EF_MAX, k))
        return faiss.SearchParametersHNSW(sel=sel, efSearch=ef)

    def _flat_view(self):
        """An exact index over the same rows: the index itself, or the HNSW's flat storage."""
        import faiss

        return faiss.downcast_index(self._index.storage) if self.is_hnsw else self._index

    def _wants_hnsw(self, rows: int) -> bool:
        return rows > self.ann_threshold

    def _new_index(self, rows: int):
        import faiss

        if not self._wants_hnsw(rows):
            return faiss.IndexFlatIP(self.dim)
        index = faiss.IndexHNSWFlat(self.dim, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = self.ef_construction
        index.hnsw.efSearch = self.ef_search
        return index

    def _rebuild(self) -> None:
        self._index = self._new_index(self.rows)
        if self.rows:
            self._index.add(self._vectors)
        logger.debug("rebuilt dense index: %d rows, hnsw=%s", self.rows, self.is_hnsw)

    def _check_vectors(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (N, {self.dim}), got {vectors.shape}")
        return vectors


@contextmanager
def _one_omp_thread():
    """Run FAISS single-threaded in this thread only (OpenMP's thread count is per thread).

    One query is too little work to share: waking an OpenMP team costs more than it saves, and
    on a busy 2-core host an unfiltered 100k flat search took 40 ms with 2 threads, 10 with 1.
    """
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)
