"""Errors of the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass


class KbError(Exception):
    """Base of the knowledge base's errors."""


class StoreDataError(KbError, ValueError):
    """A store folder or data file cannot be used at all (missing, unreadable, empty)."""


class UnknownProduct(KbError, KeyError):
    """No product has that sku."""

    def __str__(self) -> str:  # KeyError would print the repr of the key only
        return f"no product with sku {self.args[0]!r}"


class OrderNotFound(KbError, LookupError):
    """No order matches both the order number and the email given.

    The message never says which of the two was wrong, so it cannot be used to probe for
    valid order numbers.
    """

    def __init__(self, message: str = "no order matches that order number and email") -> None:
        super().__init__(message)


class OrderSystemUnavailable(KbError):
    """The order system cannot answer now (down, timing out, rate limiting past our retries,
    or refusing our credentials); the HTTP layer maps it to 503. The message says which system
    and why, and never holds a token or a shopper's data."""


class OrderActionRefused(KbError):
    """A verified order cannot take this action in its current state; the message says why."""


class OrderNotCancellable(OrderActionRefused):
    """The order has left the warehouse (or is already canceled)."""


class OrderNotChangeable(OrderActionRefused):
    """The order's shipping address can no longer be changed."""


class ReturnNotAllowed(OrderActionRefused):
    """The item cannot be returned: not delivered, outside the window, not in the order..."""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row or file that was skipped while importing a store; the rest still loads."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"
