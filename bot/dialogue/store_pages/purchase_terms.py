"""Questions on the terms of buying, not on goods: whether one may buy from where one is ("im in
germany can i even buy music from u"), and what a buyer may do with what was bought ("can i use a
song i buy off u in my youtube vid"). Both name a kind of goods the catalog has ("music", "song"),
so the intent model and the goods cues read them as a product search, and the shopper got a list
of tracks; the store's pages (where it sells, the licence of a purchase) answer them.

Nothing here names one store's words: the cues are how anyone asks whether buying is allowed.
"""

from __future__ import annotations

import re

# "can i (even) buy", "could we order", "may i purchase": asking leave to buy, not for goods
_MAY_BUY = re.compile(r"\b(?:can|could|may) (?:i|we) (?:even |still |also |actually |really )?"
                      r"(?:buy|order|purchase|shop)\b", re.I)
# the buyer somewhere else: "i'm in germany", "i live outside the us", "from abroad", "internationally"
_ELSEWHERE = re.compile(r"\b(?:i'?m|i am|we'?re|we are|i live|we live|living|based|located|staying)\s+"
                        r"(?:in|outside|abroad|overseas)\b|\boutside (?:of )?(?:the )?(?:us|usa|states|uk|eu|"
                        r"europe|country)\b|\b(?:from|in) (?:abroad|overseas|another country)\b|"
                        r"\binternational(?:ly)?\b", re.I)
# "can i use", "am i allowed to share", "can we resell": doing something with goods
_MAY_USE = re.compile(r"\b(?:can|could|may) (?:i|we) (?:legally )?(?:use|share|copy|resell|sell|lend|play|burn|"
                      r"upload|post)\b|\b(?:am i|are we) allowed to (?:use|share|copy|resell|sell|lend|play|burn|"
                      r"upload|post)\b", re.I)
# ... with what the shopper buys or bought: "a song i buy off u", "my purchases", "what i bought"
_BOUGHT = re.compile(r"\b(?:i|we) (?:buy|bought|purchase|purchased|order|ordered|download|downloaded)\b|"
                     r"\bmy (?:purchases?|downloads?)\b", re.I)


def asks(text: str) -> bool:
    """The message asks whether one may buy from where one is, or what one may do with what one
    bought: a question for the store's pages, not a product search."""
    return bool((_MAY_BUY.search(text) and _ELSEWHERE.search(text))
                or (_MAY_USE.search(text) and _BOUGHT.search(text)))
