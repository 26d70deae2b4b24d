"""Grounded replies: choose a turn's facts, stream the generator's reply, then guard it.

A reply the guard refuses becomes the fact sentence closest to the question (cited) when it
answers the question (close enough and holding the question's words, `relevance.answers`, and
speaking of what it asks about, `focus.speaks_of`), else an honest "not sure" with the offer of
a human: never a sentence that merely shares some words.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence

from kb import Product
from models import ChatMessage, Generator

from bot.dialogue import policy, written_replies
from bot.dialogue.grounding import answer_kinds, facts, focus, guard, page_limits, relevance
from bot.dialogue.grounding.streaming import GenerationStream, history
from bot.dialogue.products import product_specs
from bot.dialogue.products.search import StoreSearch
from bot.dialogue.turn import Turn
from bot.types import ProductCard, Reply

log = logging.getLogger(__name__)

#: A fact sentence this similar to the question (and holding its words, `relevance.answers`, from
#: ANSWER_SIMILARITY up) answers it when the model gives up: "Deliveries occur only on
#: weekdays." (0.59) answers "do you deliver saturday?", "Free shipping on any purchase over
#: $50" (0.38) does not answer "can I pay with PayPal?".
EXTRACT_CONFIDENCE = 0.6
#: ... and so is one nearly as close that stands this far above every other sentence: "We do
#: not install lighting" (0.56) against the next best (0.23) for "do you install the lights?".
CLEAR_ANSWER = (0.5, 0.25)
#: Only a sentence this close stands without holding the question's words: at 0.6-0.7 a
#: sentence on the topic may still not answer ("Used merchandise cannot be returned unless
#: defective." 0.6x for "can i return something i bought in a store online?").
SURE_ANSWER = 0.8
#: ... and so is one as close as CLEAR_ANSWER's that holds this many of the question's words:
#: "Charges may be added to orders with ... Overnight ... if we try unsuccessfully to deliver
#: your order more than once." (0.54, four) for "what happens if nobody's home when they try
#: to deliver my overnight order"; a look-alike holds one or two ("gifts valued at more than
#: $2,000.00 ... Gift Card" for "do you sell gift cards in bulk", 0.51). Another store's: "If a
#: parcel arrives damaged, ... send us a photo" for "my package arrived damaged".
WORDS_ANSWER = 3
ANSWER_SIMILARITY = 0.4
#: ... or this close when it states the kind of thing asked and holds the question's words
#: (`_answering`): the sentence with the time a "when" question asks for is often worded far
#: from the question (an EU withdrawal page's "reimburse" for "money back").
KIND_SIMILARITY = 0.3
_YES = re.compile(r"\W*yes\b", re.I)
# "No, I don't know.": a "no" or "yes" before giving up answers what the reply says it can't
_VERDICT_BEFORE_DONT_KNOW = re.compile(r"^\W*(?:yes|no|yeah|nope)\b[,.!;:]?\s*(?=I\s+don['’]t\s+know\b)", re.I)
# "without signature" says no to "do i need to sign for it"
_NEGATED = re.compile(r"\b(?:not|never|cannot|no|without)\b|n[’']t\b", re.I)
NOT_SURE_TEXT = "I'm not sure about that, and I'd rather not guess. I can connect you with a human agent."
UNAVAILABLE_TEXT = ("I can't answer that right now. Please try again in a moment, or I can "
                    "connect you with a human agent.")


class GroundedReplies:
    """Generated answers to policy and product questions, checked against their facts.

    Args:
        search: The store's product and knowledge search.
        generator: The loaded reply generator.
        max_new_tokens: Longest generated reply.
    """

    def __init__(self, search: StoreSearch, generator: Generator, max_new_tokens: int) -> None:
        self.search = search
        self.generator = generator
        self.max_new_tokens = max_new_tokens
        # the words naming the store's goods (`_lists_the_options`)
        self.goods = frozenset(relevance.stem(w) for w in search.terms.kind_words)

    def start(self, turn: Turn, action: str, shown: list[str],
              deadline: float | None = None) -> tuple[GenerationStream, list[Product]]:
        """Choose the facts for the turn and start its reply; `shown` collects what is streamed,
        and past ``deadline`` (a `time.perf_counter()` value) the reply stops early."""
        started = time.perf_counter()
        products: list[Product] = []
        if action == policy.PRODUCT_QUESTION:
            entities = turn.nlu.entities
            product = self.search.resolve_product(
                turn.text, [m.sku for m in entities.products], entities.colors,
                turn.session.shown_products)
            if product is not None:
                products = [product]
                turn.show(products)
                candidates = written_replies.product_facts(product, self.search.kb.currency)
                if policy.names_a_policy(relevance.shop_words(turn.text)):
                    # "do the sofas need to be put together", "who delivers the sofa": the
                    # store's pages rule on the goods' delivery, assembly, returns; the closest
                    # sentences win, the product's own or a page's
                    candidates += self.search.passages(turn.text)
                turn.facts = self.search.facts.select(turn.text, candidates)
        if not turn.facts:
            turn.facts = self.search.knowledge(turn.text)
        turn.retrieval_s = time.perf_counter() - started
        messages = history(turn.session.transcript) + [ChatMessage("user", turn.text)]
        stream = GenerationStream(self.generator, turn.session.id, messages, turn.facts,
                                  self.max_new_tokens, shown, deadline)
        return stream, products

    def finish(self, turn: Turn, text: str, products: Sequence[Product],
               unavailable: str = "") -> Reply:
        """The reply as the shopper sees it: the generated text if the guard passes it.

        `unavailable` (why the generation server failed) skips the model's partial text: the
        closest fact sentence answers, or an honest "can't answer right now".
        """
        if unavailable:
            log.warning("generator unavailable for session %s: %s", turn.session.id, unavailable)
            return self._without_model(turn, products)
        text, verdict = guard.judge(text, turn.facts, turn.text)
        # A product's own record speaks of the product asked about, and names a value without
        # its kind ("Material: cotton" for "what fabric is it?"): only a page's sentences are
        # held to the question's focus.
        focused = not products
        if focused and verdict.ok and not verdict.dont_know and not focus.speaks_of(
                guard.strip_citations(text), turn.text):
            # supported, but of something else: "... (depending on the original form of payment)"
            # to "what payment methods do you take?"
            verdict = guard.Verdict(False, "does not speak of what is asked")
        turn.raw_reply = text
        cards = tuple(ProductCard.of(p, self.search.kb.currency) for p in products)
        # Ranked once, and only when the reply may be replaced by a fact sentence.
        rows = (self.search.facts.rank(turn.text, turn.facts)
                if verdict.dont_know or not verdict.ok else [])
        rare = self.search.rare_words(turn.text) if rows else set()
        ranked = _of_the_ask(_answering(rows, turn.text, focused, rare, self.goods), turn.text, products)
        best = ranked[0] if ranked else None
        if verdict.dont_know and (answer := (best if best and _gives_way(ranked, turn.text, rare, self.goods) else None)
                                  or self._denial(rows, turn.text, focused)
                                  or next((row for row in ranked if row[0] >= KIND_SIMILARITY
                                           and _singled_out(row[3], rare)), None)):
            # The model gave up although a fact sentence answers: a close one, or a "no".
            best = answer
            verdict = guard.Verdict(False, "said it doesn't know, but a fact answers")
        if not verdict.ok and not verdict.dont_know and _YES.match(guard.strip_citations(text)) and (
                no := _no_to_a_yes(rows, turn.text, focused)):
            best = no  # a "yes" the facts do not bear out, where a fact says no: the no answers
        # a refused "yes" or "no" (the model's own "I don't know" stands: it is honest where
        # the pages are silent, and a rule on a word of the question would not answer)
        if not verdict.ok and not verdict.dont_know and best is None and (
                limits := page_limits.rules(turn.text, pages := self._with_pages(turn, products),
                                            self._passage_text, rare)):
            # no sentence is close enough to stand in, but a page's rule limits what is asked
            return self._extract(turn, cards, " ".join(f"{text.rstrip('.')}. [{i}]" for i, text in limits),
                                 f"replaced: {verdict.reason}; a page's rule answers", pages)
        if verdict.dont_know:
            turn.guard = "dont_know"
            return Reply(given_up(guard.strip_citations(text)), products=cards,
                         quick_replies=("Talk to a human",), action="dont_know")
        if verdict.ok:
            turn.guard = "passed"
            text = _with_limit(text, turn.facts)
            return Reply(guard.strip_citations(text),
                         self.search.citations(guard.cited_ids(text), turn.facts),
                         products=cards, action="answer")
        log.info("guard replaced a reply (%s): %r", verdict.reason, text)
        turn.guard = f"replaced: {verdict.reason}"
        if best:
            extract = f"{_with_answering_lead(best, ranked, rows).rstrip('.')}. [{best[1]}]"
            return self._extract(turn, cards, extract, turn.guard, turn.facts)
        turn.raw_reply = NOT_SURE_TEXT
        return Reply(turn.raw_reply, products=cards, quick_replies=("Talk to a human",),
                     action="dont_know")

    def _with_pages(self, turn: Turn, products: Sequence[Product]) -> list:
        """The turn's facts, and for a product's question the pages' too: "will you carry the
        cabinet up to my 3rd floor" is the product's by its name, the delivery page's by its rule."""
        return list(turn.facts) + (self.search.knowledge(turn.text) if products else [])

    def _passage_text(self, passage_id: str) -> str:
        """A passage's whole text ("" for an id the store does not hold, such as a product's)."""
        try:
            return self.search.kb.passage(passage_id).text
        except (KeyError, ValueError):
            return ""

    def _extract(self, turn: Turn, cards: tuple, extract: str, why: str, facts: Sequence) -> Reply:
        """Sentences of ``facts`` quoted (``extract`` holds their "[id]" marks) in place of the reply."""
        turn.guard, turn.raw_reply = why, extract
        return Reply(guard.strip_citations(extract), self.search.citations(guard.cited_ids(extract), facts),
                     products=cards, action="extractive")

    def _denial(self, rows: Sequence[tuple[float, str, int, str]], question: str,
                focused: bool = True) -> tuple[float, str, int, str] | None:
        """A ranked fact sentence that says no to the yes/no question, even less close than
        `_answering` asks, when the closest one does not give way: "We do not deliver outside
        the European Union." (0.39) for "do you ship to switzerland", where the page names no
        country outside."""
        return next((row for row in rows if row[0] >= self.search.facts.min_similarity
                     and relevance.denies(row[3], question)
                     and (not focused or focus.speaks_of(row[3], question))), None)

    def _without_model(self, turn: Turn, products: Sequence[Product]) -> Reply:
        turn.guard = "unavailable"
        cards = tuple(ProductCard.of(p, self.search.kb.currency) for p in products)
        # The sentence the guard would quote in place of a failed reply: one that answers (the
        # store's rare words of the question count), else a "no" to a yes/no question, with the
        # answering sentence before it in its passage. A busy server times out often; the
        # shopper should not get a poorer answer for it.
        focused = not products
        rows = self.search.facts.rank(turn.text, turn.facts)
        ranked = _of_the_ask(_answering(rows, turn.text, focused, self.search.rare_words(turn.text) if rows else set(),
                                        self.goods), turn.text, products)
        best = ranked[0] if ranked else self._denial(rows, turn.text, focused)
        if best:
            turn.raw_reply = f"{_with_answering_lead(best, ranked, rows).rstrip('.')}. [{best[1]}]"
            return Reply(guard.strip_citations(turn.raw_reply),
                         self.search.citations([best[1]], turn.facts), products=cards,
                         action="extractive")
        turn.raw_reply = UNAVAILABLE_TEXT
        return Reply(UNAVAILABLE_TEXT, products=cards, quick_replies=("Talk to a human",),
                     action="unavailable")


