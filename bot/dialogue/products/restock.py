"""What a product's own record says of more to come, asked when it comes back: a shop that
writes "70 more on order" or "back in stock in May" on the product has answered the shopper,
where a bare "no date" would hide it."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A line that speaks of stock to come: on order, a restock, a back order, when it is due.
_COMING = re.compile(r"\b(?:on order|back[- ]?order\w*|pre-?order\w*|re-?stock\w*|back in stock|"
                     r"in stock again|available again|(?:expected|due|arriv(?:es|ing)) (?:in|on|by|back)\b)",
                     re.I)


def coming_lines(lines: Iterable[str]) -> list[str]:
    """The record's lines that say more is coming, each once, at most two."""
    said = dict.fromkeys(line.strip().rstrip(".") for line in lines if _COMING.search(line))
    return [line for line in said if line][:2]


def out_of_stock_reply(name: str, lines: Iterable[str]) -> tuple[str, bool]:
    """The reply to "when will it be back" of a product out of stock, and whether it admits
    that it does not know: what the record says of more coming, else no date known.

    Args:
        name: The product's name.
        lines: The product's record as lines (`product_answers.record_lines`).
    """
    if said := coming_lines(lines):
        return f"The {name} is out of stock; its details say: {'; '.join(said)}.", False
    return (f"The {name} is out of stock, and I don't have a date for it to come back. "
            "A person from our team can check.", True)
