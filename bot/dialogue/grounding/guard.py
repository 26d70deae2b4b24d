"""The guard: a generated reply may state only what the facts given to the generator support.

A 0.5B model misreads tables and invents numbers now and then (see "Grounding with a small
model" in docs/ARCHITECTURE.md), so every generated reply is checked before the shopper sees it:
- every number, price, date, size and colour in it must appear in the facts, a number as what
  the facts say it is (`number_roles`: "catalog page: 4227" is no count of bulbs);
- it must cite at least one of the facts it was given, and no other id;
- each sentence must be mostly made of words found in the facts (a cheap test of "policy
  claims": a sentence about a 60-day window when the facts speak of 30 days fails on "60");
- it must say something the question did not (the small model likes to echo the question);
- no sentence may say the opposite of the fact sentence it follows (one negated, the other not).
- a denial must rest on a fact sentence that denies it, or on a limit that leaves it out
  ("only on weekdays" leaves out weekends).
A reply that fails is replaced by an extractive answer (the fact sentence closest to the
question, cited; see `bot.dialogue.service`). Text a shopper writes to override the assistant's rules is caught here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models import Fact
from bot.dialogue.grounding import answer_kinds
from bot.dialogue.grounding import denials
from bot.dialogue.grounding.denials import DENYING, NEGATION, contradiction, denies_by_limit, known, opposite_word
from bot.dialogue.grounding.denials import unsupported_denial
from bot.dialogue.grounding.relevance import SENTENCE_BREAK as _SENTENCE, STOPWORDS as _STOPWORDS, WH_QUESTION as _WH_QUESTION
from bot.dialogue.grounding.relevance import WORD as _WORD, content_stems as _content, question_words as _asked_topics
from bot.dialogue.grounding.relevance import shared_words, stem as _stem, topic_of as _topic, words_of as _words
from bot.dialogue.products import number_roles, value_roles
from bot.dialogue.products.number_roles import NUMBER_TEXT as _NUMBER
from bot.dialogue.products.number_roles import normal as _normal_number

#: What the generator says when the facts do not answer (models/generation/prompts.py asks for it).
DONT_KNOW = "I don't know"

# Sizes and colours are claims like numbers: "comes in size M" must be read in the facts.
_SIZE = re.compile(r"\b(XXS|XS|S|M|L|XL|XXL|2XL|3XL)\b")
COLOR = re.compile(r"\b(black|white|blue|red|green|yellow|orange|purple|gray|grey|brown|pink|beige|"
                   r"navy|lavender|olive|silver|gold)\b", re.IGNORECASE)
_CITATION = re.compile(r"\[([a-z]+:[^\]\s]+(?:, [a-z]+:[^\]\s]+)*)\]")
_YES = re.compile(r"\W*yes\b", re.I)
_NO = re.compile(r"\W*no\b(?! (?:problem|worries)\b)", re.I)
# A fact sentence with one of these does not affirm what it speaks of ("only", "exempt": a limit).
# "deducted", "non-refundable", "unless", "except", "withhold": a limit too ("Yes" to "is the
# return postage refunded?" is not "the cost of return shipping will be deducted from your refund").
_NOT_AFFIRMING = re.compile(r"\b(?:not|no|never|cannot|can't|don't|doesn't|won't|isn't|aren't|"
                            r"exempt|only|unless|except|excluding|deduct\w*|withh[oe]ld\w*|forfeit\w*|"
                            r"out of stock|sold out|unavailable|discontinued)\b|n't\b|\bnon-", re.I)
# Phrases that try to change the assistant's rules or reach data it must not give out.
_INJECTION = re.compile(
    r"ignore (?:all |any |your |the |my )?(?:previous |prior |above |earlier )?"
    r"(?:instructions|rules|prompts?|directions)"
    r"|disregard (?:all |your |the )?(?:previous |prior |above )?(?:instructions|rules)"
    r"|(?:reveal|show|print|repeat|tell me) (?:me )?(?:your |the )?(?:system )?(?:prompt|instructions|rules)"
    r"|system prompt|you are now|act as (?:an? )?(?:admin|developer|system)|developer mode|jailbreak"
    r"|<\|?im_start|<\|?system|\[system\]|</?system>"
    r"|(?:other|another|all|every) (?:customers?|users?|people)'?s? (?:orders?|emails?|addresses|data)"
    r"|orders? (?:of|for) (?:other|another|all|every) (?:customers?|users?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The guard's finding on one reply.

    Attributes:
        ok: True when the reply may be sent as it is.
        reason: Why it may not ("unsupported number 60", "no citation", ...), or "".
        dont_know: The reply says the facts do not answer.
    """

    ok: bool
    reason: str = ""
    dont_know: bool = False


