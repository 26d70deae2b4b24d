"""Products ranked by a measure their specs state: which is brighter, lighter or has the
longer warranty ("The Halo 50W has the higher luminous flux (5000 lm)."), and which one of
those in view is the biggest or the lightest ("and the biggest?"). The specs themselves are
read by `bot.dialogue.products.product_specs`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue.products.product_specs import asked_measures, asked_specs


#: Comparatives that ask which product has more (True) or less (False) of a measure.
_MORE_OR_LESS = (
    (re.compile(r"\bbright(?:er|est)\b", re.I), "brightness", True),
    (re.compile(r"\b(?:dimmer|darker)\b", re.I), "brightness", False),
    (re.compile(r"\bheavi(?:er|est)\b", re.I), "weight", True),
    (re.compile(r"\blight(?:er|est)\b(?! colou?r)", re.I), "weight", False),
    (re.compile(r"\b(?:bigger|biggest|larger|largest|taller|tallest|longer|longest|wider|widest)\b(?! warrant| guarant)", re.I),
     "size", True),
    (re.compile(r"\b(?:smaller|smallest|shorter|shortest|narrower|narrowest|more compact)\b", re.I), "size", False),
    (re.compile(r"\blonger (?:warranty|guarantee)\b|\bbetter (?:warranty|guarantee)\b", re.I), "warranty", True),
    (re.compile(r"\b(?:more powerful|most powerful|stronger|strongest)\b", re.I), "power", True),
    (re.compile(r"\b(?:faster|quicker)\b", re.I), "speed", True),
    (re.compile(r"\b(?:holds? more|sturdier|carr(?:y|ies) more)\b", re.I), "load", True),
)
_FIRST_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def asks_more_or_less(question: str) -> bool:
    """True when a question asks which has more or less of a measure ("brighter", "lighter")."""
    return any(pattern.search(question) for pattern, _, _ in _MORE_OR_LESS)


def compare_lead(products: list[Product], question: str) -> str:
    """The measure a comparison asks about, product by product ("Luminous flux: Halo 30W 3000
    lm, Halo 50W 5000 lm."), with the one that has more or less of it when the question says
    "brighter", "lighter", "longer warranty"...; empty when it asks none every record states."""
    wanted = [(name, more) for pattern, name, more in _MORE_OR_LESS if pattern.search(question)]
    names = [name for name, _ in wanted] + [m.name for m in asked_measures(question)]
    for name in dict.fromkeys(names):
        found = [asked_specs(p, _SAMPLE_ASKS[name], most=1) for p in products]
        if not all(found) or found[0][0].label == "Name":
            continue
        row = ", ".join(f"the {p.name} {f[0].value}" for p, f in zip(products, found))
        lead = f"{found[0][0].label}: {row}."
        more = next((m for n, m in wanted if n == name), None)
        numbers = [_FIRST_NUMBER.search(f[0].value) for f in found]
        if more is not None and all(numbers):
            values = [float(n.group(0).replace(",", ".")) for n in numbers]
            best = values.index(max(values) if more else min(values))
            if values.count(values[best]) == 1:
                label = found[best][0].label.lower()
                lead = (f"The {products[best].name} has the {'higher' if more else 'lower'} {label} "
                        f"({found[best][0].value}). {lead}")
        return lead
    return ""


#: "the biggest", "the lightest one": a superlative asks which one of several has most or least.
_SUPERLATIVE = re.compile(r"\b(?:brightest|heaviest|lightest|biggest|largest|tallest|longest|widest|smallest|"
                          r"shortest|narrowest|strongest|most powerful)\b", re.I)
#: A measure said in a product's name or size: "Stasis Ball 75 cm", "Yoga Strap 10 foot".
_NAMED_MEASURE = re.compile(r"(\d+(?:[.,]\d+)?)\s*-?\s*(?:cm|mm|m|in|inch(?:es)?|\"|foot|feet|ft|l|ml|oz|kg|g|lbs?|w)\b",
                            re.I)


def asks_superlative(question: str) -> bool:
    """True when a question asks which one has most or least of a measure ("the biggest")."""
    return bool(_SUPERLATIVE.search(question))


def without_superlative(question: str, product: Product) -> str:
    """The question with the superlative that picked its product read as the measure it asks
    ("whats the heaviest one" -> "how heavy"), where the product's record states that measure;
    else without it ("the biggest" of balls sized in their names asks no "biggest")."""
    said = _SUPERLATIVE.search(question)
    if said is None:
        return question
    measure = next((name for pattern, name, _ in _MORE_OR_LESS if pattern.search(said.group(0))), None)
    found = asked_specs(product, _SAMPLE_ASKS[measure], most=1) if measure else []
    ask = _SAMPLE_ASKS[measure] if found and found[0].label != "Name" else " "
    return question[:said.start()] + ask + question[said.end():]


def most_of(products: Sequence[Product], question: str) -> Product | None:
    """The one of ``products`` with the most (or least) of the measure a superlative asks
    ("and the biggest?"): by the spec stating it, or for a size by the measure in the name or
    size; None when no superlative is asked, fewer than two products state it, or two tie."""
    if not _SUPERLATIVE.search(question):
        return None
    for pattern, name, more in _MORE_OR_LESS:
        if not pattern.search(_SUPERLATIVE.search(question).group(0)):
            continue
        values = []
        for product in products:
            found = asked_specs(product, _SAMPLE_ASKS[name], most=1)
            said = _FIRST_NUMBER.search(found[0].value) if found and found[0].label != "Name" else None
            if said is None and name == "size":
                said = _NAMED_MEASURE.search(" ".join([product.name, *product.sizes]))
            if said is not None:
                values.append((float(said.group(1 if said.re is _NAMED_MEASURE else 0).replace(",", ".")), product))
        if len(values) < 2:
            return None
        best = max(v for v, _ in values) if more else min(v for v, _ in values)
        winners = [p for v, p in values if v == best]
        return winners[0] if len(winners) == 1 else None
    return None


#: A question that asks each measure, to find its specs in a record.
_SAMPLE_ASKS = {"load": "load capacity", "weight": "how heavy", "brightness": "how bright",
                "colour temperature": "colour temperature", "power": "wattage", "voltage": "voltage",
                "lifespan": "lifespan", "care": "care", "warranty": "warranty", "use": "waterproof",
                "origin": "made in", "seating": "how many people", "material": "material",
                "contents": "in the box", "battery": "battery",
                "power source": "what does it run on", "speed": "speed",
                "connection": "interface", "memory": "memory", "screen": "screen", "size": "dimensions",
                "compatibility": "compatible", "lead time": "lead time", "brand": "brand"}
