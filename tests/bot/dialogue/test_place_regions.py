"""bot/dialogue/place_regions.py: a city, a country or a part of one is read as the store's own
delivery region that covers it, and never as a region the store does not name."""

from bot.dialogue import place_regions

_ISLANDS = ["Ireland", "Northern Ireland", "Great Britain", "the rest of the EU"]


def test_a_city_maps_to_the_region_of_its_part_or_country():
    assert place_regions.region_of(_ISLANDS, "how much to ship to belfast") == "Northern Ireland"
    assert place_regions.region_of(_ISLANDS, "and to glasgow?") == "Great Britain"
    assert place_regions.region_of(["United Kingdom", "Europe"], "delivery to leeds") == "United Kingdom"
    assert place_regions.region_of(["Ontario", "Quebec"], "shipping to toronto") == "Ontario"


def test_a_country_named_by_a_region_wins_over_a_group_it_belongs_to():
    assert place_regions.region_of(_ISLANDS, "what about dublin") == "Ireland"
    assert place_regions.region_of(_ISLANDS, "to paris") == "the rest of the EU"
    assert place_regions.region_of(["Germany", "the rest of the EU"], "shipping to munich") == "Germany"
    assert place_regions.region_of(["United Kingdom", "Europe"], "and to france?") == "Europe"


def test_a_place_no_region_covers_is_named_by_its_country_and_mapped_to_none():
    regions = ["Germany", "the rest of the EU"]
    assert place_regions.region_of(regions, "do you ship to zurich") is None
    assert place_regions.country_outside(regions, "do you ship to zurich") == "Switzerland"
    assert place_regions.region_of(["United Kingdom"], "shipping to berlin") is None
    assert place_regions.country_outside(regions, "how much to munich") is None


def test_ordinary_words_name_no_place():
    for text in ("is the yoga mat made of cork", "how much is the oxford shirt", "what a nice lamp",
                 "how much is shipping"):
        assert place_regions.place_named(text) is None
