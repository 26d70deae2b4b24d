"""What a number in a text stands for: a price, a weight, a count, a catalog page (issue #15).

A generated reply may use a number of its facts only as what the facts say it is: a record's
"catalog page: 4227" backs "catalog page 4227", never "we have 4227 LED light bulbs"; "weight
capacity: 242 lbs" never "a warranty of 242 lbs"; "The Conference Table, 47 in." never "weighs
47 in". Each number is read with its roles: the unit written right after it ("lbs", "-volt",
"W", "€" before), a kind word that introduces it in its clause (only filler words or the rest
of a record's label between: "warranty: 242", "costs $5", "the price is $5", "number of drawers:
4"; "burn time on the Industrial 310 Lumen ..." gives 310 no kind) or one right after it ("4000
pound weight capacity"), a bound ("over $50"), or a count ("4227 LED bulbs": a thing counted). A list ("40, 42, 44", "7 to 9 business days", "35 x 77 in") shares
its roles. A reply's number is supported when one occurrence of it in the facts holds every
role the reply gives it; a bare number, which claims no role, is read with the question's
("how many lumens").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from models import Fact
from models.nlu.amounts import NUMBER, parse_amount

# Any notation ("$1,299.00", "1.299,00 €"): a reply may write a fact's "5,00 €" as "€5.00".
NUMBER_TEXT = re.compile(rf"(?<![\w.,])[$€£]?(?:{NUMBER})")

# Units written right after a number, by what they measure ("5.5”", "12-volt", "30W").
_UNITS = tuple((re.compile(rf"(?:{pattern})$", re.I), role) for pattern, role in (
    (r"lbs?|pounds?|kgs?|kilos?|kilograms?|grams?|g|oz|ounces?|tons?|tonnes?", "mass"),
    (r"in|inch|inches|ft|feet|foot|cm|mm|m|metres?|meters?|yards?|yds?|[\"“”″]", "length"),
    (r"hours?|hrs?|h|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|yrs?", "time"),
    (r"lumens?|lm", "light"), (r"w|watts?|kw", "power"), (r"v|volts?|mah|ah", "electric"),
    (r"k|kelvin|°[cf]?|degrees?", "temperature"), (r"gb|tb|mb", "data"), (r"%|percent", "percent"),
    (r"pixels?|px|mp|megapixels?", "pixels"), (r"eur|euros?|usd|dollars?|gbp|bucks|cents?", "money"),
    (r"ml|l|litres?|liters?|gallons?|gal", "volume")))
# Kind words near a number; the longer phrase first ("weight capacity" is a capacity, not a weight).
_KINDS = tuple((re.compile(rf"\b(?:{pattern})\b", re.I), role) for pattern, role in (
    (r"(?:weight|load|max(?:imum)?|seating|storage) capacity|capacity|max(?:imum)? load|holds?|supports?",
     "capacity"),
    (r"msrp|rrp|list price|regular price|retail price|recommended (?:retail )?price", "list price"),
    (r"costs?|price[ds]?|priced at|fees?|charges?", "price"),
    (r"(?:shipping |net )?weigh(?:s|t|ts|ing)?|heavy", "weight"),
    (r"warrant(?:y|ies|ied)|guarantee[ds]?", "warranty"),
    (r"battery (?:life|backup)|burn time|run ?time|life", "runtime"),
    (r"catalog(?:ue)? page|page|sku|(?:item|part|model|order|reference) (?:number|no)|model|code|"
     r"phone|telephone|tel|fax|call us(?: on| at)?|since|founded|established|zip(?: code)?|post ?code",
     "identifier"),
    (r"number of|quantity|qty|(?:box|pack|set|case|bag) of|in stock|left|we have|there are", "count"),
    (r"length|long|height|tall|high|width|wide|depth|deep|diameter|circumference|distance|dimensions?",
     "length"),
    (r"sizes?", "size"),
    (r"over|under|above|below|more than|less than|cheaper than|dearer than|at least|or more|or less|"
     r"minimum|maximum|min|max", "bound")))
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n|\]")
# Numbers joined into one list share their unit and kind: "7 to 9 business days", "35 x 77 in".
_JOINER = re.compile(r"\s*(?:,|and|or|to|-|–|x|/)\s*$", re.I)
# Words after a number that neither measure nor name what is counted.
_NOT_COUNTED = frozenset("""to or and of in on at by for from with x a an the per each is are was were
be it its this that if than then as so we you they our your their i am pm noon""".split())


def normal(text: str) -> str:
    """A written number as one spelling: "$5.00", "5,00 €" and "5" are "5"."""
    return f"{parse_amount(text):f}".rstrip("0").rstrip(".")


def numbers(text: str) -> set[str]:
    """The numbers a text states, normalised (`normal`)."""
    return {normal(n) for n in NUMBER_TEXT.findall(text)}


def occurrences(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each number of a text, normalised, with its roles (module docstring), in order."""
    found = list(NUMBER_TEXT.finditer(text))
    own = [_roles(text, m, found[i - 1].end() if i else 0) for i, m in enumerate(found)]
    # a list shares the roles of its members: "40, 42, 44, 46" after "sizes", "7 to 9 days"
    group: list[int] = []
    groups: list[list[int]] = []
    for i, m in enumerate(found):
        if group and _JOINER.fullmatch(text[found[i - 1].end():m.start()]):
            group.append(i)
        else:
            group = [i]
            groups.append(group)
    roles = list(own)
    for members in groups:
        shared = frozenset().union(*(own[i] - {"count"} for i in members)) if len(members) > 1 else None
        for i in members:
            roles[i] = (own[i] | shared) if shared is not None else own[i]
    return [(normal(m.group()), roles[i]) for i, m in enumerate(found)]


