"""The questions a store's settings and pages answer by rule: how to reach it, who pays return
postage, how a refund is paid, a return condition, how to pay, one of its promotions by its terms, the cheapest or
dearest of a kind. `Conversation` asks `StoreRules.decide` before the policy (outside an order
flow, or for a question asked while a flow waits) and runs `StoreRules.act` for their actions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase

from bot.dialogue import context, context_replies, cues, policy, purchase_stories, written_replies
from bot.dialogue.grounding import relevance
from bot.dialogue.orders import order_trouble, trouble_in_anger
from bot.dialogue.products import goods_counts, product_replies
from bot.dialogue.store_pages import (conditions, contact_replies, delivery, digital_delivery,
                                      faq_questions, payments, shipping_followups)
from bot.dialogue.grounding.facts import split_sentences
from bot.dialogue.products.catalog_terms import CatalogTerms
from bot.dialogue.products.search import StoreSearch
from bot.dialogue.state import DialogueState
from bot.types import Reply

#: How to reach the store, from its contact block.
CONTACT = "contact"
#: Who pays to send a return back, from the store's settings.
RETURN_SHIPPING = "return_shipping"
#: How a refund is paid (to the card, as store credit), from the store's settings and pages.
REFUND_METHOD = "refund_method"
#: Collecting an order instead of having it sent, from the store's shipping methods.
PICKUP = "pickup"
#: A problem with an order told (harmed on arrival, not arrived, a refund not come), from the pages' procedure.
ORDER_TROUBLE = "order_trouble"
#: How the goods of a store that ships nothing come (downloads, codes by email), from its pages.
SHIPS_NOTHING = "ships_nothing"
#: The decisions that would quote or time a delivery (of a store that ships nothing, there is none).
_SHIPPING_ACTS = frozenset({policy.SHIPPING_QUOTE, delivery.DEADLINE, delivery.UNPRICED_PLACE,
                            shipping_followups.DELIVERY_TIME, shipping_followups.SURCHARGE})
#: The actions these rules decide and `StoreRules.act` runs.
ACTIONS = frozenset({CONTACT, RETURN_SHIPPING, REFUND_METHOD, PICKUP, ORDER_TROUBLE, SHIPS_NOTHING,
                     conditions.CONDITIONS, payments.PAYMENT, faq_questions.FAQ_ANSWER})


#: "do you sell ...", "do u have ...", "does the shop carry ...": whether the store sells a thing.
_ASKS_IF_SOLD = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so)\W+)?(?:do|does) (?:you|u|ya|y'all|the (?:store|shop)) "
                           r"(?:guys )?(?:sell|have|carry|stock|offer)\b", re.I)
_SOLD_VERBS = frozenset({"sell", "have", "carry", "stock", "offer", "u", "ya", "y'all", "guys", "store", "shop"})


_GOODS_PHONE = cues.GOODS_PHONE
# How soon the team answers: "how long do emails take", "how quick do you reply", "when will i hear back"
_REPLY_TIME = re.compile(r"\b(?:how (?:long|quick\w*|fast|soon)|quick(?:er|est)|fast(?:er|est)|when)\b.*\b(?:repl\w*|"
                         r"answer\w*|respon\w*|get back|hear back|e-?mails?)\b", re.I)
# A page's sentence on that: "we answer emails within one business day", "we reply within 24 hours"
_REPLY_TIME_SAID = re.compile(r"\b(?:answer\w*|repl\w*|respond\w*|get back)\b[^.]*\bwithin\b", re.I)


def _sold_question_words(text: str) -> frozenset[str]:
    """The stemmed words of what a "do you sell ...?" question asks for (empty: no such question)."""
    if not _ASKS_IF_SOLD.search(text):
        return frozenset()
    return frozenset(relevance.stem(w) for w in relevance.WORD.findall(text.lower())
                     if w not in relevance.STOPWORDS and w not in _SOLD_VERBS)


class StoreRules:
    """The store questions answered by rule, over one store.

    Args:
        kb: The store.
        search: The store's product and knowledge search.
        today: Today's date (a callable, for tests): which promotions run.
        terms: What the store's catalog calls things.
    """

    def __init__(self, kb: KnowledgeBase, search: StoreSearch, today: Callable[[], date],
                 terms: CatalogTerms) -> None:
        self.kb = kb
        self.search = search
        self.today = today
        self.terms = terms

    def decide(self, state: DialogueState, text: str) -> policy.Decision | None:
        """The questions the store's settings and pages answer by rule: how to reach it, who pays
        return postage, how a refund is paid, a return condition, the cheapest or dearest of a kind."""
        if self.kb.contact is not None and contact_replies.CONTACT_QUESTION.search(_GOODS_PHONE.sub(" ", text)):
            return policy.Decision(CONTACT, "asks how to reach the store")
        if self.kb.contact is not None and contact_replies.LOCATION_QUESTION.search(text) and any(
                c.kind == "address" for c in self.kb.contact.channels):  # else its pages may say where
            return policy.Decision(CONTACT, "asks where the store is (its address)")
        trouble = self.trouble(text)
        if trouble is not None:
            return trouble
        if self.kb.shipping is None and digital_delivery.asks(text) and self._ships_nothing():
            return policy.Decision(SHIPS_NOTHING, "asks about shipping of a store whose pages say nothing ships")
        if context_replies.RETURN_SHIPPING_QUESTION.search(text) and self.kb.return_policy \
                and self.kb.return_policy.return_shipping_paid_by:
            return policy.Decision(RETURN_SHIPPING, "asks who pays return shipping (settings)")
        if context_replies.REFUND_METHOD_QUESTION.search(text) and self.kb.return_policy \
                and not context_replies.REFUND_TIME_QUESTION.search(text) \
                and self.kb.return_policy.refund_methods:
            return policy.Decision(REFUND_METHOD, "asks how a refund is paid (settings)")
        if self._conditions(text):
            return policy.Decision(conditions.CONDITIONS, "asks a return condition")
        if delivery.asks_pickup(text) and delivery.pickup_methods(self.kb.shipping):
            return policy.Decision(PICKUP, "asks to collect the order (a pickup method in the settings)")
        if payments.asks(text) and payments.answer(self.search.articles(), text):
            return policy.Decision(payments.PAYMENT, "asks how to pay (the ways to pay the pages name)")
        if written_replies.promotions_named(self.kb, text, self.today()):
            return policy.Decision(policy.PROMOTIONS, "asks about one of the store's promotions by its terms")
        if not state.named and product_replies.SUPERLATIVE.search(text) and self.terms.sold_kind(text):
            return policy.Decision(policy.PRODUCT_SEARCH, "the cheapest or dearest of a kind")
        if not state.named and (counted := goods_counts.asked(text)) and self.terms.sold_kind(counted):
            return policy.Decision(policy.PRODUCT_SEARCH, "how many goods of a kind the store sells")
        if self._faq_entry(text, bool(state.named)) is not None:
            return policy.Decision(faq_questions.FAQ_ANSWER, "the store's FAQ asks this question in its own words")
        if not state.named and self._asked_by_the_pages(text):
            return policy.Decision(policy.ANSWER, "the store's pages ask this very question (do you sell ...?)")
        return None

    def _faq_entry(self, text: str, named: bool = False) -> faq_questions.FaqEntry | None:
        """The store's FAQ question the message asks in its own words (`faq_questions`); one on
        what is sold not when the message names a product or a kind the catalog sells ("do you
        have kindle books" asks for goods)."""
        return faq_questions.asked(text, faq_questions.entries(self.search.articles(), self.search.heading),
                                   lambda: named or bool(self.terms.sold_kind(text)))

    def _asked_by_the_pages(self, text: str) -> bool:
        """Whether a heading of the store's pages asks whether the store sells what the message
        asks for ("do you have electric bikes" / "Do you sell electric bikes?"): its answer,
        often a "No", beats a catalog search that shows the goods nearest in words."""
        asked = _sold_question_words(text)
        if not asked:
            return False
        for fact in self.search.articles():
            # a section's heading, or a short section's heading kept as a line of the passage
            # it was merged into ("...\nDo you sell electric bikes?\nNo. We sell ...")
            questions = [self.search.heading(fact.id)] + [line for line in fact.text.splitlines()
                                                          if line.rstrip().endswith("?")]
            for question in questions:
                said = _sold_question_words(question)
                if said and asked <= said and (len(asked) > 1 or asked == said):
                    return True
        return False

    def act(self, text: str, action: str) -> Reply | None:
        """Run one of `ACTIONS` (None: the store lacks the data)."""
        if action == conditions.CONDITIONS:
            facts = self._conditions(text)
            # "can i still return it?": the rule answers; the return itself is one press away
            offer = ("Return an item",) if purchase_stories.asks_if_allowed(text) else ()
            return Reply(conditions.reply_text(facts), tuple(written_replies.citation(
                self.kb.passage(f.id), f.text) for f in facts), quick_replies=offer,
                action=policy.ANSWER) if facts else None
        if action == payments.PAYMENT:
            return self._payment(text)
        if action == faq_questions.FAQ_ANSWER:
            entry = self._faq_entry(text)
            return Reply(faq_questions.reply_text(entry), (written_replies.citation(
                self.kb.passage(entry.passage_id), entry.answer),), action=policy.ANSWER) if entry else None
        if action == CONTACT:
            return self._contact(text)
        if action == RETURN_SHIPPING:
            return context_replies.return_shipping(self.kb, self.search.articles())
        if action == REFUND_METHOD:
            return context_replies.refund_method(self.kb, self.search.articles())
        if action == PICKUP:
            return delivery.pickup_reply(self.kb, text)
        if action == SHIPS_NOTHING:  # the store's own words, quoted as they are (framed in another language)
            facts = self._ships_nothing()
            return Reply(" ".join(f.text for f in facts), tuple(written_replies.citation(
                self.kb.passage(f.id), f.text) for f in facts), action="extractive") if facts else None
        if action == ORDER_TROUBLE:
            problem = order_trouble.kind(text) or ""
            facts = self._trouble(problem, text)
            if not facts and problem in order_trouble.SILENT_TEXT:  # the pages are silent: say so, offer a person
                return Reply(order_trouble.SILENT_TEXT[problem], quick_replies=("Talk to a human",), action="dont_know")
            reply = Reply(order_trouble.reply_text(problem, text, facts), tuple(
                written_replies.citation(self.kb.passage(f.id), f.text) for f in facts),
                quick_replies=("Talk to a human",), action=policy.ANSWER) if facts else None
            # told in anger: the procedure to start on, and a person too (not a handoff alone)
            return trouble_in_anger.with_person(reply) if reply and trouble_in_anger.told(text) else reply
        return None

    def trouble(self, text: str, instead_of: policy.Decision | None = None) -> policy.Decision | None:
        """An order problem the message tells whose procedure the pages give (None: no such
        problem, or the pages are silent on it). Given the decision the conversation's rules made,
        it replaces only a look-up or a product question or comparison ("got the helmet but the gloves
        werent in the box" names two products): "i returned it and still no refund" is
        the page's refund time before the order's returns, "the saw came cracked" no saw's facts."""
        if instead_of is not None and instead_of.action not in (policy.ORDER_STATUS, policy.PRODUCT_QUESTION,
                                                                 context.COMPARE) \
                and not trouble_in_anger.handed_over(instead_of):
            return None
        problem = order_trouble.kind(text)
        if problem and (problem in order_trouble.SILENT_TEXT or self._trouble(problem, text)):
            return policy.Decision(ORDER_TROUBLE, f"tells an order problem ({problem}) the pages say what to do about")
        return None

    def instead(self, text: str, decision: policy.Decision) -> policy.Decision | None:
        """What replaces a decision the conversation's rules made: an order problem the pages
        answer (`trouble`), or a shipping quote or delivery time asked of a store whose pages say
        nothing ships (None: the decision stands)."""
        found = self.trouble(text, decision)
        if found is None and decision.action in _SHIPPING_ACTS and self._ships_nothing():
            return policy.Decision(SHIPS_NOTHING, f"the store ships nothing ({decision.reason})")
        return found

    def _trouble(self, problem: str, text: str) -> list:
        """The pages' procedure for an order problem the message tells (maybe none); goods told
        as not come, of a store that ships nothing: how its goods come."""
        found = order_trouble.sentences(problem, text, self.search.articles(), self.search.facts)
        if not found and problem == order_trouble.NOT_ARRIVED:
            return self._ships_nothing()
        return found

    def _ships_nothing(self) -> list:
        """A store without a shipping table whose pages say nothing ships: those sentences."""
        return digital_delivery.sentences(self.search.articles()) if self.kb.shipping is None else []

    def _contact(self, text: str) -> Reply | None:
        """How to reach the store; asked how soon it answers, with the pages' sentence on that
        (the contact block holds channels and hours, not reply times)."""
        reply = contact_replies.contact(self.kb, text)
        if reply is None or not _REPLY_TIME.search(text) or not self.kb.contact.passage_id:
            return reply
        page = self.kb.contact.passage_id.split("#")[0] + "#"  # the contact page's sections only
        said = next(((p.id, s) for p in self.search.articles() if p.id.startswith(page)
                     for s in split_sentences(p.text) if _REPLY_TIME_SAID.search(s)), None)
        if said is None or said[1] in reply.text:
            return reply
        cites = reply.citations + (written_replies.citation(self.kb.passage(said[0]), said[1]),)
        return replace(reply, text=f"{said[1].rstrip('.')}. {reply.text}", citations=cites)

    def _conditions(self, text: str) -> list:
        """The store's sentences on the return conditions a message asks about (maybe none)."""
        asked = conditions.asked(text)
        # the question's rare words, met in any of the store's pages ("can i return a magazine")
        # and, for a condition asked, the kinds a story's goods are of ("bought a sander": power tools);
        # alone, a story's goods single out no rule ("how long do i have to return the hoodie")
        kinds = purchase_stories.categories(purchase_stories.goods(text), self.kb.products) if asked else ()
        words = conditions.named(text, self.search.articles(), kinds)
        if not asked and not words:
            return []
        # the five closest passages first, then the rest: the sentence stating a condition may
        # sit in a short section no search ranks high ("Sale items cannot be refunded.")
        passages = self.search.passages(text, limit=5)
        passages += [p for p in self.search.articles() if p.id not in {f.id for f in passages}]
        return conditions.sentences(passages, asked, headings={p.id: self.search.heading(p.id) for p in passages},
                                    words=words)

    def _payment(self, text: str) -> Reply | None:
        found = payments.answer(self.search.articles(), text)
        if found is None:
            return None
        by_id: dict[str, list[str]] = {}
        for fact in found.sources:
            by_id.setdefault(fact.id, []).append(fact.text)
        cites = tuple(written_replies.citation(self.kb.passage(i), " ".join(t)) for i, t in by_id.items())
        return Reply(found.text, cites, quick_replies=("Talk to a human",) if found.admits else (),
                     action=policy.ANSWER)
