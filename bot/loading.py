"""Loading the configured store and its search index (used by the CLI and the app factory)."""

from __future__ import annotations

import logging

from kb import KnowledgeBase
from models.device import resolve_device
from retrieval import Embedder, Retriever

from bot.settings import Settings

log = logging.getLogger(__name__)


def load_retriever(settings: Settings, *, build: bool = True, force: bool = False,
                   show_progress: bool = False, kb: KnowledgeBase | None = None) -> Retriever:
    """The store's retriever, from the index in the data directory.

    Args:
        build: build (or rebuild, when the store's content changed) the index if needed;
            when False a missing index raises ``IndexNotBuilt``.
        force: rebuild even when the persisted index is current.
        kb: an already loaded knowledge base (else loaded from ``settings.store``).

    Raises:
        IndexNotBuilt: ``build`` is False and no index exists.
        StoreDataError: the configured store folder cannot be read.
    """
    embedder = Embedder(device=resolve_device(settings.device))
    if not build:
        return Retriever.load(settings.index_dir, embedder=embedder)
    kb = kb or KnowledgeBase.load(settings.store)
    if force and settings.index_dir.exists():
        import shutil

        shutil.rmtree(settings.index_dir)
    return Retriever.build_or_load(settings.index_dir, kb.documents(), embedder=embedder,
                                   ann_threshold=settings.ann_threshold,
                                   show_progress=show_progress)