def question_roles(question: str) -> frozenset[str]:
    """The roles a question asks a number to have: "how many lumens" a light, "how heavy" a
    weight, "how many drawers" a count, "whats the warranty" a warranty."""
    asked: set[str] = set()
    if not re.search(r"\b(?:how|what|whats|which)\b", question, re.I):
        return frozenset()  # "can u guarantee it by friday?" asks for no number
    many = re.search(r"\bhow many (\w+)", question, re.I)
    if many:
        asked.add(_unit(many.group(1)) or "count")
    if re.search(r"\bhow heavy\b|\bweigh", question, re.I):
        asked.add("weight")
    for pattern, role in _KINDS:
        if role in ("warranty", "runtime", "list price", "identifier") and pattern.search(question):
            asked.add(role)
    return frozenset(asked)


def unsupported_role(body: str, fact_texts: Iterable[str], question: str = "") -> str:
    """The first number of a reply that the facts hold only in other roles, with the role
    ("4227 as count"); empty when every number is used as a fact uses it."""
    known: dict[str, list[frozenset[str]]] = {}
    for text in fact_texts:
        for value, roles in occurrences(text):
            known.setdefault(value, []).append(roles)
    asked = question_roles(question) if question else frozenset()
    in_question = numbers(question)
    for value, roles in occurrences(body):
        if value not in known:
            continue  # an unknown number is the guard's own finding
        # a bare number answers what is asked, unless the question holds it ("the Desk 140x70"):
        # as what the facts call it, or where they call it nothing either
        bare = not roles
        roles = roles or (asked if value not in in_question else roles)
        if roles and not any(roles <= held or (bare and not held) for held in known[value]):
            return f"{value} as {', '.join(sorted(roles - frozenset().union(*known[value])) or roles)}"
    return ""


def _roles(text: str, match: re.Match, start: int) -> frozenset[str]:
    """The roles of one number: its unit, the kind word that introduces it, a count."""
    before, after = text[start:match.start()], text[match.end():match.end() + 48]
    if re.match(r":\d{2}", after) or re.search(r"\d:$", text[:match.start()]):
        return frozenset({"clock"})  # "12:00 noon"
    roles = set()
    if match.group()[0] in "$€£" or re.search(r"[$€£]\s?$", before) or re.match(r"\s?[$€£]", after):
        roles.add("money")
    end = _CLAUSE_END.search(after)
    after = after[:end.start()] if end else after
    first = re.match(r"(\s?)-?\s?([a-z\"“”″%°]+)", after, re.I)
    unit, rest = None, after
    if first and not _PREPOSITION_IN.match(after):  # "30 in stock", "arrives in a week": no inches
        unit, rest = _unit(first.group(2)), after[first.end():]
        second = re.match(r"\s+([a-z]+)", rest, re.I)
        if not unit and second and first.group(2).lower() not in _NOT_COUNTED:
            unit = _unit(second.group(1))  # "9 business days", "2 m USB cable"
            rest = rest[second.end():]
        rest = rest if unit else after
    if unit:
        roles.add(unit)
    elif first and first.group(1) and first.group(2).lower() not in _NOT_COUNTED and "money" not in roles:
        roles.add("count")  # "4227 LED light bulbs", "2 AA batteries"
    kind = _kind_after(rest)
    if kind:
        roles.add(kind)
    clause = re.split(r"[.;!?](?:\s|$)|\n|\]", before)[-1]
    for pattern, role in _KINDS:
        for m in pattern.finditer(clause):
            # the kind word introduces this number ("warranty: 242 lbs", "weighs 47 in",
            # "the price is $50"); "burn time on the Industrial 310 Lumen ..." does not
            gap = clause[m.end():]
            if not _shadowed(clause, m) and (_LABEL_GAP.fullmatch(gap) or all(
                    w.lower() in _FILLER for w in re.findall(r"[a-z']+", gap, re.I))):
                roles.add(role)
    return frozenset(roles)


