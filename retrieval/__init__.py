"""Hybrid retrieval over store documents: MiniLM + FAISS, BM25, reciprocal rank fusion, filters.

Importing this package loads nothing heavy: torch, sentence-transformers, FAISS and bm25s are
imported when first used.

Example:
    >>> from retrieval import Retriever
    >>> retriever = Retriever.build_or_load("data/index", documents)
    >>> retriever.search("how long do I have to return an item", k=3, filters={"type": "policy"})
"""

from retrieval.embedder import Embedder
from retrieval.errors import (DuplicateDocument, EmbedderMismatch, IndexNotBuilt, InvalidQuery,
                              RetrievalError, UnknownFilter)
from retrieval.retriever import Retriever
from retrieval.types import Filters, Hit

__all__ = [
    "Retriever",
    "Hit",
    "Filters",
    "Embedder",
    "RetrievalError",
    "InvalidQuery",
    "UnknownFilter",
    "IndexNotBuilt",
    "DuplicateDocument",
    "EmbedderMismatch",
]
