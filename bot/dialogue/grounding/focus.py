"""What a question asks about (its focus), and whether a sentence speaks of it.

A sentence that shares a question's words may use them in another sense or speak of something
else: "... receive a credit/refund (depending on the original form of payment)" shares
"payment" with "what payment methods do you take?" but names none; "Merchandise must be
returned within 30 days of receipt of merchandise" shares "return" and "receipt" with "what
happens if i return something without the receipt?" but says nothing of a missing receipt. Such a
sentence must not stand as the answer, quoted or passed as a generated reply.

The focus is read from the question's shape, in any store's words:
- the noun phrase after "what/which" ("what payment methods ..." -> payment, methods);
- the object of "do you offer/have/sell/take ...", "is there a ..." ("do you offer gift wrapping");
- the condition of "can I <verb> an item I bought on sale" (a generic object: what is said of it);
- a thing missing ("without the receipt", "lost my receipt"): the sentence must say so too;
- the thing paid for in "will I have to pay customs", "who pays for the insurance" (beyond the
  shop's own topics: shipping, returns): a sentence on who pays for something else does not answer.
A question of another shape has no focus, and every sentence passes (the other checks apply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogue.grounding import answer_kinds, relevance

_AUX = r"(?:do|does|did|is|are|was|were|can|could|will|would|should|may|you|u|ya|i|we|they|it)"
# "what payment methods do you take", "which countries do you ship to", "what kind of bags ..."
_WH_NOUNS = re.compile(rf"^\W*(?:(?:hi|hey|hello|ok|so|and|btw)\W+)?(?:what|which)\s+(?:kinds?\s+of\s+|types?\s+of\s+|"
                       rf"sorts?\s+of\s+)?((?:[a-z][\w'-]*\s+){{1,3}}?){_AUX}\b", re.I)
# "do you (guys) offer gift wrapping", "do u have a student discount", "is there a loyalty program";
# the store named as shoppers write it: "does Kestrel Home offer ...", "does your shop take ..."
_OFFERED = re.compile(r"\b(?:(?:do|does|can|could|will|would)\s+(?:you|u|ya|y'all|they|(?:the|your)\s+(?:store|shop|site)|"
                      r"(?-i:[A-Z][\w&'-]+)(?:\s+(?-i:[A-Z][\w&'-]+))?)\s+(?:guys\s+|all\s+)?"
                      r"(?:offer|have|sell|take|accept|provide|give|carry|run|do)|is there|are there|"
                      r"have you got)\s+(?:an?\s+|any\s+|some\s+|the\s+)?((?:[a-z][\w'-]*\s*){1,3})", re.I)
# "can i return an item i bought on sale": the object is generic, what is said of it is the focus
_GENERIC_OBJECT = re.compile(r"\b(?:can|could|may)\s+i\s+\w+\s+(?:an?\s+|the\s+|my\s+|this\s+|that\s+)?"
                             r"(?:item|something|stuff|things?|products?|one|order|purchase)\s+(?:that\s+|which\s+)?"
                             r"(?:i|i've|i'd)\s+\w+\s+([^?.!,]+)", re.I)
# "are perfumes refundable?", "can sale items be refunded", "is a gift card returnable": the goods
# asked about are the focus (a sentence on refunds in general does not answer)
ELIGIBLE = re.compile(r"^\W*(?:is|are|can|could|will|would)\s+(?:an?\s+|the\s+|my\s+|your\s+|these\s+|those\s+)?"
                       r"((?:[a-z][\w'-]*\s+){1,3}?)(?:be\s+|get\s+)?(?:returnable|refundable|exchangeable|"
                       r"returned|refunded|exchanged)\b", re.I)
# the thing paid for: "will i have to pay customs if ...", "who pays the postage", "do i need to pay
# for import tax", "will i be charged for the exchange"
_PAID_FOR = re.compile(r"\b(?:(?:do|will|would|must|should|shall)\s+(?:i|we)\s+(?:have\s+to\s+|need\s+to\s+|)"
                       r"(?:pay|be\s+charged)|who\s+(?:pays?|covers|bears))\s+(?:(?:for|any|the|a|an)\s+)*"
                       r"((?:[a-z][\w'-]*\s*){1,3})", re.I)
# a thing missing: "without the receipt", "lost my receipt", "no receipt"
_MISSING = re.compile(r"\b(?:without|lost|no|missing|don't have|do not have|threw away)\s+(?:the\s+|a\s+|an\s+|my\s+|"
                      r"any\s+|its\s+|their\s+)?([a-z][\w'-]+)", re.I)
# "a VAT-free invoice" for "an invoice without vat", "exempt from duty" for "without duty"
_ABSENT = re.compile(r"\b(?:without|no|not|lost|missing|absence|unless|n't|cannot|exempt|free of|free from)\b|\w-free\b",
                     re.I)
# words of a noun phrase that are no topic: "what else", "which one", "is there anything"
_EMPTY = frozenset("else one ones way anything something thing things kind type sort happens happen "
                   # a generic head after the word that names the topic: "which delivery company"
                   "if time about option options company companies firm provider providers".split())


# where the named thing ends: "customs if i order to ireland", "postage to send it back"
_CLAUSE_END = re.compile(r"\b(?:for|if|when|at|in|on|to|with|from|and|or|so|because)\b", re.I)


# "do i pay anything extra", "will i have to pay more": an amount, not a thing paid for
_NO_THING = frozenset("extra more much money anything something twice again".split())


@dataclass(frozen=True, slots=True)
class Focus:
    """What a question asks about.

    Attributes:
        words: The content words a sentence must hold (all of them).
        missing: Words the question says are missing: the sentence must speak of their absence.
        listing: The question asks for things of a kind ("what payment methods", "do you take
            amex"): a sentence listing them may answer whether or not it names the kind.
    """

    words: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    listing: bool = False


def _content(phrase: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z][\w'-]*", phrase.lower())
    # "you'll", "it's": a pronoun's contraction names no topic
    return tuple(w for w in words if w not in _EMPTY and relevance.shared_words(w, w) > 0
                 and relevance.shared_words(w.split("'")[0], w.split("'")[0]) > 0)


def of(question: str) -> Focus:
    """The focus of a question (empty when its shape names none)."""
    missing = tuple(m.group(1).lower() for m in _MISSING.finditer(question)
                    if _content(m.group(1)))
    if m := _WH_NOUNS.search(question):
        return Focus(_content(m.group(1)), missing, listing=True)
    if m := _OFFERED.search(question):
        return Focus(_content(re.split(r"\b(?:for|if|when|at|in|on|to|with)\b", m.group(1))[0]), missing,
                     listing=True)
    if m := ELIGIBLE.search(question):
        return Focus(_content(m.group(1)), missing)
    if m := _GENERIC_OBJECT.search(question):
        return Focus(_content(m.group(1)), missing)
    if m := _PAID_FOR.search(question):
        # The shop's own topics are said in the pages' words ("bear the direct cost of returning
        # the goods" for "who pays return postage"): only a thing beyond them is the focus.
        named = _content(_CLAUSE_END.split(m.group(1))[0])
        return Focus(tuple(w for w in named if w not in _NO_THING and not relevance.is_shop_topic(w)), missing)
    return Focus((), missing)


def speaks_of(sentence: str, question: str) -> bool:
    """True when the sentence speaks of what the question asks about: it holds every word of
    the focus (or lists things and shares a word with a question asking for things), and says that
    a thing the question says is missing may be missing. True when the question has no focus."""
    focus = of(question)
    held = sum(relevance.shared_words(sentence, word) > 0 for word in focus.words)
    if focus.words and held < len(focus.words) and not (
            focus.listing and answer_kinds.is_list(sentence) and relevance.shared_words(sentence, question)):
        return False
    return all(relevance.shared_words(sentence, word) > 0 and _ABSENT.search(sentence) for word in focus.missing)