# The rest of a record's label after its kind word: "number of drawers: 4".
_LABEL_GAP = re.compile(r"[a-z' -]{0,25}:\s*", re.I)
# Words that may stand between a kind word and the number it introduces.
_FILLER = frozenset("""is are was were be been of at about around approximately approx roughly only
just a an the its it has have had with for by from than up to rated""".split())


def _kind_after(rest: str) -> str | None:
    """A kind noun right after a number and its unit: "4000 pound weight capacity", "3-hour
    battery backup", "50 or more", "20 in stock" (a verb after it, "47 in weighs", is a claim
    of the words before)."""
    m = _KIND_AFTER.match(rest.lstrip(" -"))
    return next((role for pattern, role in _KINDS if pattern.fullmatch(m.group())), None) if m else None


_KIND_AFTER = re.compile(r"(?:(?:weight|load|max(?:imum)?|seating|storage) )?capacity\b|battery (?:life|backup)\b|"
                         r"burn time\b|run ?time\b|life\b|warranty\b|guarantee\b|weight\b|or (?:more|less)\b|"
                         r"minimum\b|maximum\b|in stock\b|left\b", re.I)
# "in" after a number that is no inch: "30 in stock", "in a week", "in black".
_PREPOSITION_IN = re.compile(r"\s?in\s+(?:stock|total|the|a|an|your|our|my|their|this|that|each|all|one|"
                             r"two|three|sizes?|colou?rs?|[a-z]+ing)\b", re.I)


def _shadowed(text: str, m: re.Match) -> bool:
    """A kind word that is part of a longer kind phrase of another role ("weight" in "weight
    capacity", "price" in "regular price")."""
    for pattern, _ in _KINDS:
        for other in pattern.finditer(text):
            if other.start() <= m.start() and other.end() >= m.end() and (other.end() - other.start()) > (
                    m.end() - m.start()):
                return True
    return False


def _unit(word: str) -> str | None:
    return next((role for pattern, role in _UNITS if pattern.match(word)), None)


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_COST_WORD = re.compile(r"\b(?:costs?|cost of|price[ds]?|priced at|fees?|charges?|surcharges?)\b", re.I)
_PRICE_CLAIM = re.compile(rf"{_COST_WORD.pattern}(?:\W+[a-z]+){{0,2}}?\W+({NUMBER_TEXT.pattern})", re.I)


def unsupported_price(body: str, facts: Sequence[Fact]) -> str:
    """An amount the reply calls a cost, price or fee ("The cost is $50") that no fact sentence
    holding a cost word states: "Spend $50 or more - shipping is free!" names a threshold, not
    a cost. Empty when every such amount is one."""
    priced = {normal(n) for f in facts for s in _SENTENCE.split(f.text) if _COST_WORD.search(s)
              for n in NUMBER_TEXT.findall(s)}
    return next((m.group(1) for m in _PRICE_CLAIM.finditer(body)
                 if normal(m.group(1)) not in priced), "")


_FREE = re.compile(r"\b(?:free|no charge|at no cost)\b", re.I)


def drops_condition(body: str, facts: Sequence[Fact]) -> str:
    """The first sentence of a reply that calls something free where no fact does, or where
    every fact sentence that does so names an amount (the threshold: "free on orders over $50", "free from 150.00 EUR")
    and the reply's sentence names none: "Shipping is free!" promises it for every order."""
    frees = [s for f in facts for s in _SENTENCE.split(f.text) if _FREE.search(s)]
    if not frees:  # free is a claim like a price: "Returns are free" needs a fact that says so
        return next((s.strip() for s in _SENTENCE.split(body) if _FREE.search(s)), "")
    if not all(NUMBER_TEXT.search(s) for s in frees):
        return ""
    return next((s.strip() for s in _SENTENCE.split(body) if _FREE.search(s) and not NUMBER_TEXT.search(s)), "")
