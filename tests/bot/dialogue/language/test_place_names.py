"""bot/dialogue/language/place_names.py: a country's short name meets the full name a store's regions hold."""

from bot.dialogue.language import place_names


def test_a_short_name_finds_the_full_region_name():
    regions = ["Ireland", "United Kingdom", "United States"]
    assert place_names.short_name_of(regions, "how much is delivery in the uk") == "United Kingdom"
    assert place_names.short_name_of(regions, "shipping to the U.S.?") == "United States"
    assert place_names.short_name_of(regions, "do you ship to the usa") == "United States"


def test_no_short_name_is_read_in_ordinary_words_or_for_a_region_the_store_lacks():
    assert place_names.short_name_of(["United States"], "can you send it to us") is None
    assert place_names.short_name_of(["United Kingdom"], "a 16gb card, shipped to ukraine") is None
    assert place_names.short_name_of(["Ireland"], "delivery to the uk") is None


def test_a_region_named_in_the_shoppers_language_reads_as_the_region_not_its_country():
    from bot.dialogue.language import languages

    assert "Northern Ireland" in languages.to_english("quanto custa o frete pra irlanda do norte?", "pt")
    assert "Northern Ireland" in languages.to_english("versand nach nordirland", "de")
    assert "Western Australia" in languages.to_english("envio a australia occidental", "es")
    assert "Ireland" in languages.to_english("cuanto cuesta el envio a irlanda?", "es")
    assert "Northern" not in languages.to_english("cuanto cuesta el envio a irlanda?", "es")


def test_a_region_in_an_english_reply_is_named_the_shoppers_way():
    from bot.dialogue.language import languages

    assert "Irlanda do Norte" in languages.localize("Standard to Northern Ireland costs 12.50.", "pt")


def test_the_us_is_the_country_and_us_alone_a_pronoun():
    assert place_names.short_name_of(["United States"], "how long does it take to get to the us") == "United States"
    assert place_names.short_name_of(["United States"], "can you email us the tracking") is None


def test_a_region_that_lists_its_places_is_named_by_each_of_them():
    regions = ["the lower 48 states", "Alaska and Hawaii", "Canada"]
    assert place_names.listed_name_of(regions, "and to hawaii?") == "Alaska and Hawaii"
    assert place_names.listed_name_of(["Spain & Portugal"], "shipping to portugal") == "Spain & Portugal"
    assert place_names.listed_name_of(["England, Wales and Scotland"], "to wales pls") == "England, Wales and Scotland"
    # a name that lists nothing, a place inside another word, a place the store lacks: none
    assert place_names.listed_name_of(regions, "shipping to canada") is None
    assert place_names.listed_name_of(regions, "to the hawaiian islands") is None
    assert place_names.listed_name_of(regions, "and to texas?") is None
