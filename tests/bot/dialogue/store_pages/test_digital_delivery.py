"""How a store that ships nothing gets its goods to the shopper (bot/dialogue/store_pages/digital_delivery),
said when a shopper asks about shipping, delivery or a parcel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from models import Fact

from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import digital_delivery
from bot.dialogue.store_pages.store_rules import SHIPS_NOTHING, StoreRules

STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"


def _rules(store: str) -> StoreRules:
    from kb import KnowledgeBase
    kb = KnowledgeBase.from_folder(STORES / store)
    pages = [Fact(p.id, p.text) for a in kb.articles for p in a.passages]
    search = SimpleNamespace(articles=lambda: pages, passages=lambda text, limit=5: pages[:limit],
                             heading=lambda pid: "", facts=_FirstSentence())
    return StoreRules(kb, search, date.today, None)


class _FirstSentence:
    """Ranks candidate sentences in page order (the real selector ranks by meaning)."""

    def rank(self, question, facts):
        return [(1.0, f.id, 0, f.text) for f in facts]


@pytest.mark.parametrize("text, asked", [
    ("how much to ship to toronto", True), ("bought 3 songs last night, when do they ship out??", True),
    ("how long till i get my order", True), ("wheres my tracking number", True), ("do you deliver to the uk", True),
    ("how long till i get my refund", False), ("can i download them again", False), ("how much is so what", False),
])
def test_a_question_on_how_or_when_goods_come(text, asked):
    assert digital_delivery.asks(text) is asked


def test_the_pages_sentences_that_nothing_ships_and_how_goods_come_instead():
    pages = [Fact(p.id, p.text) for p in _rules("chinook_downloads").search.articles()]
    found = digital_delivery.sentences(pages)
    assert found and "nothing is ever posted" in found[0].text and "appears in your library" in found[0].text
    assert "Prices are in Canadian dollars" not in found[0].text
    assert digital_delivery.sentences([Fact("policy:shipping#1", "We ship anywhere in Canada.")]) == []


def test_a_store_that_ships_nothing_answers_shipping_with_how_its_goods_come():
    rules = _rules("chinook_downloads")
    decision = rules.decide(DialogueState(), "how much to ship to toronto")
    assert decision.action == SHIPS_NOTHING
    reply = rules.act("how much to ship to toronto", SHIPS_NOTHING)
    assert "nothing is ever posted" in reply.text and reply.citations
    late = rules.act("paid for an episode an hour ago and it still hasnt shown up", "order_trouble")
    assert "appears in your library" in late.text


def test_a_quote_or_pickup_other_rules_chose_becomes_how_the_goods_come():
    from bot.dialogue import policy
    rules = _rules("chinook_downloads")
    quote = rules.instead("how much to ship to toronto", policy.Decision(policy.SHIPPING_QUOTE, "a place"))
    assert quote.action == SHIPS_NOTHING
    assert rules.instead("how much is layla", policy.Decision(policy.PRODUCT_QUESTION, "a product")) is None
    assert rules.decide(DialogueState(), "can i come by your office and pick up a cd").action == SHIPS_NOTHING
    saleor = _rules("saleor_sample")
    assert saleor.instead("how much to ship to toronto", policy.Decision(policy.SHIPPING_QUOTE, "a place")) is None


def test_a_store_with_a_shipping_table_is_not_concerned():
    decision = _rules("saleor_sample").decide(DialogueState(), "how much to ship to toronto")
    assert decision is None or decision.action != SHIPS_NOTHING
