"""Denials in a generated reply, read against the facts (for `bot.dialogue.grounding.guard`).

A small model turns a fact's limit into a denial ("Deliveries occur only on weekdays." ->
"we don't ship on weekends": backed, the limit leaves weekends out), but also denies what no fact
denies ("Sale items cannot be returned" from "Used items cannot be returned"), says the opposite
of the sentence it copies, or swaps one word for its opposite ("front" for "back"). These read
what a reply's clauses deny, how far a negation reaches, and which fact sentence denies or
limits the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact
from bot.dialogue.grounding.relevance import SENTENCE_BREAK as _SENTENCE, STOPWORDS as _STOPWORDS, WORD as _WORD
from bot.dialogue.grounding.relevance import content_stems as _content, shop_words, stem as _stem, topic_of as _topic

# An answer's opening "No," (says no to the question, not to the words after it).
_NO_ANSWER = re.compile(r"^\W*no\s*[,.!;:]", re.I)


def unsupported_denial(body: str, facts: Sequence[Fact]) -> str:
    """The first clause of a reply that denies something no one fact sentence denies in its
    words: "No, you do not have to pay the shipping to send it back" where a fact says "You do
    not pay any shipping for a replacement" (a replacement is not a return) and another that
    the shopper bears the cost of returning; "Sale items cannot be returned" where "Used items
    cannot be returned". Every content word of the denying clause must stand in one fact
    sentence that denies (a limit, "only on weekdays", denies nothing in words). Empty when
    every denial does."""
    denying = [_content_words(s) for f in facts for s in _SENTENCE.split(shop_words(f.text.replace("’", "'")))
               if NEGATION.search(s) or DENYING.search(s)]
    for clause, denied in _denials(body):
        if denied and not any(all(known(w, words) for w in denied) for words in denying) \
                and not _excluded_by_limit(denied, facts):
            return clause.strip()
    return ""


def _denials(body: str) -> list[tuple[str, set[str]]]:
    """Each clause of a reply that denies, with the content words it denies."""
    found = []
    for clause in _CLAUSE.split(_NO_ANSWER.sub("", shop_words(body))):
        tokens = _WORD.findall(_BOUND.sub(" ", clause.lower().replace("’", "'")))
        if any(NEGATION.fullmatch(t) or t.endswith("n't") for t in tokens):
            found.append((clause, {w for w in tokens if w not in _STOPWORDS and len(w) > 2
                                   and not NEGATION.fullmatch(w) and not w.endswith("n't")}))
    return found


def denies_by_limit(body: str, facts: Sequence[Fact]) -> bool:
    """The reply denies what a fact's limit leaves out (`_excluded_by_limit`)."""
    return limit_behind(body, facts) is not None


def limit_behind(body: str, facts: Sequence[Fact]) -> tuple[str, str] | None:
    """The limiting fact sentence (its fact's id, the sentence) that a reply's denial rests on
    ("Deliveries occur only on weekdays." behind "No, we do not ship on weekends"), or None;
    `body` is the reply without its citation marks."""
    return next((found for _, denied in _denials(body) if denied
                 and (found := _excluded_by_limit(denied, facts))), None)


# "only" and the words it limits to: "Deliveries occur only on weekdays".
_LIMIT = re.compile(r"\bonly\b((?:\W+[\w'-]+){1,3})", re.I)
# What a limit to a kind of day leaves out besides its opposite (`_OPPOSITES`).
_DAYS_OUTSIDE = {"weekdays": ("saturday", "saturdays", "sunday", "sundays"),
                 "weekday": ("saturday", "saturdays", "sunday", "sundays")}


def _excluded_by_limit(denied: set[str], facts: Sequence[Fact]) -> tuple[str, str] | None:
    """The fact sentence (its fact's id, the sentence) whose limit excludes what a denial
    denies: "Deliveries occur only on weekdays." backs "we do not ship on weekends" (or "on
    sundays"): one denied word is what the limit leaves out (the opposite of a word it limits
    to, `_OPPOSITES`, or a weekend day for weekdays), and the sentence holds every other one. A
    limit to other words ("only Monday to Friday", "only within the US") backs no denial: what
    it leaves out is not in its words. None when no sentence does."""
    for fact, sentence in ((f, s) for f in facts for s in _SENTENCE.split(f.text)):
        read = shop_words(sentence.replace("’", "'"))
        said = _content_words(read)
        for m in _LIMIT.finditer(read):
            limited = _WORD.findall(m.group(1).lower())
            outside = {w for word in limited for w in (_OPPOSITES.get(word, ""), *_DAYS_OUTSIDE.get(word, ())) if w}
            left_out = denied & outside
            if left_out and all(known(w, said) for w in denied - left_out):
                return fact.id, sentence.strip()
    return None


