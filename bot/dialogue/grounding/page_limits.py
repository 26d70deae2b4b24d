"""A page's limit on the thing a yes/no question asks of, quoted where the model's reply failed.

"will ur guys carry the large cabinet up to my 3rd floor flat, theres no lift" (the page: "A
two-person team carries your furniture to the room you choose (stairs included, up to the 4th
floor without a lift), ..."): the small model answers such a question with a "yes" or a "no" the
guard refuses, and no sentence is close enough in meaning to stand in its place, so the shopper
got "not sure" while the page states the rule. The rule is a sentence that limits (only, not,
without, too ... for) and holds a word of the question few of the store's sentences hold
("floor") and a second word of it ("carry"), read with the sentence after it when that one goes
on about the same thing ("Lumber ... are too heavy for a parcel. They travel only on the van");
a question offering two ways ("is virtual home staging done at my place or online?") is
answered alike by the sentence that names the thing and one of the ways ("... take place online
by video call"). One rare word alone is too little: "can u deliver plywood to spokane" or "will
the van guy carry the drywall up the stairs" stay "not sure" (a looser reading quoted rules for
questions the pages are silent on).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from models import Fact

from bot.dialogue.grounding import relevance
from bot.dialogue.grounding.denials import NEGATION

#: What a rule's sentence says to limit a thing: "only", a negation, "too heavy for a parcel".
LIMIT = re.compile(r"\bonly\b|\btoo\s+\w+(?:\s+or\s+too\s+\w+)?\s+for\b|" + NEGATION.pattern, re.I)
#: A sentence that goes on about the thing of the one before it ("They travel only on the van").
_GOES_ON = re.compile(r"^(?:they|these|those|it|this|such\s+\w+)\b", re.I)
#: Shoppers' verbs for sending goods, read as the pages' delivery words ("can you send wine").
_SENDING = re.compile(r"\b(?:send|sent|sending|post|posted|mail|mailed|courier\w*|bring|brings)\b", re.I)
#: A procedure or a condition, not a rule on the thing: "Tell us within 24 hours about anything
#: damaged, missing or not cold" says what to do when goods come warm, not whether they stay cold.
_PROCEDURE = re.compile(r"^(?:please\s+)?(?:(?:tell|contact|email|e-mail|send|call|phone|write|let)\s+us|if|unless)\b",
                        re.I)
#: A question offering two ways, with the words on each side of its "or".
_CHOICE = re.compile(r"(?P<before>(?:[\w'-]+\W+){1,3})or\s+(?P<after>(?:[\w'-]+\W*){1,3})", re.I)
#: A yes/no question: an auxiliary and who or what it asks of ("can u deliver", "will the van
#: guy", "i live in austria, can i still buy"), not a statement or a question for a thing
#: ("max load per shelf on the white bookshelf?").
_AUX = r"(?:can|could|do|does|did|will|would|is|are|may|should|shall)\s+"
YES_NO = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so|and|btw)\W+)?" + _AUX + r"\w"
                    r"|(?:[,.!?;]\s*|\b(?:and|so|but|then)\s+)" + _AUX +
                    r"(?:i|you|u|ya|we|they|he|she|it|the|my|ur|your|someone|somebody)\b", re.I)
#: At most this many rules are quoted: a question may ask of two things ("drywall", "stairs").
MOST = 2


def rules(question: str, facts: Sequence[Fact], passage_text: Callable[[str], str],
          rare: set[str] = frozenset()) -> list[tuple[str, str]]:
    """The page rules (fact id, text) that limit what a yes/no question asks of, best first.

    Args:
        question: The shopper's message.
        facts: The turn's facts, closest first (their ids are passage ids).
        passage_text: A passage's whole text by its id ("" when unknown), to read a chosen
            sentence with the one after it.
        rare: The question's words that few of the store's sentences hold.

    Returns:
        Up to MOST (fact id, rule text) pairs; empty for a question for a thing ("what ...",
        "how ...") or where no sentence both limits and names a thing the question names.
    """
    if relevance.is_wh_question(question) or not YES_NO.search(question):
        return []
    asked = relevance.question_words(_as_delivery(question))
    things = {w for w in asked if not relevance.is_shop_topic(w)}
    if not things:
        return []
    choices = _choices(question)
    found: list[tuple[str, str]] = []
    for fact in facts:
        for unit in _units(passage_text(fact.id) or fact.text):
            if not (LIMIT.search(unit) or _picks(unit, choices)) or _PROCEDURE.match(unit) \
                    or any(unit == text for _, text in found):
                continue
            # the thing's own word, not a longer one it starts ("book" is no "bookshelf")
            held = things & relevance.sentence_words(unit)
            # a thing few sentences name singles the rule out, and a second word of the question
            # ("deliver", "floor") says it is the rule asked of: a returns rule on wine, or one
            # rare word alone, answered questions the pages are silent on
            if held & rare and relevance.shared_words(_as_delivery(unit), _as_delivery(question)) >= 2:
                found.append((fact.id, unit))
    return found[:MOST]


def _choices(question: str) -> set[str]:
    """The content words on either side of the "or" of a question offering two ways ("done at
    my place or online?": place, online); empty without one."""
    found = _CHOICE.search(question)
    if not found:
        return set()
    return set(relevance.question_words(f"{found.group('before')} {found.group('after')}"))


def _picks(unit: str, choices: set[str]) -> bool:
    """The sentence names one of the ways the question offers (it says which holds)."""
    return any(relevance.shared_words(unit, w) for w in choices)


def _as_delivery(text: str) -> str:
    """The text with shoppers' sending verbs read as "deliver" (a shop word of one topic)."""
    return _SENDING.sub("deliver", text)


def _units(text: str) -> list[str]:
    """A passage's sentences, each read with the ones after it that go on about its thing."""
    sentences = [s.strip() for s in relevance.SENTENCE_BREAK.split(text) if s.strip()]
    units: list[str] = []
    for sentence in sentences:
        if units and _GOES_ON.match(sentence):
            units[-1] = f"{units[-1]} {sentence}"
        else:
            units.append(sentence)
    return units