def looks_like_injection(text: str) -> bool:
    """True when the message tries to override the assistant's rules or reach others' data."""
    return bool(_INJECTION.search(text))


def judge(reply: str, facts: Sequence[Fact], question: str = "") -> tuple[str, Verdict]:
    """The reply as the service judges it, and the verdict: each sentence citing the fact its
    words come from (`recite`), and an uncited reply cited to the fact it was taken from
    (`attribute`) before it is checked (`check`).

    Returns:
        The reply with its citations as judged, and the verdict on it.
    """
    reply = recite(reply, facts)
    verdict = check(reply, facts, question)
    if verdict.reason == "no citation" and (source := attribute(reply, facts)):
        reply = f"{reply.rstrip()} [{source}]"
        verdict = check(reply, facts, question)
    return reply, verdict


def check(reply: str, facts: Sequence[Fact], question: str = "") -> Verdict:
    """Judge a generated reply (citations as fact ids) against the facts it was given.

    With the question, a reply that only restates it ("Yes, you can return a gift.") fails:
    an answer must carry at least one word of the facts that the question did not.
    """
    if DONT_KNOW.lower() in reply.lower().replace("’", "'"):
        return Verdict(True, dont_know=True)
    if not reply.strip():
        return Verdict(False, "empty reply")
    fact_ids = {f.id for f in facts}
    cited = [i.strip() for group in _CITATION.findall(reply) for i in group.split(",")]
    if not cited:
        return Verdict(False, "no citation")
    unknown = [i for i in cited if i not in fact_ids]
    if unknown:
        return Verdict(False, f"cites {unknown[0]}, which it was not given")
    body = strip_citations(reply)
    known_numbers = fact_numbers(facts)
    for number in _NUMBER.findall(body):
        if _normal_number(number) not in known_numbers:
            return Verdict(False, f"unsupported number {number}")
    misread = number_roles.unsupported_role(body, [f.text for f in facts], question)
    if misread:  # "we have 4227 LED light bulbs" from "catalog page: 4227"
        return Verdict(False, f"number not as the facts say: {misread}")
    fact_text = " ".join(f.text for f in facts)
    for pattern, what in ((_SIZE, "size"), (COLOR, "colour")):
        known = {m.lower() for m in pattern.findall(fact_text)}
        for claim in pattern.findall(body):
            if claim.lower() not in known:
                return Verdict(False, f"unsupported {what} {claim}")
    fact_words = {_stem(w) for f in facts for w in _WORD.findall(f.text.lower())}
    circular = next((s for s in _SENTENCE.split(body) if _circular(s)), None)
    if circular:  # "The frame size in centimeters is the frame size in centimeters.": says nothing
        return Verdict(False, f"says a thing is itself: {circular.strip()[:80]}")
    for sentence in _SENTENCE.split(body):
        words = [w for w in _WORD.findall(sentence.lower()) if w not in _STOPWORDS and len(w) > 2]
        if len(words) >= 4:
            supported = sum(_stem(w) in fact_words for w in words) / len(words)
            if supported < 0.5:
                return Verdict(False, f"unsupported sentence: {sentence.strip()[:80]}")
    for claims, what in ((opposite_word, "says the opposite of the facts"),
                         (number_roles.unsupported_price, "unsupported price"),
                         (number_roles.drops_condition, "leaves out the condition"),
                         (value_roles.misnamed_value, "a value not as the facts name it"),
                         (value_roles.contradicted_comparison, "a comparison the facts contradict"),
                         (unsupported_denial, "denies what no fact denies"), (contradiction, "contradicts the facts")):
        found = claims(body, facts)
        if found:
            return Verdict(False, f"{what}: {found[:80]}")
    if question and _YES.match(body) and not _WH_QUESTION.match(question) and not _affirmed(question, facts, body):
        return Verdict(False, "says yes where no fact says so")
    if question and _NO.match(body) and not _WH_QUESTION.match(question) and not _limited(question, facts):
        # "No, we do not price match [1]." needs a fact sentence that denies or limits
        return Verdict(False, "says no where no fact says so")
    kind = answer_kinds.asked(question) if question else None
    if kind in answer_kinds.DEFINITE and not answer_kinds.states(body, kind) and any(
            answer_kinds.states(f.text, kind) for f in facts):
        # "After a return, you will receive your money back." to "when do i get my money back"
        # while a fact states when: an answer that leaves out what is asked
        return Verdict(False, f"does not state the {kind} asked")
    if question and not (_NO.match(body) and not _WH_QUESTION.match(question)
                         and (_limited(question, facts, denied=True) or denies_by_limit(body, facts))):
        # a "no" a fact's denial backs answers even in the question's own words ("No, we do not
        # sell gift cards"), and so does one denying what a limit leaves out ("No, we do not ship
        # on weekends" from "only on weekdays"); a bare "yes" in them, or a "no" that only
        # echoes a limit, leaves out what the fact adds
        asked = {_stem(w) for w in _WORD.findall(question.lower())}
        told = {_stem(w) for w in _WORD.findall(body.lower()) if w not in _STOPWORDS and len(w) > 2}
        news = number_roles.numbers(body) - number_roles.numbers(question)  # not "the 600w light"
        if not (told - asked) & fact_words and not news and not (_YES.match(body) and (any(
                _content(s) <= _content(body) for f in facts for s in _stated(f.text)) or (
                asked & _AVAILABILITY and _affirmed(question, [f for f in facts if f.id.startswith("product:")], body)))):
            # a "yes" that says all its fact says is no echo ("Yes, the Wheelchair is in stock"),
            # nor one to "do you sell X?" that a product's record backs
            return Verdict(False, "restates the question")
    return Verdict(True)


