"""The pages' rule on until when an order can be changed or cancelled (bot/dialogue/orders/order_changes),
said where a shopper asks to cancel or change one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from models import Entities, Fact, NluResult, Sentiment

from bot.dialogue import policy
from bot.dialogue.orders import order_changes, order_flows
from bot.dialogue.understanding import Understanding
from bot.types import Session
from kb.orders import DemoOrderBackend

STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"


def _kb(store: str):
    from kb import KnowledgeBase
    return KnowledgeBase.from_folder(STORES / store)


def _passages(kb):
    return [Fact(p.id, p.text) for a in kb.articles for p in a.passages]


@pytest.mark.parametrize("store", ["saleor_sample", "oscar_sample", "opencart_sample"])
def test_a_stores_cancel_rule_is_found_in_its_pages(store):
    found = order_changes.rule(_passages(_kb(store)))
    assert found is not None and "until it has been dispatched" in found.text


@pytest.mark.parametrize("store", ["aw_cycles", "zava_diy", "contoso_outdoor", "chinook_downloads"])
def test_pages_without_such_a_rule_give_none(store):
    # "Changed your mind? Bring it back within 90 days ..." is a return rule, not a cancel rule
    assert order_changes.rule(_passages(_kb(store))) is None


def test_a_sentence_on_changing_something_else_is_no_order_rule():
    said = [Fact("faq:1", "You can change your password or email address in your account until the order ships.")]
    assert order_changes.rule(said) is None


def _first_reply(kb, flow: str, text: str):
    today = date.today()
    ctx = order_flows.FlowContext(kb, DemoOrderBackend.seeded(kb, today), today)
    nlu = Understanding(NluResult("cancel_order", 0.9, False), Entities(), Sentiment("neutral", 0.9))
    return order_flows.run(flow, Session("c"), text, nlu, ctx)


def test_asked_to_cancel_the_rule_comes_before_the_order_number_is_asked():
    reply = _first_reply(_kb("saleor_sample"), policy.CANCEL_ORDER, "can i still cancel?? it hasnt shipped yet")
    assert reply.text.startswith("You can change or cancel an order until it has been dispatched.")
    assert "order number" in reply.text and reply.citations[0].id.startswith("faq:help")


def test_a_store_without_the_rule_only_asks_for_the_order(demo_kb):
    reply = _first_reply(demo_kb, policy.CANCEL_ORDER, "i want to cancel my order")
    assert reply.text.startswith("Sure, I can help with that.") and not reply.citations
    status = _first_reply(_kb("saleor_sample"), policy.ORDER_STATUS, "where is my order")
    assert "dispatched" not in status.text  # a status question is not asking to cancel
