"""How a question's words meet a fact sentence's: shoppers' phrases read as the shop's word, and
a sentence whose one shared word names another thing."""

import pytest

from bot.dialogue.grounding import relevance


@pytest.mark.parametrize("phrase, word", [
    ("my lamp arrived bent", "damaged"),
    ("the bottle came leaking", "damaged"),
    ("the parcel turned up torn open", "damaged"),
    ("still waiting on my money", "refund"),
    ("how many days for the money", "refund"),
])
def test_a_shoppers_phrase_reads_as_the_shop_word(phrase, word):
    assert word in relevance.words_of(phrase)


def test_money_spent_is_not_a_refund():
    assert "refund" not in relevance.words_of("i want to save money on shipping")


def test_another_kind_of_the_shared_word_is_another_thing():
    """"Gift cards" is not what "my credit card details" asks about; "cards" alone is."""
    gift = "Do you sell gift cards: no, we do not sell gift cards at the moment."
    assert relevance.names_another_thing(gift, "do you save my credit card details")
    assert relevance.names_another_thing(gift, "do you keep my card details safe")
    accepted = "We accept Visa, Mastercard and American Express cards."
    assert not relevance.names_another_thing(accepted, "can i pay by card")
    assert not relevance.names_another_thing("We keep your card details encrypted.", "do you keep my card details safe")


def test_a_plant_gone_droopy_or_food_gone_rotten_is_the_pages_wilted_or_spoiled():
    from bot.dialogue.grounding import relevance
    assert "wilted" in relevance.shop_words("the monstera showed up all droopy")
    assert "spoiled" in relevance.shop_words("the apples were rotten when they came")


def test_a_denial_scoped_to_places_says_no_only_to_a_where_question():
    """"We do not ship outside Australia" denies shipping somewhere, not shipping in plain boxes."""
    outside = "We do not ship outside Australia."
    assert not relevance.denies(outside, "do you ship in plain unbranded boxes")
    assert relevance.denies(outside, "do you ship to switzerland")
    assert relevance.denies(outside, "can u ship overseas")
    assert relevance.denies("We do not offer an assembly service.", "will someone assemble it")