_COPULA = re.compile(r"\s+(?:is|are|was|were)\s+", re.I)


def _circular(sentence: str) -> bool:
    """A sentence whose two sides of "is"/"are" say the same words ("X is X"): a generation that
    turned in a circle, not an answer."""
    sides = _COPULA.split(strip_citations(sentence).strip(" .!"), maxsplit=1)
    if len(sides) != 2:
        return False
    left, right = ({w for w in _WORD.findall(side.lower()) if w not in _STOPWORDS} for side in sides)
    return bool(left) and left == right


def _affirmed(question: str, facts: Sequence[Fact], body: str = "") -> bool:
    """Some fact sentence speaks of what the question asks (two of its content words, or its
    one) without a negation: "Yes" to "do you price match?" needs more than "We do not price
    match", and "Yes" to "do you sell my info to other companies?" more than a sentence on
    "information" alone. With the reply's `body`, a sentence that grants it on a condition
    ("Business customers with an approved account can pay by invoice") affirms only a reply
    that keeps a word of the condition: "Yes, my company can pay by invoice" promises more."""
    asked = _asked_topics(question)
    needed = min(2, len(asked)) or 1
    # what the question asks that the reply's "yes" grants in its words ("sell" in "Yes, we do
    # sell your personal information"): all of it must stand in the affirming sentence
    granted = {w for w in _words(body) if w not in _STOPWORDS and len(w) > 2 and _topic(w) in asked}
    for fact, sentence in ((f, s) for f in facts for s in _stated(f.text)):
        if shared_words(sentence, question) >= needed and not _NOT_AFFIRMING.search(sentence):
            said = set(_words(sentence))
            condition = _CONDITION.search(sentence)
            # a product's own record grants "we sell / have / carry" what it names
            verbs = _AVAILABILITY if fact.id.startswith("product:") else frozenset()
            if all(known(w, said) for w in granted - verbs) and (
                    not body or not condition or _content(condition.group(1)) & _content(body)):
                return True
    return False


def _stated(text: str) -> list[str]:
    """A fact's sentences, less a question it asks (an FAQ's own question line, "Do you rent
    tools?") whose answer after it says no ("No. We only sell tools."): that question holds the
    reply's words but grants nothing."""
    sentences = _SENTENCE.split(text)
    return [s for s, after in zip(sentences, sentences[1:] + [""])
            if not (s.strip().strip("*_ ").endswith("?") and (_NO.match(after) or _NOT_AFFIRMING.search(after)))]


