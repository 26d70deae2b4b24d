"""Which of a store's delivery regions covers a place the shopper names by another name: a
city ("to belfast", "what about munich"), a country inside a group region ("France" for a
store's "Europe" or "the rest of the EU"), a part of a country ("Scotland" for "Great
Britain").

Only the store's own region names are ever returned: a place maps to a region when that region
is the place's country or part, or a group the country belongs to (the EU, Europe). A country a
region names exactly wins over a group ("Ireland" is Ireland, not "the rest of the EU"). The
tables below are common geography, not any store's: a few large cities of each country, and the
countries of the EU and of Europe. Cities whose names are also English words ("nice",
"reading", "bath") are left out, so a sentence never turns into a destination by accident.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

_EU = frozenset((
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech Republic", "Denmark", "Estonia",
    "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania",
    "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia",
    "Spain", "Sweden"))
_EUROPE = _EU | frozenset((
    "United Kingdom", "Switzerland", "Norway", "Iceland", "Liechtenstein", "Monaco", "Andorra",
    "San Marino", "Serbia", "Albania", "Bosnia and Herzegovina", "Montenegro", "North Macedonia",
    "Ukraine", "Moldova"))
#: Parts of a country a store may price apart: part -> (country, the island it is on).
_PARTS = {
    "England": ("United Kingdom", "Great Britain"),
    "Scotland": ("United Kingdom", "Great Britain"),
    "Wales": ("United Kingdom", "Great Britain"),
    "Northern Ireland": ("United Kingdom", ""),
}
#: Large cities -> (country, part or state/province a rate table may name).
_CITIES = {
    "london": ("United Kingdom", "England"), "manchester": ("United Kingdom", "England"),
    "birmingham": ("United Kingdom", "England"), "leeds": ("United Kingdom", "England"),
    "liverpool": ("United Kingdom", "England"), "bristol": ("United Kingdom", "England"),
    "sheffield": ("United Kingdom", "England"), "newcastle": ("United Kingdom", "England"),
    "nottingham": ("United Kingdom", "England"), "brighton": ("United Kingdom", "England"),
    "edinburgh": ("United Kingdom", "Scotland"), "glasgow": ("United Kingdom", "Scotland"),
    "aberdeen": ("United Kingdom", "Scotland"), "cardiff": ("United Kingdom", "Wales"),
    "swansea": ("United Kingdom", "Wales"), "belfast": ("United Kingdom", "Northern Ireland"),
    "derry": ("United Kingdom", "Northern Ireland"), "dublin": ("Ireland", ""),
    "galway": ("Ireland", ""), "limerick": ("Ireland", ""),
    "paris": ("France", ""), "lyon": ("France", ""), "marseille": ("France", ""),
    "toulouse": ("France", ""), "bordeaux": ("France", ""), "berlin": ("Germany", ""),
    "munich": ("Germany", ""), "hamburg": ("Germany", ""), "cologne": ("Germany", ""),
    "frankfurt": ("Germany", ""), "stuttgart": ("Germany", ""), "dusseldorf": ("Germany", ""),
    "leipzig": ("Germany", ""), "dresden": ("Germany", ""), "madrid": ("Spain", ""),
    "barcelona": ("Spain", ""), "valencia": ("Spain", ""), "seville": ("Spain", ""),
    "rome": ("Italy", ""), "milan": ("Italy", ""), "naples": ("Italy", ""), "turin": ("Italy", ""),
    "florence": ("Italy", ""), "venice": ("Italy", ""), "lisbon": ("Portugal", ""),
    "porto": ("Portugal", ""), "amsterdam": ("Netherlands", ""), "rotterdam": ("Netherlands", ""),
    "brussels": ("Belgium", ""), "antwerp": ("Belgium", ""), "vienna": ("Austria", ""),
    "salzburg": ("Austria", ""), "zurich": ("Switzerland", ""), "geneva": ("Switzerland", ""),
    "basel": ("Switzerland", ""), "copenhagen": ("Denmark", ""), "stockholm": ("Sweden", ""),
    "gothenburg": ("Sweden", ""), "oslo": ("Norway", ""), "helsinki": ("Finland", ""),
    "warsaw": ("Poland", ""), "krakow": ("Poland", ""), "prague": ("Czech Republic", ""),
    "budapest": ("Hungary", ""), "athens": ("Greece", ""), "luxembourg": ("Luxembourg", ""),
    "toronto": ("Canada", "Ontario"), "ottawa": ("Canada", "Ontario"),
    "montreal": ("Canada", "Quebec"), "vancouver": ("Canada", "British Columbia"),
    "calgary": ("Canada", "Alberta"), "edmonton": ("Canada", "Alberta"),
    "winnipeg": ("Canada", "Manitoba"), "halifax": ("Canada", "Nova Scotia"),
    "sydney": ("Australia", "New South Wales"), "melbourne": ("Australia", "Victoria"),
    "brisbane": ("Australia", "Queensland"), "perth": ("Australia", "Western Australia"),
    "adelaide": ("Australia", "South Australia"), "hobart": ("Australia", "Tasmania"),
    "canberra": ("Australia", "Australian Capital Territory"), "darwin": ("Australia", "Northern Territory"),
    "new york city": ("United States", "New York"), "los angeles": ("United States", "California"),
    "san francisco": ("United States", "California"), "chicago": ("United States", "Illinois"),
    "houston": ("United States", "Texas"), "dallas": ("United States", "Texas"),
    "seattle": ("United States", "Washington"), "boston": ("United States", "Massachusetts"),
    "miami": ("United States", "Florida"), "atlanta": ("United States", "Georgia"),
    "honolulu": ("United States", "Hawaii"), "anchorage": ("United States", "Alaska"),
}
#: Countries named in a message ("to france"); short names as shoppers write them.
_COUNTRY_NAMES = {c.lower(): c for c in _EUROPE | {"Canada", "Australia", "United States"}}
_COUNTRY_NAMES |= {"uk": "United Kingdom", "britain": "United Kingdom", "czechia": "Czech Republic",
                   "holland": "Netherlands", "usa": "United States"}
#: A region name that stands for a group of countries: the EU, Europe.
_EU_GROUP = re.compile(r"\b(?:EU|E\.U\.|European Union)\b", re.I)
_EUROPE_GROUP = re.compile(r"\bEurope\b", re.I)


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    names = sorted(set(_CITIES) | set(_COUNTRY_NAMES) | {p.lower() for p in _PARTS}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")(?![\w])", re.I)


def _fold(text: str) -> str:
    return text.replace("ü", "u").replace("Ü", "U").replace("ö", "o").replace("é", "e").replace("è", "e")


def place_named(text: str) -> tuple[str, str, str] | None:
    """The first city, country or country part the message names: (as written, country, part
    or state); None when it names none of them."""
    found = _place_pattern().search(_fold(text))
    if not found:
        return None
    word = found.group(1).lower()
    if word in _CITIES:
        country, part = _CITIES[word]
    elif word in _COUNTRY_NAMES:
        country, part = _COUNTRY_NAMES[word], ""
    else:
        part = next(p for p in _PARTS if p.lower() == word)
        country = _PARTS[part][0]
    return found.group(1), country, part


def region_of(names: Collection[str], text: str) -> str | None:
    """The one of ``names`` (a store's region names) that covers the place the message names:
    its part or state, its island, its country, then a group it belongs to; None when the
    message names no known place or no region covers it."""
    place = place_named(text)
    if place is None:
        return None
    _, country, part = place
    by_name = {n.lower(): n for n in names}
    island = _PARTS.get(part, ("", ""))[1]
    for candidate in (part, island, country):
        if candidate and candidate.lower() in by_name:
            return by_name[candidate.lower()]
    if country == "United Kingdom" and "uk" in by_name:
        return by_name["uk"]
    for name in names:
        if _EU_GROUP.search(name) and country in _EU:
            return name
    for name in names:
        if _EUROPE_GROUP.search(name) and country in _EUROPE:
            return name
    return None


def country_outside(names: Collection[str], text: str) -> str | None:
    """The country of a place the message names (a city or a country) that none of ``names``
    covers: "zurich" -> "Switzerland" for a store shipping to Germany and the rest of the EU."""
    place = place_named(text)
    if place is None or region_of(names, text) is not None:
        return None
    return place[1]
