"""An order problem told, and the store pages' procedure for it (bot/dialogue/order_trouble)."""

from __future__ import annotations

from pathlib import Path

import pytest

STORES = Path(__file__).resolve().parents[3] / "bench" / "data" / "stores"


@pytest.mark.parametrize("text, kind", [
    ("the lamp showed up with a cracked shade", "harmed"),
    ("box was crushed and the mug inside is broken when it arrived", "harmed"),
    ("u sent me the wrong colour", "harmed"),
    ("got a large instead of the small i ordered", "harmed"),
    ("the shelf came without the screws, missing parts", "harmed"),
    ("my parcel still hasnt arrived", "not_arrived"),
    ("it says delivered but its not here", "not_arrived"),
    ("tracking hasn't moved in days, is it lost", "not_arrived"),
    ("i sent the kettle back a month ago and still no refund", "refund_awaited"),
    ("returned the boots, where is my money", "refund_awaited"),
    ("i paid for my order twice??", "charged"),
    ("looks like i was double charged", "charged"),
    ("how long do refunds take", None),
    ("where is my order 1234", None),
    ("do you sell broken biscuits", None),
    ("i want to return the lamp", None),
])
def test_the_kind_of_problem_a_message_tells(text, kind):
    from bot.dialogue import order_trouble
    assert order_trouble.kind(text) == kind


def _pages(store: str):
    from kb import KnowledgeBase
    from models import Fact
    kb = KnowledgeBase.from_folder(STORES / store)
    return [Fact(p.id, p.text) for a in kb.articles for p in a.passages]


class _ByWords:
    """Ranks sentences by the words they share with the question (the real selector by meaning)."""

    def rank(self, question, facts):
        from bot.dialogue.facts import split_sentences
        asked = set(question.lower().split())
        rows = [(len(asked & set(s.lower().split())) / 10, f.id, i, s)
                for f in facts for i, s in enumerate(split_sentences(f.text))]
        return sorted(rows, key=lambda row: -row[0])


def test_the_pages_procedure_for_each_kind_of_problem():
    from bot.dialogue import order_trouble
    pages = _pages("saleor_sample")
    harmed = order_trouble.sentences("harmed", "the bottle arrived broken", pages, _ByWords())
    assert harmed and "photo" in harmed[0].text and ("broken" in harmed[0].text or "faulty" in harmed[0].text)
    lost = order_trouble.sentences("not_arrived", "says delivered but i cannot find the parcel", pages, _ByWords())
    assert lost and "cannot find the parcel" in lost[0].text and lost[0].id.startswith("policy:shipping")
    refund = order_trouble.sentences("refund_awaited", "sent it back, still no refund", pages, _ByWords())
    assert refund and "within 10 business days" in refund[0].text


def test_the_remedy_in_the_next_sentence_comes_along():
    from bot.dialogue import order_trouble
    found = order_trouble.sentences("harmed", "it showed up with a missing part", _pages("contoso_outdoor"), _ByWords())
    assert found and "missing part" in found[0].text and "send a replacement" in found[0].text


def test_pages_silent_on_a_problem_give_nothing():
    from bot.dialogue import order_trouble
    # aw_cycles' pages say nothing of lost parcels: the order flow or a person answers instead
    assert order_trouble.sentences("not_arrived", "my parcel never came", _pages("aw_cycles"), _ByWords()) == []


def test_a_supposed_problem_gets_no_apology_and_a_parcel_an_order_check():
    from models import Fact
    from bot.dialogue import order_trouble
    facts = [Fact("policy:shipping#1", "Contact us within 7 days.")]
    assert order_trouble.reply_text("harmed", "what if it arrives broken", facts) == "Contact us within 7 days."
    told = order_trouble.reply_text("not_arrived", "my parcel never came", facts)
    assert told.startswith("Sorry") and "order number" in told


def test_a_named_order_with_goods_harmed_goes_to_the_return_flow():
    from types import SimpleNamespace
    from bot.dialogue import context, policy
    from bot.dialogue.state import DialogueState
    from bot.types import Session
    nlu = SimpleNamespace(entities=SimpleNamespace(order_ids=("000000107",), emails=()))
    session = Session("web:t")
    harmed = context._order_context(DialogueState(), session, "you sent me the wrong item in order 000000107", nlu)
    assert harmed.action == policy.RETURN
    missing = context._order_context(DialogueState(), session, "the socks were missing from order 000000107", nlu)
    assert missing.action == policy.ORDER_STATUS
