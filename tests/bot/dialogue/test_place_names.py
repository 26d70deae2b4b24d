"""bot/dialogue/place_names.py: a country's short name meets the full name a store's regions hold."""

from bot.dialogue import place_names


def test_a_short_name_finds_the_full_region_name():
    regions = ["Ireland", "United Kingdom", "United States"]
    assert place_names.short_name_of(regions, "how much is delivery in the uk") == "United Kingdom"
    assert place_names.short_name_of(regions, "shipping to the U.S.?") == "United States"
    assert place_names.short_name_of(regions, "do you ship to the usa") == "United States"


def test_no_short_name_is_read_in_ordinary_words_or_for_a_region_the_store_lacks():
    assert place_names.short_name_of(["United States"], "can you send it to us") is None
    assert place_names.short_name_of(["United Kingdom"], "a 16gb card, shipped to ukraine") is None
    assert place_names.short_name_of(["Ireland"], "delivery to the uk") is None
