"""The one order-verification rule: an order is named only when its number and email match.

Wrong pairs are counted in the conversation's own session (slot ``verify_failures``), never in
a client-held slot a conversation could reset; after `MAX_VERIFY_ATTEMPTS` of them no more
orders are looked up in that conversation. The widget's order flows and the Rasa order-status
action both go through `verify`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.orders import OrderBackend
from kb.types import Order

from bot.types import Session

#: Wrong id/email pairs allowed before a human takes over (and before guessing gets tedious).
MAX_VERIFY_ATTEMPTS = 3
FAILURES_SLOT = "verify_failures"


def failures(session: Session) -> int:
    """Wrong order/email pairs given in this conversation since the last match."""
    return int(session.slots.get(FAILURES_SLOT, "0"))


def locked(session: Session) -> bool:
    """True when this conversation may look up no more orders."""
    return failures(session) >= MAX_VERIFY_ATTEMPTS


def verify(session: Session, orders: OrderBackend, order_id: str, email: str) -> Order | None:
    """The order matching both, recorded as the session's verified order; None counts a failure.

    Args:
        session: The conversation (its failure count and verified order are updated).
        orders: The store's order backend.
        order_id: The order number the shopper gave.
        email: The email address the shopper gave.

    Returns:
        The order, or None when no order has both (whichever was wrong: nothing leaks).
    """
    order = orders.find(order_id, email)
    if order is None:
        session.slots[FAILURES_SLOT] = str(failures(session) + 1)
        session.verified_order = ""
        return None
    session.slots.pop(FAILURES_SLOT, None)
    session.verified_order = order.id
    return order


@dataclass(frozen=True, slots=True)
class OrderCheck:
    """The outcome of one verification: the order, or why none is named."""

    order: Order | None
    locked: bool = False  # too many wrong pairs: nothing was looked up
