"""The mutable scratch of one turn, shared by the service and the grounded-reply steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kb import Product
from models import Fact

from bot.dialogue.understanding import Understanding
from bot.types import Session


@dataclass
class Turn:
    """What one turn has found so far: its session, text, NLU, facts, guard outcome."""

    session: Session
    text: str
    nlu: Understanding
    facts: list[Fact] = field(default_factory=list)
    retrieval_s: float = 0.0
    guard: str = ""
    raw_reply: str = ""
    # Index of the shopper's entry already saved by a checkpoint (replaced, not appended).
    saved_at: int | None = None
    #: What the shopper wrote (``text`` is the English reading of another language).
    said: str = ""
    #: The understanding of each part of a message of several questions, made with the message's.
    parts_read: dict[str, Understanding] = field(default_factory=dict)
    #: Who sent it (`ChannelMessage.client`, else the session id): wrong order/email pairs
    #: are counted against them across their conversations.
    client: str = ""

    def show(self, products: Sequence[Product]) -> None:
        """Remember products shown to the shopper, newest last (for "the blue one" later)."""
        shown = self.session.shown_products
        for product in reversed(products):
            if product.sku in shown:
                shown.remove(product.sku)
            shown.append(product.sku)
        del shown[:-20]
