"""The questions of one message: where a message asks two things or more ("how long do I have to
return and do you ship on weekends?"), and how a short question leans on the one before it ("how
long does it take", "and to alaska?"). `bot.dialogue.compound` answers the parts one by one.
"""

from __future__ import annotations

import re

from bot.dialogue import cues
from bot.dialogue.language import amounts

# "ive been waiting for weeks", "she said its ok": says more about the question before, asks nothing
_STATEMENT = re.compile(r"^\W*(i|i'?ve|ive|im|i'?m|she|he|we|it'?s|its|thanks?|thank you|pls|please)\b", re.I)
_ASKS = r"(?=(?:do|does|did|can|could|is|are|what|whats|what's|how|where|when|which|will|who|why)\b)"
# A question mark, a new line, a ";", a joining word ("and", "&", "+", "/") or an emoji before a second question word ("whats
# ur phone 😅 how much is shipping", "... btw how long ..."): a second question, even without its "?".
_SPLIT = re.compile(r"\?\s+(?=\S)|\s*(?:\n|;)\s*(?=\S)|,?\s+(?:oh\s+)?(?:and|also|plus|btw|&|\+|/)\s+" + _ASKS +
                    r"|\.\s+also\s+|\s+also\s+(?=how|what|do|can)"
                    # "... and (also i want to) know if you ship on saturdays", "and whether ...": a second
                    # question ("and if i want overnight?" is a condition of the same one)
                    r"|,?\s+(?:and|also)\s+(?:also\s+)?(?:(?:(?:i\s+)?(?:want|need|would\s+like)\s+to\s+)?(?:know|ask)\s+(?:if|whether)"
                    r"|whether)\s+(?=\w+\s+\w+)"
                    r"|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s+(?!what an?\b)" + _ASKS, re.I)

# "so i bought a jacket last week for my son and its way too big 😅 can i send it back?": what
# happened, told before the one question it leads to (not a question of its own)
_STORY = re.compile(r"^\W*(?:(?:hi|hey|hello)(?:\s+there)?\W+)?(?:(?:so|well|ok|okay|um|hmm)\W+)?"
                    r"(?:i|we|my \w+(?: \w+)?)\s+(?:just\s+|recently\s+|already\s+)?"
                    r"(?:bought|ordered|purchased|got|received)\b[^?]*$", re.I)

# "How much is shipping for $30. Do you have coupons?": a question ended by a full stop
_ASKED_SENTENCE = re.compile(r"(?<=[.!])\s+" + _ASKS, re.I)
# after a comma only a question word, or "do you" / "can i" / "is there" asking the store, starts a
# second question: "what does priority cost, will it get here by thursday" asks one thing (the
# deadline reply quotes the price too); "whats the promo code, do you ship to puerto rico" two
_ASKED_CLAUSE = re.compile(r"(?<=\w),\s+(?=(?:what|whats|what's|how|where|when|which|who|why|do (?:you|u|ya)|"
                           r"can (?:you|u|i)|is there|are there)\b)", re.I)
_ASKING = re.compile(r"\W*(?:(?:hi|hey|hello|and|also|oh|btw)\W+)*" + _ASKS, re.I)


def _full_stops_as_question_marks(text: str) -> str:
    """A sentence that asks, followed by another that asks, ends with "?" (a statement before a
    question keeps its stop: "I ordered last week. Where is it?" is one question); so does a
    question before a comma and another question ("whats the return window, whats your phone
    number"; "if i order today, will it arrive" is one)."""
    sentences = _ASKED_SENTENCE.split(text)
    for i, sentence in enumerate(sentences[:-1]):
        if _ASKING.match(sentence):
            sentences[i] = sentence.rstrip(".!") + "?"
    text = " ".join(sentences)
    clauses = _ASKED_CLAUSE.split(text)
    for i, clause in enumerate(clauses[:-1]):
        clauses[i] = clause + ("? " if _asks(clause.rsplit("?", 1)[-1]) else ", ")
    return "".join(clauses)


def _asks(clause: str) -> bool:
    """A clause that asks: a question, or a quote asked without a question word ("standard
    shipping to hawaii for $45, how long would that take": the price, then the time)."""
    return bool(_ASKING.match(clause)) or bool(
        cues.SHIPPING_WORD.search(clause) and any(a.marked for a in amounts.read(clause)))


# A question whose subject is a pronoun: "how long does it take", "how much would that be"
_LEANING = re.compile(r"\b(it|its|it'?s|that|this|they|them|those|these)\b", re.I)


def leans(part: str) -> str | None:
    """How a short question does not stand alone, or None: "pronoun" when its subject is one
    ("how long does it take", "whats shipping on that"), "ellipsis" when it goes on from the
    question before ("and to alaska?", "what about overnight"). Read alone, it loses that
    question's subject, place or amount."""
    if len(part.split()) > 8:
        return None
    return "pronoun" if _LEANING.search(part) else "ellipsis" if cues.ELLIPSIS.search(part) else None


def split_questions(text: str) -> list[str]:
    """The questions of one message ("how long do I have to return and do you ship on
    weekends?" -> two); one part when it asks one thing."""
    text = _full_stops_as_question_marks(text)
    parts: list[str] = []
    for part in (p.strip(" ,.") for p in _SPLIT.split(text) if p and p.strip(" ,.")):
        if not set(cues.words(part)) - cues.NO_ASK:
            continue  # "ok but first, how much is ...": the lead-in asks nothing
        if parts and (len(part.split()) < 3 or not cues.BARE.sub("", part).strip(" #.,!?:") or _STATEMENT.match(part)):
            parts[-1] += f" {part}"  # "email is x@y.com" belongs to the question before it
        elif len(part.split()) >= 3 or (not parts and len(part.split()) == 2):  # "return window? promo codes?"
            parts.append(part)
    if len(parts) > 1 and _STORY.match(parts[0]):
        parts[:2] = [f"{parts[0]}, {parts[1]}"]
    return parts if len(parts) > 1 else [text]
