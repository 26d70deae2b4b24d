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

from bot.dialogue import (acknowledgements, compound, context, context_replies, cues, policy, question_parts,
                          written_replies)
from bot.dialogue.language import amounts, languages
from bot.dialogue.orders import called_off, order_flows
from bot.dialogue.products import (carried_questions, catalog_terms, counted_goods, goods_requests, product_acts,
                                   product_answers, product_compare, references)
from bot.dialogue.products.search import StoreSearch, says_name
from bot.dialogue.products.search_refinements import another_kind, only_limits as _only_limits, without_sizes as _without_sizes
from bot.dialogue.products.search_refinements import without_hedges as _without_hedges
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import conditions, delivery, shipping_followups, store_rules
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
_ANSWERED = frozenset({policy.ANSWER})  # generated answers (the written ones' rules would fire again)
_RETURN_ACTS = frozenset({context.RETURN_WINDOW, conditions.CONDITIONS, store_rules.RETURN_SHIPPING,
                          store_rules.REFUND_METHOD})
_REFINE = re.compile(r"\b(make it|instead|only|cheaper|any|ones?)\b", re.I)
#: The lead-in of a short follow-up: "and for", "what about the", "what if" (what follows is its object).
_FOLLOW_LEAD = re.compile(r"^\W*(?:and|what about|how about|what if|also|same for|or)\s+(?:for\s+|with\s+)?(?:the\s+)?",
                         re.I)
_THAT = re.compile(r"\b(that|this|it|this one|that one)\b", re.I)
#: A mention's lead-in that makes it the shopper's own thing ("my chain"), not the goods asked about.
_POSSESSED = re.compile(r"\b(?:my|our|mine)\s+(?:own\s+|old\s+|current\s+)?$")
_SLOT_ASKS = frozenset({"email", "order_id", "item", "reason"})
# "wait, ...", "ok so ...": no answer to the flow's question
# Where a flow's answer may end and a question begin ("x@y.com, and how long does it take?")
_PART_CUT = re.compile(r"[,;.!?]\s+(?:(?:and|also|btw|plus|oh)\s+)*|\s+(?:and also|also|btw|plus|oh and)\s+", re.I)
_REASK = {"email": "Now, what is the email address on the order?",
          "order_id": "Now, what is your order number?",
          "item": "Now, which item would you like to return?",
          "reason": "Now, why are you returning it?",
          "confirm_cancel": "Now, shall I cancel the order? Please reply yes or no."}


