"""A shopper's follow-up that changes the last product search: a new price limit, colour,
department or size ("under 30?", "for women actually", "need xs tho"), or another kind of goods
("actually a duffle"). `Conversation.expand` joins such a message to the search before it; the
helpers here say what a follow-up holds and what of the old search it keeps.
"""

from __future__ import annotations

import re

from bot.dialogue import cues, written_replies
from bot.dialogue.products.catalog_terms import without_spoken_sizes

#: Words that deny, kept out of a correction's lead-in ("no wait, for him" keeps its "no").
_DENIALS = frozenset({"no", "nope", "nah", "not"})
#: Words a search's new limit comes with that ask nothing else ("for women actually", "in black?",
#: "men's version?")
_LIMIT_WORDS = frozenset("for in any ones one only instead then maybe what about how got have do you something "
                         "anything ok pls please rather size sz need i tho though version versions equivalent".split())
#: Words of a limit's message that name nothing to search for ("need xs tho"): left out of the
#: joined search, where they would be read as goods.
_FILLERS = frozenset("need tho though rather version versions equivalent".split())


def only_limits(text: str, sizes: tuple[str, ...] = ()) -> bool:
    """A message that is a new limit alone ("under 30?", "for women actually", "in black?", "need
    xs tho"): its price limit, colour, department and the catalog sizes it names taken out, only
    words that ask nothing are left."""
    rest = written_replies.without_department(cues.COLOUR.sub(" ", cues.PRICE_LIMIT.sub(" ", text)))
    return not set(cues.words(without_sizes(rest, sizes))) - cues.NO_ASK - _LIMIT_WORDS


def without_sizes(text: str, sizes: tuple[str, ...]) -> str:
    """The text with the catalog sizes it names left out ("mens tees in xl" -> "mens tees in")."""
    for size in sizes:
        text = re.sub(rf"(?<![\w$]){re.escape(size)}(?![\w$])", " ", text, flags=re.I)
    if sizes:  # "size small": the catalog's S said in words
        text = without_spoken_sizes(text)
    return " ".join(text.split())


def without_hedges(text: str) -> str:
    """A correction's new words without its lead-in and fillers ("sorry i meant womens" ->
    "womens", "need xs tho" -> "xs", "hmm actually make it under 25" -> "under 25")."""
    # "make it under 25", "change that to blue": the verb of the change names nothing to search for
    words = re.sub(r"\bi (meant|mean|wanted)\b|\b(make|change|switch) (it|that|this|them)( to)?\b", " ", text,
                   flags=re.I).split()
    bare = [w.lower().strip(",.!?") for w in words]
    # the lead-in only ("no wait, for him" -> "no for him"): "the blue one" keeps its "one"
    lead = next((i for i, w in enumerate(bare) if w not in cues.NO_ASK and w not in _DENIALS), len(words))
    return " ".join(w for i, w in enumerate(words)
                    if (i >= lead or bare[i] not in cues.NO_ASK) and bare[i] not in _FILLERS)


def another_kind(searched: str, reading: str) -> str:
    """"actually a duffle" after a gym bag under 35: a search for the kind now named, under the
    last search's price limit and for its department where the correction names none."""
    # a denial before the new kind denies the old one ("no wait, hoodies"): not a word to search
    question = re.sub(r"^(?:no+|nope|nah)\b\W*", "", without_hedges(reading), flags=re.I).strip(" ?!.")
    limit = cues.PRICE_LIMIT.search(searched)
    if limit and not cues.PRICE_LIMIT.search(reading):
        question += " " + limit.group(0).strip()
    department = written_replies.department(searched)
    if department and not written_replies.department(reading):
        question = f"{department.lower()}s {question}"
    return question
