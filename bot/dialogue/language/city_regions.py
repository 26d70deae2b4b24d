"""Large cities and countries as the region a store prices them by: "ship to vancouver" is British
Columbia, "ship to spain" is Europe.

A shopper names the city they live in, a store's rate table names provinces, states, islands
or countries. Each city lists the places that hold it, most specific first (Vancouver: British
Columbia, then Canada); the first of those the store's regions name is the one meant, so one
list serves a store priced by province and one priced by country.

Only a small public list: the largest cities of the countries stores here ship to (public
geography: each country's largest population centres). A name that is a common word in
English, Spanish, French, German, Portuguese or Italian is never listed ("Nice", "Reading",
"Essen", "Regina", "Victoria", "Split"), nor one that names goods ("Cologne", "Boston" fern): a
city read where a word was meant would quote a wrong price.
A city the store itself names as a region (its table holds "Quebec") is the store's own.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_CA = ("Canada",)
_AU = ("Australia",)
_NZ_N = ("North Island", "New Zealand")
_NZ_S = ("South Island", "New Zealand")
_US = ("United States",)
_EU = ("Europe", "the rest of the EU")
_GB = ("Great Britain", "United Kingdom")

#: city -> the places holding it, most specific first.
CITIES: dict[str, tuple[str, ...]] = {
    "Toronto": ("Ontario",) + _CA, "Ottawa": ("Ontario",) + _CA, "Hamilton": ("Ontario",) + _CA,
    "Mississauga": ("Ontario",) + _CA,
    "Montreal": ("Quebec",) + _CA,
    "Vancouver": ("British Columbia",) + _CA, "Surrey BC": ("British Columbia",) + _CA,
    "Calgary": ("Alberta",) + _CA, "Edmonton": ("Alberta",) + _CA,
    "Winnipeg": ("Manitoba",) + _CA, "Saskatoon": ("Saskatchewan",) + _CA,
    "Halifax": ("Nova Scotia",) + _CA, "Fredericton": ("New Brunswick",) + _CA,
    "Charlottetown": ("Prince Edward Island",) + _CA,
    "St. John's": ("Newfoundland and Labrador",) + _CA,
    "Whitehorse": ("Yukon",) + _CA, "Yellowknife": ("Northwest Territories",) + _CA, "Iqaluit": ("Nunavut",) + _CA,
    "Sydney": ("New South Wales",) + _AU, "Newcastle NSW": ("New South Wales",) + _AU,
    "Melbourne": ("Victoria",) + _AU, "Brisbane": ("Queensland",) + _AU, "Gold Coast": ("Queensland",) + _AU,
    "Perth": ("Western Australia",) + _AU, "Adelaide": ("South Australia",) + _AU,
    "Hobart": ("Tasmania",) + _AU, "Canberra": ("Australian Capital Territory",) + _AU,
    "Darwin": ("Northern Territory",) + _AU,
    "Auckland": _NZ_N, "Wellington": _NZ_N, "Hamilton NZ": _NZ_N, "Tauranga": _NZ_N,
    "Christchurch": _NZ_S, "Dunedin": _NZ_S, "Queenstown": _NZ_S,
    "New York City": ("New York",) + _US, "NYC": ("New York",) + _US,
    "Los Angeles": ("California",) + _US, "San Francisco": ("California",) + _US,
    "San Diego": ("California",) + _US, "Chicago": ("Illinois",) + _US, "Houston": ("Texas",) + _US,
    "Dallas": ("Texas",) + _US, "Seattle": ("Washington",) + _US, "Miami": ("Florida",) + _US,
    "Philadelphia": ("Pennsylvania",) + _US,
    "Atlanta": ("Georgia",) + _US, "Denver": ("Colorado",) + _US,
    "London": ("England",) + _GB, "Manchester": ("England",) + _GB, "Birmingham": ("England",) + _GB,
    "Liverpool": ("England",) + _GB, "Leeds": ("England",) + _GB,
    "Edinburgh": ("Scotland",) + _GB, "Glasgow": ("Scotland",) + _GB, "Cardiff": ("Wales",) + _GB,
    "Belfast": ("Northern Ireland", "United Kingdom"),
    "Dublin": ("Ireland",) + _EU,
    "Paris": ("France",) + _EU, "Lyon": ("France",) + _EU, "Marseille": ("France",) + _EU,
    "Berlin": ("Germany",) + _EU, "Munich": ("Germany",) + _EU, "Hamburg": ("Germany",) + _EU,
    "Frankfurt": ("Germany",) + _EU,
    "Madrid": ("Spain",) + _EU, "Barcelona": ("Spain",) + _EU, "Rome": ("Italy",) + _EU,
    "Milan": ("Italy",) + _EU, "Amsterdam": ("Netherlands",) + _EU, "Brussels": ("Belgium",) + _EU,
    "Vienna": ("Austria",) + _EU, "Lisbon": ("Portugal",) + _EU,
}

#: Countries a store may price as one larger region ("Europe", "the rest of the EU", the United
#: Kingdom): the member states of the EU (public: the EU's list of its members) and the nations
#: of Great Britain. A store that names the country itself prices it as its own. "Wales" is left
#: out ("New South Wales"); "Northern Ireland" is listed so that its "Ireland" is not read alone.
COUNTRIES: dict[str, tuple[str, ...]] = {
    **{country: _EU for country in (
        "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech Republic", "Czechia", "Denmark",
        "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
        "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania", "Slovakia",
        "Slovenia", "Spain", "Sweden")},
    "England": _GB, "Scotland": _GB, "Northern Ireland": ("Northern Ireland", "United Kingdom"),
}

# "Surrey BC", "Hamilton NZ", "Newcastle NSW": a name shared by several cities is read only
# with its qualifier, which is written as the shopper would write it.
_PLACES = CITIES | COUNTRIES
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(_PLACES, key=len, reverse=True))
                      + r")(?![\w'])", re.I)
_BY_NAME = {c.lower(): c for c in _PLACES}


def region_of_city(names: Collection[str], text: str) -> str | None:
    """The one of ``names`` (a store's region names) that holds a city ``text`` names, most
    specific first ("vancouver" -> "British Columbia" for a store priced by province, "Canada"
    for one priced by country); None when it names no listed city or none the store holds."""
    lowered = {n.lower(): n for n in names}
    for found in _PATTERN.finditer(text):
        city = _BY_NAME[found.group(1).lower()]
        if city.lower() in lowered:  # the store's own region of that name
            return lowered[city.lower()]
        for place in _PLACES[city]:
            if place.lower() in lowered:
                return lowered[place.lower()]
    return _region_of_state(names, text)


#: The fifty US states (public geography); a store pricing "the contiguous US states" as one region
#: holds each of them but Alaska and Hawaii.
US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming")
_STATE = re.compile(r"\b(" + "|".join(sorted(US_STATES, key=len, reverse=True)) + r")\b", re.I)
#: a region named as the contiguous states ("the other contiguous US states", "the lower 48", "mainland US")
_CONTIGUOUS = re.compile(r"\b(contiguous|lower 48|mainland)\b", re.I)


def _region_of_state(names: Collection[str], text: str) -> str | None:
    """The store's one region of the contiguous states when the text names a state no other
    region of its own names ("to oregon" -> "the other contiguous US states", while "the rest of
    Washington State" keeps Washington); None for Alaska and Hawaii, which it does not hold."""
    found = _STATE.search(text)
    if not found or found.group(1).lower() in ("alaska", "hawaii"):
        return None
    state = found.group(1).lower()
    if any(re.search(rf"\b{state}\b", n, re.I) for n in names):
        return None  # a region of the store's own names that state (or the text names the region)
    wide = [n for n in names if _CONTIGUOUS.search(n)]
    return wide[0] if len(wide) == 1 else None
