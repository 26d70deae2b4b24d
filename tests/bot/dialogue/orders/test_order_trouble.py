"""An order problem told, and the store pages' procedure for it (bot/dialogue/orders/order_trouble)."""

from __future__ import annotations

from pathlib import Path

import pytest

STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"


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
    ("my package came but the capri pants were missing from it", "missing"),
    ("only got 2 of the 3 books i ordered", "missing"),
    ("only half my order turned up, the plywood wasnt with it??", "missing"),
    ("the charger wasn't in the box", "missing"),
    ("my package is missing", "not_arrived"),
    ("is there only 2 of these left", None),
    ("the track i paid for cuts off halfway thru", "harmed"),
    ("the episode i bought wont play", "harmed"),
    ("you sent me a claw hammer but i ordered the framing one, do i pay the return postage", "harmed"),
    ("i ordered a large but you sent a medium", "harmed"),
    ("i ordered a large, when will it be sent", None),
    ("the bike computer i got stopped working after 2 weeks, what now", "failed_in_use"),
    ("the kettle stopped working after 4 months, am i out of luck", "failed_in_use"),
    ("my drill died after 14 months", "failed_in_use"),
    ("it stopped working the day it came", "harmed"),
    ("my parcel failed to arrive after 2 weeks", None),
    ("got the helmet but the gloves from the same order werent in the box", "missing"),
    ("accidentally bought the same episode twice", "charged"),
    ("paid for an episode an hour ago and it still hasnt shown up", "not_arrived"),
    ("looks like i was double charged", "charged"),
    ("how long do refunds take", None),
    ("where is my order 1234", None),
    ("do you sell broken biscuits", None),
    ("i want to return the lamp", None),
])
def test_the_kind_of_problem_a_message_tells(text, kind):
    from bot.dialogue.orders import order_trouble
    assert order_trouble.kind(text) == kind


def _pages(store: str):
    from kb import KnowledgeBase
    from models import Fact
    kb = KnowledgeBase.from_folder(STORES / store)
    return [Fact(p.id, p.text) for a in kb.articles for p in a.passages]


class _ByWords:
    """Ranks sentences by the words they share with the question (the real selector by meaning)."""

    def rank(self, question, facts):
        from bot.dialogue.grounding.facts import split_sentences
        asked = set(question.lower().split())
        rows = [(len(asked & set(s.lower().split())) / 10, f.id, i, s)
                for f in facts for i, s in enumerate(split_sentences(f.text))]
        return sorted(rows, key=lambda row: -row[0])


def test_the_pages_procedure_for_each_kind_of_problem():
    from bot.dialogue.orders import order_trouble
    pages = _pages("saleor_sample")
    harmed = order_trouble.sentences("harmed", "the bottle arrived broken", pages, _ByWords())
    assert harmed and "photo" in harmed[0].text and ("broken" in harmed[0].text or "faulty" in harmed[0].text)
    lost = order_trouble.sentences("not_arrived", "says delivered but i cannot find the parcel", pages, _ByWords())
    assert lost and "cannot find the parcel" in lost[0].text and lost[0].id.startswith("policy:shipping")
    refund = order_trouble.sentences("refund_awaited", "sent it back, still no refund", pages, _ByWords())
    assert refund and "within 10 business days" in refund[0].text


def test_the_remedy_in_the_next_sentence_comes_along():
    from bot.dialogue.orders import order_trouble
    found = order_trouble.sentences("harmed", "it showed up with a missing part", _pages("contoso_outdoor"), _ByWords())
    assert found and "missing part" in found[0].text and "send a replacement" in found[0].text


def test_pages_silent_on_a_problem_give_nothing():
    from bot.dialogue.orders import order_trouble
    # aw_cycles' pages say nothing of lost parcels: the order flow or a person answers instead
    assert order_trouble.sentences("not_arrived", "my parcel never came", _pages("aw_cycles"), _ByWords()) == []


def test_a_supposed_problem_gets_no_apology_and_a_parcel_an_order_check():
    from models import Fact
    from bot.dialogue.orders import order_trouble
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


def test_a_missing_item_gets_the_pages_split_order_or_missing_part_rule_and_nothing_else():
    from bot.dialogue.orders import order_trouble
    split = order_trouble.sentences("missing", "only half my order came, the drywall wasnt with it",
                                    _pages("zava_diy"), _ByWords())
    assert split and "split the order" in split[0].text
    part = order_trouble.sentences("missing", "the stakes were missing from the box", _pages("contoso_outdoor"), _ByWords())
    assert part and "missing part" in part[0].text
    # "missing or misprinted pages" is a faulty book, not an item left out of the parcel
    assert order_trouble.sentences("missing", "only got 2 of the 3 books", _pages("oscar_sample"), _ByWords()) == []


def test_the_status_adds_a_person_where_the_record_cannot_settle_the_problem_told():
    from bot.dialogue.orders import order_trouble
    assert "person" in order_trouble.after_status("not_arrived", "delivered")
    assert order_trouble.after_status("not_arrived", "shipped") == ""  # on its way: the record answers it
    assert "person" in order_trouble.after_status("missing", "delivered")
    assert order_trouble.after_status("", "delivered") == ""


def test_a_faulty_file_and_a_duplicate_purchase_get_a_download_shops_rules():
    from bot.dialogue.orders import order_trouble
    pages = _pages("chinook_downloads")
    faulty = order_trouble.sentences("harmed", "the track cuts off halfway", pages, _ByWords())
    assert faulty and "cut short" in faulty[0].text and "fresh copy" in faulty[0].text
    twice = order_trouble.sentences("charged", "i got charged twice for the same song", pages, _ByWords())
    assert twice and "48 hours" in twice[0].text


@pytest.mark.parametrize("text, kind", [
    ("my order arrived warm", "harmed"),
    ("the cheese came mouldy", "harmed"),
    ("the ice cream arrived all melted", "harmed"),
    ("the milk was sour when it came", "harmed"),
    ("the chicken smells off, it came yesterday", "harmed"),
    ("order came this morning and the box wasnt cold at all", "harmed"),
    ("my parcel came yesterday and the butter had gone off", "harmed"),
    ("is the jacket warm? when would it be delivered", None),
    ("does this keep food cold when it arrives", None),
    ("is it warm enough? it arrived today", None),
])
def test_perishable_goods_harmed_on_the_way_are_an_order_problem(text, kind):
    from bot.dialogue.orders import order_trouble
    assert order_trouble.kind(text) == kind


def test_a_page_rule_for_goods_not_cold_answers_goods_that_came_warm():
    from bot.dialogue.orders import order_trouble
    found = order_trouble.sentences("harmed", "my order arrived warm", _pages("northwind_trade"), _ByWords())
    assert found and "24 hours" in found[0].text and "not cold" in found[0].text


@pytest.mark.parametrize("text, kind", [
    ("the chicken arrived all warm", "harmed"),
    ("the cheese was warm when it came", "harmed"),
    ("my jacket arrived yesterday and it's so warm, love it", None),
])
def test_warm_goods_are_harmed_only_beside_their_arrival(text, kind):
    from bot.dialogue.orders import order_trouble
    assert order_trouble.kind(text) == kind