#: Words that say a name stands for more than one product ("both pricing labelers").
_TWO = re.compile(r"\b(both|two|2|all)\b", re.I)


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
        # Product names by length, longest first, for names the entity extractor misses.
        self._names = sorted([(p.name.lower(), p.sku) for p in kb.products] + _short_names(kb.products),
                             key=lambda n: -len(n[0]))
        # each said as whole words (a plural allowed): a book titled "C" is not named by the
        # "c" of "much", nor "Love" by "lovely"; an apostrophe as typed or left out ("womens"
        # and "women's" name the "Women’s Fashion Scrub Set")
        self._name_patterns = {name: re.compile(rf"(?<!\w){_name_pattern(name)}(?:e?s)?(?!\w)")
                               for name, _ in self._names}
        # the parts of a name between apostrophes, each of which a message naming it holds as
        # written: most names are passed over by a substring test, not a pattern (~200 a turn)
        self._name_parts = {name: [part for part in re.split("['’]", name) if part]
                            for name, _ in self._names}

    def expand(self, state: DialogueState, reading: str, session: Session | None = None) -> str:
        """A short follow-up to an answered question ("and exchanges?") read together with that
        question; a new request that drops the order task in progress ("never mind the return,
        where's my order") read alone, the task ended; any other message as it is."""
        dropped = called_off.match(reading) or cues.DROP.match(reading)  # "dont cancel. how much is ..."
        if dropped and len(reading[dropped.end():].split()) >= 3:
            if session is not None and session.flow in policy.FLOWS:
                order_flows._clear_flow(session)  # the order number and email stay for the next task
            reading = reading[dropped.end():]  # "never mind that, do you sell gift vouchers": read alone
        if acknowledgements.acknowledges(reading):  # "hmm ok" between a question and its follow-up
            return reading
        previous, state.question = state.question, reading
        elliptical = _elliptical(reading)
        # a return answered by its rule, or generated for a question about returning
        returns = bool(previous) and (state.last_act in _RETURN_ACTS or (
            state.last_act in _ANSWERED and bool(cues.RETURN_WORD.search(previous))))
        if previous and state.last_act in _ANSWERED and cues.ELLIPSIS.search(reading) and \
                len(reading.split()) <= 5:
            state.question = f"{previous.rstrip(' ?.!')} {reading}"  # "and exchanges?": the question again
        elif returns and elliptical and conditions.asked(f"can I return it {reading}"):
            # "and for gifts?", "and for clothing i already wore?" after the return window: the
            # return question, asked of that condition (joined to the window's question, the
            # window's answer would come again)
            state.question = f"can I return it {reading}"
        elif returns and elliptical and self.terms.sold_kind(reading) and \
                not context.asks_of_a_product(reading) and not cues.PRICE_ASK.search(reading):
            # "and for plants?" after the return window: whether that kind of goods can be returned
            state.question = "can I return " + _FOLLOW_LEAD.sub("", reading).strip(" ?!.")
        elif previous and state.last_act in _ANSWERED and elliptical:  # a longer one asking nothing of its own
            state.question = f"{previous.rstrip(' ?.!')} {reading}"
        state.filters.pop("refine", None)
        searched = state.filters.get("query", "")
        searching = searched and state.last_act == policy.PRODUCT_SEARCH and not carried_questions.size_of_named(
            reading, self.terms.sizes_in(reading), state.focus, state.in_view, True)  # the named one's size
        kind = self.terms.sold_kind(reading) if searching else None
        sizes = self.terms.sizes_in(reading) if searching else ()
        if kind and kind != self.terms.sold_kind(searched):
            limit = cues.PRICE_LIMIT.search(searched)
            if limit and not cues.PRICE_LIMIT.search(reading) and cues.ELLIPSIS.search(reading) and \
                    len(reading.split()) <= 5:
                # "and backpacks?" after watches under 50: another kind, under the same limit
                state.question = f"{reading.strip(' ?!.')} {limit.group(0).strip()}"
            elif cues.CORRECTION.search(reading) and len(reading.split()) <= 5 and \
                    not context.asks_of_a_product(reading) and not cues.PRICE_ASK.search(reading):
                state.question = another_kind(searched, reading)
                state.filters["refine"] = "kind"
        elif searching and len(reading.split()) <= 8 and not context.asks_of_a_product(reading) and (
                cues.PRICE_LIMIT.search(reading) or cues.COLOUR.search(reading)
                or written_replies.department(reading) or sizes) and (
                cues.CORRECTION.search(reading) or cues.ELLIPSIS.search(reading) or _REFINE.search(reading)
                or _only_limits(reading, sizes)):
            # "actually make it under 60", "sorry i meant womens", "need xs tho": the last search
            # again, with the new limit, department or size in place of the old
            kept = cues.PRICE_LIMIT.sub("", searched) if cues.PRICE_LIMIT.search(reading) else searched
            if written_replies.department(reading):
                kept = written_replies.without_department(kept)
            if cues.COLOUR.search(reading):  # "in black" after "jackets in blue": the colour changed
                kept = re.sub(r"\s+in\s*$", "", cues.COLOUR.sub("", kept).strip(" ?!."))
            if sizes:
                kept = _without_sizes(kept, self.terms.sizes_in(kept))
            # without the old search's "?": the joined text is one question, not two
            state.question = f"{' '.join(kept.replace('?', ' ').replace('!', ' ').split())} " \
                f"{_without_hedges(reading)}"
            state.filters["refine"] = "1"
        return state.question

    def named(self, text: str, nlu: Understanding) -> list[str]:
        """Skus of the products a message names, in the order written."""
        lowered, found = text.lower(), {}
        # the entity extractor's longer mentions of other products: "hackers and painters"
        # (for "Hackers & painters") holds the name "Hackers" but names that book alone
        held = [(at, at + len(m.text), m.sku) for m in nlu.entities.products
                if (at := lowered.find(m.text.lower())) >= 0]
        for name, sku in self._names:  # longest first
            if not all(part in lowered for part in self._name_parts[name]):
                continue
            # a name inside a longer one found ("handheld flashlight" in "industrial handheld
            # flashlight") names nothing there, but may stand alone elsewhere in the message
            at = next((m.start() for m in self._name_patterns[name].finditer(lowered) if not any(
                start <= m.start() and m.end() <= start + len(other) for (start, _), other in found.items())
                and not any(s <= m.start() and m.end() <= e and e - s > m.end() - m.start() and other != sku
                            for s, e, other in held)), -1)
            if at >= 0:
                found[(at, sku)] = name
        skus = [sku for (_, sku) in sorted(found)]
        table = self.kb.shipping
        # "overnight" alone names the shipping method, not the Overnight Duffle
        mentions = [m for m in nlu.entities.products if not (
            table is not None and len(m.text.split()) == 1 and written_replies.method_named(table, m.text))]
        # in the order written: "does the thermaprint come with paper rolls" asks about the first
        mentions.sort(key=lambda m: (lowered.find(m.text.lower()) % (len(lowered) + 1), -m.score))
        skus = list(dict.fromkeys(skus + [m.sku for m in mentions]))
        if len(skus) == 1 and (first := product_answers.products_of(self.kb, skus)):
            # "which is brighter, the halo 30w or the 50w": the second named by its number alone
            skus += [p.sku for p in product_compare.short_second(self.kb.products, first[0], text)]
        if _TWO.search(text):
            # "the two handheld laser barcode scanners": every product of the very name said
            skus += [sku for name, sku in self._names if sku not in skus
                     and any(name == n for n, s in self._names if s in skus[:1])]
        # "get grease off my chain": the shopper's own thing is not the product asked about
        own = {sku for (at, sku) in found if _POSSESSED.search(lowered[:at])} | {
            m.sku for m in mentions if _POSSESSED.search(lowered[:max(0, lowered.find(m.text.lower()))])}
        return sorted(skus, key=lambda sku: sku in own and len(own) < len(skus))

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
        named = self.named(text, nlu)
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
            quote = None
            if amounts.read(text) or cues.PRICE_ASK.search(text):  # "need it by tuesday ... on 80 bucks": the quote too
                shipping_followups.quote_slots(state, text, self.kb.shipping, self.kb.products)
                quote = context_replies.shipping_quote(self.kb, state)
            return delivery.deadline_reply(self.kb, text, self.today(), quote)
        if action == shipping_followups.DELIVERY_TIME:
            shipping_followups.quote_slots(state, text, self.kb.shipping, self.kb.products)
            if turn.session.verified_order and shipping_followups.ARRIVAL.search(text):
                state.quote.method = turn.session.slots.get(order_flows.ORDER_METHOD) or state.quote.method
            times = context_replies.delivery_time(self.kb, state, delivery.region_in(self.kb.shipping, text))
            # "standard to guam for 25 bucks, how many days does it take?": a total given is quoted too
            quote = context_replies.shipping_quote(self.kb, state) if times and amounts.read(text) else None
            return replace(quote, text=f"{quote.text} {times.text}", citations=tuple(dict.fromkeys(
                quote.citations + times.citations))) if quote else times
        if action == policy.SHIPPING_QUOTE:
            goods = shipping_followups.quote_slots(state, text, self.kb.shipping, self.kb.products)
            focus = product_answers.products_of(self.kb, [state.focus] if state.focus else [])
            fresh = state.quote.subtotal is None or state.last_act != policy.SHIPPING_QUOTE
            named = product_answers.products_of(self.kb, state.named) if len(state.named) == 1 else []
            if not amounts.read(text) and not goods and named and named[0].final_price:
                state.quote.subtotal = named[0].final_price  # "shipping on the dash watch": its price
            elif fresh and not amounts.read(text) and focus and _THAT.search(text) and focus[0].final_price:
                state.quote.subtotal = focus[0].final_price  # "shipping on that": the product in focus
            quote = context_replies.shipping_quote(self.kb, state)
            if quote and goods and state.quote.subtotal == goods.total:  # "8 bella tanks": say the sum
                money = lambda value: written_replies.money(value, self.kb.shipping.currency)
                quote = replace(quote, text=f"{counted_goods.priced(goods, money)} {quote.text}")
            yes = delivery.ships_there(self.kb, text) if quote else ""  # "do you ship to quebec?"
            return delivery.with_extra_charge(self.kb, text, replace(quote, text=yes + quote.text) if yes else quote)
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


