"""The store's return window, so code decides eligibility.

It comes from the store's settings file (``kb.store_settings``) or, without one, from the
returns page. The Luma page says "Merchandise must be returned within 30 days of receipt of merchandise";
the number is read from that sentence, so a store that changes its page changes the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from kb.errors import StoreDataError
from kb.types import Article, Passage

_WINDOW = re.compile(r"\bwithin\s+(?P<days>\d{1,3})\s+days\s+of\s+(?:the\s+)?"
                     r"(?:receipt|delivery|receiving)", re.I)


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    """How long after delivery an item may be returned, and the page that says so.

    ``conditions_text`` is the passage's text (unworn, unwashed, tags attached...), for a
    reply to quote; ``passage_id`` is its citation. A store's settings file may add the
    conditions one by one, the refund methods ("original payment", "store credit") and who
    pays the return shipping ("customer" or "store"); each is empty/None when not stated.
    """

    window_days: int
    passage_id: str
    conditions_text: str
    conditions: tuple[str, ...] = ()
    refund_methods: tuple[str, ...] = ()
    return_shipping_paid_by: str | None = None

    @classmethod
    def from_passage(cls, passage: Passage) -> "ReturnPolicy":
        """Read the window from a sentence like "within 30 days of receipt".

        Raises:
            StoreDataError: the passage states no return window.
        """
        match = _WINDOW.search(" ".join(passage.text.split()))
        if match is None:
            raise StoreDataError(f"{passage.id}: no return window found; expected a sentence "
                                 "like 'returned within 30 days of receipt'")
        return cls(int(match.group("days")), passage.id, passage.text)

    def deadline(self, delivered: date) -> date:
        """The last day a return is accepted for an order delivered on ``delivered``."""
        return delivered + timedelta(days=self.window_days)

    def allows(self, delivered: date, today: date) -> bool:
        """Whether an item delivered on ``delivered`` may still be returned on ``today``."""
        return today <= self.deadline(delivered)


def find_return_policy(articles: Iterable[Article]) -> ReturnPolicy | None:
    """The window from the first shopper policy passage that states one, or None."""
    for article in articles:
        if article.type != "policy" or article.audience != "shopper":
            continue
        for passage in article.passages:
            if _WINDOW.search(" ".join(passage.text.split())):
                return ReturnPolicy.from_passage(passage)
    return None
