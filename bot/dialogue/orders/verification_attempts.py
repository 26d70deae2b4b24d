"""Wrong order/email pairs counted across conversations, so that they stop the guesser and not
the order's owner.

A conversation stops looking orders up after a few wrong pairs (`order_verification`), but on
the web a new conversation costs nothing, and a match (the guesser's own order) clears a
conversation's count. So every wrong pair is also counted, in the session store that every
service process shares, under the client that gave it (a web address, after trusted proxies;
a messaging-app user) and under the order number and the email it named:

- one client, one order number (or one email): past ``per_hour`` that client cannot look that
  number (or email) up, the right pair included, until the hour is over; a new conversation,
  or a match of its own order in between, buys no more guesses;
- one client, anything: past ``client_per_hour`` that client looks nothing up (a scan of many
  numbers with many emails);
- all clients, one order number (or one email): past ``order_per_hour`` (many addresses at one
  order) a client that gave any wrong pair this hour is refused; a client with none, the
  owner's first try from their own device, is still looked up. A guesser with many addresses
  is slowed to one pair per fresh address; nobody can lock an order for its owner.

Whether the order exists plays no part (a number never placed is counted and refused the
same), so a refusal tells nothing. The store keeps digests, not numbers, addresses or emails.

    attempts = VerificationAttempts(store, per_hour=5).for_client("203.0.113.7")
    attempts.refused("000000111", "guess@example.com")   # False until 5 wrong pairs named either
    attempts.wrong("000000111", "guess@example.com")
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.sessions.base import SessionStore

if TYPE_CHECKING:  # (order_verification imports this module)
    from bot.dialogue.orders.order_verification import VerificationPolicy

WINDOW_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class VerificationAttempts:
    """Counts wrong pairs per client, per client and order number or email, and per order
    number or email over all clients.

    Args:
        store: Where the counts live (shared by every process with Redis).
        per_hour: Wrong pairs one client may give naming one order number, or one email, in an
            hour; 0: no limit across conversations at all (each conversation's own still holds).
        client_per_hour: Wrong pairs one client may give in an hour, whatever they name (0: no
            limit).
        order_per_hour: Wrong pairs naming one order number, or one email, from all clients,
            past which only a client without a wrong pair this hour is looked up (0: none).
        client: Whose pairs these are (`for_client`); "" counts every caller as one client.
    """

    store: SessionStore
    per_hour: int
    client_per_hour: int = 0
    order_per_hour: int = 0
    client: str = ""

    def __post_init__(self) -> None:
        for name in ("per_hour", "client_per_hour", "order_per_hour"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")

    @classmethod
    def of(cls, store: SessionStore, policy: VerificationPolicy) -> VerificationAttempts:
        """The counts a verification policy asks for."""
        return cls(store, policy.wrong_pairs_per_hour, policy.client_wrong_pairs_per_hour,
                   policy.order_wrong_pairs_per_hour)

    def for_client(self, client: str) -> VerificationAttempts:
        """The same counts, for the pairs ``client`` gives."""
        return replace(self, client=client)

    def refused(self, order_id: str, email: str) -> bool:
        """True when this client may not look this pair up now."""
        if self.per_hour == 0:
            return False
        keys = _Keys.of(self.client, order_id, email)
        counted = self.store.counted
        if any(counted(key) >= self.per_hour for key in keys.mine):
            return True
        given = counted(keys.client)
        if self.client_per_hour and given >= self.client_per_hour:
            return True
        return bool(self.order_per_hour and given
                    and any(counted(key) >= self.order_per_hour for key in keys.everyone))

    def wrong(self, order_id: str, email: str) -> None:
        """Count one wrong pair against this client, its number and its email."""
        if self.per_hour > 0:
            keys = _Keys.of(self.client, order_id, email)
            for key in (keys.client, *keys.mine, *keys.everyone):
                self.store.count(key, WINDOW_SECONDS)


@dataclass(frozen=True, slots=True)
class _Keys:
    """The count keys of one pair from one client: the client's own, the client's for the
    number and for the email, and everyone's for the number and for the email."""

    client: str
    mine: tuple[str, str]
    everyone: tuple[str, str]

    @classmethod
    def of(cls, client: str, order_id: str, email: str) -> _Keys:
        """"#101", " 000000101" and "101" name one order; emails ignore case and spaces (as
        the order backends compare them)."""
        number = str(order_id or "").strip().lstrip("#").strip().casefold()
        number = (number.lstrip("0") or number) if number.isdigit() else number
        address = str(email or "").strip().casefold()
        who = _digest(client)
        return cls(f"wrong-pairs:client:{who}",
                   (f"wrong-pairs:client-order:{who}:{_digest(number)}",
                    f"wrong-pairs:client-email:{who}:{_digest(address)}"),
                   (f"wrong-pairs:order:{_digest(number)}",
                    f"wrong-pairs:email:{_digest(address)}"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
