"""A question the store's FAQ asks in its own heading, put in the shopper's words: "can i rent a
tile saw from you guys" / "Do you rent tools?", "is there any way i can hire a drill" / the same,
"do you gift wrap" / "Do you offer gift wrapping?", "can u fix my laptop" / "Do you repair
devices?". The FAQ's answer (often a bare "No. We only sell tools.") is the reply, quoted: a
small generator reads "rent a tile saw" next to "We only sell tools" and says "Yes, we can rent
a tile saw", which the guard then throws away for "I don't know".

Matching is by the heading's own words, for any store: its verb when that verb names a service
("rent", "repair", "install", "price match"), else the words of one of its alternatives ("ebooks
or audiobooks": "ebooks" alone will do). Shipping and payment headings are left to their own
rules (a heading "Do you ship to Alaska?" says nothing of Spokane).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from models import Fact

from bot.dialogue.grounding import relevance

#: The action: the FAQ's answer to the question it asks, quoted.
FAQ_ANSWER = "faq_answer"

# A yes/no question put to the store ("can i ...", "do you ...", "is there any way i can ..."),
# not "what" or "how much", which ask for a fact the pages' sentences give.
# ... and the verb it asks about: "can i rent", "can u guys fix", "is there any way i can hire"
_YES_NO_ASK = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|okay|so|also|and)\W+)?(?:(?:do|does|can|could|will|would)\s+"
                         r"(?:you|u|ya|y'all|i|we)|is\s+there|are\s+there|is\s+it\s+possible|any\s+chance)\b"
                         r"(?:\s+(?:guys|all|please|pls|even|still|also|just|(?:any|a|some)\s+(?:way|chance)|"
                         r"(?:that|if)|i|we|u|you|can|could|to))*\s+(?P<verb>[a-z'-]+)", re.I)
# A heading asking what the store does: "Do you rent tools?", "Does the shop offer gift wrapping?"
_STORE_HEADING = re.compile(r"^\W*(?:do|does|will|would|can|could)\s+(?:you|we|the\s+(?:store|shop))\s+"
                            r"(?P<verb>[a-z'-]+)\s*(?P<rest>.*?)\W*\?\W*$", re.I)
# ... asking what the store has or sells ("Do you sell ebooks?"), not a service of "can you" ("Can
# you order a book you don't have?" is no answer to "do you have books by ...")
_SAYS_WHAT_IS_SOLD = re.compile(r"^\W*(?:do|does)\b", re.I)
# Verbs that say only that something is had or sold ("Do you sell ebooks?"): the goods decide
_GENERIC_VERBS = frozenset({"sell", "have", "carry", "stock", "offer", "provide", "do", "make", "get", "buy",
                            "got", "keep", "supply", "order"})
# Verbs whose questions the shipping and payment rules answer with the store's settings
_OWN_RULES = frozenset({"ship", "deliver", "post", "send", "mail", "accept", "take", "charge", "pay", "ship?"})
# A shopper's plain word for a service a heading names in another ("hire" a tool is renting it)
_SAME_SERVICE = {"hire": "rent", "lease": "rent", "borrow": "rent", "rental": "rent", "rentals": "rent",
                 "fix": "repair", "fixes": "repair", "fixing": "repair", "mend": "repair"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NOT_CONTENT = frozenset({"you", "u", "ya", "guys", "way", "any", "there", "possible", "chance", "off", "please",
                          "pls", "thanks", "thx", "also", "even", "still", "just"})


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question of the store's FAQ and its answer, under the passage that holds them."""

    passage_id: str
    question: str
    answer: str


def entries(articles: Sequence[Fact], heading_of: Callable[[str], str]) -> list[FaqEntry]:
    """The FAQ questions of the store's pages and their answers: a section's heading that is a
    question, and a question line inside a passage (a short section merged into the one before
    keeps its heading as a line: "...\\nDo you offer gift wrapping?\\nYes, in the shop only.")."""
    found = []
    for fact in articles:
        question, answer = heading_of(fact.id).strip(), []
        for line in fact.text.splitlines():
            line = line.strip().strip("*").strip()
            if line.endswith("?") and len(line.split()) <= 12:
                if line != question:
                    found += _entry(fact.id, question, answer)
                    question, answer = line, []
            elif line:
                answer.append(line)
        found += _entry(fact.id, question, answer)
    return found


def _entry(passage_id: str, question: str, answer: list[str]) -> list[FaqEntry]:
    if not question.endswith("?") or not answer:
        return []
    return [FaqEntry(passage_id, question, " ".join(answer))]


def asked(text: str, faq: Sequence[FaqEntry], names_goods: Callable[[], bool] = lambda: False) -> FaqEntry | None:
    """The FAQ entry whose question the message asks in its own words (None: none does).

    Args:
        text: The shopper's message.
        faq: The store's FAQ (`entries`).
        names_goods: Whether the message names a product or a kind of the catalog (asked only
            when needed): then only a heading whose verb names a service ("rent", "repair")
            answers it, never one on what is sold.
    """
    ask = _YES_NO_ASK.search(text)
    if ask is None:
        return None
    said, shopper_verb = _words(text), _service(ask.group("verb").lower())
    for entry in faq:
        heading = _STORE_HEADING.match(entry.question)
        if heading is None:
            continue
        verb = _service(heading.group("verb").lower())
        if verb in _OWN_RULES:
            continue
        if verb not in _GENERIC_VERBS:
            # the shopper's own verb, or the heading's two-word one ("price match" / "will u match")
            service = [verb] + _words(heading.group("rest"))[:1]
            if shopper_verb not in _GENERIC_VERBS and any(_same(shopper_verb, w) for w in service):
                return entry
        elif _SAYS_WHAT_IS_SOLD.match(entry.question) and any(
                alternative and all(any(_same(a, w) for w in said) for a in alternative)
                for alternative in _alternatives(heading.group("rest"))) and not names_goods():
            return entry
    return None


def _alternatives(rest: str) -> list[list[str]]:
    """The words of each thing a heading asks about ("used bikes or do trade-ins": [use, bike], [trade-in])."""
    parts = [_words(part) for part in re.split(r"\bor\b|,|/", rest)]
    # "team or club discounts": a lone word before "or" qualifies the next part's noun
    return [part + parts[i + 1][-1:] if len(part) == 1 and i + 1 < len(parts) and len(parts[i + 1]) > 1 else part
            for i, part in enumerate(parts)]


def _words(text: str) -> list[str]:
    return [_service(w) for w in relevance.WORD.findall(text.lower())
            if w not in relevance.STOPWORDS and w not in _NOT_CONTENT and w not in _GENERIC_VERBS and len(w) > 2]


def _service(word: str) -> str:
    return _SAME_SERVICE.get(word, word)


def _same(one: str, other: str) -> bool:
    """Two words of one stem: "wrap" / "wrapping", "ebook" / "ebooks" (not "car" / "card")."""
    short, long_ = sorted((relevance.stem(one), relevance.stem(other)), key=len)
    return short == long_ or (len(short) >= 4 and long_.startswith(short))


def reply_text(entry: FaqEntry, limit: int = 3) -> str:
    """The FAQ's answer as the store wrote it (its first sentences, a bare "No." kept: the
    sentence splitter of the facts drops it as too short to be a fact)."""
    return " ".join(_SENTENCE_END.split(entry.answer)[:limit])
