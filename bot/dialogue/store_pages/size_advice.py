"""How to choose a size, asked of a kind of goods rather than one product: "how do i know what size
backpack to get, im 6ft", "what size should i order". The kind named ("backpack") made it a product
search, and the shopper got a list of packs; the store's sizing guide (an FAQ, a size page)
answers it. A question naming one product keeps that product's sizes (`product_variants`).

Nothing here names one store's words: the cue is how anyone asks for sizing help.
"""

from __future__ import annotations

import re

_ASKED = re.compile(r"\bhow (?:do|can|should|would) (?:i|we|you) (?:know|tell|choose|pick|figure out|work out|decide|"
                    r"find out)\b.{0,30}\bsizes?\b|\bwhat size (?:should|do|would) (?:i|we) (?:get|buy|order|choose|"
                    r"pick|go for|need)\b", re.I)


def asks(text: str) -> bool:
    """The message asks how to choose a size (of no product in particular)."""
    return bool(_ASKED.search(text))
