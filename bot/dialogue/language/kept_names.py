"""The store's names that a reply to another language keeps as the store wrote them.

Products, their units of sale, shipping methods' labels and promotions are the store's data, not the assistant's
words: translated by the rows of `translations` they came out half changed ("estándar Shipping"
from a method labelled "Standard Shipping"). A reply holds them out while it is put in the
shopper's language and gets them back unchanged, framed by the translated sentence around them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb import KnowledgeBase

_HELD = 0xF000  # private-use characters (to U+F8FF) stand for the names held out (not word characters)


def store_names(kb: KnowledgeBase) -> tuple[str, ...]:
    """The store's names a reply keeps as written: products, shipping method labels, promotions,
    and a unit of sale of more than one word ("case of 24 x 12 oz bottles")."""
    names = [p.name for p in kb.products] + [p.unit for p in kb.products if len(p.unit.split()) > 1]
    if kb.shipping is not None:
        names += [m.label for m in kb.shipping.method_details] + [r.label for r in kb.shipping.rates]
    if kb.promotions is not None:
        names += [p.name for p in kb.promotions.promotions]
    return tuple(n for n in dict.fromkeys(names) if n and n.strip())


@lru_cache(maxsize=16)
def pattern(names: tuple[str, ...], min_length: int = 0, flags: int = 0) -> re.Pattern | None:
    """The names as whole words, longest first so "Hoodie with Logo" is found whole before
    "Hoodie"; only names longer than ``min_length``; None when there are none."""
    ordered = sorted((n for n in names if len(n) > min_length), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", flags) if ordered else None


def hold(text: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """The text with each name in it replaced by one placeholder character, and the names held."""
    found = pattern(names) if names else None
    if found is None:
        return text, []
    held: list[str] = []

    def mark(match: re.Match) -> str:
        held.append(match.group())
        return chr(_HELD + len(held) - 1)

    return found.sub(mark, text), held


def release(text: str, held: list[str]) -> str:
    """The held names back in their places."""
    if not held:
        return text
    return re.sub(f"[{chr(_HELD)}-{chr(0xF8FF)}]",
                  lambda m: held[ord(m.group()) - _HELD] if ord(m.group()) - _HELD < len(held) else m.group(), text)
