"""What edges ask of the dialogue service besides turns: catalog, knowledge, orders, events.

`ServiceQueries` is a part of `DialogueService` (its base class), kept in its own module so the
turn pipeline stays readable; it works on the service's own store, search, sessions and models.
Edges call these verbs instead of reaching into the service's parts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kb import KnowledgeBase, Product
from kb.errors import UnknownProduct
from kb.orders import OrderBackend
from kb.types import Order
from models import Fact, Generator
from retrieval import Hit, Retriever

from bot import analytics
from bot.dialogue.errors import InvalidChatMessage
from bot.dialogue.orders import order_flows, order_verification
from bot.dialogue.orders.verification_attempts import VerificationAttempts
from bot.dialogue.products.search import ProductQuery, StoreSearch
from bot.dialogue.understanding import Understander
from bot.metrics import Metrics
from bot.sessions.base import SessionStore
from bot.sessions.errors import UnknownSession
from bot.sessions.errors import InvalidSessionId
from bot.sessions.events import ConversationEvent, EventBus, Subscription
from bot.store_ops.product_copy import ProductCopy, draft_product_copy
from bot.store_ops.review_sentiment import ReviewSentiment, review_sentiment
from bot.types import Citation, Reply, Session, TranscriptEntry, reachable_from


class ServiceQueries:
    """The service's verbs besides turns (set up by `DialogueService.__init__`)."""

    kb: KnowledgeBase
    retriever: Retriever
    understander: Understander
    generator: Generator
    sessions: SessionStore
    orders: OrderBackend
    events: EventBus
    search: StoreSearch
    today: Callable[[], date]
    metrics: Metrics
    verification: order_verification.VerificationPolicy
    attempts: VerificationAttempts

    def health(self) -> dict[str, bool | int]:
        """Readiness checks: the generator is loaded, the session store answers, documents."""
        return {"generator": self.generator.loaded, "sessions": self.sessions.ping(),
                "documents": len(self.retriever)}

    def store_stats(self) -> dict:
        """Counts of the store's products, articles and reviews."""
        return self.kb.stats()

    def currency(self) -> str:
        """The store's currency (ISO 4217), "" when it names none: edges price in it."""
        return self.kb.currency or ""

    def catalog_products(self) -> tuple[Product, ...]:
        """Every product of the store (the demo storefront's grid)."""
        return tuple(self.kb.products)

    def search_documents(self, query: str, k: int, filters: dict | None = None) -> list[Hit]:
        """Hybrid search over the store's products and articles, as the search API shows it."""
        return self.retriever.search(query, k=k, filters=filters)

    def product(self, sku: str) -> Product:
        """A catalog product. Raises: UnknownProduct."""
        return self.kb.product(sku)

    def product_name(self, sku: str) -> str | None:
        """A product's name, or None for a sku the store no longer has."""
        try:
            return self.kb.product(sku).name
        except UnknownProduct:
            return None

    def review_count(self, sku: str) -> int:
        return len(self.kb.reviews_of(sku))

    def search_products(self, query: ProductQuery) -> list[Product]:
        """The product search turns use (price range, department, colours)."""
        return self.search.products(query)

    def find_products(self, text: str, limit: int) -> list[Product]:
        """Products by sku or name, else by search: the staff's catalog lookup."""
        return self.search.catalog_lookup(text, limit)

    def search_knowledge(self, question: str) -> tuple[list[Fact], tuple[Citation, ...]]:
        """The store's sentences that answer the question, with their sources (both empty when
        nothing answers)."""
        facts = self.search.answering_knowledge(question)
        return facts, self.search.citations([f.id for f in facts], facts)

    def verify_order(self, session_id: str, order_id: str, email: str, *,
                     channel: str) -> order_verification.OrderCheck:
        """Look an order up by number and email, counting wrong pairs in the session.

        Raises:
            InvalidSessionId, SessionBusy, SessionStoreUnavailable: from the session store.
        """
        if not reachable_from(session_id, channel):
            raise InvalidSessionId(f"a {channel} lookup cannot reach that session")
        with self.sessions.transaction(session_id, channel=channel) as session:
            order_verification.expire(session, self.verification)
            if order_verification.locked(session):
                return order_verification.OrderCheck(None, locked=True)
            return order_verification.OrderCheck(
                order_verification.verify(session, self.orders, order_id, email,
                                          attempts=self.attempts.for_client(session_id)))

    def order_status(self, order: Order) -> Reply:
        """The status reply for a verified order, written from the order record."""
        return order_flows.status_reply(order, order_flows.FlowContext(self.kb, self.orders,
                                                                       self.today()))

    def list_sessions(self, limit: int) -> list[Session]:
        """Stored conversations, most recently active first."""
        return self.sessions.list_sessions(limit)

    def subscribe_events(self) -> Subscription:
        """A subscription to every stored message and ownership change (close it when done)."""
        return self.events.subscribe()

    def report_undelivered(self, session_id: str, text: str, problem: str) -> None:
        """Note in the conversation that a message never reached the shopper's app (a system
        line the panel shows, and its live event), so nobody takes it for sent.

        Raises:
            UnknownSession, SessionBusy, SessionStoreUnavailable: from the session store.
        """
        note = f"Not delivered to the shopper: \"{text[:200]}\" ({problem[:300]})"
        with self.sessions.transaction(session_id, create=False) as session:
            session.transcript.append(TranscriptEntry("system", note))
        self.events.publish(ConversationEvent("message", session_id, session.channel, "system",
                                              note, data={"undelivered": text}))

    def count_request(self, key: str, limit_per_minute: int) -> bool:
        """Count one request under ``key`` (e.g. "read:<address>"); False once over the limit
        this minute (0: unlimited). Shared across processes with Redis."""
        return self.sessions.allow(key, limit_per_minute)

    def mark_once(self, key: str, ttl_seconds: int) -> bool:
        """True the first time ``key`` is marked within ``ttl_seconds`` (across processes)."""
        return self.sessions.mark_once(key, ttl_seconds)

    def review_sentiment(self, sku: str) -> ReviewSentiment:
        """Each review of a product with the sentiment model's label. Raises: UnknownProduct."""
        return review_sentiment(self.kb, self.understander.sentiment, sku)

    def draft_product_copy(self, sku: str) -> ProductCopy:
        """A description and a marketing line from the product's facts. Raises: UnknownProduct."""
        return draft_product_copy(self.generator, self.kb.product(sku))

    def feedback(self, session_id: str, rating: str) -> None:
        """A shopper's thumbs up or down on the newest bot reply (a second one replaces it).

        Raises:
            InvalidChatMessage: rating is not "up" or "down".
            UnknownSession: no such session, or no bot reply in it yet.
        """
        if rating not in ("up", "down"):
            raise InvalidChatMessage(f"rating must be 'up' or 'down', got {rating!r}")
        with self.sessions.transaction(session_id, create=False) as session:
            replies = [e for e in session.transcript if e.role == "assistant" and e.reply]
            if not replies:
                raise UnknownSession(f"session {session_id!r} has no reply to rate yet")
            replies[-1].reply = {**replies[-1].reply, "feedback": rating}
        self.metrics.feedback(rating)

    def analytics(self, limit: int = 10_000) -> dict:
        """Conversations per day and channel, resolution, handoffs, CSAT, intents and
        knowledge gaps over the most recent `limit` stored conversations (bot/analytics.py)."""
        sessions = self.list_sessions(limit)
        return analytics.summarize(sessions, self.retriever.embedder.encode)
