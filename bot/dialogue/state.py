"""The dialogue state: what the conversation is about, kept with the session between turns.

The classifier reads one message; follow-ups ("and overnight?", "which of those is cheapest?",
"its 310.50") only make sense against what came before. `DialogueState` holds it, typed:
the shipping quote's slots, the products in view and the one in focus, the policy topic, the
shopper's language, a stack of interrupted tasks (answer the digression, then resume and
re-ask), and the bot's last act. The order task's slots stay in `Session.slots`/`Session.flow`
(the order flows own them); `summary()` shows both for the agent panel.

Stored as a plain dict in `Session.state`, so the session store needs no change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.types import Session

#: Products kept in view (the newest list of cards; "those", "the first one").
MAX_IN_VIEW = 6


@dataclass(slots=True)
class QuoteSlots:
    """A shipping quote's slots; each turn replaces only what it names."""

    subtotal: float | None = None
    method: str | None = None
    region: str | None = None
    #: the parcel weight in the table's weight unit, for rates priced by weight
    weight: float | None = None
    #: the product whose count the subtotal is ("2 hero hoodies"), so "make it 4" counts it again
    goods: str = ""


@dataclass(slots=True)
class DialogueState:
    """What the conversation is about (see the module docstring).

    Attributes:
        task: The active task: "shipping_quote", "products", an order flow, "policy" or "".
        quote: The shipping quote's slots.
        in_view: Skus of the latest product cards, in the order shown.
        focus: The product the conversation is about now ("it"), or "".
        filters: The latest product search's constraints (max_price, colors, sizes, department).
        topic: The policy topic last answered (a passage id), or "".
        language: The shopper's language (ISO 639-1), "en" by default.
        stack: Interrupted tasks, newest last (resumed after a digression is answered).
        last_act: The bot's last action ("shipping_quote", "product_search", "ask_email"...).
        orders_seen: Order numbers verified in this conversation (several are fine).
        asked: The last product question (asked again of another product by a correction).
        question: The last message as read ("and exchanges?" is read with it).
        previous: The product in focus before the one in focus now ("which of the two").
    """

    task: str = ""
    quote: QuoteSlots = field(default_factory=QuoteSlots)
    in_view: list[str] = field(default_factory=list)
    focus: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    topic: str = ""
    language: str = "en"
    stack: list[str] = field(default_factory=list)
    last_act: str = ""
    orders_seen: list[str] = field(default_factory=list)
    asked: str = ""
    question: str = ""
    previous: str = ""
    #: This turn's products named in the message (not stored).
    named: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, session: Session) -> "DialogueState":
        """The session's state (a fresh one for a new or older session)."""
        data = dict(session.state or {})
        quote = QuoteSlots(**data.pop("quote", {}))
        known = {k: v for k, v in data.items() if k in cls.__slots__}
        return cls(quote=quote, **known)

    def save(self, session: Session) -> None:
        session.state = {k: v for k, v in asdict(self).items() if k != "named"}

    def show(self, skus: list[str]) -> None:
        """New cards are now in view; a single card is also the focus."""
        if skus:
            self.in_view = list(dict.fromkeys(skus))[:MAX_IN_VIEW]
            self.focus = skus[0] if len(skus) == 1 else self.focus

    def push(self, task: str) -> None:
        """Suspend a task to answer a digression (resumed by `pop`)."""
        if task and (not self.stack or self.stack[-1] != task):
            self.stack.append(task)
        del self.stack[:-3]

    def pop(self) -> str:
        return self.stack.pop() if self.stack else ""


def summary(session: Session) -> dict[str, Any]:
    """The state as the agent panel shows it: the dialogue state plus the order task."""
    state = asdict(DialogueState.of(session))
    state["order"] = {"flow": session.flow, "order_id": session.slots.get("order_id", ""),
                      "email_given": bool(session.slots.get("email")),
                      "verified": session.verified_order,
                      "awaiting": session.slots.get("awaiting", "")}
    return state
