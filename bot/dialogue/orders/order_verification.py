"""The one order-verification rule: an order is named only when its number and email match.

- A match unlocks that one order. Naming another order number asks for its email again (the
  email given for the first never opens the customer's other orders).
- It lapses after `VerificationPolicy.idle_seconds` without use: the number and email are
  forgotten and asked for again.
- Write actions (cancel, address change, return) need a match younger than
  `VerificationPolicy.write_seconds`; an older one is asked for again before anything changes.
- Wrong pairs are counted in the conversation's own session (slot ``verify_failures``), never
  in a client-held slot a conversation could reset; after `MAX_VERIFY_ATTEMPTS` of them no
  more orders are looked up in that conversation. They are also counted across conversations
  per client, per client and order number or email, and per order number or email
  (`verification_attempts`): a pair past those limits is not looked up, and the conversation
  that named it stops as after its own wrong pairs.
- Every change an action makes is recorded (`record_change`) in the session's audit trail and
  the ``shopdesk.audit`` log, with the email masked.

The widget's and messaging apps' order flows and the Rasa order-status action all come here.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from kb.orders import OrderBackend
from kb.types import Order

from bot.dialogue.orders.verification_attempts import VerificationAttempts
from bot.types import Session

#: Wrong id/email pairs allowed before a human takes over (and before guessing gets tedious).
MAX_VERIFY_ATTEMPTS = 3
FAILURES_SLOT = "verify_failures"
#: When the match was made, and when the verified order was last used (Unix times as text).
VERIFIED_AT, USED_AT = "verified_at", "verified_used"

audit_log = logging.getLogger("shopdesk.audit")


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    """How long a verification holds.

    Attributes:
        idle_seconds: Unused this long, a verification lapses.
        write_seconds: Write actions need a match at most this old.
        wrong_pairs_per_hour: Wrong pairs one client may give naming one order number, or one
            email, in an hour across its conversations (0: no limit but each conversation's
            own, and none of the two below).
        client_wrong_pairs_per_hour: Wrong pairs one client may give in an hour (0: no limit).
        order_wrong_pairs_per_hour: Wrong pairs naming one order number, or one email, from
            all clients in an hour, past which only clients without one are looked up (0: none).
    """

    idle_seconds: float = 15 * 60
    write_seconds: float = 5 * 60
    wrong_pairs_per_hour: int = 5
    client_wrong_pairs_per_hour: int = 20
    order_wrong_pairs_per_hour: int = 50

    def __post_init__(self) -> None:
        if self.idle_seconds <= 0 or self.write_seconds <= 0:
            raise ValueError("verification times must be > 0")
        if min(self.wrong_pairs_per_hour, self.client_wrong_pairs_per_hour,
               self.order_wrong_pairs_per_hour) < 0:
            raise ValueError("wrong pairs per hour must be >= 0")


def failures(session: Session) -> int:
    """Wrong order/email pairs given in this conversation since the last match."""
    return int(session.slots.get(FAILURES_SLOT, "0"))


def locked(session: Session) -> bool:
    """True when this conversation may look up no more orders."""
    return failures(session) >= MAX_VERIFY_ATTEMPTS


def forget(session: Session) -> None:
    """Drop the verified order with the number and email that proved it."""
    session.verified_order = ""
    for slot in ("order_id", "email", VERIFIED_AT, USED_AT):
        session.slots.pop(slot, None)


def expire(session: Session, policy: VerificationPolicy, now: float | None = None) -> bool:
    """Forget a verification unused for longer than the policy allows; True when it lapsed."""
    now = time.time() if now is None else now
    used = float(session.slots.get(USED_AT, "0") or 0)
    if session.verified_order and now - used > policy.idle_seconds:
        forget(session)
        return True
    return False


def fresh_for_writes(session: Session, policy: VerificationPolicy,
                     now: float | None = None) -> bool:
    """True when the verification was made recently enough for a write action."""
    now = time.time() if now is None else now
    made = float(session.slots.get(VERIFIED_AT, "0") or 0)
    return bool(session.verified_order) and now - made <= policy.write_seconds


def verify(session: Session, orders: OrderBackend, order_id: str, email: str,
           now: float | None = None, attempts: VerificationAttempts | None = None) -> Order | None:
    """The order matching both, recorded as the session's verified order; None counts a failure.

    Re-checking the order already verified keeps the time of its match (a write action still
    needs a fresh one) and counts as a use.

    Args:
        session: The conversation (its failure count and verified order are updated).
        orders: The store's order backend.
        order_id: The order number the shopper gave.
        email: The email address the shopper gave.
        now: The current Unix time (tests pass one).
        attempts: Wrong pairs across conversations; when the number or the email has had its
            share, nothing is looked up and the conversation is `locked`.

    Returns:
        The order, or None when no order has both (whichever was wrong: nothing leaks).
    """
    now = time.time() if now is None else now
    # (an order this conversation has open stays open: a guesser elsewhere cannot cut it off)
    if attempts is not None and not session.verified_order and attempts.refused(order_id, email):
        session.slots[FAILURES_SLOT] = str(max(failures(session), MAX_VERIFY_ATTEMPTS))
        forget(session)
        return None
    order = orders.find(order_id, email)
    if order is None:
        session.slots[FAILURES_SLOT] = str(failures(session) + 1)
        forget(session)
        if attempts is not None:
            attempts.wrong(order_id, email)
        return None
    session.slots.pop(FAILURES_SLOT, None)
    if session.verified_order != order.id or VERIFIED_AT not in session.slots:
        session.slots[VERIFIED_AT] = repr(now)
    session.verified_order = order.id
    session.slots[USED_AT] = repr(now)
    return order


def record_change(session: Session, action: str, order_id: str, email: str, detail: str,
                  now: float | None = None) -> None:
    """Add a change an action made to the session's audit trail and the audit log."""
    entry = {"at": time.time() if now is None else now, "action": action, "order": order_id,
             "email": mask_email(email), "channel": session.channel, "detail": detail}
    session.audit.append(entry)
    audit_log.info("session %s (%s): %s of order %s for %s: %s", session.id, session.channel,
                   action, order_id, entry["email"], detail)


def mask_email(email: str) -> str:
    """"r***@example.com": enough for an agent to recognise, too little to reuse."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if at else "***"


@dataclass(frozen=True, slots=True)
class OrderCheck:
    """The outcome of one verification: the order, or why none is named."""

    order: Order | None
    locked: bool = False  # too many wrong pairs: nothing was looked up
