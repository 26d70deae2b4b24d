"""Hybrid search over store documents: MiniLM + FAISS, BM25, reciprocal rank fusion, filters."""

from __future__ import annotations

import logging
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import numpy as np

from kb.types import Document

from retrieval.bm25 import BM25Index
from retrieval.dense import DenseIndex
from retrieval.documents import as_documents, content_hash, index_text
from retrieval.embedder import Embedder, embed_texts
from retrieval.errors import DuplicateDocument, EmbedderMismatch, IndexNotBuilt, InvalidQuery
from retrieval.filter_index import FilterIndex
from retrieval.fusion import reciprocal_rank_fusion
from retrieval.index_store import (FORMAT_VERSION, Manifest, atomic_folder, read_documents,
                                   read_manifest, reusable_vectors, write_documents,
                                   write_manifest)
from retrieval.types import Filters, Hit

__all__ = ["Retriever", "content_hash"]

logger = logging.getLogger(__name__)

#: Each method hands fusion max(CANDIDATE_MIN, CANDIDATE_FACTOR * k) candidates: a document
#: ranked 30th by one method and 5th by the other must still reach the fusion.
CANDIDATE_MIN = 50
CANDIDATE_FACTOR = 4
#: Fusion favours the top of each list (k=10 rather than the textbook 60) and gives BM25 half
#: the dense weight: on shopper questions dense is the stronger method and BM25 adds exact
#: names, codes and skus. Chosen on the odd half of bench/data/shopper_questions.jsonl and
#: confirmed on the even half (MRR hybrid 0.883 vs dense 0.880 vs BM25 0.836 there; on all
#: 68 questions 0.905 vs 0.894 vs 0.827). The margin over dense alone is small on this set.
RRF_K = 10
RRF_WEIGHTS = (1.0, 0.5)  # (dense, bm25)
#: Longer queries are cut (the embedder keeps ~128 tokens anyway): bounds tokenising and BM25
#: work on a pasted 100 KB e-mail.
MAX_QUERY_CHARS = 2000
BM25_DIR = "bm25"


