"""Documents as the index sees them: coercion, the indexed text, and the content hash."""

from __future__ import annotations

import hashlib
import json
from typing import Iterable

from kb.types import Document

from retrieval.errors import DuplicateDocument


def as_document(item: object) -> Document:
    """Return ``item`` if it is a ``Document``, else ``item.to_document()``.

    Raises:
        TypeError: ``item`` is neither a ``Document`` nor has a ``to_document()`` returning one.
    """
    if isinstance(item, Document):
        return item
    to_document = getattr(item, "to_document", None)
    if callable(to_document):
        doc = to_document()
        if isinstance(doc, Document):
            return doc
    raise TypeError(f"expected a kb.types.Document or an object with .to_document(), "
                    f"got {type(item).__name__}")


def as_documents(items: Iterable[object]) -> list[Document]:
    """Coerce every item with ``as_document`` and reject repeated ids.

    Raises:
        TypeError: an item is not a document.
        DuplicateDocument: an id appears twice.
    """
    docs = [as_document(item) for item in items]
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise DuplicateDocument(f"document id {doc.id!r} appears more than once")
        seen.add(doc.id)
    return docs


def index_text(doc: Document) -> str:
    """The text embedded and BM25-indexed: title and body, without repeating a leading title.

    Product texts start with the product name (its title), passages do not start with their
    "Article > Section" title, which carries useful words.
    """
    if not doc.title or doc.text.startswith(doc.title):
        return doc.text
    return f"{doc.title}\n{doc.text}"


def document_json(doc: Document) -> str:
    """One canonical JSON line for a document (sorted keys; non-JSON values as ``str``)."""
    return json.dumps({"id": doc.id, "type": doc.type, "title": doc.title, "text": doc.text,
                       "metadata": dict(doc.metadata)},
                      sort_keys=True, ensure_ascii=False, default=str)


def content_hash(docs: Iterable[object]) -> str:
    """sha256 over ids, types, titles, texts and metadata of ``docs``, independent of order.

    Args:
        docs: ``Document`` objects or objects with ``.to_document()``.

    Returns:
        64 hex characters. Metadata values that are not JSON (dates...) are hashed as ``str``.

    Raises:
        TypeError: an item is not a document.
    """
    lines = sorted(document_json(as_document(item)) for item in docs)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
