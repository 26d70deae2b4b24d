"""Lexical search: BM25 (bm25s, Lucene variant) over the same rows as the dense index.

Tokenisation is deliberately small: lowercase word characters, Lucene's 33 English stopwords,
tokens of one letter dropped (digits kept: sizes, "30 days"), and Harman's S-stemmer folding
plurals ("returns" -> "return", "policies" -> "policy"). PyStemmer is not installed, and a full
Porter stemmer buys little on short product and policy texts that MiniLM already covers.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# Lucene's classic English stopword list (the one bm25s ships as "en").
_STATE_FILE = "state.json"
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with"))


@functools.lru_cache(maxsize=1 << 17)  # word frequencies are Zipfian: most calls are hits
def stem(token: str) -> str:
    """Harman's S-stemmer: fold English plurals only ("ies" -> "y", "es" -> "e", "s" -> "")."""
    if len(token) <= 3 or not token.endswith("s") or token.endswith(("us", "ss")):
        return token
    if token.endswith("ies") and not token.endswith(("eies", "aies")):
        return token[:-3] + "y"
    if token.endswith("es") and not token.endswith(("aes", "ees", "oes")):
        return token[:-1]
    return token[:-1]


def tokenize(text: str) -> list[str]:
    """Split text into BM25 terms (see the module docstring for the rules)."""
    return [stem(word) for word in _WORD.findall(text.lower())
            if word not in STOPWORDS and (len(word) > 1 or word.isdigit())]


class BM25Index:
    """BM25 over rows of tokenised text, with tombstones and an allowed-rows mask.

    Rows line up with ``DenseIndex`` rows. bm25s builds a static matrix, so ``add`` and
    ``compact`` re-index from the stored token lists: that costs seconds at 100k rows (~6 s),
    against about 45 minutes to re-embed them on 2 CPU cores. ``remove`` only masks rows.
    A loaded index reads the bm25s matrix (milliseconds) instead of re-indexing (~17 s at 100k
    rows, mostly tokenising); its token lists are rebuilt from the row texts at the first update.
    """

    def __init__(self, k1: float = 1.5, b: float = 0.75) -> None:
        """Create an empty index.

        Args:
            k1: term-frequency saturation.
            b: document-length normalisation.
        """
        self.k1 = k1
        self.b = b
        self._tokens: list[list[str]] = []  # per row; [] once removed
        self._pending_texts: list[str | None] | None = None  # after load, until tokenised
        self._alive = np.empty(0, dtype=bool)  # (rows,)
        self._model = None  # bm25s.BM25, None while no row has a term

    @property
    def rows(self) -> int:
        return len(self._alive)

    def add(self, texts: Iterable[str]) -> np.ndarray:
        """Tokenise and append texts, then re-index.

        Returns:
            The new rows (int64).
        """
        self._materialise_tokens()
        first = self.rows
        new_tokens = [tokenize(text) for text in texts]
        self._tokens.extend(new_tokens)
        self._alive = np.concatenate([self._alive, np.ones(len(new_tokens), dtype=bool)])
        self._reindex()
        return np.arange(first, self.rows, dtype=np.int64)

    def remove(self, rows: Sequence[int]) -> None:
        """Tombstone rows: masked at once, their terms leave the statistics at the next re-index.

        Not re-indexing here keeps ``remove`` instant (a re-index costs ~6 s at 100k rows); until
        the next ``add`` or ``compact``, IDF and average length still count the removed rows,
        a small drift in scores that never returns a removed row.
        """
        for row in rows:
            self._alive[row] = False
            if self._pending_texts is not None:
                self._pending_texts[row] = None
            else:
                self._tokens[row] = []

    def compact(self, keep: np.ndarray) -> None:
        """Keep only ``keep`` rows (old row numbers, ascending), renumbered from 0."""
        self._materialise_tokens()
        self._tokens = [self._tokens[row] for row in keep]
        self._alive = np.ones(len(self._tokens), dtype=bool)
        self._reindex()

    def search(self, query: str, k: int,
               allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k rows by BM25 score among live (and allowed) rows sharing a term with the query.

        Args:
            query: raw query text (tokenised here).
            k: how many rows at most.
            allowed: optional (rows,) bool mask; only True rows are returned.

        Returns:
            ``(rows, scores)``: int64 and float32 arrays, best first; rows scoring 0 (no shared
            term) are never returned, so the result may be shorter than k.
        """
        empty = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if self._model is None or k <= 0:
            return empty
        ids = self._model.get_tokens_ids(tokenize(query))
        if not ids:
            return empty
        scores = self._model.get_scores(ids)  # (rows,) float32, a fresh array
        mask = self._alive if allowed is None else self._alive & allowed
        scores[~mask] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = np.argsort(-scores[candidates], kind="stable")
        return candidates[order].astype(np.int64), scores[candidates[order]]

    def copy(self) -> "BM25Index":
        """An independent copy (the bm25s matrix is shared: updates replace it, never edit it)."""
        other = BM25Index(self.k1, self.b)
        other._tokens = list(self._tokens)  # rows are replaced, never edited in place
        other._pending_texts = None if self._pending_texts is None else list(self._pending_texts)
        other._alive = self._alive.copy()
        other._model = self._model
        return other

    def save(self, folder: Path) -> None:
        """Write the bm25s matrix and our settings into ``folder`` (created)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self._model is not None:
            self._model.save(str(folder), show_progress=False)
        state = {"k1": self.k1, "b": self.b, "rows": self.rows, "empty": self._model is None}
        (folder / _STATE_FILE).write_text(json.dumps(state), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, texts: Sequence[str | None]) -> "BM25Index":
        """Read an index written by ``save``.

        Args:
            folder: the folder ``save`` wrote.
            texts: the indexed text of every row, None for removed rows; tokenised only if the
                index is later updated.

        Raises:
            OSError / ValueError: missing or inconsistent files.
        """
        import bm25s

        state = json.loads((folder / _STATE_FILE).read_text(encoding="utf-8"))
        if state["rows"] != len(texts):
            raise ValueError(f"BM25 state in {folder} has {state['rows']} rows, "
                             f"expected {len(texts)}")
        index = cls(k1=state["k1"], b=state["b"])
        index._pending_texts = list(texts)
        index._tokens = []
        index._alive = np.array([text is not None for text in texts], dtype=bool)
        if not state["empty"]:
            index._model = bm25s.BM25.load(str(folder), show_progress=False)
            if index._model.scores["num_docs"] != len(texts):
                raise ValueError(f"BM25 matrix in {folder} does not match {len(texts)} rows")
        return index

    def _materialise_tokens(self) -> None:
        if self._pending_texts is not None:
            self._tokens = [tokenize(text) if text is not None else []
                            for text in self._pending_texts]
            self._pending_texts = None

    def _reindex(self) -> None:
        import bm25s  # deferred: keeps `import retrieval` light

        if not any(self._tokens):
            self._model = None
            return
        model = bm25s.BM25(k1=self.k1, b=self.b)
        model.index(self._tokens, show_progress=False)
        self._model = model
