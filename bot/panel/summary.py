"""A short summary of a conversation for the human agent who picks it up.

Built by code from the transcript and what NLU recorded for each shopper message, not by the
generator: the agent acts on it (looks up that order, answers that complaint), so an order id
or a reason must be exactly what the conversation holds. The 0.5B model misreads numbers
even when they are in front of it (see "Grounding with a small model" in docs/ARCHITECTURE.md),
and a summary the agent cannot trust is worse than none. Reading the stored NLU is also instant,
while generating would keep the agent waiting on the same CPU that answers shoppers.
"""

from __future__ import annotations

from collections.abc import Callable
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise


from bot.types import Session, TranscriptEntry

#: Intents that say nothing about what the shopper needs.
_SMALL_TALK = frozenset({"greeting", "thanks", "goodbye"})
_ARROW = " → "


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """What a conversation is about, in a few fields.

    Attributes:
        asked: What the shopper asked about: intents in the order first seen, with counts
            ("track order ×2"); out-of-scope messages count as "other".
        last_message: The shopper's newest message.
        orders: Order ids the shopper gave.
        products: Names of the products the shopper named or asked about.
        handoff: Why the conversation went to a person (the latest reason), or "".
        sentiment: The shopper's tone over the conversation, "neutral → negative"; repeats
            collapsed.
        owner: Who has the conversation: "bot", "queue" or the agent's name.
    """

    asked: tuple[str, ...]
    last_message: str
    orders: tuple[str, ...]
    products: tuple[str, ...]
    handoff: str
    sentiment: str
    owner: str

    def lines(self) -> list[str]:
        """The summary as short lines of text, empty parts left out."""
        parts = [("Asked about", ", ".join(self.asked)), ("Last message", self.last_message),
                 ("Orders", ", ".join(self.orders)), ("Products", ", ".join(self.products)),
                 ("Handoff", self.handoff), ("Sentiment", self.sentiment), ("With", self.owner)]
        return [f"{label}: {value}" for label, value in parts if value]

    def to_dict(self) -> dict:
        return {"asked": list(self.asked), "last_message": self.last_message,
                "orders": list(self.orders), "products": list(self.products),
                "handoff": self.handoff, "sentiment": self.sentiment, "owner": self.owner,
                "lines": self.lines()}


def summarize(session: Session, product_name: Callable[[str], str | None]) -> ConversationSummary:
    """Summarize a conversation from its transcript's stored NLU (see the module docstring).

    Args:
        session: The conversation.
        product_name: A sku's product name (None when the catalog no longer has it).
    """
    shopper = [e for e in session.transcript if e.role == "user" and e.nlu]
    intents: Counter[str] = Counter()
    orders: dict[str, None] = {}
    skus: dict[str, None] = {}
    for entry in shopper:
        nlu = entry.nlu or {}
        intent = "other" if nlu.get("out_of_scope") else nlu.get("intent", "other")
        if intent not in _SMALL_TALK:
            intents[intent] += 1
        entities = nlu.get("entities", {})
        orders.update(dict.fromkeys(entities.get("order_ids", ())))
        skus.update(dict.fromkeys(p["sku"] for p in entities.get("products", ())))
    if session.slots.get("order_id"):
        orders[session.slots["order_id"]] = None
    asked = tuple(f"{name.replace('_', ' ')}" + (f" ×{count}" if count > 1 else "")
                  for name, count in intents.items())
    last = next((e.text for e in reversed(session.transcript) if e.role == "user"), "")
    return ConversationSummary(
        asked=asked, last_message=last, orders=tuple(orders), products=_names(product_name, skus),
        handoff=_handoff_reason(session.transcript), sentiment=_trend(shopper),
        owner=session.handoff_owner or "bot")


def _names(product_name: Callable[[str], str | None], skus: dict[str, None]) -> tuple[str, ...]:
    # a sku the catalog no longer has (it changed since the message) shows as itself
    return tuple(dict.fromkeys(product_name(sku) or sku for sku in skus))


def _handoff_reason(transcript: list[TranscriptEntry]) -> str:
    """The latest reason a turn handed the conversation to a person."""
    reason = ""
    for entry, after in pairwise(transcript):
        if entry.role != "user" or not entry.nlu:
            continue
        action = entry.nlu.get("action", "")
        if action == "handoff":
            reason = entry.nlu.get("reason", "") or "handoff"
        elif (action != "quiet" and after.role == "assistant"
              and (after.reply or {}).get("handoff")):
            reason = (f"the bot could not help ({action.replace('_', ' ')}: "
                      f"{(after.reply or {}).get('action', '').replace('_', ' ')})")
    return reason


def _trend(shopper: list[TranscriptEntry]) -> str:
    labels = [(e.nlu or {}).get("sentiment", {}).get("label", "") for e in shopper]
    steps = [label for i, label in enumerate(labels) if label and (i == 0 or label != labels[i - 1])]
    return _ARROW.join(steps)
