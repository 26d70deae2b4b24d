"""Which region and method of the store's shipping table a message names: by name, code, a
common word ("express", "overnight"), the store's own label, or by price or speed ("the cheapest
shipping", "2 day"), read against each store's own table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from kb.shipping import ShippingTable

from bot.dialogue.language import city_regions, place_names

_METHODS = re.compile(r"\b(standard|priority|overnight|express|next[- ]day)\b", re.I)
_METHOD_NAMES = {"express": "priority", "next-day": "overnight", "next day": "overnight"}
#: "what if i need it tomorrow": the next-day method asked by when the shopper needs the goods
_NEEDED_TOMORROW = re.compile(r"\b(?:need|want|get|have|receive)\s+(?:it|them|this|that|the order|my order)\s+"
                              r"(?:by\s+|for\s+)?tomorrow\b", re.I)
#: Words for "the fastest you have": the store's quickest method where it states delivery days.
_FASTEST = frozenset({"express", "next-day", "next day"})


def region_named(table: ShippingTable, text: str) -> str | None:
    """The delivery region the message names, among those that change a price (a rate row or
    a surcharge names them): by name in any case, by code in capitals only ("hi" greets)."""
    used = {r for rate in table.rates for r in rate.regions}
    used |= {r for s in table.surcharges for r in s.regions}
    names = sorted((table.regions.get(c, c) for c in used), key=len, reverse=True)
    if names:
        found = re.search(r"\b(" + "|".join(map(re.escape, names)) + r")\b", text, re.I)
        found = found or re.search(r"\b(" + "|".join(map(re.escape, sorted(used))) + r")\b", text)
        if found:
            return found.group(1)
        return place_names.short_name_of(names, text) or place_names.listed_name_of(names, text) \
            or city_regions.region_of_city(names, text) or _misspelt(names, text)
    return None


def region_known(table: ShippingTable, text: str) -> str | None:
    """Any delivery region of the table the message names in full ("what about ohio"), priced
    differently or not; codes are left to `region_named` ("OK", "IN" are words too)."""
    names = sorted(table.regions.values(), key=len, reverse=True)
    found = re.search(r"\b(" + "|".join(map(re.escape, names)) + r")\b", text, re.I) if names else None
    if found:
        return found.group(1)
    return place_names.short_name_of(names, text) or place_names.listed_name_of(names, text) \
        or city_regions.region_of_city(names, text)


def _misspelt(names: Sequence[str], text: str) -> str | None:
    """A one-word region name written with a slip ("alsaka", "hawai"): words of five letters
    or more this close to one of the names."""
    single = {n.lower(): n for n in names if " " not in n and len(n) >= 5}
    for word in re.findall(r"[a-z]{5,}", text.lower()):
        close = difflib.get_close_matches(word, single, n=1, cutoff=0.8)
        if close:
            return single[close[0]]
    return None


def method_named(table: ShippingTable, text: str) -> str | None:
    """The first method the message names: one of the table's codes, or a common word
    ("express": the store's fastest method where it states delivery days, else priority) when
    the table has that method. A word that is the table's own code means that method: a
    store's "express" is its express, not whichever is fastest (a 0-day pickup)."""
    text = _NEEDED_TOMORROW.sub("overnight", text)
    named = [(m.start(), 0, code) for code in table.methods
             for m in [re.search(r"\b" + re.escape(code) + r"\b", text, re.I)] if m]
    fastest = _fastest(table)
    # "overnight" (as other languages' "express" read too) is the fastest method when that one
    # arrives the next day and the store has no method of the very name
    overnight = fastest if fastest and table.method(fastest).delivery_days[1] <= 1 else None
    named += [(m.start(), 1, fastest if fastest and m.group(1).lower() in _FASTEST
               else overnight if overnight and m.group(1).lower() == "overnight"
               else _METHOD_NAMES.get(m.group(1).lower(), m.group(1).lower()))
              for m in _METHODS.finditer(text)]
    named += [(at, 1, code) for at, code in _described(table, text)]
    named += [(at, 2, code) for at, code in _labelled(table, text)]
    known = sorted(entry for entry in named if entry[2] in table.methods)
    return known[0][2] if known else None


#: Ordinals in a label, as `Understander.read` spells them in a message ("2nd" -> "second").
_ORDINAL_WORDS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
#: Words of a method's label that say nothing of which method it is ("5—7 day shipping").
_LABEL_FILLER = frozenset({"day", "days", "business", "next", "shipping", "delivery", "to", "the", "and", "of",
                           "post", "courier", "parcel", "mail", "service"})


def _labelled(table: ShippingTable, text: str) -> list[tuple[int, str]]:
    """Methods named by the store's own label, whole or without its first word (a carrier's
    name: "2nd day air" for "UPS 2nd Day Air"), when what is said holds a word of its own
    ("day shipping" of "5—7 day shipping" names no method)."""
    found = []
    for code in table.methods:
        label = (table.method(code).label or "").lower().split()
        spelt = [_ORDINAL_WORDS.get(w, w) for w in label]  # "2nd" as the reading writes it: "second"
        # without the first word only when two words stay: "post" of "Express Post" is any post
        for said in {" ".join(words[skip:]) for words in (label, spelt) for skip in (0, 1)
                     if len(words) - skip >= (2 if skip else 1)}:
            own = [w for w in said.split() if w not in _LABEL_FILLER and not w.strip("—-").isdigit()]
            if own and (m := re.search(rf"(?<!\w){re.escape(said)}(?!\w)", text, re.I)):
                found.append((m.start(), code))
    return found


#: "the cheapest shipping", "fastest delivery option", "2 day shipping", "2-day": a method by what
#: it costs or how long it takes (a bare "the cheapest" may be a product, so a shipping word follows).
_BY_DESCRIPTION = re.compile(r"\b(?:(cheapest|least expensive|lowest|fastest|quickest|slowest)(?=(?:\s+\w+)?\s+"
                             r"(?:shipping|delivery|option|method|service|rate)s?\b)|(\d)\s?-?\s?(?:business )?day\b)",
                             re.I)


def _described(table: ShippingTable, text: str) -> list[tuple[int, str]]:
    """Methods named by price or speed, from the table's own rates and delivery days."""
    found = []
    for match in _BY_DESCRIPTION.finditer(text):
        word, days = match.group(1), match.group(2)
        if word and word.lower() in ("cheapest", "least expensive", "lowest"):
            sent = [c for c in table.methods if (table.method(c).delivery_days or (0, 1))[1]] or list(table.methods)
            code = min(sent, key=lambda c: min((r.price for r in table.rates if r.method == c),  # a pickup ships nothing
                                               default=float("inf")))
        elif word and word.lower() == "slowest":
            code = max(((table.method(c).delivery_days or (0, 0)), c) for c in table.methods)[1]
        elif word:
            code = _fastest(table)
        else:  # "2 day": the method whose stated delivery days include two
            spans = [(table.method(c).delivery_days, c) for c in table.methods]
            code = next((c for span, c in spans if span and span[0] <= int(days) <= span[1]), None)
        if code:
            found.append((match.start(), code))
    return found


def _fastest(table: ShippingTable) -> str | None:
    """The method with the fewest delivery days, when the store states them for every method; a
    pickup (0 days: nothing travels) is no delivery, so never the fastest one."""
    days = [(table.method(code).delivery_days, code) for code in table.methods]
    sent = [(d, code) for d, code in days if d and d[1]]
    return min(sent)[1] if sent and all(d for d, _ in days) else None
