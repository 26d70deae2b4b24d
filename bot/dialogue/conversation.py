"""The conversation around a turn: choose the action with the state in view, run the actions
the state makes possible, and update the state from what the turn did.

`DialogueService.turn` calls `Conversation.decide` before the policy, `Conversation.act` for
the state-aware actions of `bot.dialogue.context`, and `Conversation.after` once the reply is
known. A question asked while an order flow waits for a slot is answered, then the flow's
question is asked again (the flow stays on the stack meanwhile).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase

from bot.dialogue import compound, context, context_replies, cues, follow_up_reading, policy, question_parts
from bot.dialogue.language import languages
from bot.dialogue.orders import order_flows
from bot.dialogue.products import catalog_terms, goods_requests, named_products, product_acts, product_answers, references
from bot.dialogue.products.search import StoreSearch, says_name
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import delivery, shipping_acts, shipping_followups, store_rules
from bot.dialogue.turn import Turn
from bot.dialogue.understanding import Understanding
from bot.types import Reply, Session

CONTEXT_ACTIONS = frozenset({context.ABOUT_BOT, context.PRODUCT_REFERENCE, context.COMPARE,
                             context.RECOMMEND, shipping_followups.SURCHARGE, context.RETURN_WINDOW,
                             shipping_followups.DELIVERY_TIME, shipping_followups.QUOTE_BASIS,
                             delivery.UNPRICED_PLACE, delivery.DEADLINE}) | store_rules.ACTIONS
#: A message the classifier calls out of scope is a store question when a sentence of the store's
#: pages is this similar to it (MiniLM cosine; measured on 15 questions: shop questions 0.34-0.66,
#: trivia, jokes and weather 0.11-0.26).
SCOPE_SIMILARITY = 0.33
_SLOT_ASKS = frozenset({"email", "order_id", "item", "reason"})
# "wait, ...", "ok so ...": no answer to the flow's question
# Where a flow's answer may end and a question begin ("x@y.com, and how long does it take?")
_PART_CUT = re.compile(r"[,;.!?]\s+(?:(?:and|also|btw|plus|oh)\s+)*|\s+(?:and also|also|btw|plus|oh and)\s+", re.I)
_REASK = {"email": "Now, what is the email address on the order?",
          "order_id": "Now, what is your order number?",
          "item": "Now, which item would you like to return?",
          "reason": "Now, why are you returning it?",
          "confirm_cancel": "Now, shall I cancel the order? Please reply yes or no."}


class Conversation:
    """State-aware decisions and actions over one store.

    Args:
        kb: The store.
        search: The store's product and knowledge search.
        today: Today's date (a callable, for tests): which promotions run.
    """

    def __init__(self, kb: KnowledgeBase, search: StoreSearch,
                 today: Callable[[], date] = date.today) -> None:
        self.kb = kb
        self.search = search
        self.today = today
        self.terms = search.terms if search is not None else catalog_terms.CatalogTerms(kb.products)
        self.store_rules = store_rules.StoreRules(kb, search, today, self.terms)
        self.products = product_acts.ProductActs(kb, search, today)
        self.names = named_products.NamedProducts(kb)

    def expand(self, state: DialogueState, reading: str, session: Session | None = None) -> str:
        """The message read with the conversation in view (`follow_up_reading.expand`)."""
        return follow_up_reading.expand(self.terms, state, reading, session)

    def decide(self, state: DialogueState, session: Session, text: str, nlu: Understanding,
               injection: bool, *, scope_search: bool = True) -> policy.Decision:
        """The action for a message: the conversation's rules first, then the policy. Without
        ``scope_search`` an "out of scope" stays one (`overrule_scope` not run): for a caller
        that may set the decision aside, the store search it costs is paid only when read."""
        decision = self._decide(state, session, text, nlu, injection)
        if nlu.entities.order_ids and session.flow not in policy.FLOWS and (
                decision.action in (policy.OUT_OF_SCOPE, policy.PRODUCT_QUESTION) or (
                decision.action == policy.ANSWER and not any(
                    c.search(text) for c in (cues.RETURN_WORD, cues.SHIPPING_WORD, cues.PRICE_ASK)))):
            # "whats in 000000105", "status of 000000112": only the order's verified record answers
            # a question about one order (the generator knows no orders; out of scope it is not)
            return policy.Decision(policy.ORDER_STATUS, f"names an order number ({decision.reason})")
        if decision.action == policy.PRODUCT_QUESTION and not state.named and not state.focus \
                and not session.shown_products and nlu.entities.price_range and self.terms.sold_kind(text):
            # "running shoes under 50": a kind and a price, no product: a search
            return policy.Decision(policy.PRODUCT_SEARCH, f"a kind under a price ({decision.reason})")
        if not scope_search:
            return decision
        return self.overrule_scope(goods_requests.as_search(decision, text, nlu, state, self.search), text)

    def overrule_scope(self, decision: policy.Decision, text: str) -> policy.Decision:
        """The classifier's "out of scope", overruled when the store's own pages speak of it
        (a sentence of theirs `SCOPE_SIMILARITY` close); any other decision as it is."""
        if decision.action == policy.OUT_OF_SCOPE and self.search.relevance(text) >= SCOPE_SIMILARITY:
            return policy.Decision(policy.ANSWER, f"the store's pages answer it ({decision.reason})")
        return decision

    def _decide(self, state: DialogueState, session: Session, text: str, nlu: Understanding,
                injection: bool) -> policy.Decision:
        if injection:
            return policy.decide(session, text, nlu, injection=True)
        named = self.names.named(text, nlu)
        loose = references.only_in_the_one(text, [m.text for m in nlu.entities.products if m.sku in named])
        state.named = (self._pointed(state, text) or named) if not named or loose else named
        if self._named_by_an_option(state, text, nlu):
            state.named = []  # "do you have it in blue": a colour of the product in focus, no other product
        decision = context.decide(state, session, text, nlu, self.kb.shipping)
        if decision is None and self._asks_an_option(state, session, text, nlu):
            decision = policy.Decision(policy.PRODUCT_QUESTION, "a size or colour of the product in focus")
        if session.flow not in policy.FLOWS and not nlu.entities.order_ids:  # an order problem the pages answer
            decision = (self.store_rules.instead(text, decision) or decision) if decision else \
                self.store_rules.decide(state, text)
        if decision is None and self.digression(session, text, nlu):
            flow = session.flow
            session.flow = ""  # judged as if no flow waited; restored by `resume`
            try:
                # "btw whats ur phone number", "do i need the tags" while the email is awaited:
                # read by the same rules as outside the flow
                decision = context.decide(state, session, text, nlu, self.kb.shipping) or \
                    self.store_rules.decide(state, text) or policy.decide(session, text, nlu, injection=False)
            finally:
                session.flow = flow
            if decision.action == flow and session.slots.get("awaiting") in ("item", "reason", "confirm_cancel"):
                # "do i get a refund or store credit?" while the return waits for its reason: a
                # question about the flow's subject, answered before the flow goes on
                decision = policy.Decision(policy.ANSWER, f"asks about the {flow} in progress")
            elif decision.action == flow:
                return decision
            state.push(flow)
            return replace(decision, reason=f"digression during {flow}: {decision.reason}")
        return decision or policy.decide(session, text, _named_only(nlu, state.named), injection=False)

    def _pointed(self, state: DialogueState, text: str) -> list[str]:
        """"the navy one" after a list, "the colored one" after the white cushion: the product a
        word of its name points at, among those in view or the focus's kind (`references`)."""
        if not (state.in_view or state.focus):
            return []
        focus = product_answers.products_of(self.kb, [state.focus] if state.focus else [])
        found = references.pointed(text, product_answers.products_of(self.kb, state.in_view),
                                   focus[0] if focus else None, self.kb.products, self.terms)
        return [found.sku] if found else []

    def _named_by_an_option(self, state: DialogueState, text: str, nlu: Understanding) -> bool:
        """True when the only products a message names are loose mentions made of a size or colour
        word of the product in focus ("blue" read as the Touring-2000 Blue after the helmet's price,
        which comes in blue): the follow-up asks that option of the focus."""
        if not state.named or not state.focus or state.focus in state.named:
            return False
        focus = product_answers.products_of(self.kb, [state.focus])
        if not focus:
            return False
        sizes, colours = references.options_named(focus[0], text, self.terms)
        said = {w for option in [*sizes, *colours] for w in cues.words(option)}
        mentions = [m for m in nlu.entities.products if m.sku in state.named]
        return bool(said) and {m.sku for m in mentions} == set(state.named) and all(
            set(cues.words(m.text)) <= said for m in mentions)

    def _asks_an_option(self, state: DialogueState, session: Session, text: str, nlu: Understanding) -> bool:
        """"and in 2l?", "does it come in blue" right after a product answer: the product in focus,
        asked of a size or colour it comes in (the catalog's own, in any spelling)."""
        if state.named or not state.focus or session.flow in policy.FLOWS or nlu.entities.order_ids or \
                state.last_act not in (policy.PRODUCT_QUESTION, context.PRODUCT_REFERENCE):
            return False
        focus = product_answers.products_of(self.kb, [state.focus])
        return bool(focus) and references.asks_an_option(focus[0], text, self.terms)

    def parts(self, session: Session, text: str, injection: bool) -> list[str]:
        """The questions of one message to answer one by one (one part: answered whole). While a
        flow waits for a slot, "the bra, and also do i get a refund?" is the slot's answer, then a
        question (the flow's answer first, so the question is asked of the state it leaves)."""
        if injection:
            return []
        if session.flow not in policy.FLOWS:
            return question_parts.split_questions(text)
        if session.slots.get("awaiting") not in _SLOT_ASKS:
            return []  # a yes/no is no slot: "wait, is it shipped?" is one question
        for cut in _PART_CUT.finditer(text):
            head, rest = text[:cut.start()].strip(), text[cut.end():].strip()
            if set(cues.words(head)) - cues.NO_ASK and len(rest.split()) >= 3 and cues.QUESTION.search(rest) \
                    and not cues.QUESTION.search(head):
                return [head, rest]
        return []

    def digression(self, session: Session, text: str, nlu: Understanding) -> bool:
        """A question asked while a flow waits for the order number, the email, or the item
        to return and why."""
        awaiting = session.slots.get("awaiting", "")
        waiting = session.flow in policy.FLOWS and (awaiting in _REASK or (
            awaiting.startswith("confirm") and order_flows.confirmation(text) is None))
        entities = nlu.entities
        return waiting and not entities.order_ids and not entities.emails and bool(cues.QUESTION.search(text))

    def act(self, turn: Turn, state: DialogueState, action: str) -> Reply | None:
        """Run a state-aware action (None: not one of them, or the store lacks the data)."""
        text = turn.text
        if action in store_rules.ACTIONS:
            return self.store_rules.act(text, action)
        if action == context.ABOUT_BOT:
            return Reply(context_replies.ABOUT_BOT_TEXT, action=action)
        if action == shipping_followups.SURCHARGE:
            return context_replies.surcharge(self.kb, state)
        if action == context.RETURN_WINDOW:
            return context_replies.return_window(self.kb)
        if action == shipping_followups.QUOTE_BASIS:
            return context_replies.quote_basis(self.kb)
        if action == delivery.UNPRICED_PLACE:
            return delivery.place_reply(self.kb, delivery.unpriced_place(text, self.kb.shipping) or "there")
        if action == delivery.DEADLINE:
            return shipping_acts.deadline(self.kb, state, text, self.today())
        if action == shipping_followups.DELIVERY_TIME:
            return shipping_acts.delivery_time(self.kb, turn.session, state, text)
        if action == policy.SHIPPING_QUOTE:
            return shipping_acts.quote(self.kb, state, text)
        if action == context.COMPARE:
            return self.products.compare(turn, state)
        if action == context.RECOMMEND:
            return self.products.recommend(text, state)
        if action == context.PRODUCT_REFERENCE:
            return self.products.reference(turn, state)
        return None

    def resume(self, session: Session, state: DialogueState, reply: Reply) -> Reply:
        """After a digression, the interrupted flow's question again."""
        flow = state.pop()
        awaiting = session.slots.get("awaiting", "")
        if flow and session.flow == flow and awaiting in _REASK:
            # the reply is in the shopper's language already: its question again is too
            again = languages.localize(_REASK[awaiting], state.language)
            return replace(reply, text=f"{reply.text.rstrip()} {again}")
        return reply

    def after(self, session: Session, state: DialogueState, action: str, reply: Reply) -> None:
        """Update the state from the turn: the task, the products in view, the last act."""
        # a compound's questions each updated the state as answered; thanks leaves it for what follows
        if action in (compound.COMPOUND, policy.THANKS):
            state.save(session)
            return
        state.last_act = action
        if action not in policy.FLOWS:
            session.slots.pop(order_flows.REFUSED, None)  # a refusal is pressed on the next turn or never
        if action in (policy.SHIPPING_QUOTE, shipping_followups.SURCHARGE, delivery.UNPRICED_PLACE,
                      delivery.DEADLINE) or (action == shipping_followups.DELIVERY_TIME
                                             and not session.verified_order):  # "anything quicker?" goes on
            state.task = policy.SHIPPING_QUOTE
        elif action in policy.FLOWS:
            state.task = action
        elif reply.products and action in (policy.PRODUCT_SEARCH, context.COMPARE, context.RECOMMEND):
            state.task = "products"
        elif action == policy.ANSWER:
            state.task = "policy"
            state.topic = reply.citations[0].id if reply.citations else state.topic
        if reply.products and action in (policy.PRODUCT_SEARCH, context.COMPARE, context.RECOMMEND):
            state.show([p.sku for p in reply.products])
        if action == policy.PRODUCT_SEARCH:
            state.filters = {"query": state.question}  # what a later "under 60 instead" narrows
            if reply.products and says_name(reply.products[0], state.question):
                state.focus = reply.products[0].sku  # "do you have the large desk": "it" is that desk
        elif reply.products and len(reply.products) == 1:
            state.focus = reply.products[0].sku
        elif not reply.products and len(state.named) == 1 and action not in policy.FLOWS:
            state.focus = state.named[0]  # "can i return the fusion backpack if used": "it" is that one next
        if session.verified_order and session.verified_order not in state.orders_seen:
            state.orders_seen.append(session.verified_order)
        state.save(session)


def _named_only(nlu: Understanding, named: list[str]) -> Understanding:
    """The reading with only the products the message names: "my overnight order" names the
    shipping method, and the policy must not take it for a question about the Overnight Duffle."""
    kept = tuple(m for m in nlu.entities.products if m.sku in named)
    if len(kept) == len(nlu.entities.products):
        return nlu
    return replace(nlu, entities=replace(nlu.entities, products=kept))
