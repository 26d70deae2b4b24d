"""Loading the configured store, its search index and its order system (used by the CLI
and the app factory)."""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

from kb import KnowledgeBase
from kb.orders import DemoOrderBackend, OrderBackend
from kb.passages import slugify
from models.device import resolve_device
from retrieval import Embedder, Retriever

from bot.sessions.redis_connection import connect
from bot.settings import Settings, SettingsError

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


#: SHOPDESK_ORDERS values: the demo backend and the kb.platforms connectors.
ORDER_SYSTEMS = ("demo", "shopify", "woocommerce", "magento")


def order_backend(settings: Settings, kb: KnowledgeBase, today: date) -> OrderBackend:
    """The order system the settings name (``SHOPDESK_ORDERS``).

    The demo backend keeps shoppers' changes in Redis when ``SHOPDESK_REDIS_URL`` is set,
    under a namespace of its own per store, so a restart (or another replica) sees them.
    A connector is only constructed here: an unreachable platform raises
    ``OrderSystemUnavailable`` on the first question, not at start-up.

    Raises:
        SettingsError: an unknown order system, or one without its URL or credentials.
    """
    kind = settings.orders.strip().lower()
    if kind not in ORDER_SYSTEMS:
        raise SettingsError(f"SHOPDESK_ORDERS={settings.orders!r}: expected one of "
                            f"{', '.join(ORDER_SYSTEMS)}")
    if kind == "demo":
        client = connect(settings.redis_url) if settings.redis_url else None
        return DemoOrderBackend.seeded(kb, today, redis_client=client,
                                       namespace=f"shopdesk:demo-orders:{store_key(settings)}")
    from kb.platforms import (HttpOptions, MagentoOrderBackend, ShopifyOrderBackend,
                              WooCommerceOrderBackend)

    _require(settings, "orders_url")
    options = HttpOptions(timeout_s=max(1, settings.orders_timeout_seconds))
    if kind == "woocommerce":
        _require(settings, "orders_key", "orders_secret")
        return WooCommerceOrderBackend(settings.orders_url, settings.orders_key,
                                       settings.orders_secret, options=options)
    _require(settings, "orders_token")
    if kind == "shopify":
        return ShopifyOrderBackend(settings.orders_url, settings.orders_token, kb.return_policy,
                                   options=options)
    return MagentoOrderBackend(settings.orders_url, settings.orders_token, kb.return_policy,
                               store_code=settings.orders_store_code, options=options)


def store_key(settings: Settings) -> str:
    """A short name for the configured store that stays the same across restarts: "demo",
    or the folder's name plus a hash of its full path (two stores never share keys)."""
    if settings.store == "demo":
        return "demo"
    folder = Path(settings.store).expanduser().resolve()
    digest = hashlib.sha256(str(folder).encode()).hexdigest()[:10]
    return f"{slugify(folder.name) or 'store'}-{digest}"


def _require(settings: Settings, *names: str) -> None:
    missing = [f"SHOPDESK_{n.upper()}" for n in names if not getattr(settings, n).strip()]
    if missing:
        raise SettingsError(f"SHOPDESK_ORDERS={settings.orders} needs {' and '.join(missing)}")