_AVAILABILITY = frozenset("sell sells have carry carries stock stocks offer offers".split())
# What grants a thing only to some: "with an approved account", "if you have asked", "provided ...".
_CONDITION = re.compile(r"\b(?:with (?:a|an|the|your|their|valid)|if|provided|as long as|subject to|"
                        r"as soon as)\b((?:\W+[\w'-]+){1,2})", re.I)


def _limited(question: str, facts: Sequence[Fact], denied: bool = False) -> bool:
    """Some fact sentence on what the question asks (one of its words) denies or limits
    something ("We do not price match other retailers.", "Deliveries occur only on weekdays."):
    the evidence a "No" to a yes/no question needs. With `denied`, a denial only: a "no" in the
    question's words then says all the fact says, where a limit ("only on weekdays") is more."""
    markers = (NEGATION, DENYING) if denied else (_NOT_AFFIRMING,)
    return any(shared_words(sentence, question) and any(m.search(sentence) for m in markers)
               for f in facts for sentence in _SENTENCE.split(f.text.replace("’", "'")))


def limit_behind(reply: str, facts: Sequence[Fact]) -> tuple[str, str] | None:
    """The limiting fact sentence (its fact's id, the sentence) that a reply's denial rests on
    (`denials.limit_behind`), read without the reply's citation marks."""
    return denials.limit_behind(strip_citations(reply), facts)


def attribute(reply: str, facts: Sequence[Fact]) -> str | None:
    """The fact an uncited reply was taken from: the one holding most of its content words
    (at least 60% of them), or None. The small model often answers right and forgets "[1]"; the
    reply is then checked against the facts like any cited one."""
    words = {_stem(w) for w in _WORD.findall(reply.lower()) if w not in _STOPWORDS and len(w) > 2}
    if not words:
        return None
    best, covered = None, 0.0
    for fact in facts:
        known = {_stem(w) for w in _WORD.findall(fact.text.lower())}
        share = len(words & known) / len(words)
        if share > covered:
            best, covered = fact.id, share
    return best if covered >= 0.6 else None


def recite(reply: str, facts: Sequence[Fact]) -> str:
    """The reply with each sentence citing the fact its words come from: the small model often
    cites a neighbour ("[returns#2] Brightline Office Supplies, Unit 4, ..." where the address
    stands in returns#5). A sentence's citations are replaced only when the facts it cites hold
    under half of its content words and another fact holds at least 60% of them."""
    out = []
    for sentence in re.split(r"(?<=[.!?])(\s+)", reply):
        cited = [i.strip() for group in _CITATION.findall(sentence) for i in group.split(",")]
        words = _content(strip_citations(sentence))
        if not cited or not words:
            out.append(sentence)
            continue
        share = {f.id: len(words & _content(f.text)) / len(words) for f in facts}
        best = max(share, key=share.get, default=None)
        if best and share[best] >= 0.6 and max(share.get(i, 0.0) for i in cited) < 0.5:
            sentence = _CITATION.sub(f"[{best}]", sentence)
        out.append(sentence)
    return "".join(out)


def fact_numbers(facts: Sequence[Fact]) -> set[str]:
    """The numbers the facts state, normalised ("$5.00" and "5" are the same)."""
    return {n for f in facts for n in number_roles.numbers(f.text)}


def numbers_supported(text: str, known: set[str]) -> bool:
    """True when every number in `text` (citations aside) is among `known`."""
    return all(_normal_number(n) in known for n in _NUMBER.findall(strip_citations(text)))


def without_citation_marks(text: str) -> str:
    """A piece of streamed text without "[id]" markers, its spacing kept."""
    return _CITATION.sub("", text)


def strip_citations(text: str) -> str:
    """The reply as a shopper reads it: without "[policy:...#1]" markers."""
    text = _CITATION.sub("", text)
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()


def cited_ids(text: str) -> list[str]:
    """Fact ids cited in a reply, in order of first citation."""
    ids = [i.strip() for group in _CITATION.findall(text) for i in group.split(",")]
    return list(dict.fromkeys(ids))
