"""Wrong order/email pairs counted across conversations: per order number and per email.

A conversation stops looking orders up after a few wrong pairs (`order_verification`), but on
the web a new conversation costs nothing, and a match (the guesser's own order) clears a
conversation's count. So every wrong pair is also counted under the order number and under the
email address it named, in the session store that every service process shares; once either
has `VerificationPolicy.wrong_pairs_per_hour` wrong pairs in its hour, no pair naming it is
looked up, the right one included, until the hour is over. Whether the order exists plays no
part (a number never placed is counted and refused the same), so the refusal tells nothing.
The store keeps digests, not the numbers and addresses themselves.

    attempts = VerificationAttempts(store, per_hour=5)
    attempts.refused("000000111", "guess@example.com")   # False until 5 wrong pairs named either
    attempts.wrong("000000111", "guess@example.com")
"""

from __future__ import annotations

import hashlib

from bot.sessions.base import SessionStore

WINDOW_SECONDS = 3600


class VerificationAttempts:
    """Counts wrong pairs per order number and per email, across conversations.

    Args:
        store: Where the counts live (shared by every process with Redis).
        per_hour: Wrong pairs naming one order number, or one email, allowed in an hour;
            0: no limit across conversations (each conversation's own limit still holds).
    """

    def __init__(self, store: SessionStore, per_hour: int) -> None:
        if per_hour < 0:
            raise ValueError(f"per_hour must be >= 0, got {per_hour}")
        self.store, self.per_hour = store, per_hour

    def refused(self, order_id: str, email: str) -> bool:
        """True when the number or the email has had its wrong pairs this hour."""
        return self.per_hour > 0 and any(self.store.counted(key) >= self.per_hour
                                         for key in _keys(order_id, email))

    def wrong(self, order_id: str, email: str) -> None:
        """Count one wrong pair against both its number and its email."""
        if self.per_hour > 0:
            for key in _keys(order_id, email):
                self.store.count(key, WINDOW_SECONDS)


def _keys(order_id: str, email: str) -> tuple[str, str]:
    """The count keys of a pair: "#101", " 000000101" and "101" name one order; emails ignore
    case and spaces (as the order backends compare them)."""
    number = str(order_id or "").strip().lstrip("#").strip().casefold()
    number = (number.lstrip("0") or number) if number.isdigit() else number
    address = str(email or "").strip().casefold()
    return (f"wrong-pairs:order:{_digest(number)}", f"wrong-pairs:email:{_digest(address)}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
