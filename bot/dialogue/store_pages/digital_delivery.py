"""How a store that ships nothing gets its goods to the shopper (downloads, codes sent by email,
tickets), said from its own pages when a shopper asks about shipping, delivery or a parcel.

A store without a shipping section whose pages say that nothing is posted ("Everything at Chinook
is a download ... nothing is ever posted or couriered to you: your purchase appears in your
library the moment the payment goes through") was answered with whatever page sentence stood
nearest in words (its tax sentence for "how much to ship to toronto", a product called "My Ship"
for "when do they ship out"). A shipping question of such a store has one true answer: how its
goods come instead. Nothing here applies to a store with a shipping table, or to one whose pages
don't say that nothing ships.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact

from bot.dialogue.grounding.facts import split_sentences

# A page's sentence that nothing is sent by post or carrier, or that every good is digital:
# "nothing is ever posted or couriered to you", "we don't ship physical goods", "everything at X
# is a download", "downloads only", "there is nothing to ship"
_SHIPS_NOTHING = re.compile(
    r"\bnothing\s+(?:is\s+|gets\s+|will\s+be\s+)?(?:ever\s+)?(?:posted|shipped|mailed|couriered|sent\s+by\s+post)\b"
    r"|\b(?:don'?t|do\s+not|never|doesn'?t|does\s+not)\s+(?:ship|post|mail)\b(?!\s+to\b)"
    r"|\beverything\b[^.]{0,40}\bis\s+(?:an?\s+)?(?:download|digital|e-?ticket|e-?book)s?\b"
    r"|\b(?:downloads?|digital)\s+only\b|\bnothing\s+to\s+ship\b|\bno\s+(?:physical\s+(?:goods|products|items)|"
    r"shipping\s+(?:is\s+)?(?:needed|required))\b", re.I)
# How the goods come instead, said in the same passage: "your purchase appears in your library",
# "sent to your email", "available to download straight away"
_HOW_IT_COMES = re.compile(r"\b(?:appears?\s+in\s+your\s+(?:library|account)|(?:sent|emailed)\s+to\s+(?:you|your)|"
                           r"(?:available|ready)\s+to\s+download|download\s+(?:link|it)\b|instantly|straight\s+away|"
                           r"the\s+moment)\b", re.I)

# A shopper asking how or when goods come: shipping, delivery, postage, a parcel, tracking, "when
# will i get it", "when do they ship out", "can i pick up a cd at your office"
_ASKS = re.compile(
    r"\b(?:ship(?:s|ped|ping)?|deliver(?:y|ed|ies)?|postage|courier\w*|parcel|package|tracking|track\s+(?:my|the|it)|"
    r"dispatch\w*|pick(?:ing)?\s*-?\s*up|collect)\b|\bwhen\s+(?:will|do|does|can|would)\s+(?:i|we)\s+(?:get|receive)\b"
    r"|\bhow\s+(?:long|soon|quick\w*|fast)\b[^.?!]*\b(?:get|receive)\b", re.I)
# ... not a refund's or a reply's time ("how long till i get my refund", "when will i get an answer")
_NOT_GOODS = re.compile(r"\b(?:refund\w*|money|credit|reply|answer|response|e-?mail\s+back)\b", re.I)


def asks(text: str) -> bool:
    """Whether a message asks how or when its goods come (shipping, delivery, a parcel)."""
    return bool(_ASKS.search(text)) and not _NOT_GOODS.search(text)


def sentences(passages: Sequence[Fact]) -> list[Fact]:
    """The pages' sentences saying that nothing is shipped, with those of the same passage on how
    the goods come instead (empty: the pages don't say that nothing ships)."""
    for passage in passages:
        said = split_sentences(passage.text)
        if not any(_SHIPS_NOTHING.search(s) for s in said):
            continue
        chosen = [s.strip() for s in said if _SHIPS_NOTHING.search(s) or _HOW_IT_COMES.search(s)]
        return [Fact(passage.id, " ".join(chosen))]
    return []