# Words that deny what they speak of as a negation does ("exempt from being returned").
DENYING = re.compile(r"\b(?:exempt\w*|exclud\w*|forfeit\w*|non-\w+)\b", re.I)
# "not later than 14 days", "no more than": a bound on an amount, not a denial.
_BOUND = re.compile(r"\b(?:not|no)\s+(?:later|earlier|more|less|fewer|longer|sooner)\s+than\b")
_CLAUSE = re.compile(r"[.,;:!?]\s+|\s+(?:and|but)\s+(?=\w+ (?:do|does|will|can|are|is)\b)")


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("’", "'")) if len(w) > 2}


def known(word: str, words: set[str]) -> bool:
    """A word, its longer or shorter form ("lights" ~ "lighting") or a shop word of its topic
    ("ship" ~ "deliveries", "sundays" ~ "weekdays": the topics of `bot.dialogue.grounding.relevance`), among `words`."""
    stem, topic = _stem(word), _topic(word)
    return any(_stem(w) == stem or _topic(w) == topic or (len(stem) >= 4 and _stem(w).startswith(stem[:4]) and (
        w.startswith(word[:5]) or word.startswith(w[:5]))) for w in words)


# Words whose opposite a small model swaps in while copying a sentence ("the label on the front
# of the slip" for "on the back"): with the rest of the sentence the fact's, one word is a claim.
_OPPOSITES = dict(pair for a, b in (
    ("front", "back"), ("before", "after"), ("weekends", "weekdays"), ("weekend", "weekday"),
    ("more", "less"), ("over", "under"), ("above", "below"), ("minimum", "maximum"),
    ("include", "exclude"), ("included", "excluded"), ("inside", "outside"), ("open", "closed"),
    ("earliest", "latest"), ("first", "last"), ("domestic", "international"), ("allowed", "forbidden"),
    ("accepted", "refused"), ("same", "different"), ("full", "partial"), ("lower", "higher"))
    for pair in ((a, b), (b, a)))


def opposite_word(body: str, facts: Sequence[Fact]) -> str:
    """"front (the facts say back)" when a reply's sentence holds a word that no fact holds
    and whose opposite (`_OPPOSITES`) stands in the fact sentence it follows; else ""."""
    known = {w for f in facts for w in _WORD.findall(f.text.lower())}
    sentences = [s for f in facts for s in _SENTENCE.split(f.text)]
    for sentence in _SENTENCE.split(body):
        words = set(_WORD.findall(sentence.lower()))
        best = max(sentences, key=lambda s: len(_content(s) & _content(sentence)), default="")
        best_words = set(_WORD.findall(best.lower()))
        for word in words - known:
            if _OPPOSITES.get(word) in best_words and len(_content(best) & _content(sentence)) >= 2:
                return f"{word} (the facts say {_OPPOSITES[word]})"
    return ""


NEGATION = re.compile(r"\b(not|no|never|cannot|can't|won't|don't|doesn't|isn't|aren't|wasn't|"
                       r"weren't|without|nor|none)\b|n't\b", re.IGNORECASE)
#: How far a negation reaches: "orders cannot be collected in person" denies "collected", not
#: the "orders" of a reply that speaks of them; "a fault ... not as described" denies nothing of
#: "the guarantee is two years"; "without giving any reason" denies no return.
_NEGATION_REACH = 4


def contradiction(body: str, facts: Sequence[Fact]) -> str:
    """The first sentence of a reply that says the opposite of the fact sentence it follows
    (it shares 2+ content words with it, and one of them denies some of those words while the
    other denies none): "Used items can be returned." against "Used merchandise cannot be returned unless
    defective.". Empty when none does."""
    fact_sentences = [s for f in facts for s in _SENTENCE.split(f.text) if s.strip()]
    for sentence in _SENTENCE.split(body):
        words = {_stem(w) for w in _WORD.findall(sentence.lower()) if w not in _STOPWORDS and len(w) > 2}
        if len(words) < 2:
            continue
        best, shared = None, 1
        for fact in fact_sentences:
            overlap = len(words & {_stem(w) for w in _WORD.findall(fact.lower())})
            if overlap > shared:
                best, shared = fact, overlap
        if best is None:
            continue
        common = words & {_stem(w) for w in _WORD.findall(best.lower())}
        if bool(_denied(sentence, common)) != bool(_denied(best, common)) and not denies_by_limit(sentence, facts):
            # "deliveries do not occur on saturday" denies what "only on weekdays" leaves out
            return sentence.strip()
    return ""


def _denied(sentence: str, words: set[str]) -> set[str]:
    """The stems of `words` that a negation in the sentence reaches (`_NEGATION_REACH`)."""
    # an answer's opening "No," says no to the question, not to the words after it
    tokens = _WORD.findall(_NO_ANSWER.sub("", sentence.lower().replace("’", "'")))
    denied = set()
    for i, token in enumerate(tokens):
        if NEGATION.fullmatch(token) or token.endswith("n't") or DENYING.fullmatch(token):
            denied |= {_stem(w) for w in tokens[i + 1:i + 1 + _NEGATION_REACH]} & words
    return denied
