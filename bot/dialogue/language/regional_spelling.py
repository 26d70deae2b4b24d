"""One word spelt the American or the British way, read as the store writes it: a shopper's
"aluminum legs" asks for a chair the store lists with "Aluminium legs", "gray" for "Grey",
"jewelry" for "Jewellery". Neither spelling is a misspelling, so the speller (which changes
only words no dictionary knows) leaves both alone; here a word changes only when the store's
own words hold the other spelling and not the shopper's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: (American, British) spellings of words shoppers use of goods; each is changed either way.
PAIRS = (("aluminum", "aluminium"), ("gray", "grey"), ("color", "colour"), ("colors", "colours"),
         ("jewelry", "jewellery"), ("tire", "tyre"), ("tires", "tyres"), ("center", "centre"),
         ("meter", "metre"), ("meters", "metres"), ("liter", "litre"), ("liters", "litres"),
         ("fiber", "fibre"), ("mold", "mould"), ("favorite", "favourite"), ("pajamas", "pyjamas"),
         ("catalog", "catalogue"), ("cozy", "cosy"), ("theater", "theatre"), ("plow", "plough"))


class RegionalSpelling:
    """The store's spelling of each word of `PAIRS` it writes one way only.

    Args:
        store_words: The words of the store's names, categories and options (any case).
    """

    def __init__(self, store_words: Iterable[str]) -> None:
        words = {w.lower() for w in store_words}
        self.to_store: dict[str, str] = {}
        for american, british in PAIRS:
            if british in words and american not in words:
                self.to_store[american] = british
            elif american in words and british not in words:
                self.to_store[british] = american
        self._pattern = (re.compile(r"\b(" + "|".join(map(re.escape, self.to_store)) + r")\b", re.I)
                         if self.to_store else None)

    def read(self, text: str) -> str:
        """The text with each word the store spells the other way written the store's way
        ("conference chair w/ aluminum legs" -> "... aluminium legs" where the store says Aluminium)."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.to_store[m.group(0).lower()], text)