def _answering(rows: Sequence[tuple[float, str, int, str]], question: str,
               focused: bool = True, rare: set[str] = frozenset(),
               goods: frozenset[str] = frozenset()) -> list[tuple[float, str, int, str]]:
    """The ranked fact sentences that may stand as the question's answer, best first. When the
    question asks for a time, a cost or a place (`answer_kinds.DEFINITE`), the
    sentences stating one come first, those holding more of the question's words first, and
    may be less close (KIND_SIMILARITY): "we shall reimburse ... not later than 14 days" (0.33,
    the refund and the withdrawal) for "when do i get my money back after a return", before
    "You shall send back the goods ... within 14 days" (0.47, the return alone). A sentence
    holding one of the question's `rare` words (`StoreSearch.rare_words`) may answer from
    KIND_SIMILARITY: "special care is taken to protect fragile objects" for "are things packed
    well, its fragile"."""
    kind, context = answer_kinds.asked(question), facts.preceding(rows)
    refund = facts.awaits_refund(question)  # the refund's time before the return's deadline
    if focused:  # not a look-alike (`focus.speaks_of`)
        rows = [row for row in rows if focus.speaks_of(row[3], question)]
    # "Gift cards" shares a word with "do you gift wrap", and speaks of another thing
    rows = [row for row in rows if not relevance.names_another_thing(row[3], question)]
    stating = sorted((row for row in rows if kind in answer_kinds.DEFINITE and row[0] >= KIND_SIMILARITY
                      and facts.answers_in_context(row, question, context, kind)),
                     key=lambda row: (-(refund and answer_kinds.times_the_refund(row[3])),
                                      -relevance.shared_words(row[3], question)))
    return stating + [row for row in rows if row not in stating and (
        row[0] >= SURE_ANSWER or (row[0] >= ANSWER_SIMILARITY and (
            relevance.answers(row[3], question) or relevance.denies(row[3], question)))
        or (row[0] >= KIND_SIMILARITY and (_lists_the_options(row[3], question, goods) or _singled_out(row[3], rare))))]


