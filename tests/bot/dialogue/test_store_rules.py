"""The store questions answered by rule (bot/dialogue/store_rules)."""

from __future__ import annotations


def test_a_do_you_sell_question_the_pages_ask_is_theirs_to_answer():
    from datetime import date
    from types import SimpleNamespace
    from models import Fact
    from bot.dialogue.store_rules import StoreRules
    faq = [Fact("faq:help#1", "Yes. Our shop repairs any brand of bike.\nDo you sell electric bikes?\nNo. We sell "
                              "bikes without motors.\nDo you sell used bikes or do trade-ins?\nNo. All our bikes are new.")]
    search = SimpleNamespace(articles=lambda: faq, heading=lambda pid: "Do you service bikes?")
    rules = StoreRules(None, search, date.today, None)
    # the very question of a merged short section, in a shopper's words
    assert rules._asked_by_the_pages("do you have electric bikes")
    assert rules._asked_by_the_pages("do u sell used bikes")
    # a kind alone, another kind, or no "do you sell" question: the catalog search answers
    for other in ("do you have bikes", "do you have mountain bikes", "electric bikes?", "do you service bikes"):
        assert not rules._asked_by_the_pages(other)
