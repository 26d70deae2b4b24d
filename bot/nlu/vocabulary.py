"""The words that fill the NLU templates, taken from whatever store is loaded.

Every slot comes from the store's own catalog: department categories, attribute values,
product names, specs, and colours and sizes only when its products have them. A slot the
store cannot fill is empty, and templates that need it are left out (``usable``), so a
lighting store trains without "mens" or "size M" and nothing breaks on an empty list.

Departments are the top-level categories that hold products of their own: a top level whose
every product also sits in another one regroups them ("Collections", "Promotions") and names
no kind of goods. On the Luma demo this gives Men, Women, Gear and Training, as the old
hand-written list did, so the demo's training data (and model) stay the same.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from string import Formatter
from typing import Callable

from kb import KnowledgeBase, Product

from bot.nlu.templates import CLIMATE_WORDS, DAYS, ORDER_IDS, PEOPLE

#: Attribute codes per slot, by what the code says ("style_general", "category_gear").
_ATTRIBUTE_CODES = {"attr": re.compile(r"style|categor"), "material": re.compile(r"material"),
                    "feature": re.compile(r"feature"), "activity": re.compile(r"activit")}
#: Words a store with that slot always gets besides its own values.
_ATTR_EXTRAS = {"eco friendly", "waterproof"}
_ACTIVITY_EXTRAS = {"running", "hiking", "yoga", "the gym"}
_CLOTHING_FEATURES = {"a hood", "pockets"}  # for stores that sell sized goods
_GENDERS = ["men's", "women's", "mens", "ladies", "womens", "unisex"]
#: Category names that do not read as "a <singular>" (the demo's).
_SINGULAR = {"watches": "watch", "pants": "pair of pants", "shorts": "pair of shorts",
             "fitness equipment": "yoga strap", "training videos": "training video",
             "sweatshirts": "sweatshirt"}
#: "Warranty: 5 years" lines in descriptions; a label is a spec when many products have it.
_SPEC_LINE = re.compile(r"(?m)^\W*([A-Z][A-Za-z ]{2,24}):\s*\S")
_SPEC_SHARE = 0.10
_YES_NO = {"yes", "no", "true", "false", "0", "1"}
#: Fields a template may use besides the slots: a second name or price, the store's name.
_DERIVED = {"name2": "name", "price2": "price", "store": "store"}


def store_vocabulary(kb: KnowledgeBase, keep: Callable[[Product], bool],
                     store_name: str | None = None) -> dict[str, list[str]]:
    """Slot values: names of the kept products, the shared vocabularies of all of them.

    Args:
        kb: The store.
        keep: Which products lend their names (train and held-out parts use disjoint ones).
        store_name: How shoppers call the store ("luma"); None leaves out templates with it.

    Returns:
        Slot -> values, in a fixed order (the generator draws them in this order); empty
        lists for what the store does not have. ``store`` holds the name, if any.
    """
    products = [p for p in kb.products if keep(p)]
    departments = _departments(kb)
    cats = sorted({_category_word(part) for p in kb.products for c in p.categories
                   if c.split("/")[0] in departments for part in c.split("/")[-1].split("&")}
                  - {""})
    sized = any(p.sizes for p in kb.products)
    activity = _attribute_values(kb, "activity")
    codes = {k.lower() for p in kb.products for k in p.attributes}
    slots = {
        "name": [_plain(p.name) for p in products],
        "cats": cats, "cat": [_singular(c) for c in cats],
        "attr": sorted(_attribute_values(kb, "attr") | _ATTR_EXTRAS),
        "color": sorted({c.lower() for p in kb.products for c in p.colors}),
        "size": sorted({s for p in kb.products for s in p.sizes}),
        "gender": list(_GENDERS) if "gender" in codes or {"Men", "Women"} & departments
        else [],
        "activity": sorted(activity | _ACTIVITY_EXTRAS) if activity else [],
        "material": sorted({_plain(m).lower() for m in _attribute_values(kb, "material")}),
        "feature": sorted(_attribute_values(kb, "feature")
                          | (_CLOTHING_FEATURES if sized else set())),
        "climate": list(CLIMATE_WORDS) if "climate" in codes else [],
        "person": list(PEOPLE), "days": list(DAYS), "oid": list(ORDER_IDS),
        "price": ["20", "25", "30", "40", "45", "50", "60", "75", "80", "100", "150"],
        "promo": [_plain(a.title).lower() for a in kb.articles if a.type == "promotion"]
        or ["spring sale"],
        "spec": _specs(kb),
    }
    slots["store"] = [store_name.lower()] if store_name else []
    return slots


#: How shoppers write an amount in a currency ("{n}" is the number); a currency not listed is
#: written with its code. US dollars keep the templates' own "$20" / "20 dollars".
_MONEY_FORMS = {
    "EUR": ("€{n}", "{n}€", "{n} euros", "{n} EUR", "{n} eur", "{n} euro"),
    "GBP": ("£{n}", "{n} pounds", "{n} GBP", "{n} quid", "£ {n}"),
}
_DOLLARS = re.compile(r"\$(\d+)|\b(\d+) (?:dollars|bucks)\b")


def in_currency(text: str, currency: str | None, rng: random.Random) -> str:
    """The amounts of a filled template ("under $50", "20 dollars") as a shopper of a store in
    ``currency`` writes them ("under €50", "20 euros", "20 EUR").

    Args:
        text: A filled template, its amounts written in dollars.
        currency: The store's ISO 4217 code; USD or None leaves the text as it is.
        rng: Draws one of the currency's forms per amount.

    Returns:
        The text with every amount in the store's currency.
    """
    if not currency or currency == "USD":
        return text
    forms = _MONEY_FORMS.get(currency, ("{n} " + currency, currency + " {n}"))
    return _DOLLARS.sub(lambda m: rng.choice(forms).format(n=m.group(1) or m.group(2)), text)


def usable(template: str, slots: dict[str, list[str]]) -> bool:
    """Whether the store fills every field of the template."""
    fields = {f for _, f, _, _ in Formatter().parse(template) if f}
    return all(slots.get(_DERIVED.get(f, f)) for f in fields)


def _departments(kb: KnowledgeBase) -> set[str]:
    tops = [{c.split("/")[0] for c in p.categories} for p in kb.products]
    return {top for own in tops if len(own) == 1 for top in own}


def _attribute_values(kb: KnowledgeBase, slot: str) -> set[str]:
    pattern = _ATTRIBUTE_CODES[slot]
    return {v.lower() for p in kb.products for code, values in p.attributes.items()
            if pattern.search(code.lower()) for v in values
            if v.strip() and v.strip().lower() not in _YES_NO}


def _specs(kb: KnowledgeBase) -> list[str]:
    """What the catalog states per product: measured attributes ("wattage") and the labels
    of spec lines most descriptions share ("warranty")."""
    found = {code.replace("_", " ").lower() for p in kb.products for code in p.measurements}
    counts = Counter(label for p in kb.products
                     for label in {m.group(1).strip().lower()
                                   for m in _SPEC_LINE.finditer(p.description)})
    needed = max(3, _SPEC_SHARE * len(kb.products))
    return sorted(found | {label for label, n in counts.items() if n >= needed})


def _singular(category: str) -> str:
    if category in _SINGULAR:
        return _SINGULAR[category]
    if category.endswith(("ches", "shes", "sses", "xes")):
        return category[:-2]
    return category.rstrip("s")


def _category_word(part: str) -> str:
    word = part.strip().lower()
    return "training videos" if word == "video download" else word


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("™", "").replace("®", "")).strip()