def _of_the_ask(rows: Sequence[tuple[float, str, int, str]], question: str,
                products: Sequence[Product]) -> list[tuple[float, str, int, str]]:
    """The rows that may be quoted, without a product record's sentence that holds none of
    what the question asks beyond the product's name: "The Seaman Lager is in stock." is close
    to "is the seaman lager gluten free" by the name alone, and answers nothing of it."""
    named = {w for p in products for w in relevance.sentence_words(p.name)}
    asked = relevance.question_words(question) - named
    if not asked:
        return list(rows)  # "how much is the seaman lager": the name is all it names
    alike = lambda a, s: a == s or (min(len(a), len(s)) >= 4 and (a.startswith(s) or s.startswith(a)))
    # a short word the record capitalises ("VR ready" for "does the gaming pc support vr") is
    # what is asked, though too short to count among the question's words
    short = [a for p in products for a in product_specs.acronyms(question, p)]
    return [row for row in rows if not row[1].startswith("product:")
            or any(alike(a, s) for a in asked for s in relevance.sentence_words(row[3]))
            or any(a.search(row[3]) for a in short)]


def _with_answering_lead(best: tuple[float, str, int, str], ranked: Sequence[tuple[float, str, int, str]],
                         rows: Sequence[tuple[float, str, int, str]]) -> str:
    """The quoted sentence, after the one before it in its fact (its passage's chosen sentences,
    in reading order) when that one answers too (`ranked`): "Every product comes with the
    two-year legal guarantee: ... we repair or replace it" then "Send us a photo ... of the fault
    by e-mail." for "it stopped working, what can i do"; the second alone speaks of a fault it
    never names."""
    before = facts.preceding(rows).get((best[1], best[2]), "")
    if before and any(row[1] == best[1] and row[3] == before for row in ranked):
        return f"{before} {best[3]}"
    return best[3]


