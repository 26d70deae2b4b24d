"""bot/dialogue/language/city_regions.py: a large city read as the region a store prices it by."""

from bot.dialogue.language import city_regions

_PROVINCES = ["Ontario", "Quebec", "British Columbia", "Alberta", "Nova Scotia"]


def test_a_city_is_its_most_specific_region_the_store_names():
    assert city_regions.region_of_city(_PROVINCES, "can you send wine to vancouver") == "British Columbia"
    assert city_regions.region_of_city(_PROVINCES, "delivered to Montreal?") == "Quebec"
    # a store priced by country reads the same city as its country
    assert city_regions.region_of_city(["United States", "Canada"], "do you deliver to toronto") == "Canada"
    assert city_regions.region_of_city(["South Island", "North Island", "Australia"],
                                       "how long to get to sydney") == "Australia"
    assert city_regions.region_of_city(["Northern Ireland", "Great Britain", "Ireland"],
                                       "how much to ship to belfast") == "Northern Ireland"


def test_no_region_for_a_city_the_store_does_not_serve_or_a_word_that_is_no_city():
    assert city_regions.region_of_city(_PROVINCES, "do you ship to sydney") is None
    assert city_regions.region_of_city(["France", "Germany"], "a parisian lamp, looks nice") is None
    # words that are cities elsewhere are left out of the list: a common word in a language
    for text in ("that would be nice", "reading lamp", "essen und trinken", "victoria sponge",
                 "split pea soup", "eau de cologne", "boston fern", "regina margherita"):
        assert city_regions.region_of_city(["France", "Germany", "Victoria", "Massachusetts", "Italy",
                                            "Saskatchewan", "Croatia"], text) is None, text


def test_a_city_the_store_names_as_its_own_region_is_that_region():
    assert city_regions.region_of_city(["New York", "California"], "ship to nyc") == "New York"
    assert city_regions.region_of_city(["Sydney", "Regional NSW"], "to sydney please") == "Sydney"


def test_a_country_is_the_larger_region_a_store_prices_it_by():
    europe = ["United Kingdom", "Europe"]
    assert city_regions.region_of_city(europe, "what about to spain") == "Europe"
    assert city_regions.region_of_city(europe, "a 2 kilo order to ireland") == "Europe"
    assert city_regions.region_of_city(europe, "how much to scotland") == "United Kingdom"
    # "Northern Ireland" is the UK, never the "Ireland" inside it
    assert city_regions.region_of_city(europe, "to northern ireland") == "United Kingdom"
    assert city_regions.region_of_city(["Ireland", "Northern Ireland", "Great Britain", "the rest of the EU"],
                                       "shipping to portugal") == "the rest of the EU"
    # a store that prices the country, or serves no region holding it
    assert city_regions.region_of_city(["France", "Europe"], "ship to france") == "France"
    assert city_regions.region_of_city(["Ontario", "Quebec"], "ship to germany") is None


def test_a_us_state_is_the_store_s_contiguous_states_region_unless_a_region_of_its_own_names_it():
    names = ["the Puget Sound area (King, Pierce, Snohomish and Kitsap counties)",
             "the rest of Washington State", "the other contiguous US states"]
    assert city_regions.region_of_city(names, "how much is fedex to portland oregon") == "the other contiguous US states"
    assert city_regions.region_of_city(names, "and to new york?") == "the other contiguous US states"
    assert city_regions.region_of_city(names, "ship to washington state") is None  # its own region names it
    assert city_regions.region_of_city(names, "do you ship to alaska") is None  # not contiguous
    assert city_regions.region_of_city(["Ontario", "Quebec"], "ship to texas") is None  # no such region
