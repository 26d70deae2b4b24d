"""Few, precise facts for the generator: the sentences of the retrieved passages that answer.

The 0.5B generator copies what it is shown first. Given three whole passages for "how many days
do I have to return an item?", it quoted "allow 10 to 14 days to process your return" from the
first one instead of "within 30 days of receipt" from the second. So passages are cut into
sentences, every sentence is scored by embedding similarity with the question, and only the best
few, grouped back under their passage's id (so citations stay valid), reach the prompt, best
first. Shorter prompts also make the first token come sooner.

Sentence embeddings are cached per passage: a store's hot passages are embedded once.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from models import Fact
from retrieval import Embedder

from bot.dialogue.grounding import answer_kinds, relevance

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
#: What each of the question's words a sentence holds (up to three) adds to its similarity when
#: ordering: "We don't guarantee delivery times" (0.43) then passes "Deliveries occur only on
#: weekdays." (0.45) for "can u guarantee it gets here by friday?".
WORD_WEIGHT = 0.03
#: What stating the kind of thing the question asks for (a time for "when", a cost or who pays
#: for "who pays", an address for "where", `answer_kinds`) adds when ordering: a sentence of
#: the wrong kind cannot answer however close its words.
KIND_WEIGHT = 0.1
# An abbreviation's dot ends no sentence: "for max. 4 persons", "approx. 2 kg", "e.g. a letter".
_ABBREVIATION = re.compile(r"\b(?:max|min|approx|ca|incl|excl|e\.g|i\.e|nr|vs|etc|cat|ref|vol|qty|"
                           r"pcs|dim|fig)\.$", re.I)
_MIN_CHARS = 15
# A form's blank to fill in ("Address of consumer(s): ...", "Name: ____"): a label, no fact. An
# EU withdrawal page's model form is read as sentences, and "Address of consumer(s):" was quoted
# for "whats the address to send my return to".
_BLANK = re.compile(r":\s*(?:\.{3,}|…|_{3,})\s*$")
_CACHE_LIMIT = 16384
#: Sentence openings that read the same lower-cased after "yes;" (names keep their capital).
_PLAIN_STARTS = frozenset("we you our your if it there the a an all please they this these".split())
#: A bare answer to the question before it.
_YES_NO = re.compile(r"(yes|no)\b(?! (?:problem|worries)\b)", re.I)


class FactSelector:
    """Picks the sentences of candidate facts closest in meaning to a question.

    Args:
        embedder: The loaded sentence embedder (the retriever's).
        max_sentences: Sentences kept in all.
        min_similarity: Sentences less similar than this are dropped, unless that leaves none.
        margin: Sentences further than this below the best one are dropped: when one sentence
            clearly answers, the model sees it alone ("30 days of receipt", not also "allow 10
            to 14 days to process").
    """

    def __init__(self, embedder: Embedder, *, max_sentences: int = 3,
                 min_similarity: float = 0.25, margin: float = 0.1,
                 word_weight: float = WORD_WEIGHT) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.min_similarity = min_similarity
        self.margin = margin
        self.word_weight = word_weight
        # By sentence, not by fact: `select` hands back its chosen sentences joined as new facts,
        # and ranking them again (the search's relevance) would embed them again if keyed by fact.
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def select(self, question: str, candidates: Sequence[Fact]) -> list[Fact]:
        """The best sentences, as one fact per source id (its sentences in reading order),
        ordered by each fact's best sentence. When the question asks for a kind of thing (a
        time, a cost, a place, a way) and none of them states one and holds the question's words
        (`relevance.answers`), the best sentence that does is kept too, however far below: "we shall
        reimburse ... not later than 14 days" (0.33) for "when do i get my money back", next to
        "We may withhold reimbursement until ..." (0.51)."""
        scored = self.rank(question, candidates)
        if not scored:
            return []
        floor = max(self.min_similarity, max(row[0] for row in scored) - self.margin)
        kept = [s for s in scored if s[0] >= floor][: self.max_sentences] or scored[:1]
        kind = answer_kinds.asked(question)
        context = preceding(scored)
        answering = lambda row: answers_in_context(row, question, context, kind)
        if kind and not any(answering(row) for row in kept):
            stating = next((row for row in scored if row[0] >= self.min_similarity and answering(row)), None)
            if stating is not None:
                kept = [row for row in scored if row in kept[: self.max_sentences - 1] or row is stating]
        by_fact: dict[str, list[tuple[int, str]]] = {}
        for _, fact_id, position, sentence in kept:  # best first, so dict order = best first
            by_fact.setdefault(fact_id, []).append((position, sentence))
        return [Fact(fact_id, " ".join(_ended(s) for _, s in sorted(parts)))
                for fact_id, parts in by_fact.items()]

    def rank(self, question: str, candidates: Sequence[Fact]) -> list[tuple[float, str, int, str]]:
        """(similarity, fact id, position, sentence) for every sentence, most similar first."""
        if not candidates:
            return []
        plain = relevance.shop_words(question)
        # Shoppers' phrases meet the shop's words as the shop word too: "will someone put the
        # furniture together" is far from "We do not offer an assembly service." (0.24), the
        # same question with "assemble" is not. A sentence keeps the closer of the two.
        # The two are encoded in one pass (remembered: the search encoded them already).
        queries = np.stack(self.embedder.encode_queries([question, plain] if plain != question else [question]))
        rows: list[tuple[float, str, int, str]] = []
        for rank, fact in enumerate(candidates):
            sentences = split_sentences(fact.text)
            if not sentences:
                continue
            vectors = self._vectors(sentences)
            scores = (vectors @ queries.T).max(axis=1)
            for position, (sentence, score) in enumerate(zip(sentences, scores.tolist())):
                # A small bonus for the retriever's order breaks near-ties its way.
                rows.append((score + 0.01 / (rank + 1), fact.id, position, sentence))
        # Ordered by meaning plus a little for each of the question's words a sentence holds:
        # among near-equal sentences the one naming what is asked comes first. The similarity
        # stays the row's score (thresholds elsewhere read it).
        # A sentence stating the kind of thing asked (a time for "when") gains KIND_WEIGHT.
        weight, kind = self.word_weight, answer_kinds.asked(question)
        refund = awaits_refund(question)
        return sorted(rows, key=lambda row: -(row[0] + weight * min(3, relevance.shared_words(row[3], question))
                                              + KIND_WEIGHT * answer_kinds.states(row[3], kind)
                                              + KIND_WEIGHT * (refund and answer_kinds.times_the_refund(row[3]))))

    def warm(self, facts: Sequence[Fact], batch: int = 256) -> int:
        """Embed the sentences of many facts ahead of time (the store's articles at start-up),
        so that a turn pays only for its question. Returns the sentences embedded."""
        with self._lock:
            pending = list(dict.fromkeys(s for f in facts for s in split_sentences(f.text)
                                         if s not in self._cache))
        for start in range(0, len(pending), batch):
            self._remember(pending[start:start + batch])
        return len(pending)

    def _vectors(self, sentences: list[str]) -> np.ndarray:
        with self._lock:
            known = {s: self._cache[s] for s in sentences if s in self._cache}
        missing = list(dict.fromkeys(s for s in sentences if s not in known))
        if missing:
            known.update(self._remember(missing))
        return np.stack([known[s] for s in sentences])

    def _remember(self, sentences: list[str]) -> dict[str, np.ndarray]:
        fresh = dict(zip(sentences, self.embedder.encode(sentences)))
        with self._lock:
            if len(self._cache) + len(fresh) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache.update(fresh)
        return fresh


def awaits_refund(question: str) -> bool:
    """The question asks when the refund comes ("how many days for the money", "how long do
    refunds take"): the refund's time answers it, not the return's deadline."""
    return answer_kinds.asked(question) == answer_kinds.TIME and "refund" in relevance.question_words(question)


def preceding(rows: Sequence[tuple[float, str, int, str]]) -> dict[tuple[str, int], str]:
    """The sentence before each ranked sentence of the same fact, by (fact id, position)."""
    by_place = {(row[1], row[2]): row[3] for row in rows}
    return {(row[1], row[2]): by_place.get((row[1], row[2] - 1), "") for row in rows}


def answers_in_context(row: tuple[float, str, int, str], question: str,
                       context: dict[tuple[str, int], str], kind: str | None) -> bool:
    """The sentence states the kind of thing asked and, read after the sentence before it,
    holds the question's words (`relevance.answers`): "Please allow us 3 business days ... to
    complete the removal." answers "i unsubscribed, how long does it take to stop the emails"
    after "... click on the "Unsubscribe" link ..."."""
    if not answer_kinds.states(row[3], kind):
        return False
    # an address never says "address": "Musterstraße 12, 10115 Berlin" holds the word asked
    sentence = f"{row[3]} address" if kind == answer_kinds.PLACE else row[3]
    return relevance.answers(sentence, question) or relevance.answers(
        f"{context.get((row[1], row[2]), '')} {sentence}", question)


def _ended(sentence: str) -> str:
    """A sentence with its end: a heading's line ("Our secure payment: With SSL") joined to the
    next one must not run into it when the fact is read again."""
    return f"{sentence}." if sentence[-1:].isalpha() else sentence


def split_sentences(text: str) -> list[str]:
    """Sentences (and table lines) of a passage, without fragments too short to say anything
    and without questions: an FAQ's heading ("Do you price match?") is closest to the same
    question but answers nothing."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    # a pure function of the text, asked of every page of the store at each out-of-scope check
    pieces: list[str] = []
    for piece in _SENTENCE.split(text):
        if pieces and _ABBREVIATION.search(pieces[-1]) and (piece[:1].isdigit() or piece[:1].islower()):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    pieces = _with_answered_questions(_with_lead_in(pieces))
    return tuple(s.strip() for s in pieces if len(s.strip()) >= _MIN_CHARS and not s.strip().endswith("?")
                 and not _BLANK.search(s))


def opens_with_yes_or_no(text: str) -> bool:
    """A text that opens with a bare "yes" or "no" (not "no problem"): the answer to a question
    said before it."""
    return bool(_YES_NO.match(text.strip()))


def _with_answered_questions(pieces: list[str]) -> list[str]:
    """An FAQ's "yes" or "no" read with the question it answers: "Do you offer gift
    wrapping?" then "Yes, in the shop only." says nothing of wrapping on the answer's line
    alone; "Do you offer gift wrapping: yes, in the shop only." does (one sentence, so the
    guard reads the question's words as the answer's)."""
    out: list[str] = []
    bare = False  # the last piece is a question answered by a bare "Yes." that says nothing more
    for piece in pieces:
        answer = _YES_NO.match(piece.strip())
        if answer and out and out[-1].strip().endswith("?"):
            rest = piece.strip()[answer.end(1):]
            out[-1] = f"{out[-1].strip()[:-1]}: {answer.group(1).lower()}{rest}"
            bare = rest in ("", ".", "!")
        elif bare:
            # "Yes." then "If a book is in print, we order it in.": the reason is the answer's
            first, _, tail = piece.strip().partition(" ")
            first = first.lower() if first.lower() in _PLAIN_STARTS else first
            out[-1] = f"{out[-1].rstrip('.!')}; {first} {tail}".rstrip()
            bare = False
        else:
            out.append(piece)
    return out


def _with_lead_in(pieces: list[str]) -> list[str]:
    """Each item of a list read with the sentence that introduces it: "Additional
    non-returnable items:" then "- Gift cards" says nothing on either line alone;
    "Additional non-returnable items: Gift cards." answers "can i return a gift card"."""
    out: list[str] = []
    lead = ""
    for piece in pieces:
        item = piece.strip()
        if lead and item.startswith("- "):
            out.append(f"{lead} {item[2:].rstrip('.;,')}.")
            continue
        lead = item if item.endswith(":") and not item.startswith("- ") else ""
        if not lead:
            out.append(piece)
    return out
