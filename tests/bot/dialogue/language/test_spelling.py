"""Misspelt shopping words."""

from __future__ import annotations

from bot.dialogue.language.spelling import Speller, expand_shorthand, spells_a_name_word


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


def test_texting_shorthand_is_written_out_and_words_that_hold_it_stay():
    assert expand_shorthand("how many ppl can sit at it") == "how many people can sit at it"
    assert expand_shorthand("lamp w/ batteries? desk w/o drawers") == "lamp with batteries? desk without drawers"
    assert expand_shorthand("dims of the desk, how much ea") == "dimensions of the desk, how much each"
    # a word that holds the letters is no shorthand ("idea", "area", "apples")
    assert expand_shorthand("good idea, what area do you ship to") == "good idea, what area do you ship to"


def test_a_kind_of_the_stores_goods_needs_a_closer_misspelling():
    speller = Speller({"do", "you", "sell", "boats"}, ("wheelchair", "lipstick", "boots"), cutoff=0.85)
    assert speller.correct("do you sell wheelchars") == "do you sell wheelchair"
    assert speller.correct("lipstik?") == "lipstick?"
    assert speller.correct("do you sell boats") == "do you sell boats"  # a real word stays
    assert speller.correct("any boxts") == "any boxts"  # 0.8 to "boots": not close enough


def test_a_word_a_letter_off_or_two_name_words_run_together_spells_the_name_word():
    assert spells_a_name_word("kangaroo", ["chaz", "kangeroo", "hoodie"])
    assert spells_a_name_word("jaket", ["josie", "yoga", "jacket"])
    assert spells_a_name_word("bodywash", ["shea", "butter", "body", "wash"])
    assert not spells_a_name_word("waterproof", ["water", "bottle"])
    assert not spells_a_name_word("wash", ["wish", "list"])  # four letters: one is a quarter of the word
