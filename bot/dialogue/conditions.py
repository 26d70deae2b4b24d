"""Conditional return policies: "can I return it if I washed it?", "do I get cash back for a
gift?", "used it once and it broke". The answer is the store's own sentences that state the
condition asked about (unworn / unwashed / defective, tags and packaging, gifts refunded by gift
card or check, fees), cited, not the sentence that merely shares the most words.

The concepts are plain English words for an item's condition, matched against any store's
return pages; nothing here names one store's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact

from bot.dialogue.facts import split_sentences

CONDITIONS = "return_conditions"

# concept -> (how a shopper says it, the stems a policy sentence about it holds)
_CONCEPTS = {
    "worn": (r"\b(wore|worn|wear\w*|used|tried (it |them )?on)\b", ("worn", "used", "wear")),
    "washed": (r"\b(wash\w*|laundered|dried)\b", ("wash",)),
    "defective": (r"\b(broke|broken|holes?|ripped|rip|torn|tear|defect\w*|faulty|damaged?|"
                  r"stopped working|doesn'?t work|arrived (with|broken|damaged))\b", ("defect", "damag", "faulty")),
    "tags": (r"\b(tags?|labels?|packaging|box|original package)\b", ("tags", "packag")),
    "gift": (r"\b(gift\w*|present)\b", ("gift",)),
    "fee": (r"\b(fees?|restock\w*|charged?)\b", ("fee",)),
}
_RETURN = re.compile(r"\b(return\w*|send (it|them|something|stuff) back|refund\w*|exchange|money back|"
                     r"cash back)\b", re.I)
_QUESTION = re.compile(r"\?|\b(can|could|do|does|will|would|if|how|is|are)\b", re.I)


def asked(text: str) -> list[str]:
    """The conditions a return question names (empty: not a conditional return question)."""
    if not (_RETURN.search(text) and _QUESTION.search(text)):
        return []
    return [concept for concept, (said, _) in _CONCEPTS.items() if re.search(said, text, re.I)]


def sentences(passages: Sequence[Fact], concepts: Sequence[str], limit: int = 3) -> list[Fact]:
    """The passages' sentences that state one of the concepts, as facts under their passage id
    (in the passages' order, then reading order)."""
    stems = [s for c in concepts for s in _CONCEPTS[c][1]]
    found: dict[str, list[str]] = {}
    count = 0
    for passage in passages:
        if not _RETURN.search(passage.text):
            continue  # only the store's return pages state return conditions
        for sentence in split_sentences(passage.text):
            if count < limit and any(stem in sentence.lower() for stem in stems):
                found.setdefault(passage.id, []).append(sentence)
                count += 1
    return [Fact(fact_id, " ".join(parts)) for fact_id, parts in found.items()]


def reply_text(facts: Sequence[Fact]) -> str:
    """The reply: the store's sentences on the conditions, as they are written."""
    return "Our return policy says: " + " ".join(f.text for f in facts)
