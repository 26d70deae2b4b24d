"""Plain data of the dialogue service: inbound messages, sessions, transcript entries, replies.

These cross the service's layers (edges, dialogue service, session store, widget, panel). The
stored ones convert to and from plain dicts (`to_dict` / `from_dict`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from kb.types import format_money  # noqa: F401  (bot.types' face: edges format prices with it)

if TYPE_CHECKING:
    from kb import Product

#: The session-id grammar, the one rule every edge and the session store check against.
SESSION_ID_CHARS = "A-Za-z0-9_.:-"
SESSION_ID_MAX = 128


def session_id_pattern(max_length: int = SESSION_ID_MAX) -> str:
    """The session-id grammar as an anchored regex (shorter ``max_length`` leaves room for a
    prefix an edge adds, e.g. Rasa's ``rest:``)."""
    return rf"^[{SESSION_ID_CHARS}]{{1,{max_length}}}$"


#: Session namespaces: the prefix before the first ':' says which edge may reach a session.
#: Each channel reaches only its own namespace, so a web client can never name a WhatsApp
#: conversation, and a messaging app's predictable ids (a phone number) are no key to anything.
#: Ids without a known prefix belong to in-process callers (the CLI, benchmarks, tests).
NAMESPACE_OF_CHANNEL = MappingProxyType({
    "web": "web",  # issued by the service with an owner secret (`bot.sessions.ownership`)
    "whatsapp": "whatsapp", "telegram": "telegram", "messenger": "messenger",  # signed webhooks
    "rasa-rest": "rest",  # Rasa's REST channel, behind its token
    "rasa": "rasa",  # the Rasa action server
    "terminal": "cli",  # `shopdesk chat` on the operator's machine
})
#: The generator sessions of the panel's suggested replies ("suggest:<id>"); never stored.
SUGGESTION_NAMESPACE = "suggest"
WEB_NAMESPACE = "web"
#: A web session id as the service issues it: "web:" and 24 random URL-safe characters.
WEB_SESSION_ID_PATTERN = r"^web:[A-Za-z0-9_-]{24}$"


def namespace_of(session_id: str) -> str:
    """The namespace an id is in ("web", "whatsapp", ...), or "" for an unprefixed id."""
    prefix, colon, _ = session_id.partition(":")
    known = set(NAMESPACE_OF_CHANNEL.values()) | {SUGGESTION_NAMESPACE}
    return prefix if colon and prefix in known else ""


def reachable_from(session_id: str, channel: str) -> bool:
    """True when a message of ``channel`` may reach the session ``session_id``.

    A namespaced id is reachable only from its own channel; an unprefixed id only from
    channels without a namespace of their own (in-process callers), never from an edge's.
    """
    space = namespace_of(session_id)
    if space:
        return NAMESPACE_OF_CHANNEL.get(channel) == space
    return channel not in ("whatsapp", "telegram", "messenger", "rasa-rest", "rasa")


@dataclass(frozen=True, slots=True)
class ChannelMessage:
    """One shopper message as every edge hands it to `DialogueService`.

    Attributes:
        session_id: The conversation (``whatsapp:<phone>``, ``rest:<sender>``, ``web:<id>``...).
        text: The message as written (checked and stripped by the service).
        channel: Where it came from: web, whatsapp, telegram, messenger, rasa-rest, rasa,
            terminal; it must match the session's namespace (`reachable_from`).
        metadata: What the edge knows besides the text (kept with the session, bounded).
        secret: For a web session: the owner secret the service issued with it (never shown
            in a repr, so never in a log line).
        new: The edge just issued ``session_id`` and ``secret`` (`bot.dialogue.SessionKey`):
            the turn starts the session; otherwise a web session must exist and be the
            secret's.
        received_at: `time.perf_counter()` when the edge got the request (0: when the turn
            starts), so that a turn's time budget counts its wait for a worker.
        client: Who sent it, as the edge knows them, for limits that must outlast a
            conversation (wrong order/email pairs): the web client's address; empty: the
            session's own sender (a messaging-app user, a Rasa sender).
    """

    session_id: str
    text: str
    channel: str = "web"
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    secret: str = field(default="", repr=False)
    new: bool = False
    received_at: float = field(default=0.0, compare=False)
    client: str = ""

#: Who wrote a transcript entry: the shopper, the bot, a human agent, or the service itself.
ROLES = ("user", "assistant", "agent", "system")


@dataclass(frozen=True, slots=True)
class Citation:
    """A knowledge-base passage or product a reply used, to show as its source."""

    id: str
    title: str
    url: str = ""
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class ProductCard:
    """What a chat surface shows for one product; ``currency`` is the store's (ISO 4217, ""
    when it names none), so every edge prints the store's own prices."""

    sku: str
    name: str
    price: float
    special_price: float | None = None
    url_key: str = ""
    image: str = ""
    in_stock: bool = True
    sizes: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    currency: str = ""

    @classmethod
    def of(cls, product: Product, currency: str | None = None) -> "ProductCard":
        """The product as a chat surface shows it, priced in the store's ``currency``."""
        return cls(product.sku, product.name, product.price, product.special_price,
                   product.url_key, product.image, product.available, tuple(product.sizes),
                   tuple(product.colors), currency or "")

    def price_text(self) -> str:
        """"€36.00", "£29.00 (was £45.00)"; a zero price is "price on request", never free."""
        if self.price <= 0:
            return "price on request"
        text = format_money(self.price, self.currency)
        if self.special_price is not None and self.special_price < self.price:
            text = (f"{format_money(self.special_price, self.currency)} "
                    f"(was {format_money(self.price, self.currency)})")
        return text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ProductCard":
        return cls(**{**data, "sizes": tuple(data.get("sizes", ())),
                      "colors": tuple(data.get("colors", ()))})


@dataclass(frozen=True, slots=True)
class Reply:
    """The bot's answer to one shopper message.

    Attributes:
        text: What the shopper reads ("" when a human agent owns the conversation).
        citations: Sources of the text's claims, in the order cited.
        products: Product cards to show under the text.
        quick_replies: Suggested next messages, shown as buttons.
        handoff: True when the conversation is (now) with a human agent.
        action: Which action produced it ("answer", "order_status", "handoff", ...).
    """

    text: str
    citations: tuple[Citation, ...] = ()
    products: tuple[ProductCard, ...] = ()
    quick_replies: tuple[str, ...] = ()
    handoff: bool = False
    action: str = "answer"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reply":
        return cls(
            text=data["text"],
            citations=tuple(Citation(**c) for c in data.get("citations", ())),
            products=tuple(ProductCard.from_dict(p) for p in data.get("products", ())),
            quick_replies=tuple(data.get("quick_replies", ())),
            handoff=bool(data.get("handoff", False)),
            action=data.get("action", "answer"),
        )


@dataclass(slots=True)
class TranscriptEntry:
    """One message of a conversation, as stored.

    Attributes:
        role: One of ROLES.
        text: The message text.
        at: Unix time it was written.
        facts: For user entries: the (id, text) facts the generator was given with this turn;
            kept so that past turns render identically and the generator's cache stays valid.
        nlu: For user entries: intent, confidence, out_of_scope, entities, sentiment.
        reply: For assistant entries: the whole reply (citations, cards, quick replies).
    """

    role: str
    text: str
    at: float = field(default_factory=time.time)
    facts: list[tuple[str, str]] = field(default_factory=list)
    nlu: dict[str, Any] | None = None
    reply: dict[str, Any] | None = None

    @property
    def shown_text(self) -> str:
        """What the shopper saw: a reply's text (citation markers removed), or the message."""
        if self.reply and "text" in self.reply:
            return self.reply["text"]
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "at": self.at,
                "facts": [list(f) for f in self.facts], "nlu": self.nlu, "reply": self.reply}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TranscriptEntry":
        return cls(role=data["role"], text=data["text"], at=data.get("at", 0.0),
                   facts=[(f[0], f[1]) for f in data.get("facts", ())],
                   nlu=data.get("nlu"), reply=data.get("reply"))


