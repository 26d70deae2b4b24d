"""Misspelt shopping words."""

from __future__ import annotations

from bot.dialogue.spelling import Speller


def test_only_unknown_words_close_to_a_shopping_word_are_corrected():
    speller = Speller({"where", "my", "older", "shopping", "truck", "sister"})
    assert speller.correct("wheres my pakage") == "wheres my package"
    assert speller.correct("ordr 000000113 retrun") == "order 000000113 return"
    # real words stay, even when close to one ("older"/"order", "shopping"/"shipping")
    assert speller.correct("my older sister likes shopping") == "my older sister likes shopping"
    # emails are not words to correct
    assert speller.correct("ordar@example.com") == "ordar@example.com"


def test_without_a_dictionary_nothing_is_changed():
    assert Speller((), ()).correct("wheres my pakage") == "wheres my pakage"