def _short_names(products) -> list[tuple[str, str]]:
    """Names as shoppers say them when a catalog writes measures after a comma or what comes
    with it after "with": "round meeting table" of "Round Meeting Table, 30 in. x 30in.",
    "storage combination" of "Storage Combination with Doors", when no other product's name
    starts so."""
    heads = [(_NAME_TAIL.split(p.name, 1)[0].strip().lower(), p.sku) for p in products if _NAME_TAIL.search(p.name)]
    starts = [_NAME_TAIL.split(p.name, 1)[0].strip().lower() for p in products]
    return [(head, sku) for head, sku in heads if len(head.split()) >= 2 and starts.count(head) == 1]


_NAME_TAIL = re.compile(r",|\s+with\s+", re.I)


#: A question of its own after a follow-up's lead-in ("and how long does a refund take").
_OWN_QUESTION = re.compile(r"\b(what|whats|what's|how|which|where|when|why|who|is|are|does|do|can|could|will|would|"
                           r"has|have|should)\b", re.I)


def _elliptical(reading: str) -> bool:
    """A follow-up that only makes sense with the answer before: "and exchanges?", and a longer one
    that asks nothing of its own after its lead-in ("and for clothing i already wore?")."""
    if not cues.ELLIPSIS.search(reading):
        return False
    size = len(reading.split())
    return size <= 5 or (size <= 9 and not _OWN_QUESTION.search(_FOLLOW_LEAD.sub("", reading)))


def _name_pattern(name: str) -> str:
    """A product name as a pattern whose apostrophes may be typed either way or left out."""
    return "".join("['’]?" if ch in "'’" else re.escape(ch) for ch in name)


def _named_only(nlu: Understanding, named: list[str]) -> Understanding:
    """The reading with only the products the message names: "my overnight order" names the
    shipping method, and the policy must not take it for a question about the Overnight Duffle."""
    kept = tuple(m for m in nlu.entities.products if m.sku in named)
    if len(kept) == len(nlu.entities.products):
        return nlu
    return replace(nlu, entities=replace(nlu.entities, products=kept))
