"""A message read with the conversation in view (`expand`): a short follow-up joined to the
question it follows ("and exchanges?"), a refinement of the last search read as that search
again ("actually make it under 60"), and a new request that drops the order task in progress
read alone ("never mind the return, where's my order")."""

from __future__ import annotations

import re

from bot.dialogue import acknowledgements, context, cues, policy, written_replies
from bot.dialogue.orders import called_off, order_flows
from bot.dialogue.products import carried_questions
from bot.dialogue.products.catalog_terms import CatalogTerms
from bot.dialogue.products.search_refinements import another_kind, only_limits, without_hedges, without_sizes
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import conditions, store_rules
from bot.types import Session

_ANSWERED = frozenset({policy.ANSWER})  # generated answers (the written ones' rules would fire again)
_RETURN_ACTS = frozenset({context.RETURN_WINDOW, conditions.CONDITIONS, store_rules.RETURN_SHIPPING,
                          store_rules.REFUND_METHOD})
_REFINE = re.compile(r"\b(make it|instead|only|cheaper|any|ones?)\b", re.I)
#: The lead-in of a short follow-up: "and for", "what about the", "what if" (what follows is its object).
_FOLLOW_LEAD = re.compile(r"^\W*(?:and|what about|how about|what if|also|same for|or)\s+(?:for\s+|with\s+)?(?:the\s+)?",
                         re.I)
#: A question of its own after a follow-up's lead-in ("and how long does a refund take").
_OWN_QUESTION = re.compile(r"\b(what|whats|what's|how|which|where|when|why|who|is|are|does|do|can|could|will|would|"
                           r"has|have|should)\b", re.I)


def expand(terms: CatalogTerms, state: DialogueState, reading: str, session: Session | None = None) -> str:
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
    elif returns and elliptical and terms.sold_kind(reading) and \
            not context.asks_of_a_product(reading) and not cues.PRICE_ASK.search(reading):
        # "and for plants?" after the return window: whether that kind of goods can be returned
        state.question = "can I return " + _FOLLOW_LEAD.sub("", reading).strip(" ?!.")
    elif previous and state.last_act in _ANSWERED and elliptical:  # a longer one asking nothing of its own
        state.question = f"{previous.rstrip(' ?.!')} {reading}"
    state.filters.pop("refine", None)
    _refine_search(terms, state, reading)
    return state.question


def _refine_search(terms: CatalogTerms, state: DialogueState, reading: str) -> None:
    """Right after a search, "and backpacks?" (another kind, under the same limit) or "actually
    make it under 60" (the search again with the new limit, department, colour or size) becomes
    the question; `state.filters["refine"]` says which."""
    searched = state.filters.get("query", "")
    searching = searched and state.last_act == policy.PRODUCT_SEARCH and not carried_questions.size_of_named(
        reading, terms.sizes_in(reading), state.focus, state.in_view, True)  # the named one's size
    kind = terms.sold_kind(reading) if searching else None
    sizes = terms.sizes_in(reading) if searching else ()
    if kind and kind != terms.sold_kind(searched):
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
            or only_limits(reading, sizes)):
        # "actually make it under 60", "sorry i meant womens", "need xs tho": the last search
        # again, with the new limit, department or size in place of the old
        kept = cues.PRICE_LIMIT.sub("", searched) if cues.PRICE_LIMIT.search(reading) else searched
        if written_replies.department(reading):
            kept = written_replies.without_department(kept)
        if cues.COLOUR.search(reading):  # "in black" after "jackets in blue": the colour changed
            kept = re.sub(r"\s+in\s*$", "", cues.COLOUR.sub("", kept).strip(" ?!."))
        if sizes:
            kept = without_sizes(kept, terms.sizes_in(kept))
        # without the old search's "?": the joined text is one question, not two
        state.question = f"{' '.join(kept.replace('?', ' ').replace('!', ' ').split())} " \
            f"{without_hedges(reading)}"
        state.filters["refine"] = "1"


def _elliptical(reading: str) -> bool:
    """A follow-up that only makes sense with the answer before: "and exchanges?", and a longer one
    that asks nothing of its own after its lead-in ("and for clothing i already wore?")."""
    if not cues.ELLIPSIS.search(reading):
        return False
    size = len(reading.split())
    return size <= 5 or (size <= 9 and not _OWN_QUESTION.search(_FOLLOW_LEAD.sub("", reading)))