def _with_limit(text: str, facts: Sequence) -> str:
    """A "no" to what a fact's limit leaves out, followed by the limit when the reply leaves it
    unsaid: "No, we do not ship on weekends." then "Deliveries occur only on weekdays.", so the
    shopper learns when it is done as well as when not."""
    found = guard.limit_behind(text, facts)
    if found is None or relevance.sentence_words(found[1]) <= relevance.sentence_words(guard.strip_citations(text)):
        return text
    fact_id, sentence = found
    return f"{text.rstrip()} {sentence.rstrip('.')}. [{fact_id}]"


def given_up(text: str) -> str:
    """A generated "I don't know" as sent: without a "yes" or "no" before it ("No, I don't
    know." to "will it come tomorrow" says no and then that it can't say)."""
    return _VERDICT_BEFORE_DONT_KNOW.sub("", text)


def _singled_out(sentence: str, rare: set[str]) -> bool:
    """The sentence holds a word of the question that few of the store's sentences hold."""
    return any(relevance.shared_words(sentence, word) for word in rare)


def _no_to_a_yes(rows: Sequence[tuple[float, str, int, str]], question: str,
                 focused: bool = True) -> tuple[float, str, int, str] | None:
    """After a refused "yes" to a yes/no question, the fact sentence that says no: one of the
    two closest, negated, holding a word of the question ("Please do not send your purchase
    back to the manufacturer." for "can i just send it back to the manufacturer instead"), or
    any close one holding two (`relevance.denies` asks the negated word itself to be the
    question's, and a shopper's "send it back" is a page's "send your purchase back")."""
    if relevance.is_wh_question(question) or answer_kinds.asked(question):
        return None
    for place, row in enumerate(rows):
        if row[0] < ANSWER_SIMILARITY or not _negates_what_is_asked(row[3], question) or (
                focused and not focus.speaks_of(row[3], question)):
            continue
        if relevance.shared_words(row[3], question) >= (1 if place < 2 else 2):
            return row
    return None


