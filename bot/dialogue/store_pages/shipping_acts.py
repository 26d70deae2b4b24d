"""The shipping actions the conversation runs with the state in view: a quote (for the amount
said, the goods counted, the product named or the one in focus), how long delivery takes, and
whether an order arrives by a date."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase

from bot.dialogue import context_replies, cues, policy, written_replies
from bot.dialogue.language import amounts
from bot.dialogue.orders import order_flows
from bot.dialogue.products import counted_goods, product_answers
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import delivery, shipping_followups
from bot.types import Reply, Session

_THAT = re.compile(r"\b(that|this|it|this one|that one)\b", re.I)


def quote(kb: KnowledgeBase, state: DialogueState, text: str) -> Reply | None:
    """The shipping quote for the question (after a quote, "and overnight?" keeps its subtotal)."""
    goods = shipping_followups.quote_slots(state, text, kb.shipping, kb.products)
    focus = product_answers.products_of(kb, [state.focus] if state.focus else [])
    fresh = state.quote.subtotal is None or state.last_act != policy.SHIPPING_QUOTE
    named = product_answers.products_of(kb, state.named) if len(state.named) == 1 else []
    if not amounts.read(text) and not goods and named and named[0].final_price:
        state.quote.subtotal = named[0].final_price  # "shipping on the dash watch": its price
    elif fresh and not amounts.read(text) and focus and _THAT.search(text) and focus[0].final_price:
        state.quote.subtotal = focus[0].final_price  # "shipping on that": the product in focus
    reply = context_replies.shipping_quote(kb, state)
    if reply and goods and state.quote.subtotal == goods.total:  # "8 bella tanks": say the sum
        money = lambda value: written_replies.money(value, kb.shipping.currency)
        reply = replace(reply, text=f"{counted_goods.priced(goods, money)} {reply.text}")
    yes = delivery.ships_there(kb, text) if reply else ""  # "do you ship to quebec?"
    return delivery.with_extra_charge(kb, text, replace(reply, text=yes + reply.text) if yes else reply)


def delivery_time(kb: KnowledgeBase, session: Session, state: DialogueState, text: str) -> Reply | None:
    """How long delivery takes (for the verified order's method when its arrival is asked), with
    the quote when a total is given too."""
    shipping_followups.quote_slots(state, text, kb.shipping, kb.products)
    if session.verified_order and shipping_followups.ARRIVAL.search(text):
        state.quote.method = session.slots.get(order_flows.ORDER_METHOD) or state.quote.method
    times = context_replies.delivery_time(kb, state, delivery.region_in(kb.shipping, text))
    # "standard to guam for 25 bucks, how many days does it take?": a total given is quoted too
    reply = context_replies.shipping_quote(kb, state) if times and amounts.read(text) else None
    return replace(reply, text=f"{reply.text} {times.text}", citations=tuple(dict.fromkeys(
        reply.citations + times.citations))) if reply else times


def deadline(kb: KnowledgeBase, state: DialogueState, text: str, today: date) -> Reply | None:
    """Whether an order arrives by a date, with the quote when an amount or a price is asked."""
    reply = None
    if amounts.read(text) or cues.PRICE_ASK.search(text):  # "need it by tuesday ... on 80 bucks": the quote too
        shipping_followups.quote_slots(state, text, kb.shipping, kb.products)
        reply = context_replies.shipping_quote(kb, state)
    return delivery.deadline_reply(kb, text, today, reply)