@dataclass(slots=True)
class Session:
    """Everything the service remembers about one conversation.

    Attributes:
        id: The session id the client chose or was given.
        channel: Where the shopper is ("web", "whatsapp", "telegram", ...).
        transcript: Every message, oldest first.
        slots: Values collected so far ("order_id", "email", "item_sku", "reason", ...).
        flow: The multi-turn action in progress ("order_status", "return", "cancel", ...) or "".
        verified_order: The order id whose email the shopper proved, or "".
        shown_products: Skus of product cards shown, most recent last (for "it", "the blue one").
        handoff_owner: "" while the bot answers; "queue" when waiting for a human; an agent's
            name once a human owns the conversation (the bot then stays quiet).
        failures: Consecutive turns the bot could not answer (low confidence, "I don't know").
        created: Unix time of the first message.
        updated: Unix time of the last change.
        metadata: What the channel passed along (page URL, locale...), bounded by the service.
        state: The dialogue state (`bot.dialogue.state.DialogueState` as a dict): the active
            task and its slots, products in view, language, interrupted tasks, last act.
        owner_digest: For a web session: SHA-256 of the owner secret (the secret itself is
            kept only by the shopper's browser or API client).
        audit: Every change an order action made: {"at", "action", "order", "email" (masked),
            "channel", "detail"}, oldest first (shown in the agent panel).
    """

    id: str
    channel: str = "web"
    transcript: list[TranscriptEntry] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)
    flow: str = ""
    verified_order: str = ""
    shown_products: list[str] = field(default_factory=list)
    handoff_owner: str = ""
    failures: int = 0
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    metadata: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    owner_digest: str = ""
    audit: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "channel": self.channel, "owner_digest": self.owner_digest,
            "audit": [dict(a) for a in self.audit],
            "transcript": [e.to_dict() for e in self.transcript],
            "slots": dict(self.slots), "flow": self.flow, "verified_order": self.verified_order,
            "shown_products": list(self.shown_products), "handoff_owner": self.handoff_owner,
            "failures": self.failures, "created": self.created, "updated": self.updated,
            "metadata": dict(self.metadata), "state": dict(self.state),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Session":
        return cls(
            id=data["id"], channel=data.get("channel", "web"),
            transcript=[TranscriptEntry.from_dict(e) for e in data.get("transcript", ())],
            slots=dict(data.get("slots", {})), flow=data.get("flow", ""),
            verified_order=data.get("verified_order", ""),
            shown_products=list(data.get("shown_products", ())),
            handoff_owner=data.get("handoff_owner", ""), failures=int(data.get("failures", 0)),
            created=data.get("created", 0.0), updated=data.get("updated", 0.0),
            metadata=dict(data.get("metadata", {})), state=dict(data.get("state") or {}),
            owner_digest=data.get("owner_digest", ""),
            audit=[dict(a) for a in data.get("audit", ())],
        )