class Retriever:
    """Hybrid dense + BM25 search with metadata filters, incremental updates and persistence.

    Build with ``from_documents``, ``load`` or ``build_or_load``. Searches may run from several
    threads at once; ``add``/``remove`` must not run concurrently with anything else.
    """

    def __init__(self, embedder: Embedder | None = None, *, ann_threshold: int = 20_000) -> None:
        """An empty retriever (cheap: the embedder loads at the first ``add``).

        Args:
            embedder: the embedder; None means ``Embedder()`` (bundled MiniLM).
            ann_threshold: largest collection searched exactly; above it the dense index is
                HNSW. 0 forces HNSW.

        Raises:
            ValueError: ann_threshold < 0.
        """
        if ann_threshold < 0:
            raise ValueError(f"ann_threshold must be >= 0, got {ann_threshold}")
        self.embedder = embedder if embedder is not None else Embedder()
        self.ann_threshold = ann_threshold
        self._docs: list[Document | None] = []  # by row; None = removed
        self._row_of: dict[str, int] = {}
        self._dense: DenseIndex | None = None  # created at the first add, when dim is known
        self._bm25 = BM25Index()
        self._filters = FilterIndex()

    # ----------------------------------------------------------------- construction

    @classmethod
    def from_documents(cls, docs: Iterable[object], embedder: Embedder | None = None, *,
                       ann_threshold: int = 20_000, show_progress: bool = False) -> "Retriever":
        """Embed and index documents.

        Args:
            docs: ``Document`` objects or objects with ``.to_document()`` (products, passages).
            embedder: None means ``Embedder()``; it is loaded here.
            ann_threshold: see ``__init__``.
            show_progress: draw a tqdm bar on stderr while embedding.

        Returns:
            The retriever.

        Raises:
            DuplicateDocument: two documents share an id.
            TypeError: an item is not a document.
        """
        retriever = cls(embedder, ann_threshold=ann_threshold)
        retriever.embedder.load()
        retriever.add(docs, show_progress=show_progress)
        return retriever

    @classmethod
    def load(cls, path: str | Path, embedder: Embedder | None = None) -> "Retriever":
        """Load an index folder written by ``save`` (no embedding of documents).

        Args:
            path: the index folder.
            embedder: must have the ``model_id`` the index was built with; None means
                ``Embedder()``. It is loaded here (queries need it).

        Returns:
            The retriever, with the ``ann_threshold`` it was saved with.

        Raises:
            IndexNotBuilt: no folder, no manifest, or unreadable files at ``path``.
            EmbedderMismatch: the index was embedded by another model.
        """
        path = Path(path)
        manifest = read_manifest(path)
        embedder = embedder if embedder is not None else Embedder()
        if manifest.model_id != embedder.model_id:
            raise EmbedderMismatch(
                f"index at {path} was built with embedder {manifest.model_id!r}, not "
                f"{embedder.model_id!r}; rebuild it with `shopdesk index`")
        retriever = cls(embedder, ann_threshold=manifest.ann_threshold)
        docs = read_documents(path, manifest.rows)
        texts = [index_text(doc) if doc is not None else None for doc in docs]
        try:
            retriever._dense = DenseIndex.load(path, ann_threshold=manifest.ann_threshold)
            retriever._bm25 = BM25Index.load(path / BM25_DIR, texts)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:  # faiss: RuntimeError
            raise IndexNotBuilt(f"incomplete index at {path} ({exc}); "
                                "run `shopdesk index` to rebuild it") from exc
        if not np.array_equal(retriever._dense.alive, [doc is not None for doc in docs]):
            raise IndexNotBuilt(f"index files at {path} disagree on removed documents; "
                                "run `shopdesk index` to rebuild it")
        retriever._set_docs(docs)
        embedder.load()
        logger.info("loaded index %s: %d documents (%s)", path, len(retriever),
                    manifest.index_kind)
        return retriever

    @classmethod
    def build_or_load(cls, path: str | Path, docs: Iterable[object],
                      embedder: Embedder | None = None, *, ann_threshold: int = 20_000,
                      show_progress: bool = False) -> "Retriever":
        """Load the index at ``path`` if it was built from exactly ``docs``; else build and save.

        "Exactly" means same content hash, embedder ``model_id`` and ``ann_threshold``. A
        rebuild re-embeds only documents whose indexed text is new: vectors of unchanged texts
        are reused from the old index when it was built by the same model.

        Args:
            path: the index folder (created or replaced atomically).
            docs: ``Document`` objects or objects with ``.to_document()``.
            embedder: None means ``Embedder()``.
            ann_threshold: see ``__init__``.
            show_progress: tqdm bar on stderr while embedding.

        Returns:
            The retriever.

        Raises:
            DuplicateDocument: two documents share an id.
            TypeError: an item is not a document.
        """
        path = Path(path)
        docs = as_documents(docs)
        embedder = embedder if embedder is not None else Embedder()
        wanted = content_hash(docs)
        try:
            manifest: Manifest | None = read_manifest(path)
        except IndexNotBuilt as exc:
            logger.info("building a new index: %s", exc)
            manifest = None
        same_model = manifest is not None and manifest.model_id == embedder.model_id
        if (same_model and manifest.content_hash == wanted
                and manifest.ann_threshold == ann_threshold):
            try:
                return cls.load(path, embedder)
            except IndexNotBuilt as exc:
                logger.warning("rebuilding the index: %s", exc)
        reuse = reusable_vectors(path, manifest) if same_model else {}
        retriever = cls(embedder, ann_threshold=ann_threshold)
        embedder.load()
        retriever._add(docs, show_progress=show_progress, reuse=reuse)
        retriever.save(path)
        return retriever

    def with_ann_threshold(self, ann_threshold: int) -> "Retriever":
        """A copy over the same documents and vectors, exact or HNSW per ``ann_threshold``.

        Nothing is re-embedded: the dense index is rebuilt from the stored vectors (an HNSW
        build of 100k vectors takes ~20 s on 2 cores). The copy is independent of ``self``.

        Args:
            ann_threshold: see ``__init__``.

        Returns:
            The new retriever (same embedder).
        """
        other = Retriever(self.embedder, ann_threshold=ann_threshold)
        other._docs = list(self._docs)
        other._row_of = dict(self._row_of)
        other._bm25 = self._bm25.copy()
        other._filters = self._filters.copy()
        if self._dense is not None:
            other._dense = self._dense.with_ann_threshold(ann_threshold)
        return other

    def save(self, path: str | Path) -> None:
        """Write the index folder atomically (a temp folder renamed into place).

        Args:
            path: the folder; an existing index there is replaced.
        """
        path = Path(path)
        live = [doc for doc in self._docs if doc is not None]
        if self._dense is None:
            self.embedder.load()  # an empty index still records its vector width
        dense = self._dense if self._dense is not None else DenseIndex(self.embedder.dim)
        manifest = Manifest(
            format_version=FORMAT_VERSION, model_id=self.embedder.model_id,
            content_hash=content_hash(live), documents=len(live), rows=len(self._docs),
            dim=dense.dim, ann_threshold=self.ann_threshold,
            index_kind="hnsw" if dense.is_hnsw else "flat")
        with atomic_folder(path) as tmp:
            write_documents(tmp, self._docs)
            dense.save(tmp)
            self._bm25.save(tmp / BM25_DIR)
            write_manifest(tmp, manifest)  # last: its presence marks a complete folder
        logger.info("saved index %s: %d documents", path, len(live))

    # ----------------------------------------------------------------- search

    def search(self, query: str, k: int = 10, filters: Filters | Mapping | None = None
               ) -> list[Hit]:
        """Hybrid search: dense and BM25 candidates under the filters, fused by RRF.

        Args:
            query: shopper text; cut to ``MAX_QUERY_CHARS`` characters.
            k: hits wanted; capped to the collection size.
            filters: ``Filters``, a mapping for ``Filters.parse``, or None.

        Returns:
            Up to k hits, best first; ``score`` is the RRF score.

        Raises:
            InvalidQuery: query not a string, empty or whitespace; k not an int or <= 0; a bad
                filter value.
            UnknownFilter: an unknown filter key.
        """
        query, k, allowed = self._prepare(query, k, filters)
        if k == 0:
            return []
        depth = min(max(CANDIDATE_MIN, CANDIDATE_FACTOR * k), len(self))
        dense_rows, _ = self._dense.search(self.embedder.encode_query(query), depth, allowed)
        bm25_rows, _ = self._bm25.search(query, depth, allowed)
        fused = reciprocal_rank_fusion([dense_rows.tolist(), bm25_rows.tolist()], k=RRF_K,
                                       weights=RRF_WEIGHTS)
        return [self._hit(row, score) for row, score in fused[:k]]

    def embed_queries(self, queries: list[str]) -> None:
        """Embed queries about to be searched in one forward pass (`Embedder.encode_queries`),
        so that each ``search`` of them finds its vector remembered; cut as ``search`` cuts them.
        Texts ``search`` would refuse are left to it."""
        kept = [q[:MAX_QUERY_CHARS] for q in queries if isinstance(q, str) and q.strip()]
        if kept:
            self.embedder.encode_queries(kept)

    def search_dense(self, query: str, k: int = 10,
                     filters: Filters | Mapping | None = None) -> list[Hit]:
        """Dense-only search (cosine similarity of MiniLM embeddings); same contract as ``search``.

        Returns:
            Up to k hits, best first; ``score`` is the cosine similarity.
        """
        query, k, allowed = self._prepare(query, k, filters)
        if k == 0:
            return []
        rows, scores = self._dense.search(self.embedder.encode_query(query), k, allowed)
        return [self._hit(row, score) for row, score in zip(rows.tolist(), scores.tolist())]

    def search_bm25(self, query: str, k: int = 10,
                    filters: Filters | Mapping | None = None) -> list[Hit]:
        """BM25-only search; same contract as ``search``.

        Returns:
            Up to k hits sharing at least one term with the query, best first; ``score`` is the
            BM25 score.
        """
        query, k, allowed = self._prepare(query, k, filters)
        if k == 0:
            return []
        rows, scores = self._bm25.search(query, k, allowed)
        return [self._hit(row, score) for row, score in zip(rows.tolist(), scores.tolist())]

    def _prepare(self, query: object, k: object,
                 filters: object) -> tuple[str, int, np.ndarray | None]:
        """Validate a search call; k comes back 0 when nothing can match."""
        if not isinstance(query, str):
            raise InvalidQuery(f"query must be a string, got {type(query).__name__}")
        if not query.strip():
            raise InvalidQuery("query is empty")
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k <= 0:
            raise InvalidQuery(f"k must be a positive integer, got {k!r}")
        parsed = Filters.parse(filters)
        if len(query) > MAX_QUERY_CHARS:
            logger.info("query of %d characters cut to %d", len(query), MAX_QUERY_CHARS)
            query = query[:MAX_QUERY_CHARS]
        allowed = self._filters.mask(parsed)
        if len(self) == 0 or (allowed is not None and not allowed.any()):
            return query, 0, allowed
        return query, min(int(k), len(self)), allowed

    def _hit(self, row: int, score: float) -> Hit:
        doc = self._docs[row]
        return Hit(doc.id, doc.type, doc.title, doc.text, float(score),
                   MappingProxyType(doc.metadata))

    # ----------------------------------------------------------------- updates

    def add(self, docs: Iterable[object], *, show_progress: bool = False) -> int:
        """Embed and index more documents.

        Args:
            docs: ``Document`` objects or objects with ``.to_document()``.
            show_progress: tqdm bar on stderr while embedding.

        Returns:
            How many documents were added.

        Raises:
            DuplicateDocument: an id is already indexed or repeated in ``docs`` (nothing is
                added then).
            TypeError: an item is not a document.
        """
        return self._add(as_documents(docs), show_progress=show_progress, reuse={})

    def remove(self, ids: Iterable[str] | str) -> int:
        """Remove documents by id; unknown ids are ignored (the count tells how many matched).

        Instant: rows are tombstoned and masked from every search. Once tombstones pass 20% of
        the rows, the index compacts: the dense index is rebuilt from the stored vectors (no
        re-embedding) and BM25 re-indexed from stored tokens.

        Args:
            ids: document ids, or one id.

        Returns:
            How many documents were removed.
        """
        ids = [ids] if isinstance(ids, str) else list(ids)
        rows = sorted({self._row_of[doc_id] for doc_id in ids if doc_id in self._row_of})
        if not rows:
            return 0
        for row in rows:
            del self._row_of[self._docs[row].id]
            self._docs[row] = None
        self._dense.remove(rows)
        self._bm25.remove(rows)
        if self._dense.needs_compaction:
            self._compact()
        logger.info("removed %d documents (%d ids asked)", len(rows), len(ids))
        return len(rows)

    def get(self, doc_id: str) -> Document:
        """The indexed document with this id.

        Raises:
            KeyError: no such document.
        """
        row = self._row_of.get(doc_id)
        if row is None:
            raise KeyError(f"no document {doc_id!r} in the index")
        return self._docs[row]

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row_of

    def __repr__(self) -> str:
        kind = "hnsw" if self._dense is not None and self._dense.is_hnsw else "flat"
        return f"Retriever({len(self)} documents, {kind}, embedder={self.embedder.model_id!r})"

    def _add(self, docs: list[Document], *, show_progress: bool,
             reuse: dict[str, np.ndarray]) -> int:
        for doc in docs:
            if doc.id in self._row_of:
                raise DuplicateDocument(f"document id {doc.id!r} is already indexed")
        if not docs:
            return 0
        texts = [index_text(doc) for doc in docs]
        vectors = embed_texts(self.embedder, texts, show_progress, reuse)  # (N, dim)
        if self._dense is None:
            self._dense = DenseIndex(vectors.shape[1], ann_threshold=self.ann_threshold)
        rows = self._dense.add(vectors)
        self._bm25.add(texts)
        self._filters.add(docs)
        for row, doc in zip(rows.tolist(), docs):
            self._docs.append(doc)
            self._row_of[doc.id] = row
        return len(docs)

    def _compact(self) -> None:
        keep = self._dense.compact()
        self._bm25.compact(keep)
        self._filters.compact(keep)
        self._docs = [self._docs[row] for row in keep.tolist()]
        self._row_of = {doc.id: row for row, doc in enumerate(self._docs)}
        logger.info("compacted the index to %d rows", len(self._docs))

    def _set_docs(self, docs: list[Document | None]) -> None:
        self._docs = docs
        self._row_of = {doc.id: row for row, doc in enumerate(docs) if doc is not None}
        # Filter columns need one entry per row; a removed row's entry is never allowed anyway.
        placeholder = Document("", "", "", "")
        self._filters = FilterIndex()
        self._filters.add(doc if doc is not None else placeholder for doc in docs)

