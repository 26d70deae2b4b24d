"""The on-disk index folder: manifest, documents, atomic replacement.

Layout of an index folder::

    manifest.json      Manifest (written last)
    documents.jsonl    one live document per line, with its row number
    vectors.npy        float32 (rows, dim), tombstoned rows included (see dense.py)
    dense_alive.npy    bool (rows,)
    dense.faiss        the FAISS index
    bm25/              bm25s state (see bm25.py)
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from kb.types import Document

from retrieval.dense import VECTORS_FILE
from retrieval.documents import document_json, index_text
from retrieval.errors import IndexNotBuilt

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"
DOCUMENTS_FILE = "documents.jsonl"
_REBUILD_HINT = "run `shopdesk index` to build it"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index folder holds and how it was built."""

    format_version: int
    model_id: str  # Embedder.model_id of the vectors
    content_hash: str  # documents.content_hash of the live documents
    documents: int  # live documents
    rows: int  # row numbers in use (live + tombstoned)
    dim: int
    ann_threshold: int
    index_kind: str  # "flat" or "hnsw"


def read_manifest(path: Path) -> Manifest:
    """Read ``path/manifest.json``.

    Raises:
        IndexNotBuilt: the folder or manifest is missing, unreadable, or of another format.
    """
    file = Path(path) / MANIFEST_FILE
    if not file.is_file():
        raise IndexNotBuilt(f"no retrieval index at {path} ({MANIFEST_FILE} missing); "
                            f"{_REBUILD_HINT}")
    try:
        manifest = Manifest(**json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexNotBuilt(f"unreadable manifest {file} ({exc}); {_REBUILD_HINT}") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise IndexNotBuilt(f"index at {path} has format {manifest.format_version}, this code "
                            f"reads format {FORMAT_VERSION}; {_REBUILD_HINT}")
    return manifest


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), indent=2) + "\n",
                                        encoding="utf-8")


def write_documents(folder: Path, docs: Sequence[Document | None]) -> None:
    """Write live documents (``None`` = tombstoned row) with their row numbers."""
    with open(folder / DOCUMENTS_FILE, "w", encoding="utf-8") as out:
        for row, doc in enumerate(docs):
            if doc is not None:
                out.write(f'{{"row": {row}, "doc": {document_json(doc)}}}\n')


def read_documents(path: Path, rows: int) -> list[Document | None]:
    """Read ``documents.jsonl`` back into a row-indexed list (``None`` for tombstoned rows).

    Raises:
        IndexNotBuilt: the file is missing or malformed.
    """
    file = Path(path) / DOCUMENTS_FILE
    docs: list[Document | None] = [None] * rows
    try:
        with open(file, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                fields = record["doc"]
                docs[record["row"]] = Document(fields["id"], fields["type"], fields["title"],
                                               fields["text"], fields["metadata"])
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise IndexNotBuilt(f"unreadable {file} ({exc}); {_REBUILD_HINT}") from exc
    return docs


@contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling folder that replaces ``path`` only if the block succeeds.

    A crash while writing leaves the old index untouched (the temp folder is dot-named). The
    swap is two renames; a crash between them leaves no index at ``path`` (the old one is kept
    as ``.<name>.old-*``), which readers see as "not built", never as half an index.

    Raises:
        IndexNotBuilt: ``path`` exists and is not a folder.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise IndexNotBuilt(f"{path} exists and is not a folder; cannot write an index there")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
    try:
        yield tmp
        _fsync_tree(tmp)
        if path.exists():
            old = path.parent / f".{path.name}.old-{uuid.uuid4().hex[:8]}"
            os.rename(path, old)
            os.rename(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fsync_tree(folder: Path) -> None:
    # Without fsync a power cut after the rename can leave a complete-looking folder of
    # empty files; the renames are only atomic for what reached the disk.
    for file in folder.rglob("*"):
        if file.is_file():
            with open(file, "rb") as handle:
                os.fsync(handle.fileno())


def reusable_vectors(path: Path, manifest: Manifest) -> dict[str, np.ndarray]:
    """Vectors of the index at ``path`` keyed by indexed text; {} if it cannot be read.

    Lets a rebuild re-embed only new or changed texts: embedding is the slow part of a build.
    """
    try:
        docs = read_documents(path, manifest.rows)
        vectors = np.load(path / VECTORS_FILE, mmap_mode="r")  # (rows, dim)
        if vectors.shape != (manifest.rows, manifest.dim):
            raise ValueError(f"{VECTORS_FILE} has shape {vectors.shape}")
    except (IndexNotBuilt, OSError, ValueError) as exc:
        logger.info("not reusing vectors from %s: %s", path, exc)
        return {}
    return {index_text(doc): vectors[row] for row, doc in enumerate(docs) if doc is not None}
