"""Questions on the terms of buying (from where, what a buyer may do) are not product searches."""

from __future__ import annotations

import pytest

from bot.dialogue.store_pages import purchase_terms


@pytest.mark.parametrize("text", [
    "im in germany can i even buy music from u",
    "can we order from you if we live outside the us",
    "could i purchase the ebooks internationally",
    "can i use a song i buy off u as background music in my youtube vid",
    "am i allowed to resell the prints i bought here",
    "can i share my downloads with my brother",
])
def test_leave_to_buy_from_elsewhere_or_to_use_what_was_bought_is_asked(text):
    assert purchase_terms.asks(text)


@pytest.mark.parametrize("text", [
    "can i buy some jazz songs",       # goods asked for
    "i live in germany",               # no question of buying
    "can i use the drill on concrete",  # a product's use, nothing bought named
    "can i order the blue one",
])
def test_asking_for_goods_or_their_use_is_not(text):
    assert not purchase_terms.asks(text)
