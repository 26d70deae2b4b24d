"""A problem told in anger: the pages' procedure and a person (bot/dialogue/orders/trouble_in_anger)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, angry", [
    ("THIS IS RIDICULOUS!! the eggs came smashed again", True),
    ("are you kidding me?? the stove came with a missing part", True),
    ("this is ridiculous, the brakes came bent", True),
    ("FED UP. pedals arrived with a snapped axle", True),
    ("the honey jar arrived cracked", False),
    ("my TV arrived with a cracked screen", False),
])
def test_anger_is_read_in_any_case_and_in_shouting(text, angry):
    from bot.dialogue.orders import trouble_in_anger
    assert trouble_in_anger.told(text) is angry


def test_only_a_handoff_for_anger_is_set_aside():
    from bot.dialogue import policy
    from bot.dialogue.orders import trouble_in_anger
    assert trouble_in_anger.handed_over(policy.Decision(policy.HANDOFF, trouble_in_anger.ANGRY_REASON))
    assert not trouble_in_anger.handed_over(policy.Decision(policy.HANDOFF, "shopper asked for a human"))
    assert not trouble_in_anger.handed_over(policy.Decision(policy.ANSWER, trouble_in_anger.ANGRY_REASON))


def _rules(store: str):
    from datetime import date
    from pathlib import Path
    from types import SimpleNamespace
    from kb import KnowledgeBase
    from models import Fact
    from bot.dialogue.store_pages.store_rules import StoreRules
    from tests.bot.dialogue.orders.test_order_trouble import _ByWords

    class _PhotoFirst(_ByWords):  # the food procedure first, as the selector by meaning ranks it
        def rank(self, question, facts):
            return sorted(super().rank(question, facts), key=lambda row: "photo" not in row[3])

    kb = KnowledgeBase.from_folder(Path(__file__).resolve().parents[4] / "bench" / "data" / "stores" / store)
    pages = [Fact(p.id, p.text) for a in kb.articles for p in a.passages]
    return StoreRules(kb, SimpleNamespace(articles=lambda: pages, facts=_PhotoFirst()), date.today, None)


def test_an_angry_problem_gets_the_procedure_and_a_person():
    from bot.dialogue import policy, written_replies
    from bot.dialogue.orders import trouble_in_anger
    from bot.dialogue.store_pages import store_rules
    rules = _rules("kereru_pantry")
    text = "THIS IS RIDICULOUS!! the jam jar arrived broken"
    decision = rules.instead(text, policy.Decision(policy.HANDOFF, trouble_in_anger.ANGRY_REASON))
    assert decision is not None and decision.action == store_rules.ORDER_TROUBLE
    reply = rules.act(text, decision.action)
    assert "photo within 48 hours" in reply.text and reply.text.endswith(written_replies.HANDOFF_TEXT)
    assert reply.handoff and reply.action == policy.HANDOFF and reply.citations
    # asked for a person, or told calmly: as before
    assert rules.instead(text, policy.Decision(policy.HANDOFF, "shopper asked for a human")) is None
    calm = rules.act("the jam jar arrived broken", store_rules.ORDER_TROUBLE)
    assert not calm.handoff and calm.quick_replies == ("Talk to a human",)
