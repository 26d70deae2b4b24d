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
