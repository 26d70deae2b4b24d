"""Goods that failed after a stretch of use, and the pages' warranty sentence for them
(bot/dialogue/orders/faults_after_use)."""

from __future__ import annotations

import pytest

from tests.bot.dialogue.orders.test_order_trouble import _ByWords, _pages


@pytest.mark.parametrize("text, told", [
    ("the kettle stopped working after 4 months, am i out of luck", True),
    ("my microwave oven died after a year and a bit", True),
    ("had the lamp since last winter and now it wont turn on", True),
    ("seams on my pack started coming apart after a season of hiking", True),
    ("my hammer snapped at the handle in the first week", True),
    ("the wrench jaw cracked after about 6 months, just normal use", True),
    ("it stopped working the day it came", False),
    ("dead on arrival, wont switch on, had it 2 days", False),
    ("the jar arrived cracked", False),
    ("my parcel failed to arrive after 2 weeks", False),
    ("how long does the battery last after a full charge", False),
])
def test_a_fault_after_use_is_told_apart_from_harm_on_arrival(text, told):
    from bot.dialogue.orders import faults_after_use
    assert faults_after_use.told(text) is told


def test_a_guarantee_for_faults_answers_a_fault_after_months():
    from bot.dialogue.orders import faults_after_use
    found = faults_after_use.sentences("the kettle stopped working after 4 months, am i out of luck",
                                       _pages("kereru_pantry"), _ByWords())
    assert found and "Consumer Guarantees Act" in found[0].text


class _ProcedureFirst(_ByWords):
    """Ranks a page's procedure with a window first, as the selector by meaning did on aw_cycles."""

    def rank(self, question, facts):
        return sorted(super().rank(question, facts), key=lambda row: "within 30 days" not in row[3])


def test_a_procedure_whose_window_the_use_outlasted_gives_way_to_the_warranty():
    from bot.dialogue.orders import faults_after_use
    pages = _pages("aw_cycles")
    soon = faults_after_use.sentences("the bike computer stopped working after 2 weeks, what now", pages,
                                      _ProcedureFirst())
    assert soon and "within 30 days of delivery" in soon[0].text
    later = faults_after_use.sentences("the bike computer stopped working after 8 months, what now", pages,
                                       _ProcedureFirst())
    assert later and "one year" in later[0].text and "30 days" not in later[0].text
    # what the warranty does not cover comes along with it, never alone
    assert "does not cover crashes" in later[0].text


def test_what_is_not_covered_follows_the_cover_it_limits():
    from bot.dialogue.orders import faults_after_use
    assert not faults_after_use.states("Wear parts and tools that were dropped are not covered.")
    assert faults_after_use.states("power tools are covered for 3 years against defects in materials.")
    assert not faults_after_use.states("If something arrives cracked, send a photo within 14 days.")
    # another rule's exception for faulty goods is no procedure for them
    assert not faults_after_use.states("The $95 freight comes off your refund unless the piece is faulty.")


@pytest.mark.parametrize("sentence, answers", [
    ("We don’t guarantee delivery times, but we do our best to provide accurate estimates.", False),
    ("The warranty doesn't cover crashes.", False),  # a limit, said only after the cover it limits
    ("All our websites are covered by this privacy policy.", False),  # "covered", of no goods' fault
    ("Every tent is covered for two years.", True),
    ("Faulty goods are always covered under the Consumer Guarantees Act.", True),
    ("Comes with the manufacturer's warranty.", True),
])
def test_only_a_sentence_covering_goods_faults_answers_a_fault_after_use(sentence, answers):
    from bot.dialogue.orders import faults_after_use

    assert faults_after_use.states(sentence) is answers