def _negates_what_is_asked(sentence: str, question: str) -> bool:
    """A negation with a word of the question next to it (three words before, eight after): "Sale
    items cannot be refunded", "do not send your purchase back to the manufacturer"; not a
    negation in a condition on something else ("If the item wasn't marked as a gift ...")."""
    for m in _NEGATED.finditer(sentence):
        # the words before it in its own clause: "If 30 days have passed since your purchase, we
        # can't offer ..." negates the offer, not the purchase
        before = re.split(r"[,;:]", sentence[:m.start()])[-1]
        near = " ".join(before.split()[-3:] + sentence[m.end():].split()[:8])
        if relevance.shared_words(near, question):
            return True
    return False


def _lists_the_options(sentence: str, question: str, goods: frozenset[str] = frozenset()) -> bool:
    """A yes/no question ("can i pay with apple pay?", "do u take amex") answered by the
    sentence listing the options of what it asks about ("We accept Visa, ..., PayPal, and bank
    transfer."): the sentence lists and holds the question's topic. A word naming the store's
    `goods` is no topic: "Do you service bikes: yes; ... tune-ups, repairs and wheel building for
    any brand of bike." lists services, not what "will u match the price of the same bike" asks."""
    return (not answer_kinds.asked(question) and not relevance.is_wh_question(question)
            and answer_kinds.is_list(sentence) and relevance.shared_words(sentence, question) >= 1
            and any(relevance.shared_words(sentence, word) for word in relevance.question_words(question) - goods))


def _answers(ranked: Sequence[tuple[float, str, int, str]]) -> bool:
    """The best fact sentence answers the question on its own: very close to it, or close and
    far ahead of every other sentence."""
    best = ranked[0][0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return best >= EXTRACT_CONFIDENCE or (best >= CLEAR_ANSWER[0]
                                          and best - runner_up >= CLEAR_ANSWER[1])


def _gives_way(ranked: Sequence[tuple[float, str, int, str]], question: str,
              rare: set[str] = frozenset(), goods: frozenset[str] = frozenset()) -> bool:
    """A generated "I don't know" gives way to the best fact sentence: it answers on its own
    (`_answers`), says no to the yes/no question (`relevance.denies`), is close and holds
    WORDS_ANSWER of the question's words, states the kind of thing asked and holds two, or
    lists the options the yes/no question asks about (`_lists_the_options`), or holds one of
    the question's `rare` words (`_singled_out`)."""
    best = ranked[0]
    before = facts.preceding(ranked).get((best[1], best[2]), "")
    return _answers(ranked) or relevance.denies(best[3], question) or _lists_the_options(best[3], question, goods) or (
        best[0] >= KIND_SIMILARITY and _singled_out(best[3], rare)) or (
        best[0] >= CLEAR_ANSWER[0] and relevance.shared_words(best[3], question) >= WORDS_ANSWER) or (
        # the kind of thing asked, and two of the question's words (read after the sentence
        # before it): "we shall reimburse ... within 14 days" (the refund and the withdrawal)
        # for "how long before i get refunded"
        best[0] >= ANSWER_SIMILARITY and answer_kinds.asked(question) in answer_kinds.DEFINITE
        and answer_kinds.states_asked(best[3], question)
        and relevance.shared_words(f"{before} {best[3]}", question) >= 2)
